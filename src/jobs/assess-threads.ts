/**
 * Reads the threads that changed since their last assessment and classifies them. Bodies are fetched from the
 * provider only for threads worth reading (the user wrote in them, or a person wrote directly to the user), held
 * in memory for the classifier, and dropped: only the assessment (no body text) is stored, and for informational
 * threads the few short facts drafts need (domain/thread-facts.ts), read from the full bodies before they are cut
 * down for the classifier — unless the account turned thread facts off.
 *
 * A thread is read at most once per change: when the sync has just read a thread in full (Gmail fetches the
 * threads the user wrote in with their bodies, at the same cost as their headers), the sync hands those bodies
 * over at once (`assessReadThreads`, called after the page is stored) and they are assessed from that fetch, then
 * dropped; only threads the sync did not read are fetched here.
 *
 * One bad thread never blocks its account: a thread that cannot be fetched or assessed is set aside with its own
 * back-off (threads.assess_failures / assess_retry_after, shown by `rapport status` and /metrics) and the cycle goes
 * on to evaluation, drafts and the digest. Only what concerns the whole account (the grant refused, the quota
 * spent, or the provider failing thread after thread) stops the pass.
 */
import { sql } from "kysely";
import type { AppContext } from "../context.js";
import type { Account, Message } from "../db/schema.js";
import { classifierText } from "../domain/classifier-text.js";
import {
  assessThread,
  type Direction,
  informationalContacts,
  opensWithSharedLink,
  type ThreadAssessment,
} from "../domain/index.js";
import { type FoundIntroduction, introductionShape } from "../domain/introductions.js";
import type { MailMessage } from "../domain/mail.js";
import { type MailProvider, type MailSyncPage, ProviderError } from "../domain/provider-port.js";
import { deriveThreadFacts, type ThreadFacts } from "../domain/thread-facts.js";
import {
  assessedColumns,
  type PlainVerdict,
  rootMessageId,
  storeAssessment,
  storeNotInformational,
} from "./assessment-writes.js";
import { introductionsToRecord } from "./referrals.js";

const BATCH = 200;
/** Threads read ahead of the one being assessed (Outlook allows 4 requests at once per mailbox). */
const READ_AHEAD = 4;
/** First wait after a thread failed; doubled on each further failure, up to a day. */
const THREAD_BACKOFF_MS = 5 * 60_000;
const THREAD_BACKOFF_MAX_MS = 24 * 3600_000;
/** Temporary failures in a row after which the provider, not one thread, is the trouble: the pass stops. */
const CONSECUTIVE_TEMPORARY_LIMIT = 3;

export interface AssessReport {
  assessed: number;
  fetched: number;
  informational: number;
  /** Threads set aside in this pass because they could not be read or assessed (retried after a back-off). */
  failed: number;
}

export function accountAddresses(account: Pick<Account, "address" | "aliases">): string[] {
  return [account.address, ...account.aliases].map((a) => a.toLowerCase());
}

/**
 * Whether the classifier needs the bodies: the user wrote in the thread, or someone wrote to the user and another
 * person at once in its first messages (a cc-introduction the user has not answered yet: domain/introductions.ts).
 * Every other thread (newsletters, notifications, lists, mail nobody answered) is judged by its headers alone and
 * never read in full; Gmail's sync does not even fetch those (it lists sent mail only), and Outlook's keeps their
 * delta-page headers.
 */
function worthReading(
  messages: readonly Pick<Message, "sent_by_user" | "from_address" | "to_addresses" | "cc_addresses">[],
  me: readonly string[],
): boolean {
  if (messages.some((m) => m.sent_by_user)) return true;
  const headers = messages.map((m) => ({
    from: m.from_address,
    to: m.to_addresses.map((a) => a.address),
    cc: m.cc_addresses.map((a) => a.address),
    sentByUser: m.sent_by_user,
  }));
  return introductionShape(headers, me);
}

function unread(reason: string): ThreadAssessment {
  return {
    informational: false,
    direction: null,
    confidence: 0.9,
    category: "other",
    reasons: [reason],
    contacts: [],
    contactNames: {},
    declined: false,
    doNotContact: false,
    meetingCancelled: false,
    agreedMeetings: [],
    requestMessageId: null,
  };
}

