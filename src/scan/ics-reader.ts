/**
 * iCalendar -> CalendarEvent occurrences, via ical.js: RRULE/RDATE/EXDATE expansion and RECURRENCE-ID
 * overrides within a window, VTIMEZONE/TZID (IANA names are resolved with Intl, custom VTIMEZONEs with
 * ical.js, floating times in the user's zone), STATUS:CANCELLED and ATTENDEE/PARTSTAT. A recurring series is
 * returned once, as a CalendarSeries holding its occurrences.
 */
import ICAL from "ical.js";
import type { AttendeeResponse, CalendarEvent, EventAttendee, EventStatus } from "../domain/mail.js";
import { fromLocal, isValidTimeZone } from "../domain/time-zone.js";

export interface CalendarSeries {
  uid: string;
  recurring: boolean;
  /** Occurrences within the window, oldest first (one for a single event). */
  occurrences: CalendarEvent[];
}

interface IcsReadOptions {
  me: ReadonlySet<string>;
  timeZone: string;
  windowStart: Date;
  windowEnd: Date;
  maxOccurrences?: number;
}

interface IcsReadResult {
  series: CalendarSeries[];
  problems: string[];
}

type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalComponent = InstanceType<typeof ICAL.Component>;

function toInstant(t: IcalTime, timeZone: string, paramTzid?: string): Date {
  // A TZID with no VTIMEZONE in the file leaves ical.js with a floating time: the parameter still names the zone.
  let tzid = t.zone?.tzid ?? (t as unknown as { timezone?: string }).timezone;
  if ((!tzid || tzid === "floating") && paramTzid) tzid = paramTzid;
  const local = {
    year: t.year,
    month: t.month,
    day: t.day,
    hour: t.isDate ? 0 : t.hour,
    minute: t.isDate ? 0 : t.minute,
    second: t.isDate ? 0 : t.second,
  };
  if (tzid === "UTC" || tzid === "Z" || t.zone === ICAL.Timezone.utcTimezone) {
    return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
  }
  if (t.isDate || !tzid || tzid === "floating") return fromLocal(local, timeZone);
  if (isValidTimeZone(tzid)) return fromLocal(local, tzid);
  try {
    const d = t.toJSDate();
    if (!Number.isNaN(d.getTime())) return d;
  } catch {
    /* fall through */
  }
  return fromLocal(local, timeZone);
}

function tzParam(comp: IcalComponent, prop: string): string | undefined {
  const v = comp.getFirstProperty(prop)?.getParameter("tzid");
  return typeof v === "string" && v ? v : undefined;
}

function status(value: unknown): EventStatus {
  const s = String(value ?? "").toUpperCase();
  if (s === "CANCELLED") return "cancelled";
  if (s === "TENTATIVE") return "tentative";
  return "confirmed";
}

function response(value: unknown): AttendeeResponse {
  switch (String(value ?? "").toUpperCase()) {
    case "ACCEPTED":
      return "accepted";
    case "DECLINED":
      return "declined";
    case "TENTATIVE":
      return "tentative";
    default:
      return "needs-action";
  }
}

function mailto(value: unknown): string {
  return String(value ?? "")
    .replace(/^mailto:/i, "")
    .trim()
    .toLowerCase();
}

function people(
  comp: IcalComponent,
  me: ReadonlySet<string>,
): { organizer: EventAttendee | null; attendees: EventAttendee[] } {
  const orgProp = comp.getFirstProperty("organizer");
  const orgAddr = orgProp ? mailto(orgProp.getFirstValue()) : "";
  const organizer: EventAttendee | null = orgAddr
    ? {
        address: orgAddr,
        name: String(orgProp?.getParameter("cn") ?? ""),
        response: "accepted",
        organizer: true,
        self: me.has(orgAddr),
      }
    : null;
  const attendees: EventAttendee[] = [];
  for (const p of comp.getAllProperties("attendee")) {
    const address = mailto(p.getFirstValue());
    if (!address.includes("@")) continue;
    attendees.push({
      address,
      name: String(p.getParameter("cn") ?? ""),
      response: response(p.getParameter("partstat")),
      organizer: address === orgAddr,
      self: me.has(address),
    });
  }
  return { organizer, attendees };
}

function toEvent(
  item: IcalEvent,
  start: IcalTime,
  end: IcalTime,
  recurrenceId: Date | null,
  seriesStatus: EventStatus,
  opts: IcsReadOptions,
): CalendarEvent {
  const comp = item.component;
  const { organizer, attendees } = people(comp, opts.me);
  const startTz = tzParam(comp, "dtstart");
  const s = toInstant(start, opts.timeZone, startTz);
  let e = toInstant(end, opts.timeZone, tzParam(comp, "dtend") ?? startTz);
  if (e.getTime() < s.getTime()) e = s;
  const own = status(comp.getFirstPropertyValue("status"));
  return {
    uid: String(comp.getFirstPropertyValue("uid") ?? ""),
    providerId: null,
    summary: String(comp.getFirstPropertyValue("summary") ?? ""),
    description: String(comp.getFirstPropertyValue("description") ?? "").slice(0, 4000),
    location: String(comp.getFirstPropertyValue("location") ?? ""),
    start: s,
    end: e,
    allDay: start.isDate,
    status: seriesStatus === "cancelled" ? "cancelled" : own,
    organizer: organizer ? { address: organizer.address, name: organizer.name } : null,
    attendees,
    recurrenceId,
  };
}

