/**
 * Classification overrides for offline scans, kept in the classification_overrides table of the normal
 * database (the embedded PGlite under the data dir, or DATABASE_URL). The account is the 'offline' (or any)
 * account whose address or alias is one of --me. Reading never creates a database: a scan without one runs
 * with no overrides.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { loadConfig } from "../../app/compose.js";
import { findAccountByAddress } from "../../db/accounts.js";
import { openDatabase } from "../../db/database.js";
import { migrateOrThrow } from "../../db/migrate.js";
import type { Database } from "../../db/schema.js";
import type { ClassificationOverride, Direction } from "../../domain/engine-types.js";

function databaseExists(dataDir: string, url: string | null): boolean {
  return url !== null || existsSync(path.join(dataDir, "pglite"));
}

async function accountFor(db: Kysely<Database>, me: readonly string[]) {
  for (const a of me) {
    const found = await findAccountByAddress(db, a);
    if (found) return found;
  }
  return undefined;
}

/** Overrides recorded for one of `me`, or [] when there is no database (or it cannot be read). */
export async function loadOfflineOverrides(
  me: readonly string[],
  warn: (message: string) => void,
): Promise<ClassificationOverride[]> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch {
    return [];
  }
  if (!databaseExists(config.dataDir, config.databaseUrl)) return [];
  let handle: Awaited<ReturnType<typeof openDatabase>> | null = null;
  try {
    handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    const account = await accountFor(handle.db, me);
    if (!account) return [];
    const rows = await handle.db
      .selectFrom("classification_overrides")
      .selectAll()
      .where("account_id", "=", account.id)
      .execute();
    return rows.map((r) => ({
      threadKey: r.thread_key,
      informational: r.informational,
      direction: r.direction as Direction | null,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  } catch (e) {
    warn(`overrides not read (${(e as Error).message.split("\n")[0]}); scanning without them`);
    return [];
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Records an override (creating the offline account and the database when needed). */
export async function saveOfflineOverride(
  me: readonly string[],
  override: ClassificationOverride & { note?: string | null },
): Promise<{ location: string; accountId: number }> {
  const config = loadConfig();
  const handle = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateOrThrow(handle.db);
    let account = await accountFor(handle.db, me);
    if (!account) {
      const [primary, ...aliases] = me;
      account = await handle.db
        .insertInto("accounts")
        .values({ provider: "offline", address: primary ?? "", aliases })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    await handle.db
      .deleteFrom("classification_overrides")
      .where("account_id", "=", account.id)
      .where("thread_key", "=", override.threadKey)
      .execute();
    await handle.db
      .insertInto("classification_overrides")
      .values({
        account_id: account.id,
        thread_key: override.threadKey,
        informational: override.informational,
        direction: override.direction,
        note: override.note ?? null,
      })
      .execute();
    return { location: handle.location, accountId: account.id };
  } finally {
    await handle.close();
  }
}
