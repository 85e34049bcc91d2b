/**
 * Opens the database: Postgres through `pg` when DATABASE_URL is set, otherwise the embedded PGlite (Postgres in
 * WebAssembly) under the data dir. Both speak the same SQL, so the same migrations and queries serve both.
 * Column parsing is made identical: int8 → number, date → "YYYY-MM-DD" string, timestamptz → Date.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import pg from "pg";
import { DataDirBusyError, lockDataDir } from "./data-dir-lock.js";
import { countingDialect, type QueryStats } from "./query-count.js";
import type { Database } from "./schema.js";

export type DatabaseKind = "pglite" | "postgres";

/** One transaction that can send a whole SQL script (several statements, dollar quotes and all) as it is. */
export interface ScriptTransaction {
  exec(script: string): Promise<void>;
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
}

export interface DedicatedSession {
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
  /**
   * Hands the connection back for the next session; `broken` (its state is unknown: a query failed, a lock could not
   * be released) closes it instead, which ends whatever its session held.
   */
  release(broken?: boolean): void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Where it lives, without credentials (for messages). */
  location: string;
  /** Runs `fn` in one transaction (committed when it resolves, rolled back when it throws): what migrations use. */
  scriptTransaction<T>(fn: (tx: ScriptTransaction) => Promise<T>): Promise<T>;
  /**
   * Postgres only: a connection outside the query pool, for a session-level lock held while work runs on the pool (a
   * lock on a pooled connection would starve the pool when many are held at once). The connections are kept for the
   * next session: opening one per session costs Postgres a backend process each time (a fleet's tick opened a
   * thousand).
   */
  dedicatedSession?: () => Promise<DedicatedSession>;
  /**
   * The embedded server itself (PGlite only), for the job queue: it keeps its tables in a schema of this same
   * database, as on Postgres. A second embedded server for the queue cost ~175 MB of resident memory.
   */
  pglite?: PGlite;
  /** Round trips made so far through `db` and the dedicated sessions (db/query-count.ts). */
  readonly stats: QueryStats;
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  override readonly name: string = "DatabaseError";
}

const INT8_OID = 20;
const DATE_OID = 1082;

interface OpenDatabaseOptions {
  /** postgres:// URL; null → PGlite. */
  url: string | null;
  /** PGlite data directory, or "memory://" for a throwaway database. */
  dataDir: string;
  /** Postgres schema to use as search_path (tests isolate per schema). */
  schema?: string;
  /** Pool size for Postgres. */
  maxConnections?: number;
  /**
   * A pooled connection that broke while idle (the server restarted, a proxy cut it): it is dropped from the pool
   * and the next query opens a new one; this hears about it. Default: one line on stderr.
   */
  onPoolError?: (error: Error) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options) : openPGlite(options.dataDir);
}

/**
 * The embedded server's memory: Postgres' default 128 MB of shared buffers are all resident in PGlite's WebAssembly
 * memory once touched. 8 MB holds a worker's working set: the tables' pages beyond it come from the operating
 * system's file cache, not from a disk (measured: 360 → 190 MB resident on opening with 16 MB; the 22,000-message
 * backfill peaked 10 – 12 MB lower with 8 MB than with 16 MB, in the same wall time; README "Memory").
 */
const PGLITE_SETTINGS = ["-c", "shared_buffers=8MB"];

