/**
 * One whole cycle for one account: sync mail and calendar, assess what changed, evaluate the lifecycle, settle the
 * fate of earlier drafts, create the drafts now due, and send the weekly digest when its local time has come.
 * Each step is idempotent, so a cycle that dies mid-way is simply run again. An idle cycle — no new mail or events,
 * nothing left unsettled, no timer due — asks the provider whether anything changed (Gmail: its two sync cursors;
 * Outlook: one change probe) and stops there, in a handful of database round trips (README "Fleet"); the profile and
 * the fate of waiting drafts are checked once a day. Whoever runs it (the worker's queue, `rapport run --once`) first
 * takes the account's lock (db/account-lock.ts): a second run at the same time finds the
 * account "busy" and leaves it alone.
 */
import type { AppContext } from "../context.js";
import { withAccountLock } from "../db/account-lock.js";
import {
  type CycleAccount,
  currentChanges,
  getAccount,
  getCycleAccount,
  refreshProfile,
  setAccountStatus,
  settleEvaluation,
} from "../db/accounts.js";
import type { Account, SyncState } from "../db/schema.js";
import { type MailProvider, ProviderError } from "../domain/provider-port.js";
import { recordQuotaUnits, recordSync } from "../metrics.js";
import { type AssessReport, addAssessReports, assessPendingThreads } from "./assess-threads.js";
import { createDueDrafts, type DraftOutcome, reconcileDrafts, supersedeMovedOn } from "./create-drafts.js";
import { evaluateAccount } from "./evaluate-account.js";
import { dueReferralDrafts } from "./referral-drafts.js";
import { sendDigestIfDue } from "./send-digest.js";
import { changedAnything, notDue, overtaken, type SyncReport, syncCalendar, syncMail } from "./sync.js";
import { loadSyncStates, recordSyncSuccess } from "./sync-policy.js";

export interface CycleReport {
  accountId: number;
  address: string;
  /** busy: another run holds the account's lock right now. */
  status: "ok" | "skipped" | "needs-reauth" | "failed" | "aborted" | "busy";
  reason: string | null;
  mail: SyncReport | null;
  calendar: SyncReport | null;
  assessed: AssessReport | null;
  due: number;
  drafts: DraftOutcome[];
  digest: string | null;
  /** The daily check ran: the provider's profile read, every waiting draft's fate asked. */
  daily?: boolean;
  /** Evaluation ran (something changed, or a timer came due); an idle cycle skips it. */
  evaluated?: boolean;
}

function report(account: Pick<Account, "id" | "address">): CycleReport {
  return {
    accountId: account.id,
    address: account.address,
    status: "ok",
    reason: null,
    mail: null,
    calendar: null,
    assessed: null,
    due: 0,
    drafts: [],
    digest: null,
    daily: false,
    evaluated: false,
  };
}

/** The provider's profile (name, signature) and the fates of waiting drafts are checked in full once a day. */
const DAILY_CHECK_MS = 24 * 3600_000;

/**
 * The name and signature drafts carry follow the provider's profile (Gmail send-as, Graph /me): read once a day, not
 * every cycle (the sync needs only the stored address). A failure here only leaves the stored ones.
 */
async function withFreshProfile(ctx: AppContext, account: Account, provider: MailProvider): Promise<Account> {
  try {
    return await refreshProfile(ctx.db, account, await provider.getProfile(), ctx.clock.now());
  } catch (error) {
    if (error instanceof ProviderError && error.code === "auth") throw error;
    ctx.log.warn({ account: account.id, reason: (error as Error).message }, "profile not refreshed");
    // Checked all the same: tried again tomorrow, not on every cycle until the provider answers.
    const stored = { displayName: account.display_name, signature: account.provider_signature };
    return refreshProfile(ctx.db, account, stored, ctx.clock.now());
  }
}

function dailyCheckDue(account: Account, now: Date): boolean {
  return !account.profile_checked_at || now.getTime() - account.profile_checked_at.getTime() >= DAILY_CHECK_MS;
}

