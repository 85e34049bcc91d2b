/**
 * Every database test runs on embedded PGlite, and also on real Postgres when TEST_DATABASE_URL is set. Each
 * test file gets its own database: a fresh in-memory PGlite, or its own Postgres schema (dropped on close).
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import pg from "pg";
import { describe } from "vitest";
import { type DatabaseHandle, type DatabaseKind, openDatabase } from "../../src/db/database.js";
import { migrateOrThrow } from "../../src/db/migrate.js";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

export function databaseKinds(): DatabaseKind[] {
  return TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export interface TestDatabase extends DatabaseHandle {
  /** Postgres schema name, or null for PGlite. */
  schema: string | null;
  /** For Postgres: the connection URL + schema, so other processes can join the same database. */
  url: string | null;
}

/** Opens an isolated, migrated database of the given kind. */
export async function openTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let schema: string | null = null;
  if (kind === "postgres") {
    if (!TEST_DATABASE_URL) throw new Error("TEST_DATABASE_URL is not set");
    schema = `t_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    handle = await openDatabase({ url: TEST_DATABASE_URL, dataDir: "unused", schema, maxConnections: 5 });
  } else {
    handle = await openDatabase({ url: null, dataDir: "memory://" });
  }
  if (options.migrate !== false) await migrateOrThrow(handle);
  const ownSchema = schema;
  return {
    ...handle,
    schema,
    url: TEST_DATABASE_URL && ownSchema ? withSearchPath(TEST_DATABASE_URL, ownSchema) : null,
    async close() {
      if (ownSchema)
        await sql
          .raw(`DROP SCHEMA IF EXISTS ${ownSchema} CASCADE`)
          .execute(handle.db)
          .catch(() => {});
      await handle.close();
    },
  };
}

/** A postgres URL whose connections use the given schema. */
export function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}

/** Runs the same suite once per available database kind. */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of databaseKinds()) {
    describe(`${name} [${kind}]`, () => suite(kind));
  }
}

type AccountTable = "messages" | "threads" | "meetings" | "contacts" | "drafts";

/** Row counts of an account's tables, to show that re-running a sync or cycle changed nothing. */
export async function countRows<T extends AccountTable>(
  db: DatabaseHandle["db"],
  accountId: number,
  tables: readonly T[],
): Promise<Record<T, number>> {
  const counts = {} as Record<T, number>;
  for (const table of tables) {
    const { rows } = await sql<{ n: string | number }>`
      SELECT count(*) AS n FROM ${sql.table(table)} WHERE account_id = ${accountId}`.execute(db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}