/**
 * Threads read and judged not informational while none of their counterparts was known yet (by thread id): a thread
 * judged later may make one known (an introduction, an earlier conversation), and the judgement may change with it.
 */
export type UnsureThreads = Map<number, { threadKey: string; contacts: readonly string[] }>;

/** One pass of assessment over an account: who the user is, the contacts known so far, and the counts. */
export interface AssessPass {
  account: Account;
  me: string[];
  known: Map<string, Direction>;
  report: AssessReport;
  unsure: UnsureThreads;
}

export function emptyAssessReport(): AssessReport {
  return { assessed: 0, fetched: 0, informational: 0, failed: 0 };
}

/** The counts of two passes together (the sync's hand-over and the assessment proper). */
export function addAssessReports(a: AssessReport | null | undefined, b: AssessReport): AssessReport {
  if (!a) return b;
  return {
    assessed: a.assessed + b.assessed,
    fetched: a.fetched + b.fetched,
    informational: a.informational + b.informational,
    failed: a.failed + b.failed,
  };
}

export async function openAssessPass(ctx: AppContext, account: Account): Promise<AssessPass> {
  const knownRows = await ctx.db
    .selectFrom("threads")
    .select("assessment")
    .where("account_id", "=", account.id)
    .where("informational", "=", true)
    .execute();
  const known = informationalContacts(knownRows.map((r) => r.assessment as ThreadAssessment));
  return { account, me: accountAddresses(account), known, report: emptyAssessReport(), unsure: new Map() };
}

/** Assesses one thread (reading it with `read` only if the classifier needs its bodies) and counts it. */
async function assessAndCount(
  ctx: AppContext,
  pass: AssessPass,
  thread: { id: number; thread_key: string },
  read: () => Promise<MailMessage[]>,
): Promise<void> {
  const assessment = await assessOne(ctx, pass, thread, read);
  pass.report.assessed += 1;
  if (assessment.informational) {
    pass.report.informational += 1;
    for (const c of assessment.contacts) if (assessment.direction) pass.known.set(c, assessment.direction);
  }
}

/**
 * The sync's hand-over: assesses the threads a stored page read in full from the bodies it carries, then drops
 * them. A thread the page could not read in full is set aside with the reason (the assessment tries it again
 * after its back-off). Threads that need no assessment (nothing new in them) are left as they are.
 */
export async function assessReadThreads(ctx: AppContext, pass: AssessPass, page: MailSyncPage): Promise<void> {
  const read = new Set(page.readInFull ?? []);
  const unreadable = new Map((page.unreadable ?? []).map((u) => [u.threadId, u.reason]));
  const keys = [...read, ...unreadable.keys()];
  if (keys.length === 0) return;
  const rows = await ctx.db
    .selectFrom("threads")
    .select(["id", "thread_key"])
    .where("account_id", "=", pass.account.id)
    .where("thread_key", "in", keys)
    .where("needs_assessment", "=", true)
    .orderBy("id")
    .execute();
  const bodies = new Map<string, MailMessage[]>();
  for (const m of page.upserts) {
    if (m.providerThreadId && read.has(m.providerThreadId))
      bodies.set(m.providerThreadId, [...(bodies.get(m.providerThreadId) ?? []), m]);
  }
  const stored = await threadMessages(
    ctx,
    pass.account.id,
    rows.filter((t) => bodies.has(t.thread_key)).map((t) => t.id),
  );
  // The verdicts that are not informational are written together after the page's threads are judged.
  const plain: PlainVerdict[] = [];
  for (const thread of rows) {
    if (ctx.signal.aborted) break;
    const full = bodies.get(thread.thread_key);
    try {
      if (!full) throw new Error(unreadable.get(thread.thread_key) || "the thread could not be read in full");
      const messages = stored.get(thread.id) ?? [];
      const verdict = await judge(pass, thread, messages, async () => full);
      if (verdict.assessment.informational) await storeAndCount(ctx, pass, thread.id, messages, verdict);
      else {
        plain.push({ threadId: thread.id, messages, assessment: verdict.assessment });
        pass.report.assessed += 1;
      }
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      await setThreadAside(ctx, pass.account.id, thread.id, error);
      pass.report.failed += 1;
    }
  }
  for (const m of page.upserts) m.bodyText = undefined;
  await storePlainVerdicts(ctx, pass, plain);
}

