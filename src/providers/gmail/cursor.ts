/**
 * The Gmail adapter's sync cursors: opaque JSON strings to the rest of the code, validated here.
 *
 * Mail: `backfill` while the look-back window is being read (the list page being worked on and the threads
 * already fetched, so a crashed backfill resumes where it stopped), then `incremental` with a history id that
 * only ever moves forward. On an expired history id syncMail throws ProviderError("cursor-expired"); the caller
 * restarts with a null cursor, which re-reads the window (upserts are idempotent, so nothing is duplicated).
 *
 * Calendar: `full` (a page token of the full listing) then `incremental` with Google's sync token; a 410 is
 * handled inside syncEvents by restarting the full sync with `reset: true`.
 */
import { z } from "zod";
import { ProviderError } from "../../domain/provider-port.js";

const backfill = z.object({
  stage: z.literal("backfill"),
  /** History id read before the backfill started: incremental sync continues from there. */
  historyId: z.string(),
  /** Token of the messages.list page being worked on (null: the first page). */
  pageToken: z.string().nullable(),
  /**
   * Threads already fetched that still have SENT messages on later list pages (a thread shows up once per
   * message the user wrote in it), with those message ids. A thread leaves this map once all of them were
   * listed, so the checkpoint stays small however big the mailbox is.
   */
  pending: z.record(z.string(), z.array(z.string())),
  /** Threads fetched while working on the current list page (so a resume does not fetch them again). */
  pageDone: z.array(z.string()),
  /**
   * Start of the window this backfill lists (epoch ms), fixed when it began: a backfill resumed in a later run keeps
   * its query, so its page tokens still mean what they meant. Absent in cursors written before it was kept.
   */
  since: z.number().optional(),
});
const incremental = z.object({ stage: z.literal("incremental"), historyId: z.string() });
export const mailCursorSchema = z.discriminatedUnion("stage", [backfill, incremental]);
export type MailCursor = z.infer<typeof mailCursorSchema>;

const calendarFull = z.object({ stage: z.literal("full"), pageToken: z.string().nullable() });
const calendarIncremental = z.object({
  stage: z.literal("incremental"),
  syncToken: z.string(),
  /** Set while paging through one incremental answer. */
  pageToken: z.string().nullable().default(null),
});
export const eventCursorSchema = z.discriminatedUnion("stage", [calendarFull, calendarIncremental]);
export type EventCursor = z.infer<typeof eventCursorSchema>;

export function readCursor<T>(schema: z.ZodType<T>, cursor: string | null): T | null {
  if (cursor === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(cursor);
  } catch {
    json = null;
  }
  const parsed = schema.safeParse(json);
  // A cursor this version cannot read (older format, corrupted) is treated like an expired one: resync.
  if (!parsed.success) throw new ProviderError("cursor-expired", "unreadable Gmail sync cursor", { provider: "gmail" });
  return parsed.data;
}

/** Gmail history ids are decimal strings of up to 64 bits: compare as BigInt. */
export function laterHistoryId(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}
