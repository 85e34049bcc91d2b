/**
 * Meeting times agreed in a thread ("Thursday at 2pm works"), read with chrono-node. A time counts as agreed
 * when the message that names it also accepts it, or a later message from the other side accepts it; a later
 * cancellation without a new time voids it. Times are read in the writer's context: the message date is the
 * reference instant and the user's time zone the default zone (explicit zones in the text win).
 */
import * as chrono from "chrono-node";
import type { AgreedMeeting } from "./engine-types.js";
import { ACCEPTANCE, CANCELLATION } from "./reply-cues.js";
import { foldText } from "./text-signals.js";
import { fromLocal, offsetMinutes } from "./time-zone.js";

export interface TimedMessage {
  messageId: string | null;
  date: Date | null;
  sentByUser: boolean;
  /** Reply-stripped text. */
  text: string;
}

interface Candidate {
  start: Date;
  end: Date | null;
  index: number;
  accepted: boolean;
  /** The text named a date (day of month, "tomorrow"), not only a weekday. */
  dated: boolean;
}

const MAX_AHEAD_MS = 180 * 864e5;
/** A clock time written out: "4pm", "4:30", "16h00", "noon", "at 4". */
const EXPLICIT_TIME =
  /\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.)|\d{1,2}[:.h]\d{2}\b|\bnoon\b|\bmidday\b|\bat \d{1,2}\b/i;

/** Day-first locales read "02/11" as 2 November; the Americas read it as February 11. */
function parserFor(timeZone: string): chrono.Chrono {
  return /^America\//.test(timeZone) ? chrono.casual : chrono.en.GB;
}

function wallClock(c: chrono.ParsedComponents, timeZone: string): Date {
  return fromLocal(
    {
      year: c.get("year") ?? 1970,
      month: c.get("month") ?? 1,
      day: c.get("day") ?? 1,
      hour: c.get("hour") ?? 0,
      minute: c.get("minute") ?? 0,
    },
    timeZone,
  );
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["sun", "mon", "tues", "wednes", "thurs", "fri", "satur"];
const WEEKDAY_AND_DAY =
  /\b(mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))/gi;

/**
 * "Friday the 12th": a weekday with a day of the month. The explicit date wins over the weekday: it is written
 * as "June 12" (the next such date from the message, preferring a month where the weekday matches) so that the
 * parser does not read the bare weekday. The replacement keeps the text length (indices stay valid).
 */
export function pinDayOfMonth(text: string, reference: Date, timeZone: string): string {
  const local = new Date(reference.getTime() + offsetMinutes(reference, timeZone) * 60000);
  const y0 = local.getUTCFullYear();
  const m0 = local.getUTCMonth();
  const d0 = local.getUTCDate();
  return text.replace(WEEKDAY_AND_DAY, (whole, wd: string, dayText: string) => {
    const day = Number(dayText);
    if (day < 1 || day > 31) return whole;
    const wanted = WEEKDAYS.indexOf(wd.toLowerCase());
    let fallback: { y: number; m: number } | null = null;
    for (let k = 0; k < 4; k++) {
      const y = y0 + Math.floor((m0 + k) / 12);
      const m = (m0 + k) % 12;
      if (k === 0 && day < d0) continue;
      const dt = new Date(Date.UTC(y, m, day));
      if (dt.getUTCMonth() !== m) continue;
      fallback ??= { y, m };
      if (dt.getUTCDay() === wanted) {
        fallback = { y, m };
        break;
      }
    }
    if (!fallback) return whole;
    const month = MONTHS[fallback.m] as string;
    const options = [
      `${month} ${day}, ${fallback.y}`,
      `${month.slice(0, 3)} ${day}, ${fallback.y}`,
      `${day} ${month.slice(0, 3)}`,
    ];
    const out = options.find((o) => o.length <= whole.length);
    return out ? out.padEnd(whole.length, " ") : whole;
  });
}

/** "Donnerstag, 26.3., um 17:30 Uhr" / "quinta, 28/5 às 18h": a day-first numeric date after a weekday word. */
const DAY_FIRST =
  /\b(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|segunda|terça|terca|quarta|quinta|sexta|sábado|sabado|domingo|lundi|mardi|mercredi|jeudi|vendredi|lunes|martes|miércoles|jueves|viernes)(?:-feira)?,?\s+(?:den\s+|dia\s+|le\s+|el\s+)?(\d{1,2})[./](\d{1,2})\.?(?:(\d{4}))?,?\s*(?:um|às|as|à|a las|à)\s+(\d{1,2})(?:[:.h](\d{2}))?\s*(?:uhr|h)?/gi;

/** Rewrites a day-first numeric date and clock time in another language as English for the parser. */
export function englishDayFirst(text: string): string {
  return text.replace(
    DAY_FIRST,
    (whole, d: string, mo: string, y: string | undefined, h: string, mi: string | undefined) => {
      const month = MONTHS[Number(mo) - 1];
      if (!month || Number(d) < 1 || Number(d) > 31 || Number(h) > 23) return whole;
      const out = `${Number(d)} ${month.slice(0, 3)}${y ? ` ${y}` : ""} at ${h}:${mi ?? "00"}`;
      return out.length <= whole.length ? out.padEnd(whole.length, " ") : whole;
    },
  );
}

