/**
 * The one logger. JSON lines on stderr (or pretty when stderr is a terminal); tokens, authorization headers and
 * message bodies are redacted wherever they appear in a logged object. Subsystems take child loggers.
 */
import { type Logger, pino } from "pino";

export type { Logger } from "pino";

/** Paths pino censors. Wildcards cover one level of nesting, which is how we log (obj.field). */
const REDACTED_PATHS = [
  "accessToken",
  "refreshToken",
  "access_token",
  "refresh_token",
  "id_token",
  "tokens",
  "authorization",
  "Authorization",
  "password",
  "bodyText",
  "body",
  "text",
  "html",
  "raw",
  "*.accessToken",
  "*.refreshToken",
  "*.access_token",
  "*.refresh_token",
  "*.id_token",
  "*.tokens",
  "*.authorization",
  "*.Authorization",
  "*.bodyText",
  "*.body",
  "*.text",
  "*.html",
  "*.raw",
  "headers.authorization",
  "req.headers.authorization",
  "req.headers.cookie",
  "config.headers.Authorization",
];

interface LoggerOptions {
  level?: string;
  /** Where lines go; default stderr (stdout is for results). */
  destination?: NodeJS.WritableStream;
  pretty?: boolean;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? "info";
  const pretty = options.pretty ?? (options.destination === undefined && process.stderr.isTTY === true);
  const base = { level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" }, base: undefined };
  if (pretty) {
    return pino({
      ...base,
      transport: { target: "pino-pretty", options: { destination: 2, colorize: true, ignore: "pid,hostname" } },
    });
  }
  const destination = options.destination ?? pino.destination({ dest: 2, sync: true });
  return pino(base, destination as pino.DestinationStream);
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
