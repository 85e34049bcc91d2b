/**
 * Bounds on the calendar arithmetic ical.js does for the offline reader, so that no calendar can hold a scan:
 *
 * - ical.js normalises a date one month at a time, so adding a DURATION of P999999999999999999W (or a DTEND
 *   thousands of years away, or an RRULE INTERVAL of centuries) never ends: such values are set aside, with a
 *   problem saying so, before ical.js computes anything with them;
 * - an RRULE no date satisfies (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) makes ical.js step forever: every step of
 *   every rule iterator is counted against a budget (`withStepBudget`), and running out is a readable error;
 * - EXDATE and RDATE lists are cut to the dates near the window before ical.js sorts them (50,000 of them
 *   took seconds), and RDATE periods become their start times (ical.js cannot iterate periods);
 * - errors become reasons a person can read (`readableReason`), never a JavaScript fault's text.
 */
import ICAL from "ical.js";
import { utcMillis } from "../domain/time-zone.js";

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

/** Longest event read as written; a longer one is read as ending where it starts. */
export const MAX_EVENT_DAYS = 400;
const MAX_EVENT_MS = MAX_EVENT_DAYS * 864e5;
/** Longest step of a recurrence rule (a longer one is not a calendar's and costs ical.js a month per month). */
const MAX_STEP_YEARS = 100;
/** EXDATE and RDATE values kept per event, once those far from the window are dropped. */
export const MAX_DATE_VALUES = 2000;

const SECONDS_PER: Record<string, number> = {
  SECONDLY: 1,
  MINUTELY: 60,
  HOURLY: 3600,
  DAILY: 86400,
  WEEKLY: 7 * 86400,
  MONTHLY: 31 * 86400,
  YEARLY: 366 * 86400,
};

export class StepBudgetError extends Error {
  override readonly name = "StepBudgetError";
}

let stepsLeft = Number.POSITIVE_INFINITY;

/** Counts `steps` against the current budget; throws StepBudgetError when it is spent. */
export function spendSteps(steps = 1): void {
  stepsLeft -= steps;
  if (stepsLeft < 0) throw new StepBudgetError("recurrence budget spent");
}

// Every inner step of every ical.js rule iterator (event rules and VTIMEZONE rules alike) checks its BYxxx rules
// once: that call is where the budget is counted. Stepping a month or a year (with the day lists BYxxx rules
// expand into) costs ical.js several times more, and is charged more. (An Outlook VTIMEZONE expands its two
// yearly rules from 1601: ~9,000 steps, once per file.) Only this reader uses ical.js in the process.
const STEP_COSTS: Record<string, number> = {
  check_contracting_rules: 1,
  next_month: 3,
  next_year: 5,
  expand_year_days: 5,
};
const iteratorPrototype = ICAL.RecurIterator.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const [method, cost] of Object.entries(STEP_COSTS)) {
  const original = iteratorPrototype[method];
  if (typeof original !== "function") continue;
  iteratorPrototype[method] = function (this: unknown, ...args: unknown[]): unknown {
    spendSteps(cost);
    return original.apply(this, args);
  };
}

/** Steps left in the current budget. */
export function stepsRemaining(): number {
  return stepsLeft;
}

/** Runs `run` with at most `steps` rule steps (less if an enclosing budget has less left), charged to it too. */
export function withStepBudget<T>(steps: number, run: () => T): T {
  const outer = stepsLeft;
  const granted = Math.min(steps, outer);
  stepsLeft = granted;
  try {
    return run();
  } finally {
    stepsLeft = outer - (granted - Math.max(0, stepsLeft));
  }
}

/** Milliseconds of a time read as UTC wall-clock (no zone lookup: within a day of the real instant). */
export function roughMillis(t: IcalTime): number {
  return utcMillis(t.year, t.month - 1, t.day, t.isDate ? 0 : t.hour, t.isDate ? 0 : t.minute, t.isDate ? 0 : t.second);
}

type IcalProperty = ReturnType<IcalComponent["getAllProperties"]>[number];

/**
 * Replaces every `name` property of `comp` by `keep` in one pass. ical.js removes properties one at a time,
 * splicing its arrays each time (50,000 EXDATE lines took seconds); its property cache is rebuilt on next use.
 */