function candidatesIn(m: TimedMessage, index: number, timeZone: string): Candidate[] {
  if (!m.date) return [];
  const text = englishDayFirst(pinDayOfMonth(m.text.slice(0, 1500), m.date, timeZone));
  const ref = { instant: m.date, timezone: offsetMinutes(m.date, timeZone) };
  let results: chrono.ParsedResult[];
  try {
    results = parserFor(timeZone).parse(text, ref, { forwardDate: true });
  } catch {
    return [];
  }
  const out: Candidate[] = [];
  for (const r of results) {
    const s = r.start;
    if (!s.isCertain("hour") || !EXPLICIT_TIME.test(r.text)) continue;
    if (!s.isCertain("day") && !s.isCertain("weekday") && !/\b(today|tomorrow|tonight)\b/i.test(r.text)) continue;
    // chrono reads with the zone offset of the message date; a time after a DST change is re-read in the zone
    let start = s.isCertain("timezoneOffset") ? s.date() : wallClock(s, timeZone);
    if (!s.isCertain("meridiem") && (s.get("hour") ?? 12) < 7) start = new Date(start.getTime() + 12 * 36e5);
    const delta = start.getTime() - m.date.getTime();
    if (delta < -36e5 || delta > MAX_AHEAD_MS) continue;
    // A time inside a sentence that proposes availability windows ("free after 3:45") is not a fixed time.
    const around = foldText(text.slice(Math.max(0, r.index - 80), r.index + r.text.length + 80));
    const sentence = sentenceAt(text, r.index, r.text.length);
    out.push({
      start,
      end: r.end?.isCertain("hour")
        ? r.end.isCertain("timezoneOffset")
          ? r.end.date()
          : wallClock(r.end, timeZone)
        : null,
      index,
      dated: s.isCertain("day"),
      accepted: ACCEPTANCE.test(foldText(sentence)) || /\b(works|perfect|confirmed|see you)\b/.test(around),
    });
  }
  return out;
}

function sentenceAt(text: string, index: number, length: number): string {
  const before = text.slice(0, index);
  const startCut = Math.max(
    before.lastIndexOf("."),
    before.lastIndexOf("?"),
    before.lastIndexOf("!"),
    before.lastIndexOf("\n\n"),
  );
  const after = text.slice(index + length);
  const endRel = after.search(/[.!?](\s|$)|\n\n/);
  return text.slice(startCut + 1, endRel < 0 ? text.length : index + length + endRel + 1);
}

export interface AgreedTimeResult {
  meetings: AgreedMeeting[];
  /** The last agreed time was called off and nothing replaced it. */
  cancelled: boolean;
}

/**
 * Messages oldest first. Returns at most one meeting per distinct agreed time (the latest agreement wins when
 * a time was changed).
 */
export function extractAgreedMeetings(
  messages: readonly TimedMessage[],
  timeZone: string,
  defaultMinutes: number,
): AgreedTimeResult {
  const all: Candidate[] = [];
  messages.forEach((m, i) => {
    all.push(...candidatesIn(m, i, timeZone));
  });
  // A later bare weekday ("Friday at 12:30 then!") refers back to an earlier explicit date with the same
  // weekday and clock time ("Friday the 12th at 12:30"): the explicit date wins.
  for (const c of all) {
    if (c.dated) continue;
    const local = (d: Date): Date => new Date(d.getTime() + offsetMinutes(d, timeZone) * 60000);
    const lc = local(c.start);
    const earlier = all.find((o) => {
      if (!o.dated || o.index >= c.index || o.start.getTime() === c.start.getTime()) return false;
      const lo = local(o.start);
      return (
        lo.getUTCDay() === lc.getUTCDay() &&
        lo.getUTCHours() === lc.getUTCHours() &&
        lo.getUTCMinutes() === lc.getUTCMinutes() &&
        o.start.getTime() > (messages[c.index]?.date?.getTime() ?? 0) - 36e5
      );
    });
    if (earlier) {
      const shift = earlier.start.getTime() - c.start.getTime();
      c.start = earlier.start;
      if (c.end) c.end = new Date(c.end.getTime() + shift);
      c.dated = true;
    }
  }
  const agreed: Candidate[] = [];
  for (const c of all) {
    const from = messages[c.index];
    if (!from) continue;
    // an agreement takes two: the other side must have written in the thread
    const otherBefore = messages.some((m, j) => j < c.index && m.sentByUser !== from.sentByUser);
    const laterAcceptance = messages.some(
      (m, j) => j > c.index && m.sentByUser !== from.sentByUser && ACCEPTANCE.test(foldText(m.text.slice(0, 600))),
    );
    const repeated = all.some(
      (o) =>
        o.index > c.index &&
        messages[o.index]?.sentByUser !== from.sentByUser &&
        o.start.getTime() === c.start.getTime(),
    );
    if ((c.accepted && otherBefore) || laterAcceptance || repeated) agreed.push(c);
  }
  if (agreed.length === 0) return { meetings: [], cancelled: false };
  // The latest message that fixed a time decides; earlier different times were replaced.
  const lastIndex = Math.max(...agreed.map((c) => c.index));
  const chosen = agreed.filter((c) => c.index === lastIndex);
  // Keep the earliest instant mentioned in that message (a reminder may also mention "tomorrow").
  chosen.sort((a, b) => a.start.getTime() - b.start.getTime());
  const best = chosen[0];
  if (!best) return { meetings: [], cancelled: false };
  // Prefer the first agreement of the same day (a reminder like "still on for 4?" may lose the meridiem).
  const sameDay = agreed.find((c) => Math.abs(c.start.getTime() - best.start.getTime()) < 20 * 36e5);
  const pick = sameDay ?? best;
  const cancelledAfter = messages.some((m, j) => j > lastIndex && CANCELLATION.test(foldText(m.text.slice(0, 800))));
  if (cancelledAfter) return { meetings: [], cancelled: true };
  const end =
    pick.end && pick.end.getTime() > pick.start.getTime()
      ? pick.end
      : new Date(pick.start.getTime() + defaultMinutes * 60000);
  return {
    meetings: [
      { start: pick.start.toISOString(), end: end.toISOString(), messageId: messages[pick.index]?.messageId ?? null },
    ],
    cancelled: false,
  };
}
