/**
 * One cycle per account at a time, whoever runs it: the worker's queued jobs and `rapport run --once` take the same
 * lock. On Postgres it is a session advisory lock on a connection outside the query pool, held for the cycle and
 * released at its end (the connection is kept for the next cycle's lock: database.ts dedicatedSession), so replicas
 * and one-off runs exclude each other, and a process that dies (SIGKILL) lets go at once with its connections. The
 * holder pings that connection as it works; should it break, the lock may be gone, and `onLost` tells the cycle to
 * stop. A lock that cannot be released closes its connection, which releases it. The embedded database serves one
 * process (db/data-dir-lock.ts), so there the lock is this process's own.
 */
import type { Clock } from "../clock.js";
import { RENEW_EVERY_MS } from "../domain/time-budget.js";
import type { DatabaseHandle } from "./database.js";

const held = new WeakMap<object, Set<number>>();

type Locked<T> = { held: true; value: T } | { held: false };

export async function withAccountLock<T>(
  handle: DatabaseHandle,
  clock: Clock,
  accountId: number,
  onLost: (why: string) => void,
  work: () => Promise<T>,
): Promise<Locked<T>> {
  // In-process first: two cycles of one process never share the lock connection's session.
  const mine = held.get(handle.db) ?? new Set<number>();
  held.set(handle.db, mine);
  if (mine.has(accountId)) return { held: false };
  mine.add(accountId);
  try {
    if (!handle.dedicatedSession) return { held: true, value: await work() };
    const session = await handle.dedicatedSession();
    // Until the lock is known released, the connection is closed rather than kept: closing releases whatever it held.
    let clean = false;
    try {
      const key = "hashtext(current_schema() || ':account-cycle'), $1::integer";
      const got = await session.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${key}) AS got`, [accountId]);
      if (!got[0]?.got) {
        clean = true;
        return { held: false };
      }
      const stop = clock.every(RENEW_EVERY_MS, async () => {
        try {
          await session.query("SELECT 1");
        } catch {
          onLost("the connection holding the account's lock broke");
        }
      });
      try {
        return { held: true, value: await work() };
      } finally {
        stop();
        const released = await session
          .query<{ released: boolean }>(`SELECT pg_advisory_unlock(${key}) AS released`, [accountId])
          .catch(() => []);
        clean = released[0]?.released === true;
      }
    } finally {
      session.release(!clean);
    }
  } finally {
    mine.delete(accountId);
  }
}
