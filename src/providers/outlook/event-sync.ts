/**
 * Calendar sync over calendarView/delta. The window is fixed when a round starts, so it is requested with a
 * week of extra look-ahead and restarted (reset) once the wanted window leaves it. Removals and events that
 * moved out of the window come back as deletions (they may name events never seen: harmless); an expired
 * delta state restarts the window with `reset` so the caller drops what it stored.
 */
import type { Event } from "@microsoft/microsoft-graph-types";
import type { CalendarEvent } from "../../domain/mail.js";
import { type EventSyncPage, ProviderError, type SyncOptions } from "../../domain/provider-port.js";
import type { GraphSession } from "./graph-session.js";
import { mapEvent, overlapsWindow } from "./map-event.js";

interface EventCursor {
  v: 1;
  next: string | null;
  delta: string | null;
  /** ISO bounds the current delta round was opened with. */
  since: string;
  until: string;
}

interface DeltaPage {
  value?: (Event & { "@removed"?: { reason?: string } })[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

const LOOK_AHEAD_SLACK_MS = 7 * 24 * 3_600_000;

function parseCursor(text: string | null): EventCursor | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as EventCursor;
    if (parsed.v === 1 && typeof parsed.since === "string" && typeof parsed.until === "string") return parsed;
  } catch {
    // fall through
  }
  return null;
}

function openRound(options: SyncOptions): EventCursor {
  return {
    v: 1,
    next: null,
    delta: null,
    since: options.since.toISOString(),
    until: new Date(options.until.getTime() + LOOK_AHEAD_SLACK_MS).toISOString(),
  };
}

function initialLink(cursor: EventCursor): string {
  return `/me/calendarView/delta?startDateTime=${encodeURIComponent(cursor.since)}&endDateTime=${encodeURIComponent(cursor.until)}`;
}

interface EventSyncDeps {
  session: GraphSession;
  ownAddresses: () => Promise<Set<string>>;
  pageSize: number;
}

export async function* syncEvents(
  deps: EventSyncDeps,
  cursorText: string | null,
  options: SyncOptions,
): AsyncGenerator<EventSyncPage> {
  const previous = parseCursor(cursorText);
  const coversWindow =
    previous !== null && new Date(previous.since) <= options.since && new Date(previous.until) >= options.until;
  let cursor = coversWindow && previous ? previous : openRound(options);
  // Anything stored under an old cursor is replaced when we start over.
  let reset = cursorText !== null && cursor !== previous;
  const own = await deps.ownAddresses();
  const prefer = [`odata.maxpagesize=${deps.pageSize}`, 'outlook.timezone="UTC"', 'outlook.body-content-type="text"'];
  let link = cursor.next ?? cursor.delta ?? initialLink(cursor);
  for (;;) {
    options.signal.throwIfAborted();
    const before = deps.session.stats.requests;
    let page: DeltaPage;
    try {
      page = await deps.session.get<DeltaPage>(link, { prefer, signal: options.signal });
    } catch (error) {
      if (!(error instanceof ProviderError && error.code === "cursor-expired") || link === initialLink(cursor)) {
        throw error;
      }
      cursor = openRound(options);
      link = initialLink(cursor);
      reset = true;
      continue;
    }
    const windowStart = new Date(cursor.since);
    const windowEnd = new Date(cursor.until);
    const upserts: CalendarEvent[] = [];
    const deletions: string[] = [];
    for (const item of page.value ?? []) {
      if (!item.id) continue;
      const event = item["@removed"] ? null : mapEvent(item, own);
      if (event && overlapsWindow(event, windowStart, windowEnd)) upserts.push(event);
      else deletions.push(item.id);
    }
    const next = page["@odata.nextLink"] ?? null;
    const delta = page["@odata.deltaLink"] ?? null;
    if (next === null && delta === null) {
      throw new ProviderError("temporary", "calendar delta page without nextLink or deltaLink", {
        provider: "outlook",
      });
    }
    cursor = { ...cursor, next, delta: delta ?? cursor.delta };
    yield {
      upserts,
      deletions,
      reset,
      cursor: JSON.stringify(cursor),
      done: next === null,
      cost: deps.session.stats.requests - before,
    };
    reset = false;
    if (next === null) return;
    link = next;
  }
}