function replaceProperties(comp: IcalComponent, name: string, keep: IcalProperty[]): void {
  const internal = comp as unknown as { jCal: [string, unknown[][], unknown[]]; _properties?: unknown[] };
  internal.jCal[1] = internal.jCal[1].filter((p) => p[0] !== name).concat(keep.map((p) => p.jCal));
  internal._properties = undefined;
}

function isTime(value: unknown): value is IcalTime {
  return value instanceof ICAL.Time;
}

/** Sets aside a DURATION or DTEND that would send ical.js stepping for ever, and says so. */
function boundLength(vevent: IcalComponent, label: string, problems: string[]): void {
  const duration = vevent.getFirstPropertyValue("duration");
  if (duration instanceof ICAL.Duration) {
    const seconds = duration.toSeconds();
    if (!Number.isFinite(seconds) || seconds < 0 || seconds * 1000 > MAX_EVENT_MS) {
      vevent.removeAllProperties("duration");
      const why = seconds < 0 ? "is negative" : `is longer than ${MAX_EVENT_DAYS} days`;
      problems.push(`event ${label}: its DURATION ${why}; read as ending at its start`);
    }
  }
  const start = vevent.getFirstPropertyValue("dtstart");
  const end = vevent.getFirstPropertyValue("dtend");
  if (isTime(start) && isTime(end)) {
    const length = roughMillis(end) - roughMillis(start);
    if (!Number.isFinite(length) || length < -864e5 || length > MAX_EVENT_MS + 864e5) {
      vevent.removeAllProperties("dtend");
      const why = length < 0 ? "ends before it starts" : `lasts more than ${MAX_EVENT_DAYS} days`;
      problems.push(`event ${label}: its DTEND ${why}; read as ending at its start`);
    }
  }
}

/** Why ical.js cannot step through `rule` in bounded time, or null: a step of centuries, or not forward. */
function ruleProblem(rule: unknown): string | null {
  if (!(rule instanceof ICAL.Recur)) return "its RRULE cannot be read";
  const interval = rule.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1)
    return `its RRULE has INTERVAL=${interval}, not a whole number of steps`;
  const years = (interval * (SECONDS_PER[rule.freq ?? ""] ?? 0)) / (365 * 86400);
  if (!Number.isFinite(years) || years > MAX_STEP_YEARS) {
    return `its RRULE repeats less than once a century (INTERVAL=${interval})`;
  }
  return null;
}

/** Drops RRULEs ical.js cannot step through in bounded time. */
function boundRules(vevent: IcalComponent, label: string, problems: string[]): void {
  for (const prop of vevent.getAllProperties("rrule")) {
    const why = ruleProblem(prop.getFirstValue());
    if (!why) continue;
    vevent.removeProperty(prop);
    problems.push(`event ${label}: ${why}; ignored`);
  }
}

/** Parts (STANDARD/DAYLIGHT) a VTIMEZONE may have; real ones with their whole history have a few dozen. */
const MAX_ZONE_PARTS = 200;
/** Largest UTC offset a zone may have (real ones stay within ±14 hours). */
const MAX_OFFSET_SECONDS = 18 * 3600;

/**
 * Why ical.js cannot expand `vtimezone` in bounded time, or null. ical.js expands a zone's rules from each part's
 * DTSTART up to the year asked for whenever it places a time in it, so a zone's rules are bounded like events'.
 */
export function timezoneProblem(vtimezone: IcalComponent): string | null {
  const parts = vtimezone.getAllSubcomponents();
  if (parts.length > MAX_ZONE_PARTS) return `it has ${parts.length} parts`;
  try {
    for (const part of parts) {
      if (!isTime(part.getFirstPropertyValue("dtstart"))) return "a part has no readable DTSTART";
      for (const name of ["tzoffsetfrom", "tzoffsetto"]) {
        const offset = part.getFirstPropertyValue(name);
        if (!(offset instanceof ICAL.UtcOffset) || Math.abs(offset.toSeconds()) > MAX_OFFSET_SECONDS) {
          return `a part has an unreadable ${name.toUpperCase()}`;
        }
      }
      for (const prop of part.getAllProperties("rrule")) {
        const why = ruleProblem(prop.getFirstValue());
        if (why) return why;
      }
      if (part.getAllProperties("rdate").length > MAX_DATE_VALUES) return "a part has too many RDATEs";
    }
  } catch (e) {
    return readableReason(e);
  }
  return null;
}

