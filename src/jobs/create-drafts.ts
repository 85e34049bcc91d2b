/**
 * Turns the engine's due list into drafts in the user's Drafts folder, exactly once per (target, kind, cycle), and
 * keeps the ledger in step with what the user did with them. Never sends anything: drafts only. A claimed row is
 * renewed while its provider calls run (db/lease.ts); should a claim be lost all the same, drafting stops calling the
 * provider at once.
 */
import type { AppContext } from "../context.js";
import { droppedParts } from "../db/draft-edits.js";
import {
  claimSlot,
  type DraftParts,
  draftMarker,
  latestRows,
  leaveAlone,
  markCreated,
  markFailed,
  markResolved,
  openDrafts,
  renewClaim,
  retake,
  staleClaims,
  supersedeOutdated,
} from "../db/draft-ledger.js";
import { whileHeld } from "../db/lease.js";
import type { Account, Draft, DraftKind } from "../db/schema.js";
import type { DueDraft } from "../domain/engine-types.js";
import { type DraftRequest, type MailProvider, ProviderError } from "../domain/provider-port.js";
import { recordDraft } from "../metrics.js";
import { loadDraftTemplates } from "../templates/catalog.js";
import { renderDraftForAccount } from "../templates/drafts.js";
import type { RenderedMessage } from "../templates/template-set.js";
import { learnFromSent } from "./learn-edits.js";
import { type DraftPlan, planDraft, targetKeyOf } from "./plan-draft.js";

export interface DraftOutcome {
  kind: DraftKind;
  to: string;
  targetKey: string | null;
  /**
   * created: a new draft is in Drafts; recovered: found by its marker after an interrupted run; dry_run: logged
   * only; exists: the ledger already has it (or the user deleted/sent it); skipped: nothing to draft (why in
   * `reason`); failed: the provider refused (retried on a later run, up to a limit).
   */
  status: "created" | "recovered" | "dry_run" | "exists" | "skipped" | "failed";
  reason: string | null;
  ledgerId: number | null;
  cycle: number | null;
  draftId: string | null;
}

/** Errors that concern the whole account: stop drafting and let the cycle decide (re-authorise, back off). */
function isAccountWide(error: unknown): boolean {
  return error instanceof ProviderError && (error.code === "auth" || error.code === "rate-limited");
}

type Written = Pick<DraftOutcome, "status" | "reason" | "draftId">;

/** A rendered draft with the template parts of its paragraphs (kept in the ledger to learn from edits). */
type WrittenMessage = RenderedMessage & { parts: DraftParts };

/**
 * Puts a claimed draft into the user's Drafts folder and records it in the ledger; when an interrupted run held the
 * claim before, the draft it may have left is looked up by its marker first, so there is never a second one. A
 * refusal is recorded as failed (retried later); one that concerns the whole account is rethrown after that.
 */
async function writeDraft(
  ctx: AppContext,
  drafting: Drafting,
  account: Account,
  work: { item: DueDraft; plan: DraftPlan; message: WrittenMessage; row: Draft; retaken: boolean },
): Promise<Written> {
  const { item, row } = work;
  const { provider } = drafting;
  const log = ctx.log.child({ account: account.id });
  const marker = draftMarker(row);
  const renew = (now: Date) => renewClaim(ctx.db, row, now);
  try {
    return await whileHeld(ctx.clock, renew, drafting.lose, () =>
      writeClaimed(ctx, provider, account, { ...work, marker }),
    );
  } catch (error) {
    const reason = (error as Error).message?.split("\n")[0] ?? String(error);
    await markFailed(ctx.db, row, reason, ctx.clock.now());
    recordDraft(item.kind, "failed");
    log.warn({ kind: item.kind, ledgerId: row.id, reason }, "draft not created");
    if (isAccountWide(error)) throw error;
    return { status: "failed", reason, draftId: null };
  }
}

