/**
 * The worker's queue on a real database: pg-boss on Postgres, and on the embedded PGlite (same database) in embedded mode. The
 * cycle itself is stubbed here (it has its own tests); what is checked is scheduling, exclusivity, retries and
 * the graceful stop.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import type { CycleReport } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { type RunningWorker, startWorker, type WorkerOptions } from "../../src/worker/worker.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

function report(accountId: number, status: CycleReport["status"] = "ok"): CycleReport {
  return {
    accountId,
    address: "",
    status,
    reason: status === "failed" ? "boom" : null,
    mail: null,
    calendar: null,
    assessed: null,
    due: 0,
    drafts: [],
    digest: null,
  };
}

const waitFor = async (check: () => boolean, ms = 20_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
};

/**
 * After the expected work is done (waited for by condition, never by time), waits until a counter stops moving for a
 * while: whatever ran after that would be unexpected extra work, which the test then sees.
 */
const settle = async (count: () => number, quietMs = 2500) => {
  let last = -1;
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (count() !== last) {
      last = count();
      since = Date.now();
    }
    await new Promise((r) => setTimeout(r, 100));
  }
};

describeEachDatabase("worker queue", (kind) => {
  let database: TestDatabase;
  const workers: RunningWorker[] = [];

  // Each test starts with an empty queue: on both databases it is a schema of the test's database (worker/queue.ts).
  const queueSchema = () => (database.schema ? `${database.schema}_queue` : "rapport_queue");

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.stop()));
    await sql.raw(`DROP SCHEMA IF EXISTS ${queueSchema()} CASCADE`).execute(database.db);
    await database.close();
  });
  beforeEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
    await sql.raw(`DROP SCHEMA IF EXISTS ${queueSchema()} CASCADE`).execute(database.db);
    await database.db.deleteFrom("accounts").execute();
    for (let i = 1; i <= 6; i++) {
      await database.db
        .insertInto("accounts")
        .values({
          provider: "gmail",
          address: `u${i}@example.com`,
          time_zone: "UTC",
          digest_weekday: 6,
          digest_time: "23:59",
        })
        .execute();
    }
  });

  async function start(runCycle: WorkerOptions["runCycle"], extra: WorkerOptions = {}) {
    const controller = new AbortController();
    const config = makeConfig(database.url ? { DATABASE_URL: database.url } : {});
    const ctx: AppContext = await createContext(config, {
      database,
      log: silentLogger(),
      migrate: false,
      signal: controller.signal,
    });
    const worker = await startWorker(ctx, controller, {
      cron: false,
      pollSeconds: 0.5,
      ...extra,
      runCycle,
    });
    workers.push(worker);
    return worker;
  }

  it("runs every account once per tick, never the same account twice at once, and never piles up", async () => {
    const running = new Set<number>();
    const runs: number[] = [];
    let overlap = false;
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const worker = await start(
      async (_ctx, id) => {
        if (running.has(id)) overlap = true;
        running.add(id);
        runs.push(id);
        await gate;
        running.delete(id);
        return report(id);
      },
      { concurrency: 3 },
    );
    await waitFor(() => running.size === 3);
    // Ticks while cycles are running: each account gets at most one more queued job.
    for (let i = 0; i < 4; i++) await worker.tick(true);
    release();
    await waitFor(() => runs.length >= 9, 60_000);
    await settle(() => runs.length);
    const perAccount = new Map<number, number>();
    for (const id of runs) perAccount.set(id, (perAccount.get(id) ?? 0) + 1);
    // The three that were running got one more queued job; the three still queued got none.
    expect([...perAccount.values()].sort()).toEqual([1, 1, 1, 2, 2, 2]);
    expect(overlap).toBe(false);
  });

  it("counts the cycles waiting in its queue for /metrics", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const worker = await start(
      async (_ctx, id) => {
        await gate;
        return report(id);
      },
      { concurrency: 1 },
    );
    // One cycle runs, five wait; pg-boss refreshes its count on each monitor pass (every 5 s here).
    let depth: Record<string, number> = {};
    const until = Date.now() + 60_000;
    while (depth["account-cycle"] !== 5 && Date.now() < until) {
      depth = await worker.queueDepth();
      await new Promise((r) => setTimeout(r, 250));
    }
    release();
    expect(depth).toEqual({ "account-cycle": 5 });
  });

  it("retries a failed cycle with back-off", async () => {
    const attempts = new Map<number, number>();
    await start(
      async (_ctx, id) => {
        const n = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, n);
        return report(id, n === 1 ? "failed" : "ok");
      },
      { retryDelaySeconds: 1, concurrency: 3 },
    );
    await waitFor(() => [...attempts.values()].filter((n) => n >= 2).length === 6, 30_000);
    expect([...attempts.values()].every((n) => n === 2)).toBe(true);
  });

  it("fetches jobs a few at a time at higher concurrency: a failed cycle is retried alone, its batch mates run once", async () => {
    const attempts = new Map<number, number>();
    let running = 0;
    let most = 0;
    await start(
      async (_ctx, id) => {
        const n = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, n);
        most = Math.max(most, ++running);
        await new Promise((r) => setTimeout(r, 100));
        running--;
        return report(id, id % 2 === 0 && n === 1 ? "failed" : "ok");
      },
      // Two jobs per fetch, four loops (worker.ts JOBS_PER_FETCH, INDEPENDENT_LOOPS).
      { retryDelaySeconds: 1, concurrency: 8 },
    );
    const ids = [...(await database.db.selectFrom("accounts").select("id").execute())].map((a) => a.id);
    await waitFor(() => ids.filter((id) => id % 2 === 0).every((id) => attempts.get(id) === 2), 30_000);
    await settle(() => [...attempts.values()].reduce((a, b) => a + b, 0));
    for (const id of ids) expect(attempts.get(id)).toBe(id % 2 === 0 ? 2 : 1);
    expect(most).toBeGreaterThan(1);
  });

  it("stop drains: running cycles finish their step and see the shutdown signal", async () => {
    const finished: number[] = [];
    let started = 0;
    const worker = await start(
      async (ctx, id) => {
        started++;
        while (!ctx.signal.aborted) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 200)); // the step in progress completes
        finished.push(id);
        return report(id, "aborted");
      },
      { concurrency: 2 },
    );
    await waitFor(() => started === 2);
    await worker.stop();
    expect(finished).toHaveLength(2);
  });

  // Replicas share one Postgres; the embedded database serves a single process, so there is nothing to share there.
  if (kind === "postgres") {
    it("two replicas on one Postgres share the accounts", async () => {
      const byReplica: number[][] = [[], []];
      const running = new Set<number>();
      let overlap = false;
      // The first replica's cycles wait until the second has taken one: with two slots it cannot take all six, so
      // both replicas do work however slowly the second one starts.
      let secondStarted!: () => void;
      const second = new Promise<void>((r) => {
        secondStarted = r;
      });
      const cycle = (replica: number) => async (_ctx: AppContext, id: number) => {
        if (running.has(id)) overlap = true;
        running.add(id);
        byReplica[replica]?.push(id);
        if (replica === 1) secondStarted();
        else await second;
        running.delete(id);
        return report(id);
      };
      await start(cycle(0), { concurrency: 2 });
      await start(cycle(1), { concurrency: 2 });
      await waitFor(() => new Set(byReplica.flat()).size === 6, 60_000);
      await settle(() => byReplica.flat().length);
      const perAccount = new Map<number, number>();
      for (const id of byReplica.flat()) perAccount.set(id, (perAccount.get(id) ?? 0) + 1);
      expect(perAccount.size).toBe(6);
      // Both replicas' start-up ticks ask for every account; duplicates collapse to at most one more run.
      expect([...perAccount.values()].every((n) => n <= 2)).toBe(true);
      expect(byReplica.every((ids) => ids.length > 0)).toBe(true);
      expect(overlap).toBe(false);
    });
  }
});
