/**
 * Meeting times agreed in a thread ("Thursday at 2pm works", "quinta às 18h?" "Fechado!"), read with chrono-node:
 * each message with the parser of its own language (English, German, French, Spanish, Portuguese, Italian,
 * Japanese), after prose-dates has rewritten the forms that parser misses. A time counts as agreed when the
 * message that names it also accepts it, or a later message from the other side accepts or repeats it; a later
 * cancellation without a new time voids it. Times are read in the writer's context: the message date is the
 * reference instant and the user's time zone the default zone; a zone the text names wins ("CET", "4pm Madrid
 * time", "10h de Brasília"). An explicit date wins over a weekday, and a day of the month named alone ("the
 * 7th") is the one named earlier in the thread. Windows ("anytime after 2pm") are not meeting times.
 */
import * as chrono from "chrono-node";
import type { AgreedMeeting } from "./engine-types.js";
import {
  type CalendarDay,
  loose,
  normalizeProse,
  type ProseLanguage,
  proseLanguage,
  zoneNamedAfter,
} from "./prose-dates.js";
import { ACCEPTANCE, CANCELLATION } from "./reply-cues.js";
import { foldText } from "./text-signals.js";
import { fromLocal, offsetMinutes, toLocal } from "./time-zone.js";

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
  /** A day whose clock time is the one agreed before ("dia 30, mesmo horário"): set from an earlier time. */
  sameTimeAs?: CalendarDay;
}

const MAX_AHEAD_MS = 180 * 864e5;
/** A clock time written out: "4pm", "4:30", "16h00", "17 Uhr", "15時", "noon", "at 4", "às 18", "alle 15". */
const EXPLICIT_TIME =
  /\d{1,2}(:\d{2})?\s*(am|pm|a\.\s?m\.|p\.\s?m\.)|\d{1,2}[:.h]\d{2}|\d{1,2}\s*(uhr|時)|(?<![\p{L}])(noon|midday)(?![\p{L}])|(?<![\p{L}])(at|à|às|as|a las|a la|alle|um|ore|ab|gegen|vers)\s+\d{1,2}(?!\d)/iu;
/** A date named without a number: it dates a clock time as well as a day of the month does. */
const RELATIVE_DAY = /\b(today|tomorrow|tonight)\b/i;
/** Characters between a date and a clock time that still belong together ("Friday week, the 19th? say 8.15"). */
const MAX_PAIR_GAP = 60;
const SENTENCE_BREAK = /[.!。！](\s|$)|\n\s*\n/;
/**
 * A clock time that opens or closes a window ("anytime after 2pm", "ab 17 Uhr", "depois das 17h", "15時以降")
 * is availability, not a meeting time.
 */
const WINDOW_BEFORE =
  /(?<![\p{L}])(after|before|until|till|between|ab|nach|vor|bis|zwischen|après|avant|à partir de|dès|entre|a partir de|a partir das|depois das|depois de|antes das|antes de|después de|antes de|desde|dopo|prima|tra|fra|dalle)(\s+(las?|les|the|den|das|as|le))?\s*$/iu;
const WINDOW_AFTER =
  /^\s*(以降|以後|より後|まで|or later|onwards|or after|und später|ou plus tard|en adelante|ou depois|in poi)/iu;
/**
 * Words near a time that settle it even outside its sentence ("… at 9.30. Talk then!"); narrower than
 * ACCEPTANCE, whose "great" or "perfeito" may open a message that offers several times.
 */
const SETTLES_NEAR = new RegExp(
  `(?<![\\p{L}])(?:${loose(
    "works|perfect|confirmed|see you|talk then|speak then|invite sent|até lá|até amanhã|nos vemos|hasta entonces|hasta mañana|à demain|à tout à l'heure|bis dann|bis morgen|ci vediamo|a domani|confirmado|confirmé|je confirme|ich bestätige|confermo|confermato",
  )})(?![\\p{L}])|当日はよろしく|では当日`,
  "u",
);
/** "mesmo horário", "same time": a new day at the clock time agreed before. */
const SAME_TIME =
  /(?<![\p{L}])(same time|a la misma hora|misma hora|mesmo horário|mesmo horario|mesma hora|même heure|même horaire|gleiche uhrzeit|gleichen uhrzeit|selbe uhrzeit|selben uhrzeit|zur gleichen zeit|zur selben zeit|stessa ora|stesso orario)(?![\p{L}])|同じ時間/iu;

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
  /** Where the clock time itself was read. */
  timeIndex: number;
  timeEnd: number;
  date: chrono.ParsedComponents;
  time: chrono.ParsedComponents;
  until: chrono.ParsedComponents | null;
  dated: boolean;
}

/**
 * A zone the text wrote after the time: an upper-case abbreviation ("CET", "JST") or an offset. chrono also
 * takes lower-case words for zones (German "ist" for IST), which are not zones.
 */
const OFFSET_WRITTEN = /(?<![\p{L}])[A-Z]{2,5}\)?\s*$|(?:UTC|GMT)?[+-]\d{1,2}(?::?\d{2})?\)?\s*$/u;

