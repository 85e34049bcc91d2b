/**
 * Gmail mail sync. Backfill spends as few units as the job allows: Rapport only cares about threads the user
 * wrote in, so it lists SENT message ids (5 units per 500) and reads each such thread once, in full (threads.get,
 * 10 units, the same as by headers): the page hands the bodies to the caller, who assesses the thread from them
 * and drops them, so no thread is fetched a second time. Incremental sync reads history.list (2 units a page) from
 * a forward-only history id and reads again, in full, only threads that changed and may involve the user.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import { introductionShape } from "../../domain/introductions.js";
import { type MailSyncPage, ProviderError, type SyncOptions } from "../../domain/provider-port.js";
import { toMailMessage } from "./convert.js";
import { laterHistoryId, type MailCursor, mailCursorSchema, readCursor } from "./cursor.js";
import { type GmailSession, GONE_LABELS, mayIntroduce, threadMessages, UNITS, userTookPart } from "./session.js";
import { fetchThreads, type ReadThread, readThread } from "./thread-fetcher.js";

const LIST_PAGE_SIZE = 500;
/** Threads per emitted page: a checkpoint every this many threads (their bodies are in memory until then). */
const THREADS_PER_PAGE = 50;
/** Fetch workers; the pacer decides how many requests are really in flight. */
const FETCH_WORKERS = 16;
const HISTORY_TYPES = ["messageAdded", "messageDeleted", "labelAdded", "labelRemoved"];

export async function* syncMail(
  session: GmailSession,
  cursorText: string | null,
  options: SyncOptions,
): AsyncGenerator<MailSyncPage> {
  let cursor = readCursor(mailCursorSchema, cursorText);
  let spentBefore = session.caller.unitsSpent;
  if (!cursor) {
    const profile = await session.caller.call(() => session.apis.gmail.users.getProfile({ userId: "me" }), {
      units: UNITS.getProfile,
      idempotent: true,
    });
    cursor = {
      stage: "backfill",
      historyId: profile.data.historyId ?? "1",
      pageToken: null,
      pending: {},
      pageDone: [],
      since: options.since.getTime(),
    };
  }
  if (cursor.stage === "backfill") {
    for await (const page of backfill(session, cursor, options)) {
      yield { ...page, cost: session.caller.unitsSpent - spentBefore };
      spentBefore = session.caller.unitsSpent;
    }
    cursor = { stage: "incremental", historyId: cursor.historyId };
  }
  for await (const page of incremental(session, cursor, options)) {
    yield { ...page, cost: session.caller.unitsSpent - spentBefore };
    spentBefore = session.caller.unitsSpent;
  }
}

type Page = Omit<MailSyncPage, "cost">;
type ThreadsRead = Required<Pick<MailSyncPage, "upserts" | "deletions" | "readInFull" | "unreadable">>;

function newPage(): ThreadsRead {
  return { upserts: [], deletions: [], readInFull: [], unreadable: [] };
}

/** A thread read for a page: its live messages, and whether its bodies came with them. */
function addThread(session: GmailSession, page: ThreadsRead, read: ReadThread): void {
  const id = read.thread.id ?? read.thread.messages?.[0]?.threadId ?? "";
  page.upserts.push(...threadMessages(session, read.thread));
  if (read.full) page.readInFull.push(id);
  else page.unreadable.push({ threadId: id, reason: read.unreadable ?? "" });
}

async function* backfill(
  session: GmailSession,
  start: Extract<MailCursor, { stage: "backfill" }>,
  options: SyncOptions,
): AsyncGenerator<Page> {
  const pending = new Map(Object.entries(start.pending).map(([t, ids]) => [t, new Set(ids)]));
  let pageDone = new Set(start.pageDone);
  let pageToken = start.pageToken;
  const since = start.since ?? options.since.getTime();
  const q = `after:${Math.floor(since / 1000)}`;
  const checkpoint = (): string =>
    JSON.stringify({
      stage: "backfill",
      historyId: start.historyId,
      pageToken,
      pending: Object.fromEntries([...pending].map(([t, ids]) => [t, [...ids]])),
      pageDone: [...pageDone],
      since,
    } satisfies MailCursor);
  for (;;) {
    options.signal.throwIfAborted();
    const list = await session.caller.call(
      () =>
        session.apis.gmail.users.messages.list({
          userId: "me",
          labelIds: ["SENT"],
          q,
          maxResults: LIST_PAGE_SIZE,
          pageToken: pageToken ?? undefined,
          fields: "messages(id,threadId),nextPageToken",
        }),
      { units: UNITS.messagesList, idempotent: true },
    );
    const listed = list.data.messages ?? [];
    const onPage = new Set(listed.map((m) => m.id ?? ""));
    const todo = new Set<string>();
    for (const { id, threadId } of listed) {
      if (!id || !threadId) continue;
      const waiting = pending.get(threadId);
      if (waiting) {
        waiting.delete(id);
        if (waiting.size === 0) pending.delete(threadId);
      } else if (!pageDone.has(threadId)) {
        todo.add(threadId);
      }
    }
    for await (const threads of fetchThreads(session, [...todo], THREADS_PER_PAGE, FETCH_WORKERS)) {
      const page = newPage();
      for (const [threadId, read] of threads) {
        pageDone.add(threadId);
        if (!read) continue;
        addThread(session, page, read);
        const later = sentIdsInWindow(read.thread, since).filter((id) => !onPage.has(id));
        if (later.length > 0) pending.set(threadId, new Set(later));
      }
      yield { ...page, cursor: checkpoint(), done: false };
    }
    if (!list.data.nextPageToken) return;
    pageToken = list.data.nextPageToken;
    pageDone = new Set();
    yield { upserts: [], deletions: [], cursor: checkpoint(), done: false };
  }
}

