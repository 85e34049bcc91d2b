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

/** The thread row a message belongs to, created on first sight; `known` caches them for one page. */
async function threadIdFor(
  db: Kysely<Database>,
  accountId: number,
  message: MailMessage,
  known: Map<string, number>,
  now: Date,
): Promise<number> {
  const key = threadKeyOf(message);
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const row = await db
    .insertInto("threads")
    .values({ account_id: accountId, thread_key: key, subject: message.subject, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(["account_id", "thread_key"]).doUpdateSet({ updated_at: now }))
    .returning("id")
    .executeTakeFirstOrThrow();
  known.set(key, row.id);
  return row.id;
}

/** Inserts or refreshes one message's metadata; a new message marks its thread for assessment. True when new. */
async function upsertMessage(
  db: Kysely<Database>,
  accountId: number,
  threadId: number,
  message: MailMessage & { providerId: string },
  now: Date,
  seenVersion: number,
): Promise<boolean> {
  const values = {
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
  const row = await db
    .insertInto("messages")
    .values({
      account_id: accountId,
      provider_message_id: message.providerId,
      ...values,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(["account_id", "provider_message_id"]).doUpdateSet({ ...values, updated_at: now }))
    .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
    .executeTakeFirstOrThrow();
  if (!row.inserted) return false;
  await db
    .updateTable("threads")
    .set((eb) => ({
      needs_assessment: true,
      last_message_at: message.date
        ? sql<Date>`greatest(${eb.ref("last_message_at")}, ${message.date})`
        : eb.ref("last_message_at"),
      updated_at: now,
    }))
    .where("account_id", "=", accountId)
    .where("id", "=", threadId)
    .execute();
  return true;
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
  const threadIds = new Map<string, number>();
  for (const message of upserts) {
    const { providerId } = message;
    if (!providerId) continue;
    const threadId = await threadIdFor(db, accountId, message, threadIds, now);
    if (await upsertMessage(db, accountId, threadId, { ...message, providerId }, now, seenVersion)) {
      result.inserted += 1;
    } else result.updated += 1;
  }
  result.deleted = await deleteMessages(db, accountId, deletions, now);
  return result;
}

/** What the meeting rules read of an event's text: the start of it is enough (an address, a word or two). */
const MAX_DESCRIPTION = 4000;
const MAX_LOCATION = 500;

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
  for (const event of upserts) {
    const providerId =
      event.providerId ?? `${event.uid}@${event.recurrenceId?.toISOString() ?? event.start.toISOString()}`;
    const values = {
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
    const row = await db
      .insertInto("meetings")
      .values({ account_id: accountId, provider_event_id: providerId, ...values, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(["account_id", "provider_event_id"]).doUpdateSet({ ...values, updated_at: now }))
      .returning(sql<boolean>`(xmax = 0)`.as("inserted"))
      .executeTakeFirstOrThrow();
    if (row.inserted) result.inserted += 1;
    else result.updated += 1;
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
