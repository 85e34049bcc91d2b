/**
 * One cycle per account at a time, whoever starts it: a cycle that finds the account's lock held (by the worker, or
 * by `rapport run --once` in another process) reports "busy" and touches nothing. The embedded database refuses a
 * second process outright.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import { withAccountLock } from "../../src/db/account-lock.js";
import { openDatabase } from "../../src/db/database.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { seedAccount } from "../drafting/seed.js";
import { runCli } from "../support/cli.js";
import { describeEachDatabase, openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../support/database.js";

const KEY = "d".repeat(64);

describeEachDatabase("the account's cycle lock", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.close());

  it("a second cycle while one holds the lock is busy and does nothing; afterwards it runs", async () => {
    const account = await seedAccount(database.db, { status: "paused" });
    const clock = new ManualClock("2026-03-02T10:00:00Z");
    const ctx = await createContext(makeConfig(), { database, log: silentLogger(), clock, migrate: false });
    let release!: () => void;
    const holding = new Promise<void>((r) => {
      release = r;
    });
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const first = withAccountLock(
      database,
      clock,
      account.id,
      () => {},
      async () => {
        entered();
        await holding;
      },
    );
    await inside;
    expect(await runAccountCycle(ctx, account.id)).toMatchObject({ status: "busy" });
    release();
    expect((await first).held).toBe(true);
    expect(await runAccountCycle(ctx, account.id)).toMatchObject({ status: "skipped" });
  });
});

describe.runIf(TEST_DATABASE_URL)("`rapport run --once` on a shared Postgres", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase("postgres");
  });
  afterAll(async () => database.close());

  it("takes the same lock as the worker: an account another process is cycling is reported busy", async () => {
    const account = await seedAccount(database.db, { status: "paused" });
    let release!: () => void;
    const holding = new Promise<void>((r) => {
      release = r;
    });
    let entered!: () => void;
    const inside = new Promise<void>((r) => {
      entered = r;
    });
    const clock = new ManualClock("2026-03-02T10:00:00Z");
    const worker = withAccountLock(
      database,
      clock,
      account.id,
      () => {},
      async () => {
        entered();
        await holding;
      },
    );
    await inside;
    try {
      const r = await runCli(["run", "--once", "--json"], {
        env: { DATABASE_URL: database.url ?? "", RAPPORT_SECRET_KEY: KEY, RAPPORT_LOG_LEVEL: "silent" },
      });
      expect(r.stderr).toBe("");
      const report = JSON.parse(r.stdout) as { accounts: { accountId: number; status: string }[] };
      expect(report.accounts.find((a) => a.accountId === account.id)?.status).toBe("busy");
    } finally {
      release();
      await worker;
    }
  });
});

describe.runIf(TEST_DATABASE_URL)("many cycles at once on a small pool", () => {
  it("hold their locks outside the pool, so the cycles' own queries still get connections", async () => {
    const small = await openDatabase({ url: TEST_DATABASE_URL, dataDir: "unused", maxConnections: 2 });
    const clock = new ManualClock("2026-03-02T10:00:00Z");
    try {
      let inside = 0;
      let allIn!: () => void;
      const everyone = new Promise<void>((r) => {
        allIn = r;
      });
      const cycles = [101, 102, 103, 104, 105].map((id) =>
        withAccountLock(
          small,
          clock,
          id,
          () => {},
          async () => {
            if (++inside === 5) allIn();
            await everyone; // all five locks held at once
            return (await sql<{ n: number }>`SELECT ${id}::int AS n`.execute(small.db)).rows[0]?.n;
          },
        ),
      );
      const done = await Promise.all(cycles);
      expect(done.map((d) => (d.held ? d.value : null))).toEqual([101, 102, 103, 104, 105]);
    } finally {
      await small.close();
    }
  });
});

describe("the embedded database", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rapport-lock-"));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("refuses a second process while one has it open, and opens again once it is closed", async () => {
    const env = { RAPPORT_DATA_DIR: dir, RAPPORT_SECRET_KEY: KEY, RAPPORT_LOG_LEVEL: "silent" };
    const holder = await openDatabase({ url: null, dataDir: dir });
    try {
      const r = await runCli(["run", "--once"], { env });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/^rapport: the embedded database in .* is in use by process \d+ on .*: stop it first/);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      await holder.close();
    }
    const after = await runCli(["run", "--once"], { env });
    expect(after.stderr).toBe("");
    expect(after.code).toBe(0);
  });
});