/** Stores an informational verdict (its contacts, facts, referrals) and counts it. */
async function storeAndCount(
  ctx: AppContext,
  pass: AssessPass,
  threadId: number,
  messages: readonly Message[],
  { assessment, facts, introductions }: Verdict,
): Promise<void> {
  await storeAssessment(ctx, pass.account, threadId, messages, assessment, facts, introductions);
  pass.report.assessed += 1;
  pass.report.informational += 1;
  for (const c of assessment.contacts) if (assessment.direction) pass.known.set(c, assessment.direction);
}

/**
 * Writes a page's verdicts that are not informational in one statement; should it fail, each is written alone, and
 * one that still fails is set aside as its own write failing would have set it.
 */
async function storePlainVerdicts(ctx: AppContext, pass: AssessPass, plain: readonly PlainVerdict[]): Promise<void> {
  try {
    await storeNotInformational(ctx, pass.account.id, plain);
    return;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
  }
  for (const v of plain) {
    try {
      await storeAssessment(ctx, pass.account, v.threadId, v.messages, v.assessment, null);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      await setThreadAside(ctx, pass.account.id, v.threadId, error);
      pass.report.assessed -= 1;
      pass.report.failed += 1;
    }
  }
}

/**
 * Assesses every thread marked for it, then takes a second look at the threads of this pass — and of the sync's
 * hand-over before it (`handedOver`) — that were judged before one of their counterparts became known.
 */
export async function assessPendingThreads(
  ctx: AppContext,
  account: Account,
  provider: MailProvider,
  handedOver: UnsureThreads | null = null,
): Promise<AssessReport> {
  const pass = await openAssessPass(ctx, account);
  for (const [id, thread] of handedOver ?? []) pass.unsure.set(id, thread);
  await assessMarked(ctx, pass, provider);
  if (!ctx.signal.aborted) await secondLook(ctx, pass, provider);
  return pass.report;
}

/**
 * The threads judged before one of their counterparts became known (an informational thread with them judged after
 * them, in this cycle), read again and judged knowing it — as `rapport scan` does in its second pass — so that what
 * a cycle decides does not depend on the order it read the threads in (the sync hands over the conversations it
 * read first). A thread that cannot be read again keeps its first judgement.
 */
async function secondLook(ctx: AppContext, pass: AssessPass, provider: MailProvider): Promise<void> {
  const again = [...pass.unsure].filter(([, t]) => t.contacts.some((c) => pass.known.has(c)));
  pass.unsure.clear();
  for (const [id, { threadKey }] of again) {
    if (ctx.signal.aborted) return;
    try {
      const assessment = await assessOne(ctx, pass, { id, thread_key: threadKey }, () =>
        provider.fetchThread(threadKey),
      );
      if (assessment.informational) pass.report.informational += 1;
    } catch (error) {
      if (ctx.signal.aborted || concernsAccount(error)) throw error;
      ctx.log.warn({ account: pass.account.id, thread: id, reason: (error as Error).message }, "second look failed");
    }
  }
}

async function assessMarked(ctx: AppContext, pass: AssessPass, provider: MailProvider): Promise<void> {
  const { account } = pass;
  let temporaryInARow = 0;
  for (;;) {
    const now = ctx.clock.now();
    const pending = await ctx.db
      .selectFrom("threads")
      .select(["id", "thread_key"])
      .where("account_id", "=", account.id)
      .where("needs_assessment", "=", true)
      .where((eb) => eb.or([eb("assess_retry_after", "is", null), eb("assess_retry_after", "<=", now)]))
      .orderBy("id")
      .limit(BATCH)
      .execute();
    if (pending.length === 0 || ctx.signal.aborted) return;
    const headers = await batchHeaders(ctx, account.id, pending);
    // Read in full: the threads the classifier needs the bodies of (the user wrote in them, or a cc-introduction).
    const toRead = pending.filter((t) => worthReading(headers.get(t.id) ?? [], pass.me));
    const read = readAhead(provider, toRead);
    await storeUnread(ctx, pass, pending, new Set(toRead.map((t) => t.id)), headers);
    for (const thread of toRead) {
      if (ctx.signal.aborted) return;
      try {
        await assessAndCount(ctx, pass, thread, () => read(thread));
        temporaryInARow = 0;
      } catch (error) {
        if (ctx.signal.aborted || concernsAccount(error)) throw error;
        temporaryInARow = error instanceof ProviderError && error.code === "temporary" ? temporaryInARow + 1 : 0;
        if (temporaryInARow >= CONSECUTIVE_TEMPORARY_LIMIT) throw error;
        await setThreadAside(ctx, account.id, thread.id, error);
        pass.report.failed += 1;
      }
    }
  }
}

