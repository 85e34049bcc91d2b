/**
 * Classification overrides for offline scans, kept in the classification_overrides table of the normal
 * database (the embedded PGlite under the data dir, or DATABASE_URL). The account is the 'offline' (or any)
 * account whose address or alias is one of --me. Reading never creates a database: a scan without one runs
 * with no overrides.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { loadConfig, withContext } from "../../app/compose.js";
import type { Config } from "../../config.js";
import { accountFor, overridesOf, saveOverride } from "../../db/classification-overrides.js";
import type { ClassificationOverride } from "../../domain/engine-types.js";

function databaseExists(config: Config): boolean {
  return config.databaseUrl !== null || existsSync(path.join(config.dataDir, "pglite"));
}

/** Overrides recorded for one of `me`, or [] when there is no database (or it cannot be read). */
export async function loadOfflineOverrides(
  me: readonly string[],
  warn: (message: string) => void,
): Promise<ClassificationOverride[]> {
  let config: Config;
  try {
    config = loadConfig();
  } catch {
    return [];
  }
  if (!databaseExists(config)) return [];
  try {
    return await withContext({ config, migrate: false }, async (ctx) => {
      const account = await accountFor(ctx.db, me);
      return account ? overridesOf(ctx.db, account.id) : [];
    });
  } catch (e) {
    warn(`overrides not read (${(e as Error).message.split("\n")[0]}); scanning without them`);
    return [];
  }
}

/** Records an override (creating the offline account and the database when needed). */
export async function saveOfflineOverride(
  me: readonly string[],
  override: ClassificationOverride & { note?: string | null },
): Promise<{ location: string; accountId: number }> {
  return withContext({}, async (ctx) => ({
    location: ctx.database.location,
    accountId: await saveOverride(ctx.db, me, override, ctx.clock.now()),
  }));
}
