/**
 * What .ci/run relies on: the Node it insists on is the Docker image's (the image replay test runs with this
 * machine's Node and needs the same major), and the test database is created when a fresh Postgres lacks it.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { TEST_DATABASE_URL } from "../support/database.js";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe(".ci/run", () => {
  it("requires the Docker image's Node major, not merely the engines minimum", () => {
    const script = readFileSync(path.join(ROOT, ".ci/run"), "utf8");
    const read = spawnSync(
      "bash",
      ["-c", `cd "${ROOT}" && ${script.split("\n").find((l) => l.startsWith("NODE_MAJOR="))} && echo "$NODE_MAJOR"`],
      {
        encoding: "utf8",
      },
    );
    const image = /^FROM node:(\d+)/m.exec(readFileSync(path.join(ROOT, "Dockerfile"), "utf8"))?.[1];
    expect(read.stdout.trim()).toBe(image);
    expect(script).toMatch(/node_ok\(\) \{[^\n]*= "\$NODE_MAJOR"/);
  });

  it.runIf(TEST_DATABASE_URL)("creates the test database when a fresh Postgres does not have it", async () => {
    const name = `ci_fresh_${process.pid}`;
    const url = new URL(TEST_DATABASE_URL as string);
    url.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL as string });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      const first = spawnSync(process.execPath, ["scripts/ensure-test-database.mjs", url.toString()], {
        cwd: ROOT,
        encoding: "utf8",
      });
      expect(first.status, first.stderr).toBe(0);
      expect(first.stderr).toMatch(`created database ${name}`);
      const again = spawnSync(process.execPath, ["scripts/ensure-test-database.mjs", url.toString()], {
        cwd: ROOT,
        encoding: "utf8",
      });
      expect(again.stderr).toMatch(`database ${name} exists`);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.end();
    }
  });
});
