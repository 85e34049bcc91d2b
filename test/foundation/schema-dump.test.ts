/**
 * The schema the migrations build is committed as migrations/schema.snapshot.txt, so a change to the data model
 * shows up in review. Regenerate with: UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run test/foundation/schema-dump.test.ts
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const SNAPSHOT = path.join(MIGRATIONS_DIR, "schema.snapshot.txt");

async function dumpSchema(database: TestDatabase): Promise<string> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
    SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
    WHERE table_schema = current_schema() ORDER BY table_name, column_name`.execute(database.db);
  const constraints = await sql<{ table_name: string; def: string }>`
    SELECT c.conrelid::regclass::text AS table_name, pg_get_constraintdef(c.oid) AS def FROM pg_constraint c
    JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() AND c.contype <> 'n' ORDER BY 1, 2`.execute(
    database.db,
  );
  const indexes = await sql<{ indexdef: string }>`
    SELECT regexp_replace(indexdef, ' ON [a-z0-9_]+\\.', ' ON ') AS indexdef FROM pg_indexes
    WHERE schemaname = current_schema() ORDER BY indexdef`.execute(database.db);
  const lines = [
    ...columns.rows.map(
      (c) => `column ${c.table_name}.${c.column_name} ${c.data_type}${c.is_nullable === "NO" ? " not null" : ""}`,
    ),
    ...constraints.rows.map((c) => `constraint ${c.table_name.replace(/^.*\./, "")} ${c.def}`),
    ...indexes.rows.map((i) => `index ${i.indexdef}`),
  ];
  return `${lines.join("\n")}\n`;
}

describeEachDatabase("schema snapshot", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.close());

  it("matches migrations/schema.snapshot.txt", async () => {
    const dump = await dumpSchema(database);
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === "1" && kind === "pglite") await writeFile(SNAPSHOT, dump);
    expect(dump).toBe(await readFile(SNAPSHOT, "utf8"));
  });
});