/**
 * Keeps the EXDATE or RDATE values that can touch the window, at most MAX_DATE_VALUES of them, and returns how
 * many within the window were left out. Dates outside the window change no occurrence inside it. An RDATE
 * period becomes its start (ical.js cannot iterate periods; the event's own length applies).
 */
function boundDateList(vevent: IcalComponent, name: "exdate" | "rdate", window: { from: number; to: number }): number {
  const props = vevent.getAllProperties(name);
  if (props.length === 0) return 0;
  const keep: IcalProperty[] = [];
  let kept = 0;
  let leftOut = 0;
  for (const prop of props) {
    const values: IcalTime[] = [];
    let periods = false;
    for (const v of prop.getValues()) {
      periods ||= v instanceof ICAL.Period;
      const t = v instanceof ICAL.Period ? v.start : v;
      if (!isTime(t)) continue;
      const ms = roughMillis(t);
      if (!(ms >= window.from && ms <= window.to)) continue;
      if (kept < MAX_DATE_VALUES) {
        values.push(t);
        kept++;
      } else leftOut++;
    }
    if (values.length === 0) continue;
    if (periods) prop.resetType(values[0]?.isDate ? "date" : "date-time");
    prop.setValues(values);
    keep.push(prop);
  }
  replaceProperties(vevent, name, keep);
  return leftOut;
}

/** Properties an event can do without: one whose value cannot be read is dropped, and the event kept. */
const OPTIONAL_TIMES = ["dtend", "duration", "exdate", "rdate", "rrule"] as const;

/**
 * ical.js reads values when they are first asked for, so a bad one throws deep inside an expansion: each time
 * value is read here first. A bad DTSTART skips the event (with the reason); any other bad value is dropped.
 */
function readableValues(vevent: IcalComponent, label: string, problems: string[]): void {
  for (const prop of vevent.getAllProperties("dtstart")) {
    try {
      prop.getValues();
    } catch (e) {
      throw new Error(`its start (DTSTART) could not be read: ${readableReason(e)}`);
    }
  }
  for (const name of OPTIONAL_TIMES) {
    let bad = false;
    let reason = "";
    const good = vevent.getAllProperties(name).filter((prop) => {
      try {
        prop.getValues();
        return true;
      } catch (e) {
        bad = true;
        reason ||= readableReason(e);
        return false;
      }
    });
    if (!bad) continue;
    replaceProperties(vevent, name, good);
    problems.push(`event ${label}: its ${name.toUpperCase()} could not be read and was ignored (${reason})`);
  }
}

/** Frequencies whose steps have a fixed length in wall-clock time (months and years do not). */
const FIXED_STEP_SECONDS: Record<string, number> = {
  SECONDLY: 1,
  MINUTELY: 60,
  HOURLY: 3600,
  DAILY: 86400,
  WEEKLY: 7 * 86400,
};

/**
 * Where to start expanding a series so that ical.js need not step through years before `beforeMs` one
 * occurrence at a time: DTSTART moved forward by a whole number of the rule's steps, or null when that is not
 * exact. It is exact for one RRULE without COUNT (COUNT counts from DTSTART) stepping by a fixed length: the
 * candidates are DTSTART plus whole steps, BYxxx filters are absolute, and the moved start stays before
 * `beforeMs`, where the caller passes occurrences over (so the moved start itself, an instance by definition,
 * never shows). EXDATE, RDATE and overrides compare absolute times and are unaffected.
 */
export function fastForwardStart(master: IcalEvent, beforeMs: number): IcalTime | null {
  const rules = master.component.getAllProperties("rrule");
  if (rules.length !== 1) return null;
  const rule = rules[0]?.getFirstValue();
  if (!(rule instanceof ICAL.Recur) || rule.count) return null;
  const unit = FIXED_STEP_SECONDS[rule.freq ?? ""];
  if (!unit) return null;
  const stepSeconds = unit * Math.max(1, rule.interval ?? 1);
  const start = master.startDate;
  const gapSeconds = (beforeMs - roughMillis(start)) / 1000;
  const steps = Math.floor(gapSeconds / stepSeconds) - 1;
  if (!Number.isFinite(steps) || steps < 2) return null;
  const moved = start.clone();
  moved.addDuration(ICAL.Duration.fromSeconds(steps * stepSeconds));
  return moved;
}

