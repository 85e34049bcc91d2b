/**
 * Gmail mail sync. Backfill spends as few units as the job allows: Rapport only cares about threads the user
 * wrote in, so it lists SENT message ids (5 units per 500), fetches each such thread once with
 * format=metadata (10 units), and never fetches bodies (fetchThread does that for the few threads the
 * classifier reads). Incremental sync reads history.list (2 units a page) from a forward-only history id
 * and refetches only threads that changed and involve the user.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import type { MailMessage } from "../../domain/mail.js";
import { type MailSyncPage, ProviderError, type SyncOptions } from "../port.js";
import { laterHistoryId, type MailCursor, mailCursorSchema, readCursor } from "./cursor.js";
import { fetchThreadMetadata, type GmailSession, GONE_LABELS, threadMessages, UNITS, userTookPart } from "./session.js";

const LIST_PAGE_SIZE = 500;
/** Threads per emitted page: a checkpoint every this many threads. */
const THREADS_PER_PAGE = 100;
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
    cursor = { stage: "backfill", historyId: profile.data.historyId ?? "1", pageToken: null, doneThreads: [] };
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

async function* backfill(
  session: GmailSession,
  start: Extract<MailCursor, { stage: "backfill" }>,
  options: SyncOptions,
): AsyncGenerator<Page> {
  const done = new Set(start.doneThreads);
  let pageToken = start.pageToken;
  const q = `after:${Math.floor(options.since.getTime() / 1000)}`;
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
          fields: "messages/threadId,nextPageToken",
        }),
      { units: UNITS.messagesList, idempotent: true },
    );
    const todo = [...new Set((list.data.messages ?? []).map((m) => m.threadId ?? ""))].filter((t) => t && !done.has(t));
    const checkpoint = (): string =>
      JSON.stringify({
        stage: "backfill",
        historyId: start.historyId,
        pageToken,
        doneThreads: [...done],
      } satisfies MailCursor);
    // Fetch the next chunk while the caller applies the current one.
    let pending = todo.length > 0 ? fetchChunk(session, todo.slice(0, THREADS_PER_PAGE)) : null;
    for (let offset = 0; pending; offset += THREADS_PER_PAGE) {
      const threads = await pending;
      const nextIds = todo.slice(offset + THREADS_PER_PAGE, offset + 2 * THREADS_PER_PAGE);
      pending = nextIds.length > 0 ? fetchChunk(session, nextIds) : null;
      pending?.catch(() => undefined); // surfaces when awaited; avoids an unhandled rejection if we stop early
      const upserts: MailMessage[] = [];
      for (const [threadId, thread] of threads) {
        if (thread) upserts.push(...threadMessages(session, thread));
        done.add(threadId);
      }
      yield { upserts, deletions: [], cursor: checkpoint(), done: false };
    }
    if (!list.data.nextPageToken) return;
    pageToken = list.data.nextPageToken;
    if (todo.length === 0) yield { upserts: [], deletions: [], cursor: checkpoint(), done: false };
  }
}

async function fetchChunk(session: GmailSession, ids: string[]): Promise<[string, gmail_v1.Schema$Thread | null][]> {
  return Promise.all(
    ids.map(async (id) => [id, await fetchThreadMetadata(session, id)] as [string, gmail_v1.Schema$Thread | null]),
  );
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
    const { upserts, deletions } = await applyHistory(session, records);
    pageToken = res.nextPageToken ?? undefined;
    // Mid-way through the pages, the last record seen is a safe resume point; at the end, the mailbox's id.
    const reached = pageToken ? (records.at(-1)?.id ?? historyId) : (res.historyId ?? historyId);
    historyId = laterHistoryId(historyId, reached);
    yield {
      upserts,
      deletions,
      cursor: JSON.stringify({ stage: "incremental", historyId } satisfies MailCursor),
      done: !pageToken,
    };
  } while (pageToken);
}

async function applyHistory(
  session: GmailSession,
  records: gmail_v1.Schema$History[],
): Promise<{ upserts: MailMessage[]; deletions: string[] }> {
  const deletions = new Set<string>();
  const refetch = new Set<string>();
  for (const record of records) {
    for (const { message } of record.messagesAdded ?? []) {
      if (!message?.id || !message.threadId) continue;
      // A brand-new thread the user has not written in (thread id = its first message's id) is not ours yet.
      const fromUser = (message.labelIds ?? []).includes("SENT");
      if (fromUser || message.threadId !== message.id) refetch.add(message.threadId);
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
  const threads = await Promise.all([...refetch].map((id) => fetchThreadMetadata(session, id)));
  const upserts: MailMessage[] = [];
  for (const thread of threads) {
    if (!thread || !userTookPart(thread)) continue;
    for (const message of threadMessages(session, thread)) {
      upserts.push(message);
      if (message.providerId) deletions.delete(message.providerId); // the thread's current state wins
    }
  }
  return { upserts, deletions: [...deletions] };
}
