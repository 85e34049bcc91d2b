/**
 * One cycle per account at a time, whoever runs it: the worker's queued jobs and `rapport run --once` take the same
 * lock. On Postgres it is a session advisory lock on a connection held for the cycle, so replicas and one-off runs
 * exclude each other, and a process that dies (SIGKILL) lets go at once with its connection. The holder pings that
 * connection as it works; should it break, the lock may be gone, and `onLost` tells the cycle to stop. The embedded
 * database serves one process (db/data-dir-lock.ts), so there the lock is this process's own.
 */
import { sql } from "kysely";
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
    if (handle.kind !== "postgres") return { held: true, value: await work() };
    return await handle.db.connection().execute(async (conn) => {
      const key = sql`hashtext(current_schema() || ':account-cycle'), ${accountId}::integer`;
      const got = await sql<{ got: boolean }>`SELECT pg_try_advisory_lock(${key}) AS got`.execute(conn);
      if (!got.rows[0]?.got) return { held: false } as const;
      const stop = clock.every(RENEW_EVERY_MS, async () => {
        try {
          await sql`SELECT 1`.execute(conn);
        } catch {
          onLost("the connection holding the account's lock broke");
        }
      });
      try {
        return { held: true, value: await work() } as const;
      } finally {
        stop();
        await sql`SELECT pg_advisory_unlock(${key})`.execute(conn).catch(() => {});
      }
    });
  } finally {
    mine.delete(accountId);
  }
}
