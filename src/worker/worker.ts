/**
 * The long-running worker behind `rapport start`: a pg-boss queue of per-account cycles, fed by a node-cron tick.
 * Stopping drains: the tick stops, the shutdown signal tells running cycles to finish the step they are in (a
 * draft is claimed, created and recorded, or not started), pg-boss waits for the handlers, then everything closes.
 * Whatever a crash leaves half-done is picked up from the ledgers by the next run.
 */
import type { Job } from "pg-boss";
import type { AppContext } from "../context.js";
import { type CycleReport, runAccountCycle } from "../jobs/run-cycle.js";
import { CYCLE_QUEUE, type CycleJobData, openQueue, type QueueOptions } from "./queue.js";
import { scheduleTicks, type TickReport, tick } from "./scheduler.js";

/**
 * Jobs one queue loop fetches at once: one query fetches them and one completes them (two round trips per job were a
 * third of an idle tick's), and they run side by side. A loop fetches again only when all of its jobs are done, so a
 * long cycle (a backfill) keeps the other slots of its batch waiting: batches stay small enough that at least four
 * loops always run independently (a worker of concurrency below 8 fetches one job at a time, as before).
 */
const JOBS_PER_FETCH = 4;
const INDEPENDENT_LOOPS = 4;

export interface WorkerOptions extends QueueOptions {
  /** Cycles this process runs at once (different accounts). */
  concurrency?: number;
  /** Seconds between queue polls. */
  pollSeconds?: number;
  /** Tick from node-cron (default true; tests tick by hand). */
  cron?: boolean;
  /** How long stop() waits for running cycles before failing them back to the queue. */
  drainTimeoutMs?: number;
  /** Runs one account cycle (default: the real one). */
  runCycle?: (ctx: AppContext, accountId: number) => Promise<CycleReport>;
}

export interface RunningWorker {
  /** Enqueues what is due now, even behind a cycle running or done this minute (the cron's ticks are slotted). */
  tick(everyone?: boolean): Promise<TickReport>;
  /** Jobs waiting in the queue, by queue name (for /metrics: the embedded queue is reachable only from here). */
  queueDepth(): Promise<Record<string, number>>;
  /** Graceful stop; resolves when drained and closed. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the worker on a context whose `signal` is owned by `controller`: stop() aborts it so cycles wind down.
 */
export async function startWorker(
  ctx: AppContext,
  controller: AbortController,
  options: WorkerOptions = {},
): Promise<RunningWorker> {
  const log = ctx.log.child({ subsystem: "worker" });
  const runCycle = options.runCycle ?? runAccountCycle;
  const queue = await openQueue(ctx, options);
  const { boss } = queue;
  const concurrency = options.concurrency ?? 2;
  const batchSize = Math.max(1, Math.min(JOBS_PER_FETCH, Math.floor(concurrency / INDEPENDENT_LOOPS)));
  await boss.work<CycleJobData>(
    CYCLE_QUEUE,
    {
      localConcurrency: Math.ceil(concurrency / batchSize),
      pollingIntervalSeconds: options.pollSeconds ?? 2,
      batchSize,
      // Each job settled on its own: a failed cycle is retried with back-off without failing the rest of its batch.
      perJobResults: true,
      // While jobs are waiting, a loop that just finished its jobs fetches more at once instead of sleeping a poll
      // interval: a tick of a thousand accounts drains at the speed of the cycles, not one batch per poll per loop.
      burstWhenReadyExceeds: 1,
    },
    async (jobs: Job<CycleJobData>[]) =>
      Promise.all(
        jobs.map(async (job) => {
          // A job whose claim was taken away (this process stalled past its heartbeat) stops at the next step too.
          const jobCtx: AppContext = { ...ctx, signal: AbortSignal.any([ctx.signal, job.signal]) };
          let report: CycleReport;
          try {
            report = await runCycle(jobCtx, job.data.accountId);
          } catch (error) {
            return { id: job.id, status: "failed" as const, output: { message: (error as Error).message } };
          }
          log.info(
            {
              account: report.accountId,
              status: report.status,
              evaluated: report.evaluated ?? false,
              drafts: report.drafts.length,
              digest: report.digest,
              retry: job.retryCount,
            },
            "cycle finished",
          );
          return report.status === "failed"
            ? { id: job.id, status: "failed" as const, output: { message: report.reason ?? "cycle failed" } }
            : { id: job.id, status: "completed" as const };
        }),
      ),
  );
  const cronTask = options.cron === false ? null : scheduleTicks(ctx, boss);
  let stopping: Promise<void> | null = null;
  await tick(ctx, boss, true).catch((error: unknown) => log.warn({ err: error }, "first tick failed"));
  log.info({ queue: queue.schema, concurrency: options.concurrency ?? 2 }, "worker started");
  return {
    tick: (everyone = false) => tick(ctx, boss, everyone, false),
    async queueDepth() {
      const queue = await boss.getQueue(CYCLE_QUEUE);
      return { [CYCLE_QUEUE]: queue?.queuedCount ?? 0 };
    },
    stop() {
      stopping ??= (async () => {
        log.info("stopping: finishing the cycles in progress");
        await cronTask?.stop();
        controller.abort();
        await boss.stop({ graceful: true, timeout: options.drainTimeoutMs ?? 30_000, close: true });
        log.info("stopped");
      })();
      return stopping;
    },
  };
}