/** The wall-clock date and time read, in `timeZone` unless the text named an offset ("CET", "JST"). */
function instant(date: chrono.ParsedComponents, time: chrono.ParsedComponents, timeZone: string, read = ""): Date {
  const local = {
    year: date.get("year") ?? 1970,
    month: date.get("month") ?? 1,
    day: date.get("day") ?? 1,
    hour: time.get("hour") ?? 0,
    minute: time.get("minute") ?? 0,
  };
  // chrono reads with the zone offset of the message date; a time after a DST change is re-read in the zone
  if (!time.isCertain("timezoneOffset") || !OFFSET_WRITTEN.test(read)) return fromLocal(local, timeZone);
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
    const until = r.end?.isCertain("hour") ? r.end : null;
    const base = { index: r.index, end, timeIndex: r.index, timeEnd: end, time: r.start, until };
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
      const [from, to] = d.index < r.index ? [dEnd, r.index] : [end, d.index];
      // another reading in between ("next week … June 21 at 4pm … (3pm for you)") takes the pair apart
      const crossed = results.some((o) => o !== r && o !== d && o.index >= from && o.index < to);
      if (overlaps || crossed || between.length > MAX_PAIR_GAP || SENTENCE_BREAK.test(between)) continue;
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

interface MessageTimes {
  candidates: Candidate[];
  /** Dates with a day and a month named in the message, for days of the month named later. */
  mentioned: CalendarDay[];
}

function candidatesIn(m: TimedMessage, index: number, timeZone: string, known: readonly CalendarDay[]): MessageTimes {
  if (!m.date) return { candidates: [], mentioned: [] };
  const raw = m.text.slice(0, 1500);
  const lang = proseLanguage(raw);
  const text = normalizeProse(raw, lang, m.date, timeZone, known);
  const ref = { instant: m.date, timezone: offsetMinutes(m.date, timeZone) };
  let results: chrono.ParsedResult[];
  try {
    results = parserFor(lang, timeZone).parse(text, ref, { forwardDate: true });
  } catch {
    return { candidates: [], mentioned: [] };
  }
  const mentioned = results
    .filter((r) => r.start.isCertain("day") && r.start.isCertain("month"))
    .map((r) => ({ year: r.start.get("year") ?? 0, month: r.start.get("month") ?? 0, day: r.start.get("day") ?? 0 }));
  const out: Candidate[] = [];
  const accepted = (from: number, to: number): boolean => {
    const around = foldText(text.slice(Math.max(0, from - 80), to + 80));
    return ACCEPTANCE.test(foldText(sentenceAt(text, from, to - from))) || SETTLES_NEAR.test(around);
  };
  const readings = readingsOf(results, text);
  for (const r of readings) {
    if (!EXPLICIT_TIME.test(text.slice(r.index, r.end))) continue;
    // A time that opens or closes a window ("free after 3:45") is not a fixed time.
    const before = text.slice(Math.max(0, r.timeIndex - 24), r.timeIndex);
    if ((!r.until && WINDOW_BEFORE.test(before)) || WINDOW_AFTER.test(text.slice(r.timeEnd, r.timeEnd + 16))) continue;
    // "4pm Madrid time", "10h aqui de São Paulo": the place named after the time gives its zone
    const zone = zoneNamedAfter(text.slice(r.timeEnd)) ?? timeZone;
    const read = text.slice(r.timeIndex, r.timeEnd);
    let start = instant(r.date, r.time, zone, read);
    if (!r.time.isCertain("meridiem") && (r.time.get("hour") ?? 12) < 7) start = new Date(start.getTime() + 12 * 36e5);
    const delta = start.getTime() - m.date.getTime();
    if (delta < -36e5 || delta > MAX_AHEAD_MS) continue;
    out.push({
      start,
      end: r.until ? instant(r.until.isCertain("day") ? r.until : r.date, r.until, zone, read) : null,
      index,
      dated: r.dated,
      accepted: accepted(r.index, r.end),
    });
  }
  // "Podemos passar para a quarta seguinte, dia 30, mesmo horário?": a new day at the time agreed before
  for (const r of results) {
    if (r.start.isCertain("hour") || !r.start.isCertain("day")) continue;
    if (readings.some((x) => x.index <= r.index && x.end > r.index)) continue;
    if (!SAME_TIME.test(sentenceAt(text, r.index, r.text.length))) continue;
    const day = { year: r.start.get("year") ?? 0, month: r.start.get("month") ?? 0, day: r.start.get("day") ?? 0 };
    const start = fromLocal({ ...day, hour: 12, minute: 0 }, timeZone);
    if (start.getTime() < m.date.getTime() - 864e5 || start.getTime() - m.date.getTime() > MAX_AHEAD_MS) continue;
    const end = r.index + r.text.length;
    out.push({ start, end: null, index, dated: true, accepted: accepted(r.index, end), sameTimeAs: day });
  }
  return { candidates: out, mentioned };
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
 * a time was changed). Long because proposal, acceptance, reference back to an earlier date and cancellation
 * are one pass over the thread, each step reading the state the previous ones left.
 */
export function extractAgreedMeetings(
  messages: readonly TimedMessage[],
  timeZone: string,
  defaultMinutes: number,
): AgreedTimeResult {
  const all: Candidate[] = [];
  const known: CalendarDay[] = [];
  messages.forEach((m, i) => {
    const found = candidatesIn(m, i, timeZone, known);
    for (const c of found.candidates) {
      if (c.sameTimeAs) {
        const before = [...all].reverse().find((o) => !o.sameTimeAs);
        if (!before) continue;
        const at = toLocal(before.start, timeZone);
        c.start = fromLocal({ ...c.sameTimeAs, hour: at.hour, minute: at.minute }, timeZone);
      }
      all.push(c);
    }
    known.push(...found.mentioned);
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