/** The user's messages in the thread that messages.list (SENT, after:) will also list. */
function sentIdsInWindow(thread: gmail_v1.Schema$Thread, since: number): string[] {
  return (thread.messages ?? [])
    .filter((m) => {
      const labels = m.labelIds ?? [];
      return labels.includes("SENT") && !labels.some((l) => GONE_LABELS.has(l)) && Number(m.internalDate) > since;
    })
    .map((m) => m.id ?? "");
}

async function* incremental(
  session: GmailSession,
  start: Extract<MailCursor, { stage: "incremental" }>,
  options: SyncOptions,
): AsyncGenerator<Page> {
  let historyId = start.historyId;
  let pageToken: string | undefined;
  do {
    options.signal.throwIfAborted();
    let res: gmail_v1.Schema$ListHistoryResponse;
    try {
      res = (
        await session.caller.call(
          () =>
            session.apis.gmail.users.history.list({
              userId: "me",
              startHistoryId: start.historyId,
              historyTypes: HISTORY_TYPES,
              maxResults: 500,
              pageToken,
            }),
          { units: UNITS.historyList, idempotent: true },
        )
      ).data;
    } catch (error) {
      if (error instanceof ProviderError && error.code === "not-found") {
        throw new ProviderError("cursor-expired", `Gmail history ${start.historyId} has expired: resync the window`, {
          ...error.details,
          cause: error,
        });
      }
      throw error;
    }
    const records = res.history ?? [];
    const changes = await applyHistory(session, records);
    pageToken = res.nextPageToken ?? undefined;
    // Mid-way through the pages, the last record seen is a safe resume point; at the end, the mailbox's id.
    const reached = pageToken ? (records.at(-1)?.id ?? historyId) : (res.historyId ?? historyId);
    historyId = laterHistoryId(historyId, reached);
    yield {
      ...changes,
      cursor: JSON.stringify({ stage: "incremental", historyId } satisfies MailCursor),
      done: !pageToken,
    };
  } while (pageToken);
}

/** Gmail's tabs for bulk mail: an introduction lands in the primary tab. */
const BULK_CATEGORIES = ["CATEGORY_PROMOTIONS", "CATEGORY_SOCIAL", "CATEGORY_UPDATES", "CATEGORY_FORUMS"];

/**
 * Of brand-new inbox threads in the primary tab, those whose first message is shaped like a cc-introduction (to the
 * user and someone else, from someone else: domain/introductions.ts), judged from its headers (5 units each).
 */
async function introductionThreads(session: GmailSession, fresh: readonly gmail_v1.Schema$Message[]) {
  const own = [...session.ownAddresses];
  const found = await Promise.all(
    fresh.map(async (message) => {
      try {
        const res = await session.caller.call(
          () =>
            session.apis.gmail.users.messages.get({
              userId: "me",
              id: message.id ?? "",
              format: "metadata",
              metadataHeaders: ["From", "To", "Cc"],
            }),
          { units: UNITS.messagesGet, idempotent: true },
        );
        const m = toMailMessage(res.data, session.ownAddresses);
        const shape = {
          from: m.from?.address ?? null,
          to: m.to.map((a) => a.address),
          cc: m.cc.map((a) => a.address),
          sentByUser: m.sentByUser,
        };
        return introductionShape([shape], own) ? (message.threadId ?? null) : null;
      } catch (error) {
        if (error instanceof ProviderError && error.code === "not-found") return null; // gone since
        throw error;
      }
    }),
  );
  return found.filter((id): id is string => id !== null);
}

async function applyHistory(session: GmailSession, records: gmail_v1.Schema$History[]): Promise<ThreadsRead> {
  const deletions = new Set<string>();
  const refetch = new Set<string>();
  const fresh: gmail_v1.Schema$Message[] = [];
  for (const record of records) {
    for (const { message } of record.messagesAdded ?? []) {
      if (!message?.id || !message.threadId) continue;
      // A brand-new thread the user has not written in (thread id = its first message's id) is not ours yet,
      // unless it introduces the user to someone (its headers are looked at below).
      const labels = message.labelIds ?? [];
      const fromUser = labels.includes("SENT");
      if (fromUser || message.threadId !== message.id) refetch.add(message.threadId);
      else if (labels.includes("INBOX") && !labels.some((l) => BULK_CATEGORIES.includes(l))) fresh.push(message);
    }
    for (const { message } of record.messagesDeleted ?? []) if (message?.id) deletions.add(message.id);
    for (const change of record.labelsAdded ?? []) {
      const id = change.message?.id;
      if (!id) continue;
      if ((change.labelIds ?? []).some((l) => GONE_LABELS.has(l))) deletions.add(id);
      else if ((change.labelIds ?? []).includes("SENT") && change.message?.threadId)
        refetch.add(change.message.threadId);
    }
    for (const change of record.labelsRemoved ?? []) {
      const labels = change.labelIds ?? [];
      if (change.message?.threadId && labels.some((l) => GONE_LABELS.has(l) || l === "DRAFT"))
        refetch.add(change.message.threadId);
    }
  }
  for (const id of await introductionThreads(session, fresh)) refetch.add(id);
  const threads = await Promise.all([...refetch].map((id) => readThread(session, id)));
  const page = newPage();
  for (const read of threads) {
    // a thread the user has not written in yet matters when it introduces them to someone (a cc-introduction)
    if (!read || !(userTookPart(read.thread) || mayIntroduce(session, read.thread))) continue;
    const before = page.upserts.length;
    addThread(session, page, read);
    // the thread's current state wins over a deletion seen earlier in the records
    for (const message of page.upserts.slice(before)) if (message.providerId) deletions.delete(message.providerId);
  }
  page.deletions = [...deletions];
  return page;
}
