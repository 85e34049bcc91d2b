/**
 * The only module that reads process.env (and the `.env` file beside it). `readEnv()` collects raw strings;
 * `envToConfig()` validates them (zod) into one typed Config. Tests build a Config directly with `makeConfig()` and
 * never touch the env.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { z } from "zod";

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

const ENV_NAMES = [
  "DATABASE_URL",
  "RAPPORT_DATA_DIR",
  "RAPPORT_SECRET_KEY",
  "RAPPORT_SECRET_KEYS_OLD",
  "RAPPORT_LOG_LEVEL",
  "RAPPORT_TEMPLATES_DIR",
  "RAPPORT_DRY_RUN",
  "RAPPORT_SYNC_INTERVAL_MINUTES",
  "RAPPORT_LOOKBACK_DAYS",
  "RAPPORT_LOOKAHEAD_DAYS",
  "RAPPORT_GMAIL_UNITS_PER_MINUTE",
  "RAPPORT_OUTLOOK_REQUESTS_PER_MINUTE",
  "RAPPORT_HOST",
  "RAPPORT_PORT",
  "RAPPORT_PUBLIC_URL",
  "RAPPORT_ADMIN_TOKEN",
  "GOOGLE_CLIENT_ID",
  "GOOGLE_CLIENT_SECRET",
  "GOOGLE_API_ROOT_URL",
  "GOOGLE_OAUTH_AUTH_URL",
  "GOOGLE_OAUTH_TOKEN_URL",
  "MICROSOFT_CLIENT_ID",
  "MICROSOFT_CLIENT_SECRET",
  "MICROSOFT_TENANT",
  "MICROSOFT_GRAPH_URL",
  "MICROSOFT_LOGIN_URL",
] as const;

type EnvName = (typeof ENV_NAMES)[number];
type RawEnv = Partial<Record<EnvName, string>>;

/**
 * Reads the variables Rapport knows, and nothing else: from the process environment, then from the `.env` file in
 * the working directory (the README's `cp .env.example .env`) for those the environment leaves unset. The
 * environment wins, as with every dotenv loader. Empty strings count as unset.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env, dotEnvFile: string | null = ".env"): RawEnv {
  const fromFile = dotEnvFile === null ? {} : readDotEnv(path.resolve(dotEnvFile));
  const env: RawEnv = {};
  for (const name of ENV_NAMES) {
    const value = [source[name], fromFile[name]].find((v) => v !== undefined && v.trim() !== "");
    if (value !== undefined) env[name] = value.trim();
  }
  return env;
}

/** The variables of a dotenv file (Node's own parser: quotes, comments, `export`), or none when there is no file. */
function readDotEnv(file: string): NodeJS.Dict<string> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  return parseEnv(text);
}

/**
 * The V8 flags a worker on the embedded database runs with (cli/embedded-flags.ts): V8's optimising compiler, compiling
 * PGlite's WebAssembly as it gets hot, takes hundreds of MB for a few seconds (`--liftoff-only` keeps the baseline
 * compiler's code, no slower on the database's work), and without caps V8 lets garbage grow the heap to ~160 MB while
 * the live heap stays near 50 MB. A young generation of 4 MB semi-spaces rather than 8 took the embedded backfill of
 * 22,000 messages from 247 – 250 to 241 – 242 MB in alternated runs, same wall time. Measured: README "Memory".
 */
export const EMBEDDED_NODE_FLAGS = ["--max-semi-space-size=4", "--max-old-space-size=96", "--liftoff-only"] as const;

/**
 * On Postgres: the Docker image's small young generation (Dockerfile NODE_OPTIONS; V8 grows it to 64 MB otherwise),
 * and an old generation sized for a worker rather than for the machine: with V8's default (a quarter of the memory)
 * it let garbage grow the heap to ~170 MB before its first full collection, live heap ~60 MB (the Outlook backfill
 * peaked at 267 – 280 MB; 192 – 196 MB with the cap, same CPU). A worker serving many more accounts than the
 * 1,000 of bench:fleet can be given more with its own `--max-old-space-size` (README "Memory").
 */
export const POSTGRES_NODE_FLAGS = ["--max-semi-space-size=16", "--max-old-space-size=256"] as const;

/** The commands that run the worker's cycles (and so the embedded database's heaviest work). */
const WORKER_COMMANDS = new Set(["start", "run"]);

/**
 * glibc's allocator, as a worker (either database) runs with it: freed memory at the top of a heap is given back to
 * the system from 128 kB on, instead of the adaptive threshold that grows to 32 MB once large blocks have been freed
 * (V8's compiler zones and its background threads free such blocks all the time). The embedded backfill of 22,000
 * messages peaked at 238 – 242 MB without it, 224 – 225 MB with it, same CPU (one arena instead: 223 MB; README
 * "Memory"). Ignored by other C libraries (musl).
 */
export const WORKER_MALLOC_ENV = { MALLOC_TRIM_THRESHOLD_: "131072" } as const;

