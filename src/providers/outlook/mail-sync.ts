/**
 * Mail sync over per-folder delta queries (Sent Items, then Inbox). The cursor is ours: for each folder the
 * nextLink being followed (a checkpoint inside a backfill) or the deltaLink of the last finished round.
 * `@removed` entries are checked with one GET each: a message moved to another folder keeps its immutable
 * id and stays (relabelled); only a message that is gone or in Deleted Items/Junk becomes a deletion. An
 * expired delta state (410 / syncStateNotFound) restarts that folder alone; the page says so in `resync`. Once both
 * folders are caught up, a round starts only if the mailbox's change mark moved (change-probe.ts): an idle mailbox
 * costs one request, not one per folder.
 *
 * A first round of a folder (a backfill, a resync) also reads in full each conversation its pages show the user
 * wrote in (conversations.ts), beside the delta pages: Sent Items come first so that those reads start early. A read
 * conversation comes as a page of its own (with `readInFull`) carrying its messages of the synced folders within the
 * window, so they are stored before the thread is assessed from its bodies, and the delta pages that list them later
 * only rewrite them (the thread is not marked again). Its cursor is the last checkpoint: it moves nothing on.
 */
import { createHash } from "node:crypto";
import type { Message } from "@microsoft/microsoft-graph-types";
import type { MailMessage } from "../../domain/mail.js";
import { type MailSyncPage, ProviderError, type SyncOptions } from "../../domain/provider-port.js";
import { mailboxMark } from "./change-probe.js";
import { ConversationReads, type ReadConversation, readConversation } from "./conversations.js";
import type { GraphSession } from "./graph-session.js";
import { FOLDER_LABELS, type MapContext, mapMessage, messageTime, SYNC_SELECT } from "./map-message.js";

const SYNCED_FOLDERS = ["sentitems", "inbox"] as const;
const SYNCED_LABELS = new Set<string>(SYNCED_FOLDERS.map((f) => FOLDER_LABELS[f]));
type SyncedFolder = (typeof SYNCED_FOLDERS)[number];

interface FolderCursor {
  /** nextLink of the round in progress. */
  next: string | null;
  /** deltaLink of the last completed round. */
  delta: string | null;
}

interface MailCursor {
  v: 1;
  folders: Record<SyncedFolder, FolderCursor>;
  /** The mailbox's change mark taken before the last round began (change-probe.ts); absent before the first. */
  mark?: string;
}

