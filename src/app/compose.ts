/** The composition root for commands: environment → config → context with the real provider adapters. */
import { type Config, envToConfig, readEnv, requireSecretKey } from "../config.js";
import { type AppContext, type ContextOverrides, createContext } from "../context.js";
import { createProviderFactory } from "./provider-wiring.js";

export function loadConfig(): Config {
  return envToConfig(readEnv());
}

export interface OpenOptions extends ContextOverrides {
  /** Fail early with a clear message when RAPPORT_SECRET_KEY is missing (commands that touch tokens). */
  requireSecretKey?: boolean;
  config?: Config;
}

export async function openContext(options: OpenOptions = {}): Promise<AppContext> {
  const config = options.config ?? loadConfig();
  if (options.requireSecretKey) requireSecretKey(config);
  return createContext(config, { providers: createProviderFactory, ...options });
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
