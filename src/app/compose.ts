/**
 * The composition root: the one place that knows every concrete piece. Environment → config → context: the
 * database (migrated), the logger, the clock, the token cipher, and the provider wiring (an adapter per account
 * from the configured endpoints and its stored tokens; the consent flows). Every entrypoint gets its context here —
 * each CLI command, `rapport start`, the sandbox demo — and nothing below it reads the environment or opens tokens.
 */
import { type Clock, systemClock } from "../clock.js";
import { type Config, envToConfig, readEnv, requireSecretKey } from "../config.js";
import type { AppContext, ContextBase, ProviderFactory } from "../context.js";
import { TokenCipher } from "../crypto/token-cipher.js";
import { type DatabaseHandle, openDatabase } from "../db/database.js";
import { migrateOrThrow } from "../db/migrate.js";
import { createLogger, type Logger } from "../logger.js";
import { consentFlows } from "./consent.js";
import { providerFactory, type Wiring } from "./provider-wiring.js";

/** The configuration from the environment (throws a ConfigError naming the variable). */
export function loadConfig(): Config {
  return envToConfig(readEnv());
}

/** Whether unexpected errors should show their stack (RAPPORT_LOG_LEVEL=debug), read even when config is invalid. */
export function stackTracesWanted(): boolean {
  return readEnv().RAPPORT_LOG_LEVEL === "debug";
}

interface ContextOverrides {
  database?: DatabaseHandle;
  log?: Logger;
  clock?: Clock;
  signal?: AbortSignal;
  /** Replaces or wraps the real provider factory (tests pass fakes; the demo adds a progress bar). */
  providers?: (real: ProviderFactory, base: ContextBase) => ProviderFactory;
  /** Apply pending migrations while opening (default true). */
  migrate?: boolean;
}

export async function createContext(config: Config, overrides: ContextOverrides = {}): Promise<AppContext> {
  const log = overrides.log ?? createLogger({ level: config.logLevel });
  const database =
    overrides.database ??
    (await openDatabase({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      onPoolError: (error) => log.warn({ err: error }, "an idle database connection broke; the pool opens a new one"),
    }));
  if (overrides.migrate !== false) await migrateOrThrow(database);
  const cipher = config.secretKey ? new TokenCipher(config.secretKey, config.oldSecretKeys) : null;
  const base: ContextBase = {
    db: database.db,
    database,
    config,
    log,
    clock: overrides.clock ?? systemClock,
    signal: overrides.signal ?? new AbortController().signal,
    sealer: cipher,
  };
  const wiring: Wiring = { ...base, cipher };
  const real = providerFactory(wiring);
  return {
    ...base,
    providers: overrides.providers ? overrides.providers(real, base) : real,
    consent: consentFlows(wiring),
  };
}

interface OpenOptions extends ContextOverrides {
  /** Fail early with a clear message when RAPPORT_SECRET_KEY is missing (commands that touch tokens). */
  requireSecretKey?: boolean;
  config?: Config;
}

/** The context from the environment (or the given config). */
export async function openContext(options: OpenOptions = {}): Promise<AppContext> {
  const config = options.config ?? loadConfig();
  if (options.requireSecretKey) requireSecretKey(config);
  return createContext(config, options);
}

/** Opens a context, runs `fn`, always closes the database. */
export async function withContext<T>(options: OpenOptions, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(options);
  try {
    return await fn(ctx);
  } finally {
    await ctx.database.close();
  }
}
