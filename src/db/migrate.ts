/**
 * Applies migrations/NNNN_name.sql in order, each whole and in its own transaction: a file is sent to the server as
 * it is (dollar quotes, semicolons anywhere), never split into statements here. Every transaction first takes a
 * transaction-scoped advisory lock (per schema), so two replicas starting at once serialise: the second waits, then
 * sees the migration recorded and skips it.
 *
 * Before anything is applied, the database is checked against the code: a server older than the SQL needs (the
 * schema uses PostgreSQL 15 syntax) and a database that a newer Rapport already migrated (a rolling upgrade leaves old
 * replicas on a newer schema) are refused with a message, and nothing is changed. Never throws for a failed
 * migration: returns what happened, and the caller turns it into an error at the edge.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "kysely";
import { MIGRATIONS_DIR } from "../paths.js";
import { DatabaseError, type DatabaseHandle } from "./database.js";

const LOCK_CLASS = 72_817;
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;
/** The oldest server the migrations run on: `ON DELETE SET NULL (column)` (0001) arrived in PostgreSQL 15. */
export const MIN_SERVER_VERSION = 150_000;

interface MigrationFile {
  id: number;
  name: string;
  file: string;
}

interface MigrationResult {
  applied: MigrationFile[];
  alreadyApplied: number;
  /** Why nothing was applied: the database does not fit this code. */
  refused: string | null;
  error: { migration: MigrationFile; message: string } | null;
}

interface MigrateOptions {
  dir?: string;
  minServerVersion?: number;
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

/** Ids recorded in the database (none before the first migration). */
async function recordedIds(handle: DatabaseHandle): Promise<number[]> {
  const exists = await sql<{ exists: string | null }>`SELECT to_regclass('rapport_migrations')::text AS exists`.execute(
    handle.db,
  );
  if (!exists.rows[0]?.exists) return [];
  const rows = await handle.db.selectFrom("rapport_migrations").select("id").orderBy("id").execute();
  return rows.map((r) => r.id);
}

async function serverVersion(handle: DatabaseHandle): Promise<{ num: number; text: string }> {
  const { rows } = await sql<{ num: string; text: string }>`
    SELECT current_setting('server_version_num') AS num, current_setting('server_version') AS text`.execute(handle.db);
  return { num: Number(rows[0]?.num ?? 0), text: rows[0]?.text ?? "unknown" };
}

interface SchemaStatus {
  /** Migrations on disk not yet applied. */
  pending: MigrationFile[];
  /** Migrations the database records that this code does not know: it was migrated by a newer Rapport. */
  unknown: number[];
}

/** How the database's schema compares with this code's migrations. */
export async function schemaStatus(handle: DatabaseHandle, dir = MIGRATIONS_DIR): Promise<SchemaStatus> {
  const files = await listMigrationFiles(dir);
  const done = await recordedIds(handle);
  const known = new Set(files.map((f) => f.id));
  const applied = new Set(done);
  return { pending: files.filter((f) => !applied.has(f.id)), unknown: done.filter((id) => !known.has(id)) };
}

/** Why this code must not touch the database, or null when it may. */
async function refusal(handle: DatabaseHandle, dir: string, minServerVersion: number): Promise<string | null> {
  const version = await serverVersion(handle);
  if (version.num < minServerVersion) {
    const needed = Math.floor(minServerVersion / 10_000);
    return `the database server is PostgreSQL ${version.text}; Rapport needs PostgreSQL ${needed} or newer`;
  }
  const { unknown } = await schemaStatus(handle, dir);
  if (unknown.length > 0) {
    return `the database was migrated by a newer Rapport (migration ${unknown.map((id) => String(id).padStart(4, "0")).join(", ")} is unknown to this version): upgrade this installation before starting it`;
  }
  return null;
}

/** Applies one migration unless another migrator already did; true when this call applied it. */
async function applyOne(handle: DatabaseHandle, migration: MigrationFile): Promise<boolean> {
  const script = await readFile(migration.file, "utf8");
  return handle.scriptTransaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))", [LOCK_CLASS]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS rapport_migrations (
      id integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = await tx.query("SELECT id FROM rapport_migrations WHERE id = $1", [migration.id]);
    if (done.length > 0) return false;
    await tx.exec(script);
    await tx.query("INSERT INTO rapport_migrations (id, name) VALUES ($1, $2)", [migration.id, migration.name]);
    return true;
  });
}

export async function migrate(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<MigrationResult> {
  const dir = options.dir ?? MIGRATIONS_DIR;
  const result: MigrationResult = { applied: [], alreadyApplied: 0, refused: null, error: null };
  result.refused = await refusal(handle, dir, options.minServerVersion ?? MIN_SERVER_VERSION);
  if (result.refused) return result;
  for (const migration of await listMigrationFiles(dir)) {
    try {
      if (await applyOne(handle, migration)) result.applied.push(migration);
      else result.alreadyApplied += 1;
    } catch (error) {
      result.error = { migration, message: (error as Error).message.split("\n")[0] ?? String(error) };
      return result;
    }
  }
  return result;
}

/** Migrations present on disk but not recorded in the database. */
export async function pendingMigrations(handle: DatabaseHandle, dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  return (await schemaStatus(handle, dir)).pending;
}

/** Migrates, or throws one readable error naming the failing file or why the database does not fit. */
export async function migrateOrThrow(handle: DatabaseHandle, options: MigrateOptions = {}): Promise<MigrationResult> {
  const result = await migrate(handle, options);
  if (result.refused) throw new MigrationRefusedError(result.refused);
  if (result.error) {
    throw new Error(`migration ${path.basename(result.error.migration.file)} failed: ${result.error.message}`);
  }
  return result;
}

/** The database does not fit this code (too old a server, or a newer schema): a user-facing, one-line error. */
export class MigrationRefusedError extends DatabaseError {
  override readonly name = "MigrationRefusedError";
}