/** The allocator settings a worker command still lacks in `source` (a value already set, whatever it is, is kept). */
export function missingWorkerEnvironment(
  command: string | undefined,
  source: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  if (command === undefined || !WORKER_COMMANDS.has(command)) return {};
  return Object.fromEntries(Object.entries(WORKER_MALLOC_ENV).filter(([name]) => source[name] === undefined));
}

/**
 * The environment a worker command re-runs itself with (cli/embedded-flags.ts): this one plus the allocator settings
 * it lacks; null when it lacks none.
 */
export function workerEnvironment(command: string | undefined): NodeJS.ProcessEnv | null {
  const missing = missingWorkerEnvironment(command);
  return Object.keys(missing).length === 0 ? null : { ...process.env, ...missing };
}

/**
 * The V8 flags this process still lacks when `command` is a worker command: EMBEDDED_NODE_FLAGS on the embedded
 * database (no DATABASE_URL, in the environment or .env), POSTGRES_NODE_FLAGS on Postgres; none for other commands. A
 * flag already given, on the command line or in NODE_OPTIONS, with whatever value, is left as it is.
 */
export function missingEmbeddedNodeFlags(
  command: string | undefined,
  execArgv: readonly string[],
  source: NodeJS.ProcessEnv = process.env,
  dotEnvFile: string | null = ".env",
): string[] {
  if (command === undefined || !WORKER_COMMANDS.has(command)) return [];
  let flags: readonly string[];
  try {
    flags = readEnv(source, dotEnvFile).DATABASE_URL ? POSTGRES_NODE_FLAGS : EMBEDDED_NODE_FLAGS;
  } catch {
    return []; // an unreadable .env: the command itself says so
  }
  const given = [...execArgv, ...(source.NODE_OPTIONS ?? "").split(/\s+/)].map((f) => f.split("=")[0]);
  return flags.filter((flag) => !given.includes(flag.split("=")[0]));
}

const url = (what: string) =>
  z.url({ message: `expected ${what}, e.g. https://host/path` }).transform((v) => v.replace(/\/+$/, ""));

const postgresUrl = z.string().refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v) && URL.canParse(v), {
  message: "expected a postgres:// URL, e.g. postgres://user:password@host:5432/rapport",
});

const secretKey = z.string().refine((v) => decodeKey(v) !== null, {
  message: "expected 32 random bytes as 64 hex characters or base64 (generate one with: openssl rand -hex 32)",
});

const intIn = (min: number, max: number) =>
  z.coerce
    .number({ message: `expected a whole number between ${min} and ${max}` })
    .int({ message: `expected a whole number between ${min} and ${max}` })
    .min(min, { message: `expected a whole number between ${min} and ${max}` })
    .max(max, { message: `expected a whole number between ${min} and ${max}` });

const bool = z
  .enum(["1", "0", "true", "false", "yes", "no"], { message: "expected 1 or 0" })
  .transform((v) => v === "1" || v === "true" || v === "yes");

const schema = z.object({
  DATABASE_URL: postgresUrl.optional(),
  RAPPORT_DATA_DIR: z.string().default("./data"),
  RAPPORT_SECRET_KEY: secretKey.optional(),
  RAPPORT_SECRET_KEYS_OLD: z
    .string()
    .refine((v) => v.split(",").every((k) => decodeKey(k.trim()) !== null), {
      message: "expected a comma-separated list of retired keys, each 64 hex characters or base64 of 32 bytes",
    })
    .optional(),
  RAPPORT_LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  RAPPORT_TEMPLATES_DIR: z.string().optional(),
  RAPPORT_DRY_RUN: bool.default(false),
  RAPPORT_SYNC_INTERVAL_MINUTES: intIn(1, 1440).default(5),
  RAPPORT_LOOKBACK_DAYS: intIn(1, 3650).default(365),
  RAPPORT_LOOKAHEAD_DAYS: intIn(1, 365).default(60),
  RAPPORT_GMAIL_UNITS_PER_MINUTE: intIn(60, 1_200_000).default(30_000),
  RAPPORT_OUTLOOK_REQUESTS_PER_MINUTE: intIn(1, 1_000).default(1_000),
  RAPPORT_HOST: z.string().default("127.0.0.1"),
  RAPPORT_PORT: intIn(0, 65535).default(8787),
  RAPPORT_PUBLIC_URL: url("the URL users open the web page at").optional(),
  RAPPORT_ADMIN_TOKEN: z.string().min(16, { message: "expected at least 16 characters" }).optional(),
  GOOGLE_CLIENT_ID: z.string().optional(),
  GOOGLE_CLIENT_SECRET: z.string().optional(),
  GOOGLE_API_ROOT_URL: url("the Google API root").default("https://gmail.googleapis.com"),
  GOOGLE_OAUTH_AUTH_URL: url("Google's OAuth authorize URL").default("https://accounts.google.com/o/oauth2/v2/auth"),
  GOOGLE_OAUTH_TOKEN_URL: url("Google's OAuth token URL").default("https://oauth2.googleapis.com/token"),
  MICROSOFT_CLIENT_ID: z.string().optional(),
  MICROSOFT_CLIENT_SECRET: z.string().optional(),
  MICROSOFT_TENANT: z.string().default("common"),
  MICROSOFT_GRAPH_URL: url("the Microsoft Graph root").default("https://graph.microsoft.com/v1.0"),
  MICROSOFT_LOGIN_URL: url("the Microsoft identity platform URL").default("https://login.microsoftonline.com"),
});