/** The provider calls of writeDraft, under a live claim. */
async function writeClaimed(
  ctx: AppContext,
  provider: MailProvider,
  account: Account,
  work: { item: DueDraft; plan: DraftPlan; message: WrittenMessage; row: Draft; retaken: boolean; marker: string },
): Promise<Written> {
  const { item, plan, message, row, marker } = work;
  const log = ctx.log.child({ account: account.id });
  if (work.retaken) {
    const found = await provider.findDraftByMarker(marker);
    if (found) {
      if (await markCreated(ctx.db, row, found, ctx.clock.now())) recordDraft(item.kind, "created");
      return { status: "recovered", reason: null, draftId: found.draftId };
    }
  }
  const request: DraftRequest = {
    replyTo: plan.replyTo,
    to: { address: item.to.toLowerCase(), name: plan.contact?.name || (plan.toName ?? "") },
    ...(plan.cc?.length ? { cc: plan.cc } : {}),
    ...(plan.bcc?.length ? { bcc: plan.bcc } : {}),
    from: { address: account.address, name: plan.facts.me.name },
    subject: message.subject,
    text: message.text,
    ...(message.html ? { html: message.html } : {}),
    marker,
  };
  const ref = await provider.createDraft(request);
  if (await markCreated(ctx.db, row, ref, ctx.clock.now(), message)) recordDraft(item.kind, "created");
  else log.warn({ ledgerId: row.id, draftId: ref.draftId }, "draft created after its claim was taken over");
  log.info({ kind: item.kind, ledgerId: row.id, cycle: row.cycle }, "draft created");
  return { status: "created", reason: null, draftId: ref.draftId };
}

/** One drafting pass's provider, stopped (with the pass) as soon as any of its claims is lost. */
interface Drafting {
  provider: MailProvider;
  signal: AbortSignal;
  lose: (why: string) => void;
}

function drafting(ctx: AppContext, account: Account): Drafting {
  const lost = new AbortController();
  const signal = AbortSignal.any([ctx.signal, lost.signal]);
  return {
    provider: ctx.providers(account, signal),
    signal,
    lose: (why) => {
      ctx.log.warn({ account: account.id, why }, "a draft claim was lost: drafting stops for this cycle");
      lost.abort(new Error(`draft claim lost: ${why}`));
    },
  };
}

/** The draft's text, with the account's own changes to the template (accepted on the page) applied. */
function renderFor(ctx: AppContext, account: Account, plan: DraftPlan) {
  const templates = loadDraftTemplates(ctx.config, plan.facts.language);
  return renderDraftForAccount(templates, plan.facts, (ref) => droppedParts(ctx.db, account.id, ref));
}

/**
 * Drafts what is due and not yet in the ledger. The ledger's latest row for every due item is read in one query
 * first: a draft that exists already (waiting, sent, deleted for this occasion) costs nothing more.
 */
export async function createDueDrafts(ctx: AppContext, account: Account, due: DueDraft[]): Promise<DraftOutcome[]> {
  const outcomes: DraftOutcome[] = [];
  if (due.length === 0) return outcomes;
  const latest = await latestRows(
    ctx.db,
    account.id,
    due.map((d) => ({ targetKey: targetKeyOf(d), kind: d.kind })),
  );
  let pass: Drafting | null = null;
  for (const item of due) {
    if (ctx.signal.aborted || pass?.signal.aborted) break;
    const base = { kind: item.kind, to: item.to, targetKey: null, ledgerId: null, cycle: null, draftId: null };
    const now = ctx.clock.now();
    const targetKey = targetKeyOf(item);
    const ledgerRow = latest.get(`${item.kind}|${targetKey}`);
    const why = leaveAlone(ledgerRow, { dueSince: new Date(item.dueSince), now, dryRun: ctx.config.dryRun });
    if (ledgerRow && why) {
      outcomes.push({
        ...base,
        targetKey,
        status: "exists",
        reason: why,
        ledgerId: ledgerRow.id,
        cycle: ledgerRow.cycle,
      });
      continue;
    }
    const planned = await planDraft(ctx.db, account, item, now);
    if ("skip" in planned) {
      outcomes.push({ ...base, status: "skipped", reason: planned.skip });
      continue;
    }
    const { plan } = planned;
    const { message, ...parts } = await renderFor(ctx, account, plan);
    const slot = await claimSlot(ctx.db, {
      accountId: account.id,
      targetKey: plan.targetKey,
      kind: item.kind,
      dueSince: new Date(item.dueSince),
      threadId: plan.thread?.id ?? null,
      contactId: plan.contact?.id ?? null,
      toAddress: item.to.toLowerCase(),
      inReplyTo: item.inReplyTo,
      subject: message.subject,
      text: message.text,
      parts,
      now,
      dryRun: ctx.config.dryRun,
    });
    const known = { ...base, targetKey: plan.targetKey };
    if (!slot.owned) {
      const { row } = slot;
      outcomes.push({
        ...known,
        status: "exists",
        reason: slot.why,
        ledgerId: row?.id ?? null,
        cycle: row?.cycle ?? null,
      });
      continue;
    }
    const { row } = slot;
    const mine = { ...known, ledgerId: row.id, cycle: row.cycle };
    if (row.state === "dry_run") {
      ctx.log.info(
        { account: account.id, kind: item.kind, to: item.to, subject: message.subject, reason: item.reason },
        "dry run: would create a draft",
      );
      recordDraft(item.kind, "dry_run");
      outcomes.push({ ...mine, status: "dry_run", reason: null });
      continue;
    }
    pass ??= drafting(ctx, account);
    const work = { item, plan, message: { ...message, parts }, ...slot };
    outcomes.push({ ...mine, ...(await writeDraft(ctx, pass, account, work)) });
  }
  return outcomes;
}

