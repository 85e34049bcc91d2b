/**
 * iCalendar -> CalendarEvent occurrences, via ical.js: RRULE/RDATE/EXDATE expansion and RECURRENCE-ID
 * overrides within a window, VTIMEZONE/TZID (IANA names are resolved with Intl, custom VTIMEZONEs with
 * ical.js, floating times in the user's zone), STATUS:CANCELLED and ATTENDEE/PARTSTAT. A recurring series is
 * returned once, as a CalendarSeries holding its occurrences.
 *
 * Never throws and never runs unbounded, whatever the file holds: every VCALENDAR in it is read (ics-parse.ts),
 * calendar arithmetic is bounded (ics-limits.ts), and what cannot be read is a problem line in plain words. A
 * recurrence that cannot be expanded still reports the event's first occurrence.
 */
import ICAL from "ical.js";
import type { CalendarEvent, EventStatus } from "../domain/mail.js";
import { type EventContext, fieldsOf, instant, shown, toEvent } from "./ics-event.js";
import {
  boundEvent,
  fastForwardStart,
  readableReason,
  roughMillis,
  spendSteps,
  stepsRemaining,
  timezoneProblem,
  withStepBudget,
} from "./ics-limits.js";
import { parseCalendar } from "./ics-parse.js";

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

type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalComponent = InstanceType<typeof ICAL.Component>;

interface ReadContext extends IcsReadOptions, EventContext {
  problems: string[];
  /** Recurring series read as their first occurrence because the file's step budget was spent. */
  unexpanded: number;
}

/**
 * An ical.js Event for one VEVENT. Without `exceptions`, ical.js relates every VEVENT with a RECURRENCE-ID in the
 * whole calendar to it, whatever its UID — wrong, and quadratic in the number of events: the overrides of the
 * event's own UID are related by occurrencesOf instead.
 */
function icalEvent(comp: IcalComponent): IcalEvent {
  return new ICAL.Event(comp, { exceptions: [] });
}

interface EventGroup {
  /** The event without RECURRENCE-ID (null when the file has only overrides). */
  master: IcalComponent | null;
  overrides: IcalComponent[];
}

/** Every VEVENT of every calendar in the file, grouped by UID; registers the file's own time zones on the way. */
function groupByUid(roots: IcalComponent[], problems: string[]): Map<string, EventGroup> {
  const vevents: IcalComponent[] = [];
  // Every top-level component holds events (a VCALENDAR, or an unknown wrapper), except a bare VEVENT, which is one.
  for (const cal of roots) {
    if (cal.name === "vevent") {
      vevents.push(cal);
      continue;
    }
    for (const vtz of cal.getAllSubcomponents("vtimezone")) {
      const tzid = shown(String(vtz.getFirstPropertyValue("tzid") ?? ""));
      const why = timezoneProblem(vtz);
      if (why) {
        // Removed from the tree too: ical.js looks a TZID up among the calendar's own VTIMEZONEs first.
        cal.removeSubcomponent(vtz);
        problems.push(
          `the time zone "${tzid}" could not be used (${why}); times in it are read by its name or in yours`,
        );
        continue;
      }
      try {
        ICAL.TimezoneService.register(vtz);
      } catch {
        problems.push(`the time zone "${tzid}" could not be read; times in it are read by its name or in yours`);
      }
    }
    vevents.push(...cal.getAllSubcomponents("vevent"));
  }
  const byUid = new Map<string, EventGroup>();
  let withoutUid = 0;
  for (const ve of vevents) {
    const uid = String(ve.getFirstPropertyValue("uid") ?? "");
    if (!uid) {
      withoutUid++;
      continue;
    }
    const g = byUid.get(uid) ?? { master: null, overrides: [] };
    if (ve.hasProperty("recurrence-id")) g.overrides.push(ve);
    else if (!g.master) g.master = ve;
    byUid.set(uid, g);
  }
  if (withoutUid > 0) problems.push(`${withoutUid} event${withoutUid === 1 ? "" : "s"} without UID skipped`);
  return byUid;
}

/**
 * Rule steps (ical.js's inner steps plus one per occurrence followed) one series may take: a daily series from
 * 60 years back, a weekly one shown over the whole window. A step costs ical.js 3-10 microseconds; the file's
 * budget is enough for ~400 weekly series across the 800-day window.
 */
const SERIES_STEPS = 25_000;
/** Rule steps the whole file may take; once spent, recurring series keep their first occurrence only. */
const FILE_STEPS = 100_000;
/** Problem lines listed per file; the rest are counted. */
const MAX_PROBLEM_LINES = 50;

