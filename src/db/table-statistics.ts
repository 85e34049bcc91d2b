/**
 * Table statistics on the embedded database. Postgres' autovacuum analyzes a table as it grows; PGlite runs no
 * autovacuum, so nothing does, and a plan Postgres keeps for the session goes on as it was first made. The one that
 * matters is the foreign-key check a message insert runs for its thread (`messages (account_id, thread_id)
 * REFERENCES threads`): made on the nearly empty `threads` of a first backfill it scans the table, and kept, it scans
 * the whole table again for every message written — a 100-message statement cost 25 ms at 2,500 stored messages and
 * 125 ms at 20,000 (an index lookup: ~8 ms at either). ANALYZE gives the table its statistics and makes Postgres plan
 * the check again. So, on PGlite, `threads` is analyzed whenever the messages written since it last was (by this
 * process) reach both MIN_GROWTH and the rows it then held: a handful of times in a backfill, ~10–20 ms each.
 */
import { sql } from "kysely";
import type { DatabaseHandle } from "./database.js";

/** Messages written before the first ANALYZE of a process (a cycle of an idle account never reaches it). */
const MIN_GROWTH = 1_000;

interface Growth {
  /** Messages written since the last ANALYZE (by this process). */
  written: number;
  /** The rows `threads` held at its last ANALYZE (pg_class.reltuples; null until read). */
  analyzedRows: number | null;
}

const growth = new WeakMap<DatabaseHandle, Growth>();

/**
 * Notes `inserted` messages written to `database` (committed) and, on PGlite, analyzes `threads` when those written
 * since its last ANALYZE reach both MIN_GROWTH and the rows it held then. Postgres' autovacuum does this itself: nothing is done there.
 */
export async function analyzeAsMailGrows(database: DatabaseHandle, inserted: number): Promise<void> {
  if (database.kind !== "pglite" || inserted <= 0) return;
  let state = growth.get(database);
  if (!state) {
    state = { written: 0, analyzedRows: null };
    growth.set(database, state);
  }
  state.written += inserted;
  if (state.written < MIN_GROWTH) return;
  state.analyzedRows ??= await analyzedRows(database);
  if (state.written < state.analyzedRows) return;
  await sql`ANALYZE threads`.execute(database.db);
  state.analyzedRows = await analyzedRows(database);
  state.written = 0;
}

/** The rows `threads` held at its last ANALYZE (0 before any). */
async function analyzedRows(database: DatabaseHandle): Promise<number> {
  const row = await sql<{ rows: number }>`SELECT greatest(reltuples, 0)::float8 AS rows FROM pg_class
    WHERE oid = 'threads'::regclass`.execute(database.db);
  return Number(row.rows[0]?.rows ?? 0);
}
