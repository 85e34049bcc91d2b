/**
 * Mail sync for one account: pull pages from the provider from the stored cursor, apply each page and its new
 * cursor in one transaction (a checkpoint: a crash resumes from the last applied page), and on an expired cursor
 * start over from the look-back window — upserts make that resync free of duplicates. Cursor writes are
 * compare-and-set (db/sync-cursor.ts): a run that finds its cursor moved by another run stops; a resync's sweep of
 * mail deleted meanwhile happens with its last page, in whichever run that is. Threads a page read in full are
 * assessed right after the page is stored, from the bodies it carries (jobs/assess-threads.ts assessReadThreads),
 * so neither the bodies outlive the page nor is any thread fetched again for its assessment.
 */
import type { AppContext } from "../context.js";
import { applyEventChanges, applyMailChanges } from "../db/mail-store.js";
import type { Account, SyncState } from "../db/schema.js";
import { CursorMovedError, pageVersion, saveCursor } from "../db/sync-cursor.js";
import { analyzeAsMailGrows } from "../db/table-statistics.js";
import type { EventSyncPage, MailProvider, MailSyncPage, SyncOptions } from "../domain/provider-port.js";
import {
  type AssessPass,
  type AssessReport,
  assessReadThreads,
  openAssessPass,
  type UnsureThreads,
} from "./assess-threads.js";
import { isBackingOff, loadSyncState, type Resource, recordSyncFailure, recordSyncSuccess } from "./sync-policy.js";

const DAY_MS = 86_400_000;

export interface SyncReport {
  resource: Resource;
  /** backing-off: after failures; not-due: a check this cycle did not need (run-cycle.ts, Outlook's calendar). */
  skipped: "backing-off" | "not-due" | null;
  pages: number;
  inserted: number;
  updated: number;
  deleted: number;
  cost: number;
  resynced: boolean;
  outcome: "ok" | "retry-later" | "needs-reauth" | "aborted";
  error: string | null;
  /** The cursor version this run read or last wrote (its success stamp is compare-and-set on it). */
  cursorVersion: number;
  /** Threads assessed from the bodies the sync read (mail only; null when it read none). */
  assessed: AssessReport | null;
  /** Of those, the ones to look at again if a counterpart becomes known (assess-threads.ts assessPendingThreads). */
  unsure: UnsureThreads | null;
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
    cursorVersion: 0,
    assessed: null,
    unsure: null,
  };
}

/** The report of a sync the cycle did not need to run. */
export function notDue(resource: Resource): SyncReport {
  return { ...emptyReport(resource), skipped: "not-due" };
}

function syncWindow(ctx: AppContext): SyncOptions {
  const now = ctx.clock.now().getTime();
  return {
    since: new Date(now - ctx.config.lookbackDays * DAY_MS),
    until: new Date(now + ctx.config.lookaheadDays * DAY_MS),
    signal: ctx.signal,
  };
}

/**
 * How a cycle runs a sync: with the state it already read (db round trips saved), and leaving the success stamp to
 * the caller, which writes both resources' at once.
 */
export interface SyncRunOptions {
  state?: SyncState;
  deferSuccess?: boolean;
  /** The whole change feed, whatever a cheaper check says (SyncOptions.full: the daily check). */
  full?: boolean;
}

const NO_CHANGE = { inserted: 0, updated: 0, deleted: 0 };

/**
 * A page that changes nothing: no mail or events, no restart, no resync to finish. With its cursor unchanged too (an
 * idle mailbox) nothing is written at all; otherwise its cursor alone, compare-and-set, without a transaction.
 */
function quietPage(page: MailSyncPage | EventSyncPage, slot: CursorSlot): "same" | "cursor" | null {
  const reset = "reset" in page && page.reset;
  const restarted = "resync" in page && (page.resync?.length ?? 0) > 0;
  if (page.upserts.length > 0 || page.deletions.length > 0 || reset || restarted || slot.resyncing) return null;
  return page.cursor === slot.cursor && page.done ? "same" : "cursor";
}

/** The account's change counter, bumped in the transaction of a page that changed something (db: accounts.changes). */
async function bumpChanges(tx: AppContext["db"], accountId: number, applied: typeof NO_CHANGE): Promise<void> {
  if (applied.inserted + applied.updated + applied.deleted === 0) return;
  await tx
    .updateTable("accounts")
    .set((eb) => ({ changes: eb("changes", "+", 1) }))
    .where("id", "=", accountId)
    .execute();
}

async function saveQuiet(ctx: AppContext, slot: CursorSlot, page: MailSyncPage | EventSyncPage, since: Date) {
  if (quietPage(page, slot) === "cursor") {
    slot.version = (await saveCursor(ctx.db, { ...slot, page, since, now: ctx.clock.now() })).version;
  }
  slot.cursor = page.cursor;
  return NO_CHANGE;
}

