/**
 * The migrator against real databases: files go to the server whole (a dollar-quoted body with semicolons at line
 * ends survives), a database migrated by a newer Rapport is refused before anything changes, and so is a server
 * older than the SQL needs. And the Postgres pool says when an idle connection breaks instead of swallowing it.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { makeConfig } from "../../src/config.js";
import { openDatabase } from "../../src/db/database.js";
import { MIN_SERVER_VERSION, migrate, migrateOrThrow, schemaStatus } from "../../src/db/migrate.js";
import { silentLogger } from "../../src/logger.js";
import { describeEachDatabase, openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../support/database.js";

const FUNCTION_MIGRATION = `-- A trigger function: semicolons at line ends inside dollar quotes.
CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL, touched integer NOT NULL DEFAULT 0);

CREATE FUNCTION notes_touch() RETURNS trigger AS $body$
BEGIN
  NEW.touched := OLD.touched + 1;
  RETURN NEW;
END;
$body$ LANGUAGE plpgsql;

CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION notes_touch();
`;

describeEachDatabase("migrator", (kind) => {
  let database: TestDatabase;
  let dir: string;
  beforeAll(async () => {
    database = await openTestDatabase(kind, { migrate: false });
    dir = await mkdtemp(path.join(tmpdir(), "rapport-migrations-"));
  });
  afterAll(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("sends each file whole: a plpgsql body with semicolons at line ends is applied as written", async () => {
    await writeFile(path.join(dir, "0001_notes.sql"), FUNCTION_MIGRATION);
    const result = await migrateOrThrow(database, { dir });
    expect(result.applied.map((m) => m.name)).toEqual(["notes"]);
    await sql`INSERT INTO notes (id, body) VALUES (1, 'a')`.execute(database.db);
    await sql`UPDATE notes SET body = 'b' WHERE id = 1`.execute(database.db);
    const { rows } = await sql<{ touched: number }>`SELECT touched FROM notes WHERE id = 1`.execute(database.db);
    expect(rows[0]?.touched).toBe(1);
  });

  it("a failing file leaves nothing of itself behind", async () => {
    await writeFile(path.join(dir, "0002_half.sql"), "CREATE TABLE half (id integer);\nSELECT no_such_function();\n");
    const result = await migrate(database, { dir });
    expect(result.error?.migration.name).toBe("half");
    const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('half')::text AS t`.execute(database.db);
    expect(rows[0]?.t).toBeNull();
    await rm(path.join(dir, "0002_half.sql"));
  });

  it("refuses a database a newer Rapport migrated, before changing anything", async () => {
    await sql`INSERT INTO rapport_migrations (id, name) VALUES (9001, 'from_the_future')`.execute(database.db);
    await writeFile(path.join(dir, "0003_more.sql"), "CREATE TABLE more (id integer);\n");
    const result = await migrate(database, { dir });
    expect(result.refused).toMatch(/migrated by a newer Rapport \(migration 9001 is unknown to this version\)/);
    expect(result.applied).toEqual([]);
    const { rows } = await sql<{ t: string | null }>`SELECT to_regclass('more')::text AS t`.execute(database.db);
    expect(rows[0]?.t).toBeNull();
    expect((await schemaStatus(database, dir)).unknown).toEqual([9001]);
    // Starting on it fails the same way, in one line.
    await expect(createContext(makeConfig(), { database, log: silentLogger() })).rejects.toThrow(/newer Rapport/);
    await sql`DELETE FROM rapport_migrations WHERE id = 9001`.execute(database.db);
  });

  it("checks the server's version before running SQL that needs a newer one", async () => {
    const result = await migrate(database, { dir, minServerVersion: 990_000 });
    expect(result.refused).toMatch(
      /^the database server is PostgreSQL \d+[.\d]*.*; Rapport needs PostgreSQL 99 or newer$/,
    );
    expect(result.applied).toEqual([]);
    expect(MIN_SERVER_VERSION).toBe(150_000);
  });
});

describe.runIf(TEST_DATABASE_URL)("the Postgres pool", () => {
  it("says when an idle connection breaks, and the next query opens a new one", async () => {
    const heard: Error[] = [];
    let said!: () => void;
    const saidOnce = new Promise<void>((r) => {
      said = r;
    });
    const handle = await openDatabase({
      url: TEST_DATABASE_URL,
      dataDir: "unused",
      maxConnections: 1,
      onPoolError: (error) => {
        heard.push(error);
        said();
      },
    });
    try {
      const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(handle.db);
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL as string });
      await admin.connect();
      await admin.query("SELECT pg_terminate_backend($1)", [rows[0]?.pid]);
      await admin.end();
      await saidOnce;
      expect(heard[0]?.message).toMatch(/terminat/i);
      const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(handle.db);
      expect(again.rows[0]?.one).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
