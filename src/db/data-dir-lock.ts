/**
 * The embedded database serves one process: PGlite itself would let two processes open the same folder, each with
 * its own view, and they would corrupt it. A lock file in the data folder names the holder (process id and host)
 * and is touched while it lives; another process refuses to open the folder until the holder has gone (its process
 * no longer exists on this host, or the file has not been touched for STALE_MS, e.g. a container that was replaced).
 */

import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

const LOCK_FILE = "rapport.lock";
const TOUCH_EVERY_MS = 10_000;
const STALE_MS = 45_000;

interface Holder {
  pid: number;
  host: string;
}

export class DataDirBusyError extends Error {
  override readonly name = "DataDirBusyError";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(file: string): { holder: Holder | null; ageMs: number } | null {
  try {
    const ageMs = Date.now() - statSync(file).mtimeMs;
    try {
      return { holder: JSON.parse(readFileSync(file, "utf8")) as Holder, ageMs };
    } catch {
      return { holder: null, ageMs };
    }
  } catch {
    return null;
  }
}

/** Whether the lock's holder is certainly gone. */
function stale(found: { holder: Holder | null; ageMs: number }): boolean {
  if (found.ageMs > STALE_MS) return true;
  const h = found.holder;
  if (!h) return false; // being written right now
  return h.host === hostname() && (h.pid === process.pid || !alive(h.pid));
}

/** Takes the data folder for this process; returns the release function. Throws DataDirBusyError when held. */
export function lockDataDir(dir: string): () => void {
  const file = path.join(dir, LOCK_FILE);
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() } satisfies Holder));
      closeSync(fd);
      const timer = setInterval(() => {
        const now = new Date();
        try {
          utimesSync(file, now, now);
        } catch {
          // The folder went away; nothing to keep.
        }
      }, TOUCH_EVERY_MS);
      timer.unref();
      return () => {
        clearInterval(timer);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const found = readHolder(file);
    if (found && !stale(found)) {
      const who = found.holder ? `process ${found.holder.pid} on ${found.holder.host}` : "another process";
      throw new DataDirBusyError(
        `the embedded database in ${dir} is in use by ${who}: stop it first, or set DATABASE_URL to share a Postgres between processes`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new DataDirBusyError(`could not take the lock file ${file}`);
}
