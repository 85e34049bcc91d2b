/**
 * `rapport start` as a user runs it: embedded mode starts (with the V8 flags that bound its memory) and drains on
 * SIGTERM; a broken template stops start-up.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { access, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { EMBEDDED_NODE_FLAGS, WORKER_MALLOC_ENV } from "../../src/config.js";
import { openDatabase } from "../../src/db/database.js";
import { CLI, runCli } from "../support/cli.js";

const secret = randomBytes(32).toString("hex");

it("a broken user template stops start-up with one line naming the file", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "rapport-start-"));
  await writeFile(path.join(dir, "nudge.subject.hbs"), "Following up");
  await writeFile(path.join(dir, "nudge.text.hbs"), "Hi {{contact.firstName}},\n\n{{signoff}}");
  const result = await runCli(["start"], {
    env: { RAPPORT_DATA_DIR: path.join(dir, "data"), RAPPORT_SECRET_KEY: secret, RAPPORT_TEMPLATES_DIR: dir },
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(
    `rapport: template ${path.join(dir, "nudge.text.hbs")} line 1: {{contact.firstName}} may be unknown; wrap it in {{#if ...}}…{{else}}…{{/if}} so the message never shows an empty slot\n`,
  );
});

it("runs embedded (PGlite, the queue in the same database) with its memory flags, and drains on SIGTERM", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "rapport-start-"));
  const child = spawn(process.execPath, [CLI, "start"], {
    env: {
      PATH: process.env.PATH ?? "",
      RAPPORT_DATA_DIR: dir,
      RAPPORT_SECRET_KEY: secret,
      RAPPORT_PORT: "0",
      RAPPORT_LOG_LEVEL: "info",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  child.stderr.on("data", (d) => {
    log += d;
  });
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const until = Date.now() + 60_000;
  while (!log.includes("rapport is running") && Date.now() < until && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(log).toContain("worker started");
  // The same process, re-run in place with the embedded database's V8 flags (cli/embedded-flags.ts).
  if (process.platform === "linux" && typeof process.execve === "function") {
    const cmdline = (await readFile(`/proc/${child.pid}/cmdline`, "utf8")).split("\0");
    expect(cmdline).toEqual(expect.arrayContaining([...EMBEDDED_NODE_FLAGS, CLI, "start"]));
    const environment = (await readFile(`/proc/${child.pid}/environ`, "utf8")).split("\0");
    expect(environment).toEqual(
      expect.arrayContaining(Object.entries(WORKER_MALLOC_ENV).map(([name, value]) => `${name}=${value}`)),
    );
  }
  child.kill("SIGTERM");
  expect(await exit).toBe(0);
  expect(log).toContain('"msg":"stopped"');
  // One embedded server: the queue's tables are a schema of the data's database, with no second server beside it.
  await expect(access(path.join(dir, "queue"))).rejects.toThrow();
  const database = await openDatabase({ url: null, dataDir: dir });
  try {
    const { rows } = await sql<{ jobs: number }>`SELECT count(*)::int AS jobs FROM rapport_queue.job`.execute(
      database.db,
    );
    expect(rows[0]?.jobs).toBeGreaterThanOrEqual(0);
  } finally {
    await database.close();
  }
});