const UNREAD = unread("the user did not write in this thread: judged by its headers, not read");

/** What a batch's threads are sorted and their unread assessment written from: their messages' headers. */
type BatchHeaders = Map<
  number,
  Pick<
    Message,
    | "message_id"
    | "in_reply_to"
    | "refs"
    | "sent_at"
    | "subject"
    | "from_address"
    | "to_addresses"
    | "cc_addresses"
    | "sent_by_user"
  >[]
>;

/** The headers of the messages of a batch's threads, by thread, each thread's in date order: one read for them all. */
async function batchHeaders(
  ctx: AppContext,
  accountId: number,
  batch: readonly { id: number }[],
): Promise<BatchHeaders> {
  const messages = await ctx.db
    .selectFrom("messages")
    .select([
      "thread_id",
      "message_id",
      "in_reply_to",
      "refs",
      "sent_at",
      "subject",
      "from_address",
      "to_addresses",
      "cc_addresses",
      "sent_by_user",
    ])
    .where("account_id", "=", accountId)
    .where(
      "thread_id",
      "in",
      batch.map((t) => t.id),
    )
    .orderBy("sent_at")
    .execute();
  return byThread(messages);
}

/**
 * Stores the assessment of the threads of a batch that are not read (most of a mailbox: newsletters,
 * notifications, lists) with one write for them all, without a transaction per thread: none of them links a
 * contact or keeps facts.
 */
async function storeUnread(
  ctx: AppContext,
  pass: AssessPass,
  batch: readonly { id: number }[],
  read: ReadonlySet<number>,
  headers: BatchHeaders,
): Promise<void> {
  const ids = batch.filter((t) => !read.has(t.id)).map((t) => t.id);
  if (ids.length === 0) return;
  const now = ctx.clock.now();
  // One statement for the batch: every such thread takes the same assessment, with its own root and subject.
  const rows = ids.map((id) => {
    const own = headers.get(id) ?? [];
    return sql`(${id}::bigint, ${rootMessageId(own)}::text, ${own[0]?.subject ?? null}::text)`;
  });
  const assessed = Object.entries(assessedColumns(UNREAD, null, now)).map(
    ([column, value]) => sql`${sql.ref(column)} = ${value}`,
  );
  await sql`UPDATE threads AS t
    SET ${sql.join(assessed)}, root_message_id = v.root, subject = coalesce(v.subject, t.subject), contact_id = null
    FROM (VALUES ${sql.join(rows)}) AS v(id, root, subject)
    WHERE t.account_id = ${pass.account.id} AND t.id = v.id`.execute(ctx.db);
  pass.report.assessed += ids.length;
}

/**
 * Reads the threads of `order` a few ahead of the one being assessed, so the provider's requests go on while the
 * database stores an assessment (the provider's concurrency and pacing still decide how many are in flight). At
 * most READ_AHEAD threads' bodies wait in memory; one asked for out of order is simply read then.
 */
function readAhead(
  provider: MailProvider,
  order: readonly { id: number; thread_key: string }[],
): (thread: { id: number; thread_key: string }) => Promise<MailMessage[]> {
  const started = new Map<number, Promise<MailMessage[]>>();
  let next = 0;
  const topUp = () => {
    while (started.size < READ_AHEAD && next < order.length) {
      const t = order[next++] as { id: number; thread_key: string };
      const reading = provider.fetchThread(t.thread_key);
      reading.catch(() => {}); // reported when taken; one never taken (the pass stopped) is of no concern
      started.set(t.id, reading);
    }
  };
  return (thread) => {
    topUp();
    const reading = started.get(thread.id) ?? provider.fetchThread(thread.thread_key);
    started.delete(thread.id);
    topUp();
    return reading;
  };
}

/** Failures no single thread is to blame for: the grant, the account's quota. */
function concernsAccount(error: unknown): boolean {
  return error instanceof ProviderError && (error.code === "auth" || error.code === "rate-limited");
}

