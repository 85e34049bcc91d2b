/**
 * Meeting times agreed in a thread ("Thursday at 2pm works"), read with chrono-node. A time counts as agreed
 * when the message that names it also accepts it, or a later message from the other side accepts it; a later
 * cancellation without a new time voids it. Times are read in the writer's context: the message date is the
 * reference instant and the user's time zone the default zone (explicit zones in the text win).
 */
import * as chrono from "chrono-node";
import type { AgreedMeeting } from "./engine-types.js";
import { normalizeProse, type ProseLanguage, proseLanguage } from "./prose-dates.js";
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
/** A clock time written out: "4pm", "4:30", "16h00", "17 Uhr", "15時", "noon", "at 4", "às 18", "alle 15". */
const EXPLICIT_TIME =
  /\d{1,2}(:\d{2})?\s*(am|pm|a\.\s?m\.|p\.\s?m\.)|\d{1,2}[:.h]\d{2}|\d{1,2}\s*(uhr|時)|\d{1,2}h(?![\p{L}])|(?<![\p{L}])(noon|midday)(?![\p{L}])|(?<![\p{L}])(at|à|às|as|a las|a la|alle|um|ore|ab|gegen|vers)\s+\d{1,2}(?!\d)/iu;
/** A date named without a number: it dates a clock time as well as a day of the month does. */
const RELATIVE_DAY = /\b(today|tomorrow|tonight)\b/i;
/** Characters between a date and a clock time that still belong together ("Friday week, the 19th? say 8.15"). */
const MAX_PAIR_GAP = 60;
const SENTENCE_BREAK = /[.!。！](\s|$)|\n\s*\n/;

/** Day-first locales read "02/11" as 2 November; the Americas read it as February 11. */
function parserFor(lang: ProseLanguage, timeZone: string): chrono.Chrono {
  switch (lang) {
    case "de":
      return chrono.de.casual;
    case "fr":
      return chrono.fr.casual;
    case "es":
      return chrono.es.casual;
    case "pt":
      return chrono.pt.casual;
    case "it":
      return chrono.it.casual;
    case "ja":
      return chrono.ja.casual;
    default:
      return /^America\//.test(timeZone) ? chrono.casual : chrono.en.GB;
  }
}

/** The parts of a reading that place it in time; a date and a clock time read apart are joined into one. */
interface Reading {
  index: number;
  end: number;
  date: chrono.ParsedComponents;
  time: chrono.ParsedComponents;
  until: chrono.ParsedComponents | null;
  dated: boolean;
}

function instant(date: chrono.ParsedComponents, time: chrono.ParsedComponents, timeZone: string): Date {
  const local = {
    year: date.get("year") ?? 1970,
    month: date.get("month") ?? 1,
    day: date.get("day") ?? 1,
    hour: time.get("hour") ?? 0,
    minute: time.get("minute") ?? 0,
  };
  // chrono reads with the zone offset of the message date; a time after a DST change is re-read in the zone
  if (!time.isCertain("timezoneOffset")) return fromLocal(local, timeZone);
  const offset = time.get("timezoneOffset") ?? 0;
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute) - offset * 60000);
}

function hasDay(c: chrono.ParsedComponents, text: string): boolean {
  return c.isCertain("day") || c.isCertain("weekday") || RELATIVE_DAY.test(text);
}

/**
 * Readings with both a day and a clock time. A day read alone ("Friday week, the 19th") and a clock time read
 * alone a few words later in the same sentence ("… say 8.15?") are one reading: chrono joins them only when
 * nothing stands between.
 */