export interface Config {
  /** Postgres connection string; null = embedded PGlite under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  /** AES-256 key for tokens at rest (current); null until configured. */
  secretKey: Buffer | null;
  /** Retired keys still accepted for decryption (key rotation). */
  oldSecretKeys: Buffer[];
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  templatesDir: string | null;
  dryRun: boolean;
  syncIntervalMinutes: number;
  lookbackDays: number;
  lookaheadDays: number;
  /**
   * Ceilings of the adaptive pacing per account: Gmail quota units per minute (pacing starts at Google's
   * published 15,000, or here when lower, and climbs while Google accepts) and Graph requests per minute.
   */
  pacing: { gmailUnitsPerMinute: number; outlookRequestsPerMinute: number };
  web: { host: string; port: number; publicUrl: string | null; adminToken: string | null };
  google: {
    clientId: string | null;
    clientSecret: string | null;
    apiRootUrl: string;
    authUrl: string;
    tokenUrl: string;
  };
  microsoft: {
    clientId: string | null;
    clientSecret: string | null;
    tenant: string;
    graphUrl: string;
    loginUrl: string;
  };
}

/** Validates raw env strings. Throws ConfigError naming the variable and what is expected. */
export function envToConfig(env: RawEnv): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const value = env[name as EnvName];
    const shown =
      name.includes("SECRET") || name.includes("TOKEN") || name === "DATABASE_URL" ? "" : ` (got "${value}")`;
    throw new ConfigError(`${name}: ${issue?.message ?? "invalid value"}${value === undefined ? "" : shown}`);
  }
  const e = parsed.data;
  return {
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(e.RAPPORT_DATA_DIR),
    secretKey: e.RAPPORT_SECRET_KEY ? decodeKey(e.RAPPORT_SECRET_KEY) : null,
    oldSecretKeys: (e.RAPPORT_SECRET_KEYS_OLD ?? "")
      .split(",")
      .filter((k) => k.trim() !== "")
      .map((k) => decodeKey(k.trim()) as Buffer),
    logLevel: e.RAPPORT_LOG_LEVEL,
    templatesDir: e.RAPPORT_TEMPLATES_DIR ? path.resolve(e.RAPPORT_TEMPLATES_DIR) : null,
    dryRun: e.RAPPORT_DRY_RUN,
    syncIntervalMinutes: e.RAPPORT_SYNC_INTERVAL_MINUTES,
    lookbackDays: e.RAPPORT_LOOKBACK_DAYS,
    lookaheadDays: e.RAPPORT_LOOKAHEAD_DAYS,
    pacing: {
      gmailUnitsPerMinute: e.RAPPORT_GMAIL_UNITS_PER_MINUTE,
      outlookRequestsPerMinute: e.RAPPORT_OUTLOOK_REQUESTS_PER_MINUTE,
    },
    web: {
      host: e.RAPPORT_HOST,
      port: e.RAPPORT_PORT,
      publicUrl: e.RAPPORT_PUBLIC_URL ?? null,
      adminToken: e.RAPPORT_ADMIN_TOKEN ?? null,
    },
    google: {
      clientId: e.GOOGLE_CLIENT_ID ?? null,
      clientSecret: e.GOOGLE_CLIENT_SECRET ?? null,
      apiRootUrl: e.GOOGLE_API_ROOT_URL,
      authUrl: e.GOOGLE_OAUTH_AUTH_URL,
      tokenUrl: e.GOOGLE_OAUTH_TOKEN_URL,
    },
    microsoft: {
      clientId: e.MICROSOFT_CLIENT_ID ?? null,
      clientSecret: e.MICROSOFT_CLIENT_SECRET ?? null,
      tenant: e.MICROSOFT_TENANT,
      graphUrl: e.MICROSOFT_GRAPH_URL,
      loginUrl: e.MICROSOFT_LOGIN_URL,
    },
  };
}

/** Config for tests and embedded tools: defaults plus overrides, no environment involved. */
export function makeConfig(overrides: RawEnv = {}): Config {
  return envToConfig(overrides);
}

/** Commands that store or read tokens call this: a clear error when the key is missing. */
export function requireSecretKey(config: Config): Buffer {
  if (!config.secretKey) {
    throw new ConfigError(
      "RAPPORT_SECRET_KEY is not set: tokens are encrypted at rest with it. Generate one with `openssl rand -hex 32` and put it in your .env",
    );
  }
  return config.secretKey;
}

function decodeKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, "hex");
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const buf = Buffer.from(value, "base64");
    return buf.length === 32 ? buf : null;
  }
  return null;
}
