/**
 * node-cron drives the clock: once a minute (second 0) a tick reads the accounts and enqueues their cycles. Every
 * replica ticks; the queue's singleton keys make the duplicates no-ops. A tick that overlaps the previous one is
 * skipped (noOverlap), so ticks never pile up either.
 */
import cron, { type ScheduledTask } from "node-cron";
import type { PgBoss } from "pg-boss";
import type { AppContext } from "../context.js";
import { DIGEST_RETRY_AFTER_MAX_MS, MAX_DIGEST_ATTEMPTS } from "../db/digest-ledger.js";
import { weekStartKey } from "../domain/digest-period.js";
import { enqueueCycles } from "./queue.js";
import { planTick } from "./schedule.js";

export interface TickReport {
  enqueued: number[];
  alreadyQueued: number[];
}

/**
 * @param slotted a scheduled tick (the cron's, the one at start-up): every replica makes it, and together they queue
 *   each account once for the minute (queue.ts enqueueCycles). An explicit ask is not slotted.
 */
export async function tick(ctx: AppContext, boss: PgBoss, everyone = false, slotted = true): Promise<TickReport> {
  const now = ctx.clock.now();
  const accounts = await ctx.db
    .selectFrom("accounts")
    .select(["id", "status", "provider", "time_zone", "digest_weekday", "digest_time"])
    .orderBy("id")
    .execute();
  const periods = [...new Set(accounts.map((a) => weekStartKey(now, a.time_zone)))];
  const sent =
    periods.length === 0
      ? []
      : await ctx.db
          .selectFrom("digests")
          .select(["account_id", "period_start"])
          .where("period_start", "in", periods)
          // Sent, or resting after its attempts (tried again hourly): no cycle every minute just for the digest.
          .where((eb) =>
            eb.or([
              eb("state", "=", "sent"),
              eb.and([
                eb("state", "=", "failed"),
                eb("attempts", ">=", MAX_DIGEST_ATTEMPTS),
                eb("claimed_at", ">", new Date(now.getTime() - DIGEST_RETRY_AFTER_MAX_MS)),
              ]),
            ]),
          )
          .execute();
  const plan = planTick(
    accounts,
    new Set(sent.map((d) => `${d.account_id}:${d.period_start}`)),
    now,
    ctx.config.syncIntervalMinutes,
    everyone,
    !ctx.config.dryRun,
  );
  const report: TickReport = { enqueued: [], alreadyQueued: [] };
  if (ctx.signal.aborted) return report;
  const due = [...plan.digest, ...plan.sync];
  const added = await enqueueCycles(boss, due, now, slotted);
  for (const id of due) (added.has(id) ? report.enqueued : report.alreadyQueued).push(id);
  if (report.enqueued.length > 0) ctx.log.debug({ enqueued: report.enqueued.length }, "tick");
  return report;
}

/** Starts the per-minute tick; returns the cron task (stop it on shutdown). */
export function scheduleTicks(ctx: AppContext, boss: PgBoss): ScheduledTask {
  return cron.schedule(
    "0 * * * * *",
    async () => {
      try {
        await tick(ctx, boss);
      } catch (error) {
        ctx.log.warn({ err: error }, "scheduler tick failed");
      }
    },
    { name: "rapport-tick", noOverlap: true },
  );
}
