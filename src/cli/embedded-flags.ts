/**
 * A worker (`rapport start`, `rapport run`) runs with the V8 flags that keep its memory within bound (config.ts
 * EMBEDDED_NODE_FLAGS on the embedded database, POSTGRES_NODE_FLAGS on Postgres; README "Memory"): V8 reads them only
 * at start-up, so the command replaces its own process with `node <flags> <the same command>` (process.execve: same
 * pid, same stdio, nothing left behind), its environment given glibc's allocator settings (config.ts
 * WORKER_MALLOC_ENV) where it lacks them. Where Node cannot (Windows, or a Node without process.execve) it runs as it
 * was started.
 */
import { missingEmbeddedNodeFlags, workerEnvironment } from "../config.js";

/** `command`: the rapport command `argv` runs (default: its first word); the benchmarks name the one they stand for. */
export function reexecWithEmbeddedFlags(
  argv: readonly string[],
  command = argv.slice(2).find((a) => !a.startsWith("-")),
): void {
  const execve = process.execve;
  if (typeof execve !== "function") return;
  const missing = missingEmbeddedNodeFlags(command, process.execArgv);
  const environment = workerEnvironment(command);
  if (missing.length === 0 && environment === null) return;
  // The environment goes along, with the allocator's settings added where they were not set (config.ts).
  const args = [process.execPath, ...missing, ...process.execArgv, ...argv.slice(1)];
  execve(process.execPath, args, environment ?? undefined);
}