interface ReconcileReport {
  /** Interrupted claims whose draft was found by its marker. */
  recovered: number;
  /** Interrupted claims with no draft: left for the next drafting pass (if still due). */
  interrupted: number;
  sent: number;
  deleted: number;
}

/**
 * What a reconciliation looks at: claims left by interrupted runs, and the fate of waiting drafts (asked of the
 * provider one by one, so only when the mail sync saw changes — a sent or deleted draft changes the mailbox — or
 * in the daily full check).
 */
interface ReconcileScope {
  stale: boolean;
  fates: boolean;
}

/** Settles earlier drafts: interrupted claims (found by marker, or released) and the fate of created drafts. */
export async function reconcileDrafts(
  ctx: AppContext,
  account: Account,
  scope: ReconcileScope = { stale: true, fates: true },
): Promise<ReconcileReport> {
  const report: ReconcileReport = { recovered: 0, interrupted: 0, sent: 0, deleted: 0 };
  const stale = scope.stale ? await staleClaims(ctx.db, account.id, ctx.clock.now()) : [];
  const created = scope.fates ? await openDrafts(ctx.db, account.id) : [];
  if (stale.length === 0 && created.length === 0) return report;
  const pass = drafting(ctx, account);
  const { provider } = pass;
  for (const seen of stale) {
    if (pass.signal.aborted) break;
    const row = await retake(ctx.db, seen, ctx.clock.now());
    if (!row) continue;
    const found = await whileHeld(
      ctx.clock,
      (now) => renewClaim(ctx.db, row, now),
      pass.lose,
      () => provider.findDraftByMarker(draftMarker(row)),
    );
    if (found) {
      if (await markCreated(ctx.db, row, found, ctx.clock.now())) {
        recordDraft(row.kind, "created");
        report.recovered++;
      }
    } else {
      await markFailed(ctx.db, row, "interrupted before the draft was created", ctx.clock.now());
      recordDraft(row.kind, "failed");
      report.interrupted++;
    }
  }
  for (const row of created) {
    if (pass.signal.aborted) break;
    const fate = await draftFate(provider, row);
    if (fate !== "pending" && (await markResolved(ctx.db, row, fate, ctx.clock.now()))) {
      recordDraft(row.kind, fate);
      report[fate]++;
      if (fate === "sent") await learnFromSent(ctx, provider, account, row);
    }
  }
  if (report.sent + report.deleted + report.recovered + report.interrupted > 0) {
    ctx.log.info({ account: account.id, ...report }, "drafts reconciled");
  }
  return report;
}

async function draftFate(provider: MailProvider, row: Draft & { thread_key: string | null }) {
  if (!row.provider_draft_id) return "pending" as const;
  // Thread and In-Reply-To let the adapter recognise the sent reply once the draft itself is gone (the web UI
  // re-composes a draft on send: new message id, custom headers dropped).
  const ref = {
    draftId: row.provider_draft_id,
    messageId: row.provider_message_id,
    threadId: row.thread_key,
    inReplyTo: row.in_reply_to,
  };
  return provider.draftFate(ref, draftMarker(row));
}

/**
 * Waiting drafts the conversation has moved past (someone wrote in the thread since) and that are no longer due
 * are marked superseded in the ledger; returns how many.
 */
export async function supersedeMovedOn(
  ctx: Pick<AppContext, "db" | "clock">,
  account: Pick<Account, "id">,
  due: readonly Pick<DueDraft, "kind" | "threadId" | "to">[],
): Promise<number> {
  const stillDue = new Set(due.map((d) => `${d.kind}|${targetKeyOf(d)}`));
  const superseded = await supersedeOutdated(ctx.db, account.id, stillDue, ctx.clock.now());
  for (const kind of superseded) recordDraft(kind, "superseded");
  return superseded.length;
}