function readingsOf(results: readonly chrono.ParsedResult[], text: string): Reading[] {
  const out: Reading[] = [];
  const used = new Set<chrono.ParsedResult>();
  const dayOnly = results.filter((r) => !r.start.isCertain("hour") && hasDay(r.start, r.text));
  for (const r of results) {
    if (!r.start.isCertain("hour")) continue;
    const end = r.index + r.text.length;
    const base = { index: r.index, end, time: r.start, until: r.end?.isCertain("hour") ? r.end : null };
    if (hasDay(r.start, r.text)) {
      out.push({ ...base, date: r.start, dated: r.start.isCertain("day") || RELATIVE_DAY.test(r.text) });
      continue;
    }
    let best: { d: chrono.ParsedResult; gap: number } | null = null;
    for (const d of dayOnly) {
      if (used.has(d)) continue;
      const dEnd = d.index + d.text.length;
      const between = d.index < r.index ? text.slice(dEnd, r.index) : text.slice(end, d.index);
      const overlaps = d.index < end && dEnd > r.index;
      if (overlaps || between.length > MAX_PAIR_GAP || SENTENCE_BREAK.test(between)) continue;
      if (!best || between.length < best.gap) best = { d, gap: between.length };
    }
    if (!best) continue;
    used.add(best.d);
    const d = best.d;
    out.push({
      ...base,
      index: Math.min(d.index, r.index),
      end: Math.max(d.index + d.text.length, end),
      date: d.start,
      dated: d.start.isCertain("day") || RELATIVE_DAY.test(d.text),
    });
  }
  return out;
}

/**
 * "Friday the 12th": a weekday with a day of the month. The explicit date wins over the weekday: it is written
 * out in full ("June 12, 2026", the next such date from the message, preferring a month where the weekday
 * matches) so that the parser does not read the bare weekday; shorter rewrites are padded to keep the length.
 */
export function pinDayOfMonth(text: string, reference: Date, timeZone: string): string {
  return normalizeProse(text, "en", reference, timeZone);
}

function candidatesIn(m: TimedMessage, index: number, timeZone: string): Candidate[] {
  if (!m.date) return [];
  const raw = m.text.slice(0, 1500);
  const lang = proseLanguage(raw);
  const text = normalizeProse(raw, lang, m.date, timeZone);
  const ref = { instant: m.date, timezone: offsetMinutes(m.date, timeZone) };
  let results: chrono.ParsedResult[];
  try {
    results = parserFor(lang, timeZone).parse(text, ref, { forwardDate: true });
  } catch {
    return [];
  }
  const out: Candidate[] = [];
  for (const r of readingsOf(results, text)) {
    if (!EXPLICIT_TIME.test(text.slice(r.index, r.end))) continue;
    let start = instant(r.date, r.time, timeZone);
    if (!r.time.isCertain("meridiem") && (r.time.get("hour") ?? 12) < 7) start = new Date(start.getTime() + 12 * 36e5);
    const delta = start.getTime() - m.date.getTime();
    if (delta < -36e5 || delta > MAX_AHEAD_MS) continue;
    // A time inside a sentence that proposes availability windows ("free after 3:45") is not a fixed time.
    const around = foldText(text.slice(Math.max(0, r.index - 80), r.end + 80));
    const sentence = sentenceAt(text, r.index, r.end - r.index);
    out.push({
      start,
      end: r.until ? instant(r.until.isCertain("day") ? r.until : r.date, r.until, timeZone) : null,
      index,
      dated: r.dated,
      accepted: ACCEPTANCE.test(foldText(sentence)) || /\b(works|perfect|confirmed|see you)\b/.test(around),
    });
  }
  return out;
}

/** Sentence ends: "." before a space (not inside "26.03.2026"), "!", "?", their Japanese forms, a blank line. */
const SENTENCE_END = /[!?。！？]|\.(?=\s|$)|\n\s*\n/g;

function sentenceAt(text: string, index: number, length: number): string {
  let startCut = -1;
  for (const m of text.slice(0, index).matchAll(SENTENCE_END)) startCut = m.index + m[0].length - 1;
  const after = text.slice(index + length);
  const endRel = after.search(/[.!?。！？](\s|$)|\n\s*\n/);
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
