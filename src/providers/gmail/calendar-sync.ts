/**
 * Google Calendar sync of the primary calendar: a full listing of the window (singleEvents, showDeleted so
 * cancellations are seen), then events.list with the sync token. A 410 GONE restarts the full sync and marks
 * its first page `reset` so the caller drops the calendar's stored events first.
 */
import type { calendar_v3 } from "@googleapis/calendar";
import type { CalendarEvent } from "../../domain/mail.js";
import { type EventSyncPage, ProviderError, type SyncOptions } from "../../domain/provider-port.js";
import { toCalendarEvent } from "./convert.js";
import { type EventCursor, eventCursorSchema, readCursor } from "./cursor.js";
import { type GmailSession, UNITS } from "./session.js";

const PAGE_SIZE = 2500;

export async function* syncEvents(
  session: GmailSession,
  cursorText: string | null,
  options: SyncOptions,
): AsyncGenerator<EventSyncPage> {
  let cursor: EventCursor = readCursor(eventCursorSchema, cursorText) ?? { stage: "full", pageToken: null };
  let reset = cursor.stage === "full" && cursor.pageToken === null;
  for (;;) {
    options.signal.throwIfAborted();
    let data: calendar_v3.Schema$Events;
    try {
      data = await listPage(session, cursor, options);
    } catch (error) {
      if (error instanceof ProviderError && error.code === "cursor-expired" && cursor.stage === "incremental") {
        cursor = { stage: "full", pageToken: null };
        reset = true;
        continue;
      }
      throw error;
    }
    const upserts: CalendarEvent[] = [];
    const deletions: string[] = [];
    for (const item of data.items ?? []) {
      const event = toCalendarEvent(item, data.timeZone ?? "UTC");
      if (event) upserts.push(event);
      else if (item.id) deletions.push(item.id);
    }
    const done = !data.nextPageToken;
    if (data.nextPageToken) cursor = { ...cursor, pageToken: data.nextPageToken };
    else if (data.nextSyncToken) cursor = { stage: "incremental", syncToken: data.nextSyncToken, pageToken: null };
    yield { upserts, deletions, reset, cursor: JSON.stringify(cursor), done, cost: 1 };
    reset = false;
    if (done) return;
  }
}

async function listPage(
  session: GmailSession,
  cursor: EventCursor,
  options: SyncOptions,
): Promise<calendar_v3.Schema$Events> {
  // With a sync token Google refuses timeMin/timeMax/orderBy; singleEvents must match the first sync.
  const params: calendar_v3.Params$Resource$Events$List =
    cursor.stage === "incremental"
      ? {
          calendarId: "primary",
          singleEvents: true,
          showDeleted: true,
          maxResults: PAGE_SIZE,
          syncToken: cursor.syncToken,
        }
      : {
          calendarId: "primary",
          singleEvents: true,
          showDeleted: true,
          maxResults: PAGE_SIZE,
          timeMin: options.since.toISOString(),
          timeMax: options.until.toISOString(),
        };
  if (cursor.pageToken) params.pageToken = cursor.pageToken;
  const res = await session.caller.call(() => session.apis.calendar.events.list(params), {
    units: UNITS.calendar,
    idempotent: true,
  });
  return res.data;
}
