/**
 * What a reader checks in a draft, written apart from the code that writes drafts: signed with the user's name,
 * organisations only as the thread writes them, the thread's language, durations as asked, relative dates that are
 * true, something specific from the thread. Each check returns the problems it found (empty: the draft passes).
 */

import type { SeedMailbox, SeedMessage } from "../../sandbox/seed.js";
import { detectLanguage } from "../../src/domain/fact-language.js";
import { words as unicodeWords } from "../../src/domain/word-boundary.js";

export interface ThreadText {
  /** Subjects and bodies of the thread's messages. */
  all: string;
  /** The bodies the user wrote. */
  user: string;
  /** Local dates (YYYY-MM-DD in the account's zone) of the thread's messages and the contact's meetings. */
  dates: Date[];
}

/** The messages of the thread a draft answers: those linked by Message-ID to the draft's root, and the contact's. */
export function threadOf(seed: SeedMailbox, root: string, contact: string): SeedMessage[] {
  const ids = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of seed.messages) {
      if (ids.has(m.messageId)) continue;
      if ([m.inReplyTo, ...m.references].some((r) => r && ids.has(r))) {
        ids.add(m.messageId);
        grew = true;
      }
    }
  }
  return seed.messages.filter(
    (m) =>
      ids.has(m.messageId) ||
      m.from.address === contact ||
      [...m.to, ...m.cc].some((a) => a.address === contact && m.folder === "sent"),
  );
}

export function threadText(seed: SeedMailbox, messages: readonly SeedMessage[], contact: string): ThreadText {
  const meetings = seed.events.filter((e) => e.attendees.some((a) => a.address === contact)).map((e) => e.end);
  return {
    all: messages.map((m) => `${m.subject}\n${m.from.name}\n${m.text}`).join("\n\n"),
    user: messages
      .filter((m) => m.folder === "sent")
      .map((m) => `${m.subject}\n${m.text}`)
      .join("\n\n"),
    dates: [...messages.map((m) => m.date), ...meetings],
  };
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss");

/** The draft's own words: without the greeting line and from the sign-off on. */
export function body(text: string): string {
  const lines = text.split("\n");
  const end = lines.findIndex(
    (l, i) =>
      i > 2 &&
      /^(best|all the best|warmly|kind regards|best regards|with thanks|freundliche|beste grüße|mit freundlichen|viele grüße|liebe grüße|herzliche|bien cordialement|bien à vous|cordialement|à bientôt|belle journée|amitiés|un cordial saludo|saludos|atentamente|un saludo|un abrazo|com os melhores|atenciosamente|abraço|um abraço|até breve|(?:今後とも|引き続き|何卒)?(?:どうぞ)?よろしくお願い)/i.test(
        l.trim(),
      ),
  );
  return lines
    .slice(1, end > 0 ? end : lines.length)
    .join("\n")
    .trim();
}

export function signedWithName(text: string, userNames: readonly string[]): string[] {
  const tail = fold(text.split("\n").slice(-8).join("\n"));
  const tokens = userNames.flatMap((n) => fold(n).split(/[^\p{L}]+/u)).filter((t) => t.length >= 2);
  return tokens.some((t) => tail.includes(t)) ? [] : [`not signed with the user's name (${userNames.join(" / ")})`];
}

export function organisationsAsWritten(text: string, organisations: readonly string[], thread: ThreadText): string[] {
  return organisations
    .filter((o) => text.includes(o) && !thread.all.includes(o))
    .map((o) => `names "${o}", which the thread never writes`);
}

/** A domain-made name ("Sunrise-energy") must not appear unless the thread writes it so. */
export function noDomainGuess(text: string, address: string, thread: ThreadText): string[] {
  const label = (address.split("@")[1] ?? "").split(".")[0] ?? "";
  if (label.length < 3) return [];
  const guess = label.charAt(0).toUpperCase() + label.slice(1);
  return text.includes(guess) && !thread.all.includes(guess) ? [`names "${guess}", made up from the domain`] : [];
}

export function inLanguage(text: string, expected: string | null): string[] {
  if (!expected || !["de", "fr", "es", "pt", "ja", "zh", "ko"].includes(expected)) return [];
  const got = detectLanguage(body(text));
  return got === expected ? [] : [`written in ${got ?? "?"}, the thread is in ${expected}`];
}

const DURATION = unicodeWords(
  /\b(\d{1,2}(?:\s*(?:-|–|à|a|bis|to|ou|or|o|y|e)\s*\d{1,2})?)[\s-]*(?:min(?:ute)?s?|minuten|minutos|minutinhos)\b|\b(half an hour|halbe stunde|demi-heure|media hora|meia hor\w*|vingtaine de minutes|quinzaine de minutes|viertelstunde|quart d'heure)\b/gi,
);

/** Every length the draft names was asked for in the user's own words. */
export function durationsAsAsked(text: string, thread: ThreadText): string[] {
  const asked = fold(thread.user);
  const problems: string[] = [];
  for (const m of body(text).matchAll(DURATION)) {
    const phrase = fold(m[2] ?? m[1] ?? "");
    const numbers = (m[1] ?? "").match(/\d+/g) ?? [];
    const ok = m[2] ? asked.includes(phrase) : numbers.every((n) => new RegExp(`\\b${n}\\b`).test(asked));
    if (!ok) problems.push(`names "${m[0]}", which the user never asked for`);
  }
  return problems;
}

function localParts(date: Date, timeZone: string): { y: number; m: number; d: number; wd: number } {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    weekday: "short",
  }).formatToParts(date);
  const get = (t: string) => f.find((p) => p.type === t)?.value ?? "";
  const wd = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(get("weekday"));
  return { y: Number(get("year")), m: Number(get("month")), d: Number(get("day")), wd };
}