async function openPGlite(dataDir: string): Promise<DatabaseHandle> {
  const memory = dataDir.startsWith("memory://");
  const dir = memory ? dataDir : path.join(dataDir, "pglite");
  if (!memory) await mkdir(dir, { recursive: true });
  let unlock = () => {};
  if (!memory) {
    try {
      unlock = lockDataDir(dataDir);
    } catch (cause) {
      if (cause instanceof DataDirBusyError) throw new DatabaseError(cause.message, { cause });
      throw cause;
    }
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dir, {
      startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
      parsers: { [INT8_OID]: (v: string) => Number(v), [DATE_OID]: (v: string) => v },
    });
  } catch (cause) {
    unlock();
    throw new DatabaseError(
      `cannot open the embedded database in ${dir}: ${(cause as Error).message}. Is another rapport process using it? (the embedded database allows one process; set DATABASE_URL for several)`,
      { cause },
    );
  }
  const stats: QueryStats = { queries: 0 };
  const db = new Kysely<Database>({ dialect: countingDialect(new PGliteDialect({ pglite: client }), stats) });
  return {
    db,
    stats,
    kind: "pglite",
    pglite: client,
    location: memory ? "in-memory PGlite" : `PGlite at ${dir}`,
    // PGlite's exec sends a script through the simple protocol; its query (Kysely's path) takes one statement.
    scriptTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (script) => void (await tx.exec(script)),
          query: async <R>(text: string, params?: unknown[]) => (await tx.query<R>(text, params)).rows,
        }),
      ),
    close: async () => {
      try {
        await db.destroy();
      } finally {
        unlock();
      }
    },
  };
}

/** Connections kept for dedicated sessions (db/account-lock.ts holds one per cycle running). */
const SESSION_CONNECTIONS = 64;

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const safe = redactUrl(url);
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") => {
      if (oid === INT8_OID) return (v: string) => Number(v);
      if (oid === DATE_OID) return (v: string) => v;
      return pg.types.getTypeParser(oid, format);
    }) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // A broken idle connection must not crash the process (the pool drops it; the next query opens another), but it
  // is said, not swallowed: a database going away should show in the log before the queries start failing.
  const onPoolError =
    options.onPoolError ??
    ((error: Error) => process.stderr.write(`rapport: an idle database connection broke: ${error.message}\n`));
  pool.on("error", (error) => onPoolError(error));
  try {
    const client = await pool.connect();
    client.release();
  } catch (cause) {
    await pool.end().catch(() => {});
    throw new DatabaseError(`cannot connect to DATABASE_URL (${safe}): ${describePgError(cause)}`, { cause });
  }
  const stats: QueryStats = { queries: 0 };
  const db = new Kysely<Database>({ dialect: countingDialect(new PostgresDialect({ pool }), stats) });
  const sessions = new pg.Pool({
    connectionString: url,
    // One per cycle running in this process (the worker's concurrency); more wait for one to come back.
    max: SESSION_CONNECTIONS,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // A broken session is noticed by its next query; the error event alone must not crash the process.
  sessions.on("error", (error) => onPoolError(error));
  return {
    db,
    stats,
    kind: "postgres",
    location: `Postgres at ${safe}`,
    scriptTransaction: (fn) => pgTransaction(pool, fn),
    dedicatedSession: async () => {
      const client = await sessions.connect();
      let released = false;
      return {
        query: async <R>(text: string, params?: unknown[]) => {
          stats.queries += 1;
          return (await client.query(text, params as unknown[] | undefined)).rows as R[];
        },
        release: (broken = false) => {
          if (released) return;
          released = true;
          client.release(broken);
        },
      };
    },
    close: async () => {
      try {
        await db.destroy();
      } finally {
        await sessions.end();
      }
    },
  };
}

/** A transaction on one pooled connection; a query without parameters goes over the simple protocol (a script). */
async function pgTransaction<T>(pool: pg.Pool, fn: (tx: ScriptTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query("BEGIN");
    const result = await fn({
      exec: async (script) => void (await client.query(script)),
      query: async <R>(text: string, params?: unknown[]) =>
        (await client.query(text, params as unknown[] | undefined)).rows as R[],
    });
    await client.query("COMMIT");
    return result;
  } catch (error) {
    failed = true;
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    // A connection that saw a failure is closed rather than handed back in an unknown state.
    client.release(failed);
  }
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

function describePgError(error: unknown): string {
  const e = error as { code?: string; message?: string };
  if (e.code === "ECONNREFUSED") return "connection refused — is Postgres running and listening there?";
  if (e.code === "ENOTFOUND") return "host not found — check the host name";
  if (e.code === "28P01" || e.code === "28000") return "authentication failed — check the user and password";
  if (e.code === "3D000") return "database does not exist — create it or fix the name";
  return e.message?.split("\n")[0] ?? String(error);
}
