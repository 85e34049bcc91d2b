/**
 * One whole cycle for one account: sync mail and calendar, assess what changed, evaluate the lifecycle, settle the
 * fate of earlier drafts, create the drafts now due, and send the weekly digest when its local time has come.
 * Each step is idempotent, so a cycle that dies mid-way is simply run again. Whoever runs it (the worker's queue,
 * `rapport run --once`) first takes the account's lock (db/account-lock.ts): a second run at the same time finds the
 * account "busy" and leaves it alone.
 */
import type { AppContext } from "../context.js";
import { withAccountLock } from "../db/account-lock.js";
import { getAccount, refreshProfile, setAccountStatus } from "../db/accounts.js";
import type { Account } from "../db/schema.js";
import { type MailProvider, ProviderError } from "../domain/provider-port.js";
import { recordQuotaUnits, recordSync } from "../metrics.js";
import { type AssessReport, addAssessReports, assessPendingThreads } from "./assess-threads.js";
import { createDueDrafts, type DraftOutcome, reconcileDrafts, supersedeMovedOn } from "./create-drafts.js";
import { evaluateAccount } from "./evaluate-account.js";
import { sendDigestIfDue } from "./send-digest.js";
import { type SyncReport, syncCalendar, syncMail } from "./sync.js";

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
  };
}

/**
 * The name and signature drafts carry follow the provider's profile (Gmail send-as, Graph /me), read once per
 * cycle from the adapter that already fetched it for the sync. A failure here only leaves the stored ones.
 */
async function withFreshProfile(ctx: AppContext, account: Account, provider: MailProvider): Promise<Account> {
  try {
    return await refreshProfile(ctx.db, account, await provider.getProfile(), ctx.clock.now());
  } catch (error) {
    if (error instanceof ProviderError && error.code === "auth") throw error;
    ctx.log.warn({ account: account.id, reason: (error as Error).message }, "profile not refreshed");
    return account;
  }
}

export async function runAccountCycle(ctx: AppContext, accountId: number): Promise<CycleReport> {
  const found = await getAccount(ctx.db, accountId);
  if (!found) throw new Error(`account ${accountId} does not exist`);
  const lost = new AbortController();
  const onLost = (why: string) => {
    ctx.log.warn({ account: accountId, why }, "the account's lock may be lost: the cycle stops");
    lost.abort(new Error(why));
  };
  const locked = await withAccountLock(ctx.database, ctx.clock, accountId, onLost, async () => {
    // Read again under the lock: the run that held it may have changed the account.
    const account = (await getAccount(ctx.db, accountId)) ?? found;
    return runLocked({ ...ctx, signal: AbortSignal.any([ctx.signal, lost.signal]) }, account);
  });
  if (locked.held) return locked.value;
  return { ...report(found), status: "busy", reason: "another run is working on this account" };
}

async function runLocked(ctx: AppContext, locked: Account): Promise<CycleReport> {
  let account = locked;
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
    const started = performance.now();
    result.mail = await syncMail(ctx, account, provider);
    result.calendar = await syncCalendar(ctx, account, provider);
    recordQuotaUnits(account.provider, result.mail.cost + result.calendar.cost);
    if (result.mail.outcome === "ok") recordSync(account.id, (performance.now() - started) / 1000);
    if (result.mail.outcome === "needs-reauth" || result.calendar.outcome === "needs-reauth") {
      result.status = "needs-reauth";
      result.reason = result.mail.error ?? result.calendar.error;
      return result;
    }
    if (ctx.signal.aborted) return { ...result, status: "aborted" };
    account = await withFreshProfile(ctx, account, provider);
    result.assessed = addAssessReports(result.mail.assessed, await assessPendingThreads(ctx, account, provider));
    if (ctx.signal.aborted) return { ...result, status: "aborted" };
    const evaluation = await evaluateAccount(ctx, account);
    result.due = evaluation.due.length;
    await reconcileDrafts(ctx, account);
    await supersedeMovedOn(ctx, account, evaluation.due);
    result.drafts = await createDueDrafts(ctx, account, evaluation.due);
    if (ctx.signal.aborted) return { ...result, status: "aborted" };
    result.digest = await sendDigestIfDue(ctx, account);
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

async function digestOrReason(ctx: AppContext, account: Account): Promise<string> {
  try {
    return await sendDigestIfDue(ctx, account);
  } catch (error) {
    return `digest failed: ${(error as Error).message}`;
  }
}