function dayNumber(date: Date, timeZone: string): number {
  const p = localParts(date, timeZone);
  return Date.UTC(p.y, p.m - 1, p.d) / 86_400_000;
}

const YESTERDAY = unicodeWords(/\b(yesterday|gestern|hier|ayer|ontem)\b/i);
const LAST_WEEK = unicodeWords(/\b(last week|letzte woche|la semaine dernière|la semana pasada|na semana passada)\b/i);

/** "yesterday" and "last week" are said only when a date of the thread makes them true. */
export function relativeDatesTrue(text: string, thread: ThreadText, now: Date, timeZone: string): string[] {
  const today = dayNumber(now, timeZone);
  const days = thread.dates.map((d) => today - dayNumber(d, timeZone));
  const problems: string[] = [];
  const b = body(text);
  if (YESTERDAY.test(b) && !days.includes(1)) problems.push("says yesterday, but nothing happened yesterday");
  if (LAST_WEEK.test(b)) {
    const intoWeek = (localParts(now, timeZone).wd + 6) % 7;
    if (!days.some((n) => n > intoWeek && n <= intoWeek + 7)) problems.push("says last week, but nothing was");
  }
  return problems;
}

const STOP = new Set(
  "the and you your for with that this what how have about would from into just some been will more time thank thanks i'd i'm our was were very much also".split(
    " ",
  ),
);

/** How CJK mail names the way it met, not what it was about. */
const CJK_GENERIC = new Set(["オンライン", "ミーティング", "メール", "カフェ", "ズーム"]);

/**
 * Japanese and Chinese write no spaces, so neither test below can see their words: there, something specific is a
 * run of four or more kanji or katakana the thread writes ("設計出身", "プロダクトマネジメント"), or a Latin name or
 * acronym set in the CJK text ("PdM"), other than the people's names and the words for how they met.
 */
function cjkSpecific(draft: string, thread: ThreadText, own: ReadonlySet<string>): boolean {
  if (!/[\u3040-\u30ff\u4e00-\u9fff]/.test(draft)) return false;
  const ownText = [...own].join(" ");
  for (const m of draft.matchAll(/[\p{Script=Han}\p{Script=Katakana}ー]{4,}/gu)) {
    if (!CJK_GENERIC.has(m[0]) && !ownText.includes(m[0]) && thread.all.includes(m[0])) return true;
  }
  for (const m of draft.matchAll(/(?<![\p{L}])\p{Lu}[\p{L}]{1,}(?![\p{L}])/gu)) {
    if (/^[\p{Script=Latin}]+$/u.test(m[0]) && !own.has(fold(m[0])) && thread.all.includes(m[0])) return true;
  }
  return false;
}

/**
 * Something specific from the thread: three words in a row it shares with the thread (one of them a real word), or a
 * name the thread writes (an organisation, a referrer) other than the people the draft is between.
 */
export function namesSomethingSpecific(text: string, thread: ThreadText, people: readonly string[] = []): boolean {
  const own = new Set(people.flatMap((p) => fold(p).split(/[^\p{L}]+/u)).filter(Boolean));
  for (const m of body(text).matchAll(/(?<=\s)\p{Lu}[\p{L}'’-]{2,}(?:\s\p{Lu}[\p{L}'’-]+)*/gu)) {
    const name = m[0];
    if (
      fold(name)
        .split(/\s+/)
        .every((w) => own.has(w))
    )
      continue;
    if (new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}([^\\p{L}]|$)`, "u").test(thread.all)) {
      return true;
    }
  }
  if (cjkSpecific(body(text), thread, own)) return true;
  const words = (s: string) =>
    fold(s)
      .split(/[^\p{L}\p{N}']+/u)
      .filter(Boolean);
  const source = new Set<string>();
  const t = words(thread.all);
  for (let i = 0; i + 2 < t.length; i++) source.add(`${t[i]} ${t[i + 1]} ${t[i + 2]}`);
  const d = words(body(text));
  for (let i = 0; i + 2 < d.length; i++) {
    const gram = [d[i], d[i + 1], d[i + 2]] as string[];
    if (!source.has(gram.join(" "))) continue;
    if (gram.some((w) => w.length >= 4 && !STOP.has(w))) return true;
  }
  return false;
}