interface DeltaPage {
  value?: (Message & { "@removed"?: { reason?: string } })[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

const GONE_LABELS = new Set<string>([FOLDER_LABELS.deleteditems, FOLDER_LABELS.junkemail, FOLDER_LABELS.drafts]);

function parseMailCursor(cursor: string | null): MailCursor {
  const empty: MailCursor = {
    v: 1,
    folders: { inbox: { next: null, delta: null }, sentitems: { next: null, delta: null } },
  };
  if (cursor === null) return empty;
  try {
    const parsed = JSON.parse(cursor) as MailCursor;
    if (parsed.v === 1 && parsed.folders?.inbox && parsed.folders?.sentitems) return parsed;
  } catch {
    // fall through
  }
  throw new ProviderError("cursor-expired", "unreadable Outlook mail cursor", { provider: "outlook" });
}

interface MailSyncDeps {
  session: GraphSession;
  mapContext: () => Promise<MapContext>;
  pageSize: number;
  /** Read the conversations the user wrote in beside a first round's pages (default: not). */
  readConversations?: boolean;
}

/** Conversations per page of read conversations, while more are being read. */
const CONVERSATIONS_PER_PAGE = 4;

/** What a sync stores of a message, but the threading headers a delta page does not carry (a digest of it). */
function storedFields(m: MailMessage): string {
  const { providerThreadId, messageId, subject, from, to, cc, date, sentByUser, labels } = m;
  const fields = JSON.stringify([providerThreadId, messageId, subject, from, to, cc, date, sentByUser, labels]);
  return createHash("sha1").update(fields).digest("base64");
}

/**
 * The messages a round stored from read conversations, by id, with what was stored: a delta page that lists one of
 * them unchanged leaves it out (the database holds it already, threading headers included).
 */
type StoredByReads = Map<string, string>;

/** A page of read conversations: their messages of the synced folders within the window, bodies included. */
function conversationPage(
  reads: readonly ReadConversation[],
  cursor: string,
  since: number,
  stored: StoredByReads,
): MailSyncPage | null {
  const upserts: MailMessage[] = [];
  const readInFull: string[] = [];
  let cost = 0;
  for (const read of reads) {
    cost += read.requests;
    const kept = read.messages.filter(
      (m) => SYNCED_LABELS.has(m.labels[0] ?? "") && (m.date === null || m.date.getTime() >= since),
    );
    if (kept.length === 0) continue;
    for (const m of kept) if (m.providerId) stored.set(m.providerId, storedFields(m));
    upserts.push(...kept);
    readInFull.push(read.conversationId);
  }
  if (upserts.length === 0) return null;
  return { upserts, deletions: [], readInFull, cursor, done: false, cost };
}

function initialLink(folder: SyncedFolder): string {
  return `/me/mailFolders/${folder}/messages/delta?$select=${SYNC_SELECT.join(",")}`;
}

/** Checks each removed id: still present elsewhere → upsert with its new label; gone → deletion. */
async function resolveRemovals(
  deps: MailSyncDeps,
  ids: string[],
  ctx: MapContext,
  signal: AbortSignal,
): Promise<{ upserts: MailMessage[]; deletions: string[] }> {
  const upserts: MailMessage[] = [];
  const deletions: string[] = [];
  await Promise.all(
    ids.map(async (id) => {
      try {
        const m = await deps.session.get<Message>(
          `/me/messages/${encodeURIComponent(id)}?$select=${SYNC_SELECT.join(",")}`,
          { signal },
        );
        const label = await deps.session.labelOf(m.parentFolderId);
        if (GONE_LABELS.has(label)) deletions.push(id);
        else upserts.push(mapMessage(m, { ...ctx, labelOf: () => label }));
      } catch (error) {
        if (error instanceof ProviderError && error.code === "not-found") deletions.push(id);
        else throw error;
      }
    }),
  );
  return { upserts, deletions };
}

function* readPages(
  reads: ConversationReads,
  least: number,
  cursor: string,
  since: number,
  stored: StoredByReads,
): Generator<MailSyncPage> {
  const page = conversationPage(reads.take(least), cursor, since, stored);
  if (page) yield page;
}

function conversationReads(
  session: GraphSession,
  ctx: MapContext,
  signal: AbortSignal,
  counter: { requests: number },
): ConversationReads {
  return new ConversationReads((id) => readConversation(session, ctx, id, signal, counter), signal);
}

/**
 * A delta page, with the pages of the conversations read meanwhile around it. The last page waits for the
 * conversations still being read: it is the one that says the round is done.
 */
async function* withReadPages(
  result: MailSyncPage,
  reads: ConversationReads | null,
  checkpoint: string,
  since: number,
  stored: StoredByReads,
): AsyncGenerator<MailSyncPage> {
  if (reads && result.done) {
    while (await reads.settle()) yield* readPages(reads, CONVERSATIONS_PER_PAGE, checkpoint, since, stored);
    yield* readPages(reads, 1, checkpoint, since, stored);
  }
  if (reads) yield* readPages(reads, CONVERSATIONS_PER_PAGE, checkpoint, since, stored);
  yield result;
  if (reads) yield* readPages(reads, CONVERSATIONS_PER_PAGE, result.cursor, since, stored);
}

/**
 * A delta page's messages within the window (but those a conversation read stored as they are now), and the ids
 * it lists as removed.
 */
function pageItems(
  page: DeltaPage,
  ctx: MapContext,
  since: number,
  stored: StoredByReads,
): { upserts: MailMessage[]; removed: string[] } {
  const upserts: MailMessage[] = [];
  const removed: string[] = [];
  for (const item of page.value ?? []) {
    if (!item.id) continue;
    if (item["@removed"]) {
      removed.push(item.id);
      continue;
    }
    const time = messageTime(item);
    if (time !== null && time < since) continue;
    const message = mapMessage(item, ctx);
    const already = stored.get(item.id);
    stored.delete(item.id);
    if (already !== storedFields(message)) upserts.push(message);
  }
  return { upserts, removed };
}

/**
 * Whether a caught-up mailbox changed since its last round: the change mark, taken before the round it starts (a
 * change made meanwhile moves the next mark). Null: nothing changed, the round is not needed. The daily round (`full`)
 * reads the delta links whatever the mark, keeping the mark it has.
 */
async function changedSince(cursor: MailCursor, deps: MailSyncDeps, options: SyncOptions): Promise<boolean> {
  const caughtUp = SYNCED_FOLDERS.every((f) => cursor.folders[f].next === null && cursor.folders[f].delta !== null);
  if (!caughtUp || (options.full && cursor.mark !== undefined)) return true;
  let mark: string;
  try {
    mark = await mailboxMark(deps.session, options.signal);
  } catch (error) {
    // A server that refuses the probe's query (400) leaves the delta links, which it answers, to tell.
    if (error instanceof ProviderError && error.code === "permanent") return true;
    throw error;
  }
  if (mark === cursor.mark) return false;
  cursor.mark = mark;
  return true;
}

export async function* syncMail(
  deps: MailSyncDeps,
  cursorText: string | null,
  options: SyncOptions,
): AsyncGenerator<MailSyncPage> {
  const cursor = parseMailCursor(cursorText);
  const before = deps.session.stats.requests;
  const changed = await changedSince(cursor, deps, options);
  // The probe's request is carried by the round's first page, or by the one page saying nothing changed.
  const probeCost = deps.session.stats.requests - before;
  if (!changed && cursorText !== null) {
    yield { upserts: [], deletions: [], cursor: cursorText, done: true, cost: probeCost };
    return;
  }
  yield* syncRound(deps, cursor, options, probeCost);
}

/** One round of both folders' delta links, from the cursor's links (a backfill's first round from scratch). */
async function* syncRound(
  deps: MailSyncDeps,
  cursor: MailCursor,
  options: SyncOptions,
  carriedCost: number,
): AsyncGenerator<MailSyncPage> {
  let probeCost = carriedCost;
  const since = options.since.getTime();
  const prefer = [`odata.maxpagesize=${deps.pageSize}`];
  const ctx = await deps.mapContext();
  // Requests of the conversation reads, kept apart from the delta pages' (a read page carries its own cost).
  const readRequests = { requests: 0 };
  const reads = deps.readConversations ? conversationReads(deps.session, ctx, options.signal, readRequests) : null;
  const stored: StoredByReads = new Map();
  try {
    for (const [index, folder] of SYNCED_FOLDERS.entries()) {
      const state = cursor.folders[folder];
      const label = FOLDER_LABELS[folder];
      let link = state.next ?? state.delta ?? initialLink(folder);
      let resync = false;
      let firstRound = state.delta === null;
      for (;;) {
        options.signal.throwIfAborted();
        const checkpoint = JSON.stringify(cursor);
        const before = deps.session.stats.requests - readRequests.requests;
        let page: DeltaPage;
        try {
          page = await deps.session.get<DeltaPage>(link, { prefer, signal: options.signal });
        } catch (error) {
          if (!(error instanceof ProviderError && error.code === "cursor-expired") || link === initialLink(folder)) {
            throw error;
          }
          // The folder's delta state is gone: start it over; upserts are idempotent, so no duplicates.
          link = initialLink(folder);
          state.next = null;
          state.delta = null;
          resync = true;
          firstRound = true;
          continue;
        }
        const { upserts, removed } = pageItems(page, { ...ctx, labelOf: () => label }, since, stored);
        for (const m of upserts) {
          if (firstRound && m.sentByUser && m.providerThreadId) reads?.want(m.providerThreadId);
        }
        const resolved = await resolveRemovals(deps, removed, ctx, options.signal);
        for (const m of resolved.upserts) {
          const time = m.date?.getTime() ?? null;
          if (time === null || time >= since) upserts.push(m);
        }
        const next = page["@odata.nextLink"] ?? null;
        const delta = page["@odata.deltaLink"] ?? null;
        if (next === null && delta === null) {
          throw new ProviderError("temporary", "delta page without nextLink or deltaLink", { provider: "outlook" });
        }
        state.next = next;
        if (delta !== null) state.delta = delta;
        const lastFolder = index === SYNCED_FOLDERS.length - 1;
        const result: MailSyncPage = {
          upserts,
          deletions: resolved.deletions,
          cursor: JSON.stringify(cursor),
          done: next === null && lastFolder,
          cost: deps.session.stats.requests - readRequests.requests - before + probeCost,
        };
        probeCost = 0;
        if (resync) {
          result.resync = [label];
          resync = false;
        }
        yield* withReadPages(result, reads, checkpoint, since, stored);
        if (next === null) break;
        link = next;
      }
    }
  } finally {
    reads?.close();
  }
}
