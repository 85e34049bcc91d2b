/**
 * Mail sync for one account: pull pages from the provider from the stored cursor, apply each page and its new
 * cursor in one transaction (a checkpoint: a crash resumes from the last applied page), and on an expired cursor
 * start over from the look-back window — upserts make that resync free of duplicates.
 */
import type { AppContext } from "../context.js";
import { applyEventChanges, applyMailChanges, sweepUnseenMessages } from "../db/mail-store.js";
import type { Account } from "../db/schema.js";
import type { MailProvider, SyncOptions } from "../domain/provider-port.js";
import { isBackingOff, loadSyncState, type Resource, recordSyncFailure, recordSyncSuccess } from "./sync-policy.js";

const DAY_MS = 86_400_000;

export interface SyncReport {
  resource: Resource;
  skipped: "backing-off" | null;
  pages: number;
  inserted: number;
  updated: number;
  deleted: number;
  cost: number;
  resynced: boolean;
  outcome: "ok" | "retry-later" | "needs-reauth" | "aborted";
  error: string | null;
}

function emptyReport(resource: Resource): SyncReport {
  return {
    resource,
    skipped: null,
    pages: 0,
    inserted: 0,
    updated: 0,
    deleted: 0,
    cost: 0,
    resynced: false,
    outcome: "ok",
    error: null,
  };
}

function syncWindow(ctx: AppContext): SyncOptions {
  const now = ctx.clock.now().getTime();
  return {
    since: new Date(now - ctx.config.lookbackDays * DAY_MS),
    until: new Date(now + ctx.config.lookaheadDays * DAY_MS),
    signal: ctx.signal,
  };
}

export function syncMail(ctx: AppContext, account: Account, provider: MailProvider): Promise<SyncReport> {
  return syncResource(ctx, account, "mail", async (cursor, report) => {
    const window = syncWindow(ctx);
    // A restart from scratch (whole mailbox, or one folder) collects what it lists from then on, and at the end
    // sweeps what it did not see again.
    const sweeps = new Map<string | null, Set<string>>();
    if (cursor === null && report.resynced) sweeps.set(null, new Set());
    for await (const page of provider.syncMail(cursor, window)) {
      for (const label of page.resync ?? []) if (!sweeps.has(label)) sweeps.set(label, new Set());
      for (const seen of sweeps.values()) for (const m of page.upserts) if (m.providerId) seen.add(m.providerId);
      const now = ctx.clock.now();
      const applied = await ctx.db.transaction().execute(async (tx) => {
        const r = await applyMailChanges(tx, account.id, page.upserts, page.deletions, now);
        if (page.done) {
          for (const [label, seen] of sweeps) {
            r.deleted += await sweepUnseenMessages(tx, account.id, { seen, label, windowStart: window.since, now });
          }
        }
        await saveCursor(tx, account.id, "mail", page, now);
        return r;
      });
      tally(report, applied, page.cost);
      if (ctx.signal.aborted) return "aborted";
    }
    return "ok";
  });
}

export function syncCalendar(ctx: AppContext, account: Account, provider: MailProvider): Promise<SyncReport> {
  return syncResource(ctx, account, "calendar", async (cursor, report) => {
    for await (const page of provider.syncEvents(cursor, syncWindow(ctx))) {
      const now = ctx.clock.now();
      const applied = await ctx.db.transaction().execute(async (tx) => {
        const r = await applyEventChanges(tx, account.id, page.upserts, page.deletions, page.reset, now);
        await saveCursor(tx, account.id, "calendar", page, now);
        return r;
      });
      tally(report, applied, page.cost);
      if (ctx.signal.aborted) return "aborted";
    }
    return "ok";
  });
}

type PageLoop = (cursor: string | null, report: SyncReport) => Promise<"ok" | "aborted">;

async function syncResource(
  ctx: AppContext,
  account: Account,
  resource: Resource,
  loop: PageLoop,
): Promise<SyncReport> {
  const report = emptyReport(resource);
  const log = ctx.log.child({ account: account.id, resource });
  let state = await loadSyncState(ctx, account.id, resource);
  if (isBackingOff(state, ctx.clock.now())) {
    report.skipped = "backing-off";
    return report;
  }
  // One resync at most per run: an expired cursor restarts from the look-back window once.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      report.outcome = await loop(state.cursor, report);
      if (report.outcome === "ok") await recordSyncSuccess(ctx, account.id, resource);
      return report;
    } catch (error) {
      const outcome = await recordSyncFailure(ctx, account.id, resource, error);
      report.error = (error as Error).message?.split("\n")[0] ?? String(error);
      if (outcome === "resync" && attempt === 0) {
        log.warn({ reason: report.error }, "sync cursor expired; resyncing the look-back window");
        report.resynced = true;
        state = await loadSyncState(ctx, account.id, resource);
        continue;
      }
      log.warn({ outcome, reason: report.error }, "sync failed");
      report.outcome = outcome === "needs-reauth" ? "needs-reauth" : "retry-later";
      return report;
    }
  }
  return report;
}

function tally(
  report: SyncReport,
  applied: { inserted: number; updated: number; deleted: number },
  cost: number,
): void {
  report.pages += 1;
  report.inserted += applied.inserted;
  report.updated += applied.updated;
  report.deleted += applied.deleted;
  report.cost += cost;
}

async function saveCursor(
  tx: AppContext["db"],
  accountId: number,
  resource: Resource,
  page: { cursor: string; done: boolean; cost: number },
  now: Date,
): Promise<void> {
  await tx
    .updateTable("sync_state")
    .set((eb) => ({
      cursor: page.cursor,
      stage: page.done ? "incremental" : eb.ref("stage"),
      units_spent: eb("units_spent", "+", page.cost),
      updated_at: now,
    }))
    .where("account_id", "=", accountId)
    .where("resource", "=", resource)
    .execute();
}