async function assessOne(
  ctx: AppContext,
  pass: AssessPass,
  thread: { id: number; thread_key: string },
  read: () => Promise<MailMessage[]>,
): Promise<ThreadAssessment> {
  const messages = await threadMessages(ctx, pass.account.id, [thread.id]);
  const own = messages.get(thread.id) ?? [];
  const verdict = await judge(pass, thread, own, read);
  const kept = verdict.assessment.informational ? verdict.facts : null;
  await storeAssessment(ctx, pass.account, thread.id, own, verdict.assessment, kept, verdict.introductions);
  return verdict.assessment;
}

/** The stored messages of threads, by thread, each in date order (one read for them all). */
async function threadMessages(
  ctx: AppContext,
  accountId: number,
  ids: readonly number[],
): Promise<Map<number, Message[]>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom("messages")
    .selectAll()
    .where("account_id", "=", accountId)
    .where((eb) => (ids.length === 1 ? eb("thread_id", "=", ids[0] as number) : eb("thread_id", "in", [...ids])))
    .orderBy("sent_at")
    .execute();
  return byThread(rows);
}

interface Verdict {
  assessment: ThreadAssessment;
  facts: ThreadFacts | null;
  introductions: FoundIntroduction[];
}

/** Judges a thread from its stored `messages` (reading its bodies with `read` only if the classifier needs them). */
async function judge(
  pass: AssessPass,
  thread: { id: number; thread_key: string },
  messages: readonly Message[],
  read: () => Promise<MailMessage[]>,
): Promise<Verdict> {
  const { account, me } = pass;
  if (!worthReading(messages, me)) {
    return {
      assessment: unread("the user did not write in this thread: judged by its headers, not read"),
      facts: null,
      introductions: [],
    };
  }
  const full = await read();
  // the facts drafts need come from the whole bodies, before they are cut down for the classifier
  const facts = account.thread_facts ? deriveThreadFacts(full, me) : null;
  const introductions = introductionsToRecord(account, full, me);
  // the same bounded words `rapport scan` reads, so the worker decides what the scan decides
  for (const m of full) m.bodyText = classifierText(m.subject, m.bodyText);
  pass.report.fetched += 1;
  const assessment = assessThread(full, me, { timeZone: account.time_zone, knownContacts: pass.known });
  // the cheap path's verdict stands whoever becomes known, except for a link the user shares (pattern 6)
  const canChange = assessment.evidence?.filtered !== true || opensWithSharedLink(full, me);
  for (const m of full) m.bodyText = undefined;
  const unsure = !assessment.informational && canChange && !assessment.contacts.some((c) => pass.known.has(c));
  if (unsure) pass.unsure.set(thread.id, { threadKey: thread.thread_key, contacts: assessment.contacts });
  else pass.unsure.delete(thread.id);
  return { assessment, facts, introductions };
}

/** Records a thread's failure and when to try it again (5 min, doubling, at most a day). */
async function setThreadAside(ctx: AppContext, accountId: number, threadId: number, error: unknown): Promise<void> {
  const now = ctx.clock.now();
  const reason = ((error as Error).message ?? String(error)).split("\n")[0]?.slice(0, 300) ?? "failed";
  const row = await ctx.db
    .updateTable("threads")
    .set((eb) => ({ assess_failures: eb("assess_failures", "+", 1), assess_error: reason, updated_at: now }))
    .where("account_id", "=", accountId)
    .where("id", "=", threadId)
    .returning("assess_failures")
    .executeTakeFirst();
  const failures = row?.assess_failures ?? 1;
  const wait = Math.min(THREAD_BACKOFF_MAX_MS, THREAD_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  await ctx.db
    .updateTable("threads")
    .set({ assess_retry_after: new Date(now.getTime() + wait) })
    .where("account_id", "=", accountId)
    .where("id", "=", threadId)
    .execute();
  ctx.log.warn(
    { account: accountId, thread: threadId, failures, reason },
    "thread set aside: it could not be assessed",
  );
}

/** Rows grouped by their thread, in the order read (each list appended to, not copied per row). */
function byThread<T extends { thread_id: number }>(rows: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.thread_id);
    if (list) list.push(row);
    else grouped.set(row.thread_id, [row]);
  }
  return grouped;
}
