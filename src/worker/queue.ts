/**
 * The per-account job queue (pg-boss). With DATABASE_URL, pg-boss keeps its tables in its own schema of that
 * Postgres, so every `rapport start` replica shares one queue; the schema is named after the connection's
 * current schema ("public" → rapport_queue, "x" → x_queue) so isolated installs and test schemas never share jobs.
 * Embedded (PGlite) mode runs in one process, and the queue's tables live in the same embedded database as the
 * data, in their own schema: PGlite runs one statement or transaction at a time, so the queue's statements wait
 * for the data's transactions and never run inside one. (A second embedded server for the queue, with Postgres'
 * default 128 MB of shared buffers, cost a worker ~175 MB of resident memory.)
 *
 * Queue policy "stately" with the account id as singleton key: at most one queued and one active job per
 * account, whichever replica runs it. Overlapping ticks therefore never pile up, and no account is processed twice
 * at once. A job whose process died stops heartbeating and is retried elsewhere with back-off.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { type ConstructorOptions, fromPglite, PgBoss, type Queue } from "pg-boss";
import type { AppContext } from "../context.js";

export const CYCLE_QUEUE = "account-cycle";

export interface CycleJobData {
  accountId: number;
}

const CYCLE_QUEUE_OPTIONS: Omit<Queue, "name"> = {
  policy: "stately",
  // A live worker refreshes the heartbeat every 5 s; a dead one is noticed within ~10 s plus a monitor pass.
  heartbeatSeconds: 10,
  // Backstop only: a backfill of a large mailbox may legitimately run long while heartbeating.
  expireInSeconds: 4 * 3600,
  retryLimit: 6,
  retryDelay: 15,
  retryBackoff: true,
  retryDelayMax: 900,
  deleteAfterSeconds: 24 * 3600,
};

export interface QueueOptions {
  /** First retry delay in seconds (doubles each retry); default CYCLE_QUEUE_OPTIONS.retryDelay. */
  retryDelaySeconds?: number;
}

interface OpenedQueue {
  boss: PgBoss;
  schema: string;
}

async function queueSchema(ctx: AppContext): Promise<string> {
  const { rows } = await sql<{ schema: string }>`SELECT current_schema() AS schema`.execute(ctx.db);
  const current = rows[0]?.schema ?? "public";
  return current === "public" ? "rapport_queue" : `${current}_queue`;
}

export async function openQueue(ctx: AppContext, options: QueueOptions = {}): Promise<OpenedQueue> {
  const common: ConstructorOptions = {
    superviseIntervalSeconds: 5,
    monitorIntervalSeconds: 5,
    maintenanceIntervalSeconds: 3600,
    // The queue's ready count (one query a second) tells the work loops to fetch without pausing (worker.ts).
    queueCacheIntervalSeconds: 1,
    // Rapport schedules with node-cron; pg-boss's own cron is not used.
    schedule: false,
  };
  const schema = await queueSchema(ctx);
  let boss: PgBoss;
  if (ctx.config.databaseUrl) {
    boss = new PgBoss({ ...common, connectionString: ctx.config.databaseUrl, schema, max: 4 });
  } else {
    const embedded = ctx.database.pglite;
    if (!embedded) throw new Error("the embedded job queue needs the embedded database (PGlite)");
    // pg-boss leaves the instance open: the context closes it with the rest of the database.
    boss = new PgBoss({ ...common, db: fromPglite(embedded), backend: "pglite", schema });
  }
  boss.on("error", (error) => ctx.log.warn({ err: error }, "job queue error"));
  await boss.start();
  await boss.createQueue(CYCLE_QUEUE, {
    ...CYCLE_QUEUE_OPTIONS,
    ...(options.retryDelaySeconds ? { retryDelay: options.retryDelaySeconds } : {}),
  });
  return { boss, schema };
}

/** One scheduled cycle per account per minute of the context's clock, whichever replica's tick asks. */
const CYCLE_SLOT_SECONDS = 60;

/**
 * Enqueues one cycle for each account, in one statement, unless one is already queued for it or — `slotted`: the
 * scheduled ticks — one was already enqueued for the same minute (by any replica: every replica ticks, and a cycle
 * that finished before another replica's tick of the same minute must not run again); returns the accounts for
 * which a job was added. An unslotted ask (a newly connected account, a test) queues one more behind a running one.
 * pg-boss reckons the minute on the database's clock: `singletonOffset` (a column of pg-boss's insert that its
 * send() fills in itself) moves the slots onto the context's clock (zero offset in production, where they agree).
 */
export async function enqueueCycles(
  boss: PgBoss,
  accountIds: readonly number[],
  now: Date,
  slotted: boolean,
): Promise<Set<number>> {
  if (accountIds.length === 0) return new Set();
  const offsetSeconds = Math.round((now.getTime() - Date.now()) / 1000);
  const slot = slotted ? { singletonSeconds: CYCLE_SLOT_SECONDS, singletonOffset: offsetSeconds } : {};
  const jobs = accountIds.map((accountId) => ({
    id: randomUUID(),
    data: { accountId } satisfies CycleJobData,
    singletonKey: String(accountId),
    ...slot,
  }));
  const inserted = (await boss.insert(CYCLE_QUEUE, jobs, { returnId: true })) ?? [];
  const added = new Set(inserted.map((row) => (typeof row === "string" ? row : (row as { id: string }).id)));
  return new Set(jobs.filter((j) => added.has(j.id)).map((j) => j.data.accountId));
}
