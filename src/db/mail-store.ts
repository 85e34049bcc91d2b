/**
 * Applies provider sync pages to the database, idempotently: a page applied twice changes nothing. Only metadata
 * is written (no bodies). New messages mark their thread for (re)assessment; label-only changes do not. Row times
 * (created_at, updated_at) are the caller's `now`, from the context's clock, never the database's.
 */
import { type Kysely, sql } from "kysely";
import type { CalendarEvent, MailMessage } from "../domain/mail.js";
import type { Database } from "./schema.js";

/** The key a message's thread is stored under: the provider thread id, else its own Message-ID. */
function threadKeyOf(message: MailMessage): string {
  return message.providerThreadId ?? message.messageId ?? `message:${message.providerId}`;
}

interface ApplyResult {
  inserted: number;
  updated: number;
  deleted: number;
}

/** Rows per statement: a message row binds 17 parameters, well under Postgres' 65,535 per statement. */
const ROWS_PER_STATEMENT = 500;

function chunks<T>(items: readonly T[], size = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The thread rows the messages belong to, created on first sight: thread key → id, one statement per chunk. */
async function threadIdsFor(
  db: Kysely<Database>,
  accountId: number,
  messages: readonly MailMessage[],
  now: Date,
): Promise<Map<string, number>> {
  // One row per key (a statement may not update a row twice); a new thread takes its first message's subject.
  const subjects = new Map<string, string>();
  for (const message of messages) {
    const key = threadKeyOf(message);
    if (!subjects.has(key)) subjects.set(key, message.subject);
  }
  const ids = new Map<string, number>();
  for (const chunk of chunks([...subjects])) {
    const rows = await db
      .insertInto("threads")
      .values(
        chunk.map(([key, subject]) => ({
          account_id: accountId,
          thread_key: key,
          subject,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(["account_id", "thread_key"]).doUpdateSet({ updated_at: now }))
      .returning(["id", "thread_key"])
      .execute();
    for (const row of rows) ids.set(row.thread_key, row.id);
  }
  return ids;
}

function messageValues(message: MailMessage, threadId: number, seenVersion: number) {
  return {
    thread_id: threadId,
    message_id: message.messageId,
    in_reply_to: message.inReplyTo,
    refs: message.references,
    subject: message.subject,
    from_address: message.from?.address ?? null,
    from_name: message.from?.name ?? "",
    to_addresses: JSON.stringify(message.to),
    cc_addresses: JSON.stringify(message.cc),
    sent_at: message.date,
    sent_by_user: message.sentByUser,
    labels: message.labels,
    rapport_marker: message.headers["x-rapport-draft"] ?? null,
    seen_version: seenVersion,
  };
}

/** The columns an upsert of a message already stored rewrites (all but its key and created_at). */
const REWRITTEN = [
  "thread_id",
  "message_id",
  "in_reply_to",
  "refs",
  "subject",
  "from_address",
  "from_name",
  "to_addresses",
  "cc_addresses",
  "sent_at",
  "sent_by_user",
  "labels",
  "rapport_marker",
  "seen_version",
  "updated_at",
] as const;

/**
 * Inserts or refreshes the messages' metadata, a chunk per statement; returns the ids of the threads that received a
 * new message with its latest date (null when none of them had one), and how many were new.
 */
async function upsertMessages(
  db: Kysely<Database>,
  accountId: number,
  messages: readonly (MailMessage & { providerId: string })[],
  threadIds: Map<string, number>,
  now: Date,
  seenVersion: number,
): Promise<{ inserted: number; newest: Map<number, Date | null> }> {
  const newest = new Map<number, Date | null>();
  let inserted = 0;
  for (const chunk of chunks(messages)) {
    const dates = new Map(chunk.map((m) => [m.providerId, m.date]));
    const rows = await db
      .insertInto("messages")
      .values(
        chunk.map((message) => ({
          account_id: accountId,
          provider_message_id: message.providerId,
          ...messageValues(message, threadIds.get(threadKeyOf(message)) as number, seenVersion),
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(["account_id", "provider_message_id"])
          .doUpdateSet((eb) => Object.fromEntries(REWRITTEN.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .returning(["provider_message_id", "thread_id", sql<boolean>`(xmax = 0)`.as("inserted")])
      .execute();
    for (const row of rows) {
      if (!row.inserted) continue;
      inserted += 1;
      const date = dates.get(row.provider_message_id) ?? null;
      const before = newest.get(row.thread_id) ?? null;
      newest.set(row.thread_id, before === null || (date !== null && date > before) ? date : before);
    }
  }
  return { inserted, newest };
}

/** Threads that received new messages are marked for assessment, their last message time moved on: one statement. */
async function markThreadsChanged(
  db: Kysely<Database>,
  accountId: number,
  newest: Map<number, Date | null>,
  now: Date,
): Promise<void> {
  for (const chunk of chunks([...newest])) {
    const rows = chunk.map(([id, date]) => sql`(${id}::bigint, ${date}::timestamptz)`);
    // greatest() ignores a null: a message without a date leaves last_message_at as it was.
    await sql`UPDATE threads AS t
      SET needs_assessment = true, last_message_at = greatest(t.last_message_at, v.last), updated_at = ${now}
      FROM (VALUES ${sql.join(rows)}) AS v(id, last)
      WHERE t.account_id = ${accountId} AND t.id = v.id`.execute(db);
  }
}

/** Deletes messages by provider id; their threads are reassessed, and a thread left empty goes too. */
async function deleteMessages(
  db: Kysely<Database>,
  accountId: number,
  providerIds: readonly string[],
  now: Date,
): Promise<number> {
  if (providerIds.length === 0) return 0;
  const gone = await db
    .deleteFrom("messages")
    .where("account_id", "=", accountId)
    .where("provider_message_id", "in", [...providerIds])
    .returning("thread_id")
    .execute();
  const touched = [...new Set(gone.map((g) => g.thread_id))];
  if (touched.length === 0) return gone.length;
  await db
    .updateTable("threads")
    .set({ needs_assessment: true, updated_at: now })
    .where("account_id", "=", accountId)
    .where("id", "in", touched)
    .execute();
  // A thread whose every message is gone is gone too (the drafts ledger keeps its rows: FK sets null).
  await db
    .deleteFrom("threads")
    .where("account_id", "=", accountId)
    .where("id", "in", touched)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("messages")
            .select("messages.provider_message_id")
            .whereRef("messages.account_id", "=", "threads.account_id")
            .whereRef("messages.thread_id", "=", "threads.id"),
        ),
      ),
    )
    .execute();
  return gone.length;
}

/** `seenVersion`: the sync page's version (db/sync-cursor.ts pageVersion), stamped on the messages it writes. */
export async function applyMailChanges(
  db: Kysely<Database>,
  accountId: number,
  upserts: readonly MailMessage[],
  deletions: readonly string[],
  now: Date,
  seenVersion = 0,
): Promise<ApplyResult> {
  const result: ApplyResult = { inserted: 0, updated: 0, deleted: 0 };
  // A page is written in a few statements, not a few per message: a message listed twice is written once, as last
  // listed, and counted as updated the second time.
  const latest = new Map<string, MailMessage & { providerId: string }>();
  for (const message of upserts) {
    const { providerId } = message;
    if (!providerId) continue;
    if (latest.has(providerId)) result.updated += 1;
    latest.set(providerId, { ...message, providerId });
  }
  const messages = [...latest.values()];
  if (messages.length > 0) {
    const threadIds = await threadIdsFor(db, accountId, messages, now);
    const written = await upsertMessages(db, accountId, messages, threadIds, now, seenVersion);
    await markThreadsChanged(db, accountId, written.newest, now);
    result.inserted += written.inserted;
    result.updated += messages.length - written.inserted;
  }
  result.deleted = await deleteMessages(db, accountId, deletions, now);
  return result;
}

/** What the meeting rules read of an event's text: the start of it is enough (an address, a word or two). */
const MAX_DESCRIPTION = 4000;
const MAX_LOCATION = 500;

function meetingValues(event: CalendarEvent) {
  return {
    ical_uid: event.uid,
    summary: event.summary,
    start_at: event.start,
    end_at: event.end,
    all_day: event.allDay,
    description: event.description.slice(0, MAX_DESCRIPTION),
    location: event.location.slice(0, MAX_LOCATION),
    status: event.status,
    attendees: JSON.stringify(event.attendees),
    organizer_address: event.organizer?.address ?? null,
  };
}

/** The columns an upsert of a meeting already stored rewrites (all but its key and created_at). */
const MEETING_REWRITTEN = [
  "ical_uid",
  "summary",
  "start_at",
  "end_at",
  "all_day",
  "description",
  "location",
  "status",
  "attendees",
  "organizer_address",
  "updated_at",
] as const;

export async function applyEventChanges(
  db: Kysely<Database>,
  accountId: number,
  upserts: readonly CalendarEvent[],
  deletions: readonly string[],
  reset: boolean,
  now: Date,
): Promise<ApplyResult> {
  const result: ApplyResult = { inserted: 0, updated: 0, deleted: 0 };
  if (reset) {
    const gone = await db.deleteFrom("meetings").where("account_id", "=", accountId).returning("id").execute();
    result.deleted += gone.length;
  }
  // One statement per chunk of events, not one per event: an event listed twice is written once, as last listed.
  const latest = new Map<string, CalendarEvent>();
  for (const event of upserts) {
    const providerId =
      event.providerId ?? `${event.uid}@${event.recurrenceId?.toISOString() ?? event.start.toISOString()}`;
    if (latest.has(providerId)) result.updated += 1;
    latest.set(providerId, event);
  }
  for (const chunk of chunks([...latest])) {
    const rows = await db
      .insertInto("meetings")
      .values(
        chunk.map(([providerId, event]) => ({
          account_id: accountId,
          provider_event_id: providerId,
          ...meetingValues(event),
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(["account_id", "provider_event_id"])
          .doUpdateSet((eb) => Object.fromEntries(MEETING_REWRITTEN.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
      .execute();
    for (const row of rows) {
      if (row.inserted) result.inserted += 1;
      else result.updated += 1;
    }
  }
  if (deletions.length > 0) {
    const gone = await db
      .deleteFrom("meetings")
      .where("account_id", "=", accountId)
      .where("provider_event_id", "in", [...deletions])
      .returning("id")
      .execute();
    result.deleted += gone.length;
  }
  return result;
}

/**
 * The end of a resync from scratch (db/sync-cursor.ts): messages not written again since it began (still stamped
 * with a page version up to `notSeenAfter`) were deleted while the cursor was expired: remove them — only within the
 * re-read window, only under the restarted folder's label when one is given, and for a whole-mailbox restart only
 * in threads the user took part in (the ones a backfill lists again).
 */
export async function sweepStaleMessages(
  db: Kysely<Database>,
  accountId: number,
  options: { label: string | null; windowStart: Date; notSeenAfter: number; now: Date },
): Promise<number> {
  const gone = await db
    .deleteFrom("messages")
    .where("account_id", "=", accountId)
    .where("seen_version", "<=", options.notSeenAfter)
    .where("sent_at", ">=", options.windowStart)
    .$if(options.label !== null, (qb) => qb.where((eb) => eb(eb.val(options.label), "=", eb.fn.any("labels"))))
    // A whole-mailbox backfill re-lists only threads the user took part in: leave the others alone.
    .$if(options.label === null, (qb) =>
      qb.where(({ exists, selectFrom }) =>
        exists(
          selectFrom("messages as mine")
            .select("mine.provider_message_id")
            .whereRef("mine.account_id", "=", "messages.account_id")
            .whereRef("mine.thread_id", "=", "messages.thread_id")
            .where("mine.sent_by_user", "=", true),
        ),
      ),
    )
    .returning("thread_id")
    .execute();
  const touched = [...new Set(gone.map((g) => g.thread_id))];
  if (touched.length > 0) {
    await db
      .updateTable("threads")
      .set({ needs_assessment: true, updated_at: options.now })
      .where("account_id", "=", accountId)
      .where("id", "in", touched)
      .execute();
  }
  return gone.length;
}
