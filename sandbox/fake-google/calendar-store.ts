/**
 * The fake's primary calendar: events with a change sequence, so events.list can page a full sync, hand out
 * a nextSyncToken, answer incremental requests with everything changed since (cancelled events included),
 * and answer 410 GONE for a token older than its retention.
 */
import type { calendar_v3 } from "@googleapis/calendar";
import type { CalendarEvent } from "../../src/domain/mail.js";

interface StoredEvent {
  event: calendar_v3.Schema$Event;
  changeSeq: number;
}

export class FakeCalendarStore {
  private readonly events = new Map<string, StoredEvent>();
  private seq = 1;
  /** Sync tokens minted before this sequence number are expired (410). */
  tokenFloor = 0;
  private nextId = 1;

  constructor(
    readonly timeZone: string,
    seed: readonly CalendarEvent[],
  ) {
    for (const event of seed) this.add(event);
  }

  add(event: CalendarEvent): string {
    const id = `ev${(this.nextId++).toString(36).padStart(6, "0")}`;
    const dateTime = (d: Date) =>
      event.allDay ? { date: d.toISOString().slice(0, 10) } : { dateTime: d.toISOString(), timeZone: "UTC" };
    const stored: calendar_v3.Schema$Event = {
      kind: "calendar#event",
      id,
      iCalUID: event.uid,
      status: event.status,
      summary: event.summary,
      description: event.description,
      location: event.location,
      start: dateTime(event.start),
      end: dateTime(event.end),
      organizer: event.organizer ? { email: event.organizer.address, displayName: event.organizer.name } : undefined,
      attendees: event.attendees.map((a) => ({
        email: a.address,
        displayName: a.name,
        organizer: a.organizer || undefined,
        self: a.self || undefined,
        responseStatus: a.response === "needs-action" ? "needsAction" : a.response,
      })),
      ...(event.recurrenceId ? { originalStartTime: { dateTime: event.recurrenceId.toISOString() } } : {}),
    };
    this.put(stored);
    return id;
  }

  private put(event: calendar_v3.Schema$Event): void {
    const changeSeq = ++this.seq;
    event.updated = new Date().toISOString();
    event.sequence = (event.sequence ?? -1) + 1;
    this.events.set(event.id ?? "", { event, changeSeq });
  }

  get(id: string): calendar_v3.Schema$Event | undefined {
    return this.events.get(id)?.event;
  }

  findByUid(uid: string): calendar_v3.Schema$Event | undefined {
    for (const { event } of this.events.values()) if (event.iCalUID === uid) return event;
    return undefined;
  }

  move(id: string, start: Date, end: Date): void {
    const event = this.events.get(id)?.event;
    if (!event) throw new Error(`no event ${id}`);
    this.put({
      ...event,
      start: { dateTime: start.toISOString(), timeZone: "UTC" },
      end: { dateTime: end.toISOString(), timeZone: "UTC" },
    });
  }

  cancel(id: string): void {
    const event = this.events.get(id)?.event;
    if (!event) throw new Error(`no event ${id}`);
    this.put({ ...event, status: "cancelled" });
  }

  /** Every sync token handed out so far becomes invalid (410 GONE). */
  expireSyncTokens(): void {
    this.tokenFloor = this.seq + 1;
  }

  syncToken(): string {
    return Buffer.from(`seq:${this.seq}`).toString("base64url");
  }

  /** The change sequence a token stands for, or null when it is malformed or expired. */
  readToken(token: string): number | null {
    const match = /^seq:(\d+)$/.exec(Buffer.from(token, "base64url").toString());
    const seq = match ? Number(match[1]) : Number.NaN;
    return Number.isFinite(seq) && seq >= this.tokenFloor ? seq : null;
  }

  /** A full-sync listing: events overlapping the window, cancelled ones only with showDeleted. */
  list(options: { timeMin?: Date; timeMax?: Date; showDeleted: boolean }): calendar_v3.Schema$Event[] {
    const out: calendar_v3.Schema$Event[] = [];
    for (const { event } of this.events.values()) {
      if (event.status === "cancelled" && !options.showDeleted) continue;
      const start = Date.parse(event.start?.dateTime ?? event.start?.date ?? "");
      const end = Date.parse(event.end?.dateTime ?? event.end?.date ?? "");
      if (options.timeMin && end <= options.timeMin.getTime()) continue;
      if (options.timeMax && start >= options.timeMax.getTime()) continue;
      out.push(event);
    }
    return out.sort((a, b) => (a.id ?? "").localeCompare(b.id ?? ""));
  }

  changedSince(seq: number): calendar_v3.Schema$Event[] {
    return [...this.events.values()]
      .filter((e) => e.changeSeq > seq)
      .sort((a, b) => a.changeSeq - b.changeSeq)
      .map((e) => e.event);
  }
}