export interface BoundWindow {
  windowStart: Date;
  windowEnd: Date;
}

/**
 * Makes one VEVENT safe for ical.js: lengths and rule steps bounded, date lists cut to the window. Problems are
 * reported against `label` (the event's UID).
 */
/** Properties an event is read by; when an event has more than MAX_PROPERTIES, only these are kept. */
const READ_PROPERTIES = new Set([
  "uid",
  "dtstart",
  "dtend",
  "duration",
  "rrule",
  "rdate",
  "exdate",
  "recurrence-id",
  "status",
  "summary",
  "description",
  "location",
  "organizer",
  "attendee",
]);
const MAX_PROPERTIES = 3000;
/** Attendees read per event: an event with more is a broadcast, never a conversation. */
export const MAX_ATTENDEES = 1000;

/**
 * ical.js looks properties up by scanning the event's list (for each occurrence, several times): an event of
 * 100,000 lines is cut to what is read, and to MAX_ATTENDEES attendees.
 */
function trimProperties(vevent: IcalComponent, label: string, problems: string[]): void {
  // On ical.js's raw property list (name first): hydrating 100,000 properties to count them costs seconds.
  const internal = vevent as unknown as {
    jCal: [string, [string, ...unknown[]][], unknown[]];
    _properties?: unknown[];
  };
  const all = internal.jCal[1];
  let attendees = 0;
  for (const p of all) if (p[0] === "attendee") attendees++;
  if (all.length <= MAX_PROPERTIES && attendees <= MAX_ATTENDEES) return;
  let keptAttendees = 0;
  internal.jCal[1] = all.filter((p) => {
    if (p[0] !== "attendee") return READ_PROPERTIES.has(p[0]);
    return ++keptAttendees <= MAX_ATTENDEES;
  });
  internal._properties = undefined;
  const dropped = all.length - internal.jCal[1].length;
  if (dropped > 0)
    problems.push(
      `event ${label}: ${dropped} of its ${all.length} lines were not read (attendees past ${MAX_ATTENDEES}, other properties)`,
    );
}

export function boundEvent(vevent: IcalComponent, label: string, opts: BoundWindow, problems: string[]): void {
  trimProperties(vevent, label, problems);
  readableValues(vevent, label, problems);
  boundLength(vevent, label, problems);
  boundRules(vevent, label, problems);
  const window = {
    from: opts.windowStart.getTime() - MAX_EVENT_MS - 2 * 864e5,
    to: opts.windowEnd.getTime() + 2 * 864e5,
  };
  for (const name of ["exdate", "rdate"] as const) {
    const leftOut = boundDateList(vevent, name, window);
    if (leftOut > 0) {
      problems.push(
        `event ${label}: ${leftOut} ${name.toUpperCase()} values past the first ${MAX_DATE_VALUES} were not read`,
      );
    }
  }
}

/** JavaScript faults inside a library: their text means nothing to the person reading the report. */
const JS_FAULT =
  /cannot read propert|cannot set propert|is not a function|is not defined|is not iterable|undefined|\bnull\b|maximum call stack|invalid time value|invalid array length|\bNaN\b/i;

/** Why something in a calendar could not be read, in words a person can act on (at most ~160 characters). */
export function readableReason(e: unknown): string {
  if (e instanceof StepBudgetError) return "its recurrence takes too many steps to expand";
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof Error) || e instanceof TypeError || e instanceof RangeError || JS_FAULT.test(message)) {
    return "the calendar library could not read it";
  }
  const dateTime = /^invalid date-time value: (.*)$/i.exec(message);
  const clean = (dateTime ? `unreadable date or time ${dateTime[1]}` : message)
    .replace(/max tries have occurred, rule may be impossible to fulfill\.?/i, "no occurrence of its rule can be found")
    .replace(/^Could not extract integer from (.*)$/i, "a number could not be read in $1")
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .trim();
  return clean.length > 160 ? `${clean.slice(0, 157)}…` : clean || "unreadable";
}
