/**
 * One occurrence of an iCalendar event -> CalendarEvent: times placed in their zone (IANA names with Intl, a
 * file's own VTIMEZONEs with ical.js, floating times and dates in the user's zone; every year read as written),
 * and the fields every occurrence of an event shares, read once per event.
 */
import ICAL from "ical.js";
import type { AttendeeResponse, CalendarEvent, EventAttendee, EventStatus } from "../domain/mail.js";
import { fromLocal, isValidTimeZone, utcMillis } from "../domain/time-zone.js";
import { MAX_ATTENDEES, StepBudgetError } from "./ics-limits.js";

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
    return new Date(utcMillis(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
  }
  if (t.isDate || !tzid || tzid === "floating") return fromLocal(local, timeZone);
  if (isValidTimeZone(tzid)) return fromLocal(local, tzid);
  try {
    const d = t.toJSDate();
    if (!Number.isNaN(d.getTime())) return d;
  } catch (e) {
    if (e instanceof StepBudgetError) throw e;
  }
  return fromLocal(local, timeZone);
}

/** toInstant, or a readable error when the time cannot be placed (a year beyond what a date can hold). */
export function instant(t: IcalTime, timeZone: string, paramTzid?: string): Date {
  const d = toInstant(t, timeZone, paramTzid);
  if (Number.isNaN(d.getTime())) throw new Error(`its time ${t.toString().slice(0, 40)} cannot be placed in time`);
  return d;
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

/** Characters kept of an event's summary and location. */
const MAX_FIELD_CHARS = 1000;

/** A UID as problem lines show it: at most 60 characters, no control characters. */
export function shown(uid: string): string {
  const clean = uid.replace(/[\u0000-\u001f\u007f]+/g, " ");
  return clean.length > 60 ? `${clean.slice(0, 59)}…` : clean;
}

/** What every occurrence of one component shares, read once (a component can hold 100,000 properties). */
export interface Fields {
  uid: string;
  summary: string;
  description: string;
  location: string;
  status: EventStatus;
  startTz: string | undefined;
  endTz: string | undefined;
  organizer: { address: string; name: string } | null;
  attendees: EventAttendee[];
}

function text(comp: IcalComponent, name: string, max = MAX_FIELD_CHARS): string {
  return String(comp.getFirstPropertyValue(name) ?? "").slice(0, max);
}

function readFields(comp: IcalComponent, me: ReadonlySet<string>): Fields {
  const orgProp = comp.getFirstProperty("organizer");
  const orgAddr = orgProp ? mailto(orgProp.getFirstValue()) : "";
  const attendees: EventAttendee[] = [];
  for (const p of comp.getAllProperties("attendee")) {
    if (attendees.length >= MAX_ATTENDEES) break;
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
  const startTz = tzParam(comp, "dtstart");
  return {
    uid: text(comp, "uid"),
    summary: text(comp, "summary"),
    description: text(comp, "description", 4000),
    location: text(comp, "location"),
    status: status(comp.getFirstPropertyValue("status")),
    startTz,
    endTz: tzParam(comp, "dtend") ?? startTz,
    organizer: orgAddr ? { address: orgAddr, name: String(orgProp?.getParameter("cn") ?? "") } : null,
    attendees,
  };
}

/** What converting occurrences needs: the user's addresses and zone, and the fields read so far. */
export interface EventContext {
  me: ReadonlySet<string>;
  timeZone: string;
  fields: WeakMap<IcalComponent, Fields>;
}

export function fieldsOf(comp: IcalComponent, ctx: EventContext): Fields {
  let f = ctx.fields.get(comp);
  if (!f) {
    f = readFields(comp, ctx.me);
    ctx.fields.set(comp, f);
  }
  return f;
}

export function toEvent(
  item: IcalEvent,
  start: IcalTime,
  end: IcalTime,
  recurrenceId: Date | null,
  seriesStatus: EventStatus,
  ctx: EventContext,
  /** The start and end already placed in time by the caller (placing a zoned time costs several Intl calls). */
  placed?: { start: Date; end: Date },
): CalendarEvent {
  const f = fieldsOf(item.component, ctx);
  const s = placed?.start ?? instant(start, ctx.timeZone, f.startTz);
  let e = placed?.end ?? instant(end, ctx.timeZone, f.endTz);
  if (e.getTime() < s.getTime()) e = s;
  return {
    uid: f.uid,
    providerId: null,
    summary: f.summary,
    description: f.description,
    location: f.location,
    start: s,
    end: e,
    allDay: start.isDate,
    status: seriesStatus === "cancelled" ? "cancelled" : f.status,
    organizer: f.organizer,
    attendees: f.attendees,
    recurrenceId,
  };
}