export function syncMail(
  ctx: AppContext,
  account: Account,
  provider: MailProvider,
  options: SyncRunOptions = {},
): Promise<SyncReport> {
  return syncResource(ctx, account, "mail", options, async (slot, report) => {
    const window = { ...syncWindow(ctx), full: options.full ?? false };
    let pass: AssessPass | null = null;
    for await (const page of provider.syncMail(slot.cursor, window)) {
      const now = ctx.clock.now();
      const applied = quietPage(page, slot)
        ? await saveQuiet(ctx, slot, page, window.since)
        : await ctx.db.transaction().execute(async (tx) => {
            const version = pageVersion(slot.version);
            const r = await applyMailChanges(tx, account.id, page.upserts, page.deletions, now, version);
            const saved = await saveCursor(tx, { ...slot, page, since: window.since, now });
            slot.version = saved.version;
            r.deleted += saved.swept;
            await bumpChanges(tx, account.id, r);
            return r;
          });
      tally(report, applied, page.cost);
      await analyzeAsMailGrows(ctx.database, applied.inserted);
      if (page.readInFull?.length || page.unreadable?.length) {
        pass ??= await openAssessPass(ctx, account);
        report.assessed = pass.report;
        report.unsure = pass.unsure;
        await assessReadThreads(ctx, pass, page);
      }
      if (ctx.signal.aborted) return "aborted";
    }
    return "ok";
  });
}

export function syncCalendar(
  ctx: AppContext,
  account: Account,
  provider: MailProvider,
  options: SyncRunOptions = {},
): Promise<SyncReport> {
  return syncResource(ctx, account, "calendar", options, async (slot, report) => {
    const window = syncWindow(ctx);
    for await (const page of provider.syncEvents(slot.cursor, window)) {
      const now = ctx.clock.now();
      const applied = quietPage(page, slot)
        ? await saveQuiet(ctx, slot, page, window.since)
        : await ctx.db.transaction().execute(async (tx) => {
            const r = await applyEventChanges(tx, account.id, page.upserts, page.deletions, page.reset, now);
            slot.version = (await saveCursor(tx, { ...slot, page, since: window.since, now })).version;
            await bumpChanges(tx, account.id, page.reset ? { ...r, deleted: r.deleted + 1 } : r);
            return r;
          });
      tally(report, applied, page.cost);
      if (ctx.signal.aborted) return "aborted";
    }
    return "ok";
  });
}

/** Whether a sync changed anything stored (mail, meetings): the cycle's evaluation depends on it. */
export function changedAnything(report: SyncReport | null): boolean {
  return report !== null && (report.inserted + report.updated + report.deleted > 0 || report.resynced);
}

/** The cursor a run holds: where it starts, and the version its next write must find (compare-and-set). */
interface CursorSlot {
  accountId: number;
  resource: Resource;
  cursor: string | null;
  version: number;
  /** A resync is in progress (its sweep is due with a last page): every page goes through a transaction. */
  resyncing: boolean;
}

type PageLoop = (slot: CursorSlot, report: SyncReport) => Promise<"ok" | "aborted">;

async function syncResource(
  ctx: AppContext,
  account: Account,
  resource: Resource,
  options: SyncRunOptions,
  loop: PageLoop,
): Promise<SyncReport> {
  const report = emptyReport(resource);
  const log = ctx.log.child({ account: account.id, resource });
  let state = options.state ?? (await loadSyncState(ctx, account.id, resource));
  if (isBackingOff(state, ctx.clock.now())) {
    report.skipped = "backing-off";
    return report;
  }
  // One resync at most per run: an expired cursor restarts from the look-back window once.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const slot: CursorSlot = {
      accountId: account.id,
      resource,
      cursor: state.cursor,
      version: state.cursor_version,
      resyncing: state.resync_from_version !== null || state.cursor === null,
    };
    try {
      report.outcome = await loop(slot, report);
      report.cursorVersion = slot.version;
      if (report.outcome === "ok" && !options.deferSuccess) {
        const stamped = await recordSyncSuccess(ctx, account.id, { resource, version: slot.version });
        if (!stamped.has(resource)) overtaken(report, log);
      }
      return report;
    } catch (error) {
      if (error instanceof CursorMovedError) {
        overtaken(report, log, error);
        return report;
      }
      const outcome = await recordSyncFailure(ctx, account.id, resource, error, slot.version);
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

/** Another run moved the cursor while this one ran: it stops, the other carries on. */
export function overtaken(
  report: SyncReport,
  log: AppContext["log"],
  error = new CursorMovedError(report.resource),
): void {
  log.warn({ reason: error.message }, "sync stopped: another run is ahead");
  report.outcome = "aborted";
  report.error = error.message;
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