/** How long an Outlook calendar may go unread while nothing else changes. */
export const CALENDAR_CHECK_MS = 60 * 60_000;

/**
 * Whether this cycle reads the calendar. Gmail: always (its mail is one history.list, so an idle cycle costs two
 * calls with it). Outlook's calendar delta is read when it may have news: the mail changed (invitations, updates and
 * cancellations arrive as mail: then it is read after the mail), its sync is not settled (backfill, resync, a failure
 * to retry), the daily check, or an hour since it was last read (a meeting edited in the calendar alone is seen
 * within the hour). An idle Outlook cycle then costs one call (the mailbox's change probe, providers/outlook/
 * change-probe.ts), and two once an hour.
 */
function calendarDue(account: Account, state: SyncState | undefined, now: Date): boolean {
  if (account.provider !== "outlook" || !state) return true;
  if (state.cursor === null || state.resync_from_version !== null || state.failure_count > 0) return true;
  if (dailyCheckDue(account, now)) return true;
  return now.getTime() - (state.last_success_at?.getTime() ?? 0) >= CALENDAR_CHECK_MS;
}

export async function runAccountCycle(ctx: AppContext, accountId: number): Promise<CycleReport> {
  const lost = new AbortController();
  const onLost = (why: string) => {
    ctx.log.warn({ account: accountId, why }, "the account's lock may be lost: the cycle stops");
    lost.abort(new Error(why));
  };
  const locked = await withAccountLock(ctx.database, ctx.clock, accountId, onLost, async () => {
    // Read under the lock: the run that held it may have changed the account.
    const account = await getCycleAccount(ctx.db, accountId, ctx.clock.now());
    if (!account) throw new Error(`account ${accountId} does not exist`);
    return runLocked({ ...ctx, signal: AbortSignal.any([ctx.signal, lost.signal]) }, account);
  });
  if (locked.held) return locked.value;
  const found = await getAccount(ctx.db, accountId);
  if (!found) throw new Error(`account ${accountId} does not exist`);
  return { ...report(found), status: "busy", reason: "another run is working on this account" };
}

async function runLocked(ctx: AppContext, locked: CycleAccount): Promise<CycleReport> {
  let account: Account = locked;
  const result = report(account);
  const log = ctx.log.child({ account: account.id });
  if (account.status !== "active" || account.provider === "offline") {
    result.status = account.status === "needs_reauth" ? "needs-reauth" : "skipped";
    result.reason = account.status_reason ?? `account is ${account.status}`;
    // The digest still goes out: it is where the user learns that an account needs re-authorisation.
    if (account.status === "needs_reauth") result.digest = await digestOrReason(ctx, account);
    return result;
  }
  try {
    const provider = ctx.providers(account, ctx.signal);
    if (!(await syncBoth(ctx, locked, provider, result))) return result;
    if (dailyCheckDue(account, ctx.clock.now())) {
      account = await withFreshProfile(ctx, account, provider);
      result.daily = true;
    }
    // Something the lifecycle depends on changed (this sync, or one whose cycle did not finish, a correction, a
    // setting), or the daily check: assess, evaluate and settle drafts. Otherwise only a timer can change anything.
    const changed =
      changedAnything(result.mail) ||
      changedAnything(result.calendar) ||
      result.daily ||
      Number(locked.changes) !== Number(locked.settled_changes);
    if (changed || locked.assess_pending) {
      result.assessed = addAssessReports(
        result.mail?.assessed ?? null,
        await assessPendingThreads(ctx, account, provider, result.mail?.unsure ?? null),
      );
    }
    if (ctx.signal.aborted) return { ...result, status: "aborted" };
    const timerDue = locked.evaluate_after !== null && locked.evaluate_after <= ctx.clock.now();
    // A claim left by a run that died is settled, then its draft made again if still due: a full pass.
    if (changed || timerDue || locked.stale_claims || (result.assessed?.assessed ?? 0) > 0) {
      result.evaluated = true;
      const mark = changed ? await currentChanges(ctx.db, account.id) : Number(locked.changes);
      const evaluation = await evaluateAccount(ctx, account);
      // the engine's drafts, then the follow-through of introductions (jobs/referral-drafts.ts)
      const due = [...evaluation.due, ...(await dueReferralDrafts(ctx.db, account, ctx.clock.now()))];
      result.due = due.length;
      await reconcileDrafts(ctx, account, { stale: locked.stale_claims, fates: changed });
      await supersedeMovedOn(ctx, account, due);
      result.drafts = await createDueDrafts(ctx, account, due);
      if (ctx.signal.aborted) return { ...result, status: "aborted" };
      // A draft that failed is tried again by a later cycle (at once, or hourly after five attempts: the ledger
      // decides): the account stays unsettled until it is made.
      const retry = result.drafts.some(
        (d) => d.status === "failed" || (d.status === "exists" && d.reason === "already failed"),
      );
      if (!retry) {
        const next = evaluation.nextChangeAt ? new Date(evaluation.nextChangeAt) : null;
        await settleEvaluation(ctx.db, account.id, mark, next);
      }
    }
    if (ctx.signal.aborted) return { ...result, status: "aborted" };
    result.digest = await sendDigestIfDue(ctx, account, locked.digest_sent_through);
  } catch (error) {
    if (error instanceof ProviderError && error.code === "auth") {
      await setAccountStatus(ctx.db, account.id, "needs_reauth", error.message, ctx.clock.now());
      result.status = "needs-reauth";
    } else {
      result.status = "failed";
    }
    result.reason = (error as Error).message?.split("\n")[0] ?? String(error);
    log.warn({ status: result.status, reason: result.reason }, "cycle did not finish");
  }
  return result;
}

