#!/usr/bin/env node
/**
 * CI helper: creates the Postgres database a test URL names when it does not exist yet (a fresh Postgres has only
 * "postgres"). Usage: node scripts/ensure-test-database.mjs postgres://postgres@127.0.0.1:5432/test
 */
import pg from "pg";

const target = new URL(process.argv[2] ?? "postgres://postgres@127.0.0.1:5432/test");
const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
  console.error(`ensure-test-database: refusing the database name "${name}"`);
  process.exit(1);
}
const maintenance = new URL(target);
maintenance.pathname = "/postgres";
const admin = new pg.Client({ connectionString: maintenance.toString() });
await admin.connect();
try {
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  console.error(rowCount === 0 ? `created database ${name}` : `database ${name} exists`);
} finally {
  await admin.end();
}
