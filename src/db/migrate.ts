/**
 * Applies migrations/NNNN_name.sql in order, each in its own transaction. Every transaction first takes a
 * transaction-scoped advisory lock (per schema), so two replicas starting at once serialise: the second waits,
 * then sees the migration recorded and skips it. Never throws for a failed migration: returns what happened, and
 * the caller turns it into an error at the edge.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { MIGRATIONS_DIR } from "../paths.js";
import type { Database } from "./schema.js";

const LOCK_CLASS = 72_817;
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

interface MigrationFile {
  id: number;
  name: string;
  file: string;
}

interface MigrationResult {
  applied: MigrationFile[];
  alreadyApplied: number;
  error: { migration: MigrationFile; message: string } | null;
}

async function listMigrationFiles(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const files: MigrationFile[] = [];
  for (const file of (await readdir(dir)).sort()) {
    const match = FILE_PATTERN.exec(file);
    if (match) files.push({ id: Number(match[1]), name: match[2] as string, file: path.join(dir, file) });
  }
  const ids = files.map((f) => f.id);
  if (new Set(ids).size !== ids.length) throw new Error(`two migrations share a number in ${dir}`);
  return files;
}

/** Splits a migration into statements: each ends with ";" at the end of a line (no dollar quoting in our SQL). */
function splitStatements(script: string): string[] {
  return script
    .split(/;[ \t]*(?:--[^\n]*)?\r?\n/)
    .map((s) => s.replace(/;\s*$/, "").trim())
    .filter((s) => s.replace(/--[^\n]*/g, "").trim() !== "");
}

async function ensureLedger(db: Kysely<Database>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS rapport_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

async function lock(db: Kysely<Database>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(current_schema()))`.execute(db);
}

export async function migrate(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = await listMigrationFiles(dir);
  const result: MigrationResult = { applied: [], alreadyApplied: 0, error: null };
  for (const migration of files) {
    try {
      const applied = await db.transaction().execute(async (tx) => {
        await lock(tx);
        await ensureLedger(tx);
        const done = await tx
          .selectFrom("rapport_migrations")
          .select("id")
          .where("id", "=", migration.id)
          .executeTakeFirst();
        if (done) return false;
        for (const statement of splitStatements(await readFile(migration.file, "utf8"))) {
          await sql.raw(statement).execute(tx);
        }
        await tx.insertInto("rapport_migrations").values({ id: migration.id, name: migration.name }).execute();
        return true;
      });
      if (applied) result.applied.push(migration);
      else result.alreadyApplied += 1;
    } catch (error) {
      result.error = { migration, message: (error as Error).message.split("\n")[0] ?? String(error) };
      return result;
    }
  }
  return result;
}

/** Migrations present on disk but not recorded in the database. */
export async function pendingMigrations(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const files = await listMigrationFiles(dir);
  const exists = await sql<{ exists: string | null }>`SELECT to_regclass('rapport_migrations')::text AS exists`.execute(
    db,
  );
  if (!exists.rows[0]?.exists) return files;
  const rows = await db.selectFrom("rapport_migrations").select("id").execute();
  const done = new Set(rows.map((r) => r.id));
  return files.filter((f) => !done.has(f.id));
}

/** Migrates, or throws one readable error naming the failing file. */
export async function migrateOrThrow(db: Kysely<Database>, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const result = await migrate(db, dir);
  if (result.error) {
    throw new Error(`migration ${path.basename(result.error.migration.file)} failed: ${result.error.message}`);
  }
  return result;
}