/**
 * Mail and calendar, from the sync state read with the account; both successes stamped in one statement. False when the cycle
 * stops here (the grant was refused, or the job was given up).
 */
async function syncBoth(ctx: AppContext, account: CycleAccount, provider: MailProvider, result: CycleReport) {
  const started = performance.now();
  const states = await loadSyncStates(ctx, account.id, account.sync_states);
  const calendar = { state: states.get("calendar"), deferSuccess: true };
  // Mail and calendar at once (their requests overlap: an idle cycle waits for one round trip, not two).
  const [mail, calendarFirst] = await Promise.all([
    syncMail(ctx, account, provider, {
      state: states.get("mail"),
      deferSuccess: true,
      full: dailyCheckDue(account, ctx.clock.now()),
    }),
    calendarDue(account, calendar.state, ctx.clock.now()) ? syncCalendar(ctx, account, provider, calendar) : null,
  ]);
  result.mail = mail;
  result.calendar =
    calendarFirst ??
    (changedAnything(mail) ? await syncCalendar(ctx, account, provider, calendar) : notDue("calendar"));
  const succeeded = [result.mail, result.calendar].filter((r) => r.outcome === "ok" && r.skipped === null);
  const stamped = await recordSyncSuccess(
    ctx,
    account.id,
    succeeded.map((r) => ({ resource: r.resource, version: r.cursorVersion })),
  );
  for (const r of succeeded) if (!stamped.has(r.resource)) overtaken(r, ctx.log.child({ account: account.id }));
  recordQuotaUnits(account.provider, result.mail.cost + result.calendar.cost);
  if (result.mail.outcome === "ok") recordSync(account.id, (performance.now() - started) / 1000);
  if (result.mail.outcome === "needs-reauth" || result.calendar.outcome === "needs-reauth") {
    result.status = "needs-reauth";
    result.reason = result.mail.error ?? result.calendar.error;
    return false;
  }
  if (ctx.signal.aborted) {
    result.status = "aborted";
    return false;
  }
  return true;
}

async function digestOrReason(ctx: AppContext, account: Account): Promise<string> {
  try {
    return await sendDigestIfDue(ctx, account);
  } catch (error) {
    return `digest failed: ${(error as Error).message}`;
  }
}