/** The occurrences of a recurring series inside the window (its overrides applied), at most `opts.maxOccurrences`. */
function occurrencesOf(uid: string, master: IcalEvent, g: EventGroup, ctx: ReadContext): CalendarEvent[] {
  const { status: seriesStatus, startTz: tz, endTz } = fieldsOf(master.component, ctx);
  for (const o of g.overrides) {
    try {
      master.relateException(icalEvent(o));
    } catch {
      ctx.problems.push(`event ${shown(uid)}: an override (RECURRENCE-ID) could not be read and was ignored`);
    }
  }
  const max = ctx.maxOccurrences ?? 5000;
  const length = Math.max(0, roughMillis(master.endDate ?? master.startDate) - roughMillis(master.startDate));
  // Occurrences that end more than a day (any zone's offset) before the window are passed over unconverted.
  const skipBefore = ctx.windowStart.getTime() - length - 2 * 864e5;
  const it = master.iterator(fastForwardStart(master, skipBefore) ?? undefined);
  const occurrences: CalendarEvent[] = [];
  for (let next = it.next(); next; next = it.next()) {
    spendSteps();
    if (roughMillis(next) < skipBefore && !g.overrides.length) continue;
    const d = master.getOccurrenceDetails(next);
    const start = instant(d.startDate, ctx.timeZone, tz);
    if (start.getTime() > ctx.windowEnd.getTime()) break;
    const endTime = instant(d.endDate, ctx.timeZone, endTz);
    if (endTime.getTime() < ctx.windowStart.getTime()) continue;
    // An occurrence of the master itself was placed just above, and its recurrence id is its start.
    const own = d.item === master;
    const recurrenceId =
      own && d.recurrenceId.compare(d.startDate) === 0 ? start : instant(d.recurrenceId, ctx.timeZone, tz);
    const placed = own ? { start, end: endTime } : undefined;
    occurrences.push(toEvent(d.item, d.startDate, d.endDate, recurrenceId, seriesStatus, ctx, placed));
    if (occurrences.length >= max) break;
  }
  return occurrences;
}

/** The series' first occurrence alone (a single event, or a recurrence outside the window or unexpandable). */
function firstOccurrence(master: IcalEvent, seriesStatus: EventStatus, ctx: ReadContext): CalendarEvent {
  return toEvent(master, master.startDate, master.endDate ?? master.startDate, null, seriesStatus, ctx);
}

function recurringSeries(uid: string, master: IcalEvent, g: EventGroup, ctx: ReadContext): CalendarSeries {
  let occurrences: CalendarEvent[] = [];
  if (stepsRemaining() <= SERIES_STEPS) {
    // The file's budget is spent (the series' own allowance is what is left): not expanded, counted once.
    ctx.unexpanded++;
  } else
    try {
      occurrences = withStepBudget(SERIES_STEPS, () => occurrencesOf(uid, master, g, ctx));
    } catch (e) {
      ctx.problems.push(
        `event ${shown(uid)}: its recurrence could not be expanded (${readableReason(e)}); its first occurrence is used`,
      );
    }
  // Entirely outside the window (or not expandable): keep the first occurrence so the series is still reported.
  if (occurrences.length === 0) {
    occurrences.push(firstOccurrence(master, fieldsOf(master.component, ctx).status, ctx));
  }
  return { uid, recurring: true, occurrences };
}

function seriesOf(uid: string, g: EventGroup, ctx: ReadContext): CalendarSeries | null {
  const masterComp = g.master ?? g.overrides[0];
  if (!masterComp) return null;
  for (const c of g.master ? [g.master, ...g.overrides] : g.overrides) boundEvent(c, shown(uid), ctx, ctx.problems);
  const events = [masterComp, ...(g.master ? g.overrides : g.overrides.slice(1))];
  if (events.some((c) => !c.hasProperty("dtstart"))) throw new Error("it has no start time (DTSTART)");
  const master = icalEvent(masterComp);
  if (g.master && master.isRecurring()) return recurringSeries(uid, master, g, ctx);
  const occurrences = events.map((c) => firstOccurrence(icalEvent(c), "confirmed", ctx));
  return { uid, recurring: false, occurrences: occurrences.sort((a, b) => a.start.getTime() - b.start.getTime()) };
}

/** At most MAX_PROBLEM_LINES lines; the rest counted in a last one. */
function listed(problems: string[]): string[] {
  if (problems.length <= MAX_PROBLEM_LINES) return problems;
  const rest = problems.length - MAX_PROBLEM_LINES + 1;
  return [...problems.slice(0, MAX_PROBLEM_LINES - 1), `${rest} more calendar problems not listed`];
}

export function readIcs(text: string, opts: IcsReadOptions): IcsReadResult {
  const parsed = parseCalendar(text);
  const ctx: ReadContext = { ...opts, problems: parsed.problems, unexpanded: 0, fields: new WeakMap() };
  const series: CalendarSeries[] = [];
  try {
    withStepBudget(FILE_STEPS, () => {
      for (const [uid, g] of groupByUid(parsed.roots, ctx.problems)) {
        try {
          // Twice a series's budget: a recurrence that spends its own still has room to report its first occurrence.
          const one = withStepBudget(2 * SERIES_STEPS, () => seriesOf(uid, g, ctx));
          if (one) series.push(one);
        } catch (e) {
          ctx.problems.push(`event ${shown(uid)} skipped: ${readableReason(e)}`);
        }
      }
    });
  } catch (e) {
    ctx.problems.push(`calendar only partly read: ${readableReason(e)}`);
  } finally {
    // Time zones registered from this file must not leak into the next one read in this process.
    ICAL.TimezoneService.reset();
  }
  if (ctx.unexpanded > 0) {
    ctx.problems.push(
      `${ctx.unexpanded} recurring event${ctx.unexpanded === 1 ? "" : "s"} read as their first occurrence only: ` +
        "the calendar's recurrences take too many steps to expand",
    );
  }
  return { series, problems: listed(ctx.problems) };
}

/** The occurrence that stands for a series: the next one from `now`, else the latest. */
export function representative(s: CalendarSeries, now: Date): CalendarEvent | undefined {
  const live = s.occurrences;
  return live.find((o) => o.end.getTime() >= now.getTime()) ?? live[live.length - 1];
}
