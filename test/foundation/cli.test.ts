import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { TEST_DATABASE_URL, withSearchPath } from "../support/database.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "rapport-cli-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe("rapport CLI contract", () => {
  it("prints help listing its commands", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: rapport/);
    expect(r.stdout).toMatch(/migrate/);
    expect(r.stdout).toMatch(/doctor/);
  });

  it("migrate creates the embedded database, and a second run finds it current", async () => {
    const first = await runCli(["migrate"], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied \d+ migration\(s\) to PGlite at .*data/);
    const second = await runCli(["migrate"], { cwd: dir, env: { RAPPORT_DATA_DIR: path.join(dir, "data") } });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/is up to date/);
  });

  it("a malformed DATABASE_URL is one actionable line and a non-zero exit", async () => {
    const r = await runCli(["migrate"], { cwd: dir, env: { DATABASE_URL: "localhost:5432/rapport" } });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^rapport: DATABASE_URL: expected a postgres:\/\/ URL/);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it("an unreachable Postgres says so in one line", async () => {
    const r = await runCli(["migrate"], { cwd: dir, env: { DATABASE_URL: "postgres://rapport@127.0.0.1:1/rapport" } });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toMatch(/^rapport: cannot connect to DATABASE_URL .*connection refused/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reads .env from the working directory (the README's first step), the environment winning over it", async () => {
    const project = await mkdtemp(path.join(tmpdir(), "rapport-dotenv-"));
    try {
      await writeFile(
        path.join(project, ".env"),
        [
          "# copied from .env.example",
          `RAPPORT_SECRET_KEY=${"c".repeat(64)}`,
          'RAPPORT_DATA_DIR="./state"',
          "RAPPORT_LOG_LEVEL=not-a-level",
          "",
        ].join("\n"),
      );
      const r = await runCli(["run", "--once"], { cwd: project, env: { RAPPORT_LOG_LEVEL: "warn" } });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/no account connected yet/);
      expect(existsSync(path.join(project, "state", "pglite"))).toBe(true);
      // Without the environment's value, the file's bad one is reported by name.
      const bad = await runCli(["run", "--once"], { cwd: project });
      expect(bad.stderr).toMatch(/^rapport: RAPPORT_LOG_LEVEL: expected one of/);
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });

  it("doctor names a missing RAPPORT_SECRET_KEY with the fix, and fails", async () => {
    const r = await runCli(["doctor"], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toMatch(/✗ RAPPORT_SECRET_KEY is not set\n\s+→ generate one: openssl rand -hex 32/);
    expect(r.stderr.trim()).toBe("rapport: doctor found 1 problem(s)");
  });

  it("doctor passes with a key and a migrated database", async () => {
    const r = await runCli(["doctor", "--json"], { cwd: dir, env: { RAPPORT_SECRET_KEY: "b".repeat(64) } });
    expect(r.code).toBe(0);
    const { checks } = JSON.parse(r.stdout) as { checks: { ok: boolean; what: string }[] };
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.map((c) => c.what)).toContain("database schema is current");
  });
});

describe.runIf(TEST_DATABASE_URL)("migrations on a shared Postgres", () => {
  it("two `rapport migrate` started at the same moment both finish cleanly", async () => {
    const schema = `t_migrate_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL as string });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const env = { DATABASE_URL: withSearchPath(TEST_DATABASE_URL as string, schema) };
      const [a, b] = await Promise.all([
        runCli(["migrate"], { cwd: dir, env }),
        runCli(["migrate"], { cwd: dir, env }),
      ]);
      expect([a.code, b.code]).toEqual([0, 0]);
      expect([a.stderr, b.stderr]).toEqual(["", ""]);
      // Each migration runs in its own transaction behind the lock, so the two may share the work: every
      // migration was applied by exactly one of them, and the database holds each once.
      const appliedBy = (out: string): string[] =>
        out.startsWith("applied") ? (out.split(": ").pop() ?? "").trim().split(", ") : [];
      const names = [...appliedBy(a.stdout), ...appliedBy(b.stdout)];
      const files = readdirSync(path.join(import.meta.dirname, "../../migrations")).filter((f) => f.endsWith(".sql"));
      expect(names).toHaveLength(files.length);
      expect(new Set(names).size).toBe(files.length);
      const rows = await admin.query(`SELECT id FROM ${schema}.rapport_migrations ORDER BY id`);
      const ids = rows.rows.map((r: { id: number }) => r.id);
      expect(ids).toHaveLength(files.length);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