interface EventGroup {
  /** The event without RECURRENCE-ID (null when the file has only overrides). */
  master: IcalComponent | null;
  overrides: IcalComponent[];
}

/** Every VEVENT of every calendar in the file, grouped by UID; registers the file's own time zones on the way. */
function groupByUid(root: IcalComponent, problems: string[]): Map<string, EventGroup> {
  const calendars = root.name === "vcalendar" ? [root] : root.getAllSubcomponents("vcalendar");
  const vevents: IcalComponent[] = [];
  for (const cal of calendars.length > 0 ? calendars : [root]) {
    for (const vtz of cal.getAllSubcomponents("vtimezone")) {
      try {
        ICAL.TimezoneService.register(vtz);
      } catch {
        problems.push("a VTIMEZONE could not be registered");
      }
    }
    vevents.push(...cal.getAllSubcomponents("vevent"));
  }
  const byUid = new Map<string, EventGroup>();
  for (const ve of vevents) {
    const uid = String(ve.getFirstPropertyValue("uid") ?? "");
    if (!uid) {
      problems.push("an event without UID was skipped");
      continue;
    }
    const g = byUid.get(uid) ?? { master: null, overrides: [] };
    if (ve.hasProperty("recurrence-id")) g.overrides.push(ve);
    else if (!g.master) g.master = ve;
    byUid.set(uid, g);
  }
  return byUid;
}

/** The occurrences of a recurring series inside the window (its overrides applied), at most `opts.maxOccurrences`. */
function occurrencesOf(
  uid: string,
  master: IcalEvent,
  g: EventGroup,
  opts: IcsReadOptions,
  problems: string[],
): CalendarEvent[] {
  const masterComp = master.component;
  const seriesStatus = status(masterComp.getFirstPropertyValue("status"));
  for (const o of g.overrides) {
    try {
      master.relateException(new ICAL.Event(o));
    } catch {
      problems.push(`an override of ${uid} could not be applied`);
    }
  }
  const max = opts.maxOccurrences ?? 5000;
  const it = master.iterator();
  const occurrences: CalendarEvent[] = [];
  for (let n = 0, next = it.next(); next && n < 50000; next = it.next(), n++) {
    const d = master.getOccurrenceDetails(next);
    const tz = tzParam(masterComp, "dtstart");
    const start = toInstant(d.startDate, opts.timeZone, tz);
    if (start.getTime() > opts.windowEnd.getTime()) break;
    const endTime = toInstant(d.endDate, opts.timeZone, tzParam(masterComp, "dtend") ?? tz);
    if (endTime.getTime() < opts.windowStart.getTime()) continue;
    occurrences.push(
      toEvent(d.item, d.startDate, d.endDate, toInstant(d.recurrenceId, opts.timeZone, tz), seriesStatus, opts),
    );
    if (occurrences.length >= max) break;
  }
  if (occurrences.length === 0) {
    // Entirely outside the window: keep the first occurrence so the series is still reported.
    occurrences.push(toEvent(master, master.startDate, master.endDate ?? master.startDate, null, seriesStatus, opts));
  }
  return occurrences;
}

function seriesOf(uid: string, g: EventGroup, opts: IcsReadOptions, problems: string[]): CalendarSeries | null {
  const masterComp = g.master ?? g.overrides[0];
  if (!masterComp) return null;
  const master = new ICAL.Event(masterComp);
  if (g.master && master.isRecurring()) {
    return { uid, recurring: true, occurrences: occurrencesOf(uid, master, g, opts, problems) };
  }
  const events = [masterComp, ...(g.master ? g.overrides : g.overrides.slice(1))].map((c) => {
    const ev = new ICAL.Event(c);
    return toEvent(ev, ev.startDate, ev.endDate ?? ev.startDate, null, "confirmed", opts);
  });
  return { uid, recurring: false, occurrences: events.sort((a, b) => a.start.getTime() - b.start.getTime()) };
}

export function readIcs(text: string, opts: IcsReadOptions): IcsReadResult {
  const problems: string[] = [];
  let root: IcalComponent;
  try {
    root = new ICAL.Component(ICAL.parse(text));
  } catch (e) {
    return { series: [], problems: [`calendar could not be parsed: ${(e as Error).message}`] };
  }
  const series: CalendarSeries[] = [];
  for (const [uid, g] of groupByUid(root, problems)) {
    try {
      const one = seriesOf(uid, g, opts, problems);
      if (one) series.push(one);
    } catch (e) {
      problems.push(`event ${uid} skipped: ${(e as Error).message}`);
    }
  }
  return { series, problems };
}

/** The occurrence that stands for a series: the next one from `now`, else the latest. */
export function representative(s: CalendarSeries, now: Date): CalendarEvent | undefined {
  const live = s.occurrences;
  return live.find((o) => o.end.getTime() >= now.getTime()) ?? live[live.length - 1];
}
