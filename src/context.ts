/**
 * One context object carries what every job and command needs: database, config, logger, clock, the provider
 * factory, the token cipher and the shutdown signal. Jobs are plain functions of it.
 */
import { type Clock, systemClock } from "./clock.js";
import { type Config, requireSecretKey } from "./config.js";
import { TokenCipher } from "./crypto/token-cipher.js";
import { type DatabaseHandle, openDatabase } from "./db/database.js";
import { migrateOrThrow } from "./db/migrate.js";
import type { Account } from "./db/schema.js";
import type { MailProvider } from "./domain/provider-port.js";
import { createLogger, type Logger } from "./logger.js";

export type ProviderFactory = (account: Account) => MailProvider;
export type ContextBase = Omit<AppContext, "providers">;

export interface AppContext {
  readonly db: DatabaseHandle["db"];
  readonly database: DatabaseHandle;
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Null when RAPPORT_SECRET_KEY is unset (commands that need tokens call requireCipher). */
  readonly cipher: TokenCipher | null;
  /** Builds the provider adapter for an account (real Google/Graph clients, pointed at config endpoints). */
  readonly providers: ProviderFactory;
}

export interface ContextOverrides {
  database?: DatabaseHandle;
  log?: Logger;
  clock?: Clock;
  signal?: AbortSignal;
  /** Builds the provider factory from the rest of the context (the composition root passes the real one). */
  providers?: (base: ContextBase) => ProviderFactory;
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
}

export async function createContext(config: Config, overrides: ContextOverrides = {}): Promise<AppContext> {
  const log = overrides.log ?? createLogger({ level: config.logLevel });
  const database = overrides.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  if (overrides.migrate !== false) await migrateOrThrow(database.db);
  const cipher = config.secretKey ? new TokenCipher(config.secretKey, config.oldSecretKeys) : null;
  const base: ContextBase = {
    db: database.db,
    database,
    config,
    log,
    clock: overrides.clock ?? systemClock,
    signal: overrides.signal ?? new AbortController().signal,
    cipher,
  };
  const providers =
    overrides.providers?.(base) ??
    ((account: Account) => {
      throw new Error(`no provider adapter is configured for ${account.provider} accounts`);
    });
  return { ...base, providers };
}

export function requireCipher(ctx: Pick<AppContext, "config" | "cipher">): TokenCipher {
  if (ctx.cipher) return ctx.cipher;
  requireSecretKey(ctx.config);
  throw new Error("unreachable: secret key present but no cipher");
}
