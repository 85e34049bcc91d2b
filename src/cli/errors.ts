/**
 * Turns failures into the command-line contract: one line on stderr, a non-zero exit, no stack trace for errors
 * the user can fix (bad config, unreachable database, bad arguments). Unexpected errors show their stack only
 * with RAPPORT_LOG_LEVEL=debug.
 */
import { stackTracesWanted } from "../app/compose.js";
import { ConfigError } from "../config.js";
import { TokenCipherError } from "../crypto/token-cipher.js";
import { DatabaseError } from "../db/database.js";

/** An error in what the user asked for (arguments, files): printed as one line. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;

function isUserError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof ConfigError ||
    error instanceof DatabaseError ||
    error instanceof TokenCipherError
  );
}

export function reportError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split("\n")[0] ?? message;
  stderr.write(`rapport: ${firstLine}\n`);
  if (!isUserError(error) && stackTracesWanted() && error instanceof Error && error.stack) {
    stderr.write(`${error.stack}\n`);
  }
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

/** Wraps a commander action so any throw becomes the one-line contract. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      process.exitCode = reportError(error);
    }
  };
}
