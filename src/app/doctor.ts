/**
 * What `rapport doctor` checks: the pieces the composition root puts together — configuration, database,
 * migrations, the secret key (can it open every stored token?) and the provider credentials — each with how to fix
 * it. It lives with the root because it exercises the root's own steps, one by one, without stopping at the first.
 */
import type { Config } from "../config.js";
import { TokenCipher } from "../crypto/token-cipher.js";
import { listAccounts } from "../db/accounts.js";
import { type DatabaseHandle, openDatabase } from "../db/database.js";
import { schemaStatus } from "../db/migrate.js";
import { loadConfig as configFromEnvironment } from "./compose.js";

interface Check {
  ok: boolean;
  /** Warnings do not fail the run (e.g. a provider not configured when the user only uses the other). */
  warning?: boolean;
  what: string;
  fix?: string;
}

export async function runDoctor(loadConfig: () => Config = configFromEnvironment): Promise<Check[]> {
  const checks: Check[] = [];
  let config: Config;
  try {
    config = loadConfig();
    checks.push({ ok: true, what: "configuration is valid" });
  } catch (error) {
    checks.push({ ok: false, what: `configuration: ${(error as Error).message}`, fix: "see .env.example" });
    return checks;
  }
  checks.push(
    config.secretKey
      ? { ok: true, what: "RAPPORT_SECRET_KEY is set (tokens are encrypted at rest)" }
      : { ok: false, what: "RAPPORT_SECRET_KEY is not set", fix: "generate one: openssl rand -hex 32" },
  );
  const google = config.google.clientId && config.google.clientSecret;
  checks.push(
    google
      ? { ok: true, what: `Google OAuth client configured (API root ${config.google.apiRootUrl})` }
      : {
          ok: true,
          warning: true,
          what: "Google OAuth client not configured: Gmail accounts cannot connect",
          fix: "set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET (README: Google credentials)",
        },
  );
  const microsoft = config.microsoft.clientId && config.microsoft.clientSecret;
  checks.push(
    microsoft
      ? { ok: true, what: `Microsoft OAuth client configured (tenant ${config.microsoft.tenant})` }
      : {
          ok: true,
          warning: true,
          what: "Microsoft OAuth client not configured: Outlook accounts cannot connect",
          fix: "set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET (README: Microsoft credentials)",
        },
  );
  let database: DatabaseHandle | null = null;
  try {
    database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
    checks.push({ ok: true, what: `database reachable: ${database.location}` });
    const { pending, unknown } = await schemaStatus(database);
    checks.push(
      unknown.length > 0
        ? {
            ok: false,
            what: `the database was migrated by a newer Rapport (${unknown.length} migration(s) unknown to this version)`,
            fix: "upgrade this installation",
          }
        : pending.length === 0
          ? { ok: true, what: "database schema is current" }
          : { ok: false, what: `${pending.length} migration(s) not applied`, fix: "run: rapport migrate" },
    );
    if (pending.length === 0 && unknown.length === 0) await checkAccounts(database, config, checks);
  } catch (error) {
    checks.push({
      ok: false,
      what: (error as Error).message,
      fix: "check DATABASE_URL, or unset it to use the embedded database",
    });
  } finally {
    await database?.close();
  }
  return checks;
}

async function checkAccounts(database: DatabaseHandle, config: Config, checks: Check[]): Promise<void> {
  const accounts = await listAccounts(database.db);
  if (accounts.length === 0) {
    checks.push({
      ok: true,
      warning: true,
      what: "no account connected yet",
      fix: "run: rapport connect gmail (or outlook)",
    });
  }
  const cipher = config.secretKey ? new TokenCipher(config.secretKey, config.oldSecretKeys) : null;
  for (const account of accounts) {
    if (account.status === "needs_reauth") {
      checks.push({
        ok: false,
        what: `${account.address} (${account.provider}) needs re-authorisation: ${account.status_reason ?? "token revoked or expired"}`,
        fix: `run: rapport connect ${account.provider}`,
      });
    } else if (account.tokens_sealed && cipher) {
      try {
        cipher.open(account.tokens_sealed);
        checks.push({ ok: true, what: `${account.address} (${account.provider}): ${account.status}, tokens readable` });
      } catch (error) {
        checks.push({
          ok: false,
          what: `${account.address}: ${(error as Error).message}`,
          fix: "restore the key that sealed it (RAPPORT_SECRET_KEYS_OLD) or connect the account again",
        });
      }
    }
  }
}
