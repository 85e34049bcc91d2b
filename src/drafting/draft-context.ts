/**
 * Builds what a draft template sees from what is known. Pure: no database, no clock. Every value a template can
 * print is either a finished string with its fallback already applied (greeting, sign-off, time phrases) or null,
 * so a template can guard it with {{#if}} and never show an empty slot.
 */
import type { DueKind } from "../domain/engine-types.js";
import { localDayDifference, toLocal } from "../domain/time-zone.js";

export interface DraftFacts {
  kind: DueKind;
  now: Date;
  /** The account's IANA zone: "today", "on Thursday" are judged there. */
  timeZone: string;
  me: { displayName: string; signature: string; resumeUrl: string | null };
  contact: { address: string; name: string | null; organisation: string | null };
  /** Subject of the thread the draft answers (null: a new thread). */
  subject: string | null;
  /** Name of the person who suggested the user reach out to this contact. */
  referredBy: string | null;
  /** Names of people this contact introduced the user to. */
  introductions: string[];
  /** End of the meeting a thank-you follows. */
  meetingEnd: Date | null;
  /** When the user's unanswered outreach went out (nudge). */
  outreachAt: Date | null;
  /** Last message exchanged in the thread (check-in). */
  lastMessageAt: Date | null;
}

export interface DraftContext {
  kind: DueKind;
  /** "Hi Maria," or "Hello," */
  greeting: string;
  /** Closing line plus the signature (or the user's first name). */
  signoff: string;
  me: { name: string | null; firstName: string | null; signature: string | null; resumeUrl: string | null };
  contact: { name: string | null; firstName: string | null; organisation: string | null; address: string };
  conversation: {
    subject: string | null;
    referredBy: string | null;
    /** "Priya Shah" or "Priya Shah and Tom Lee". */
    introductions: string | null;
  };
  /** "today", "yesterday", "on Thursday", "on 3 March", or "recently". */
  meeting: { phrase: string; date: string | null };
  outreach: { phrase: string };
  lastContact: { phrase: string };
}

const HONORIFICS = new Set(["mr", "mrs", "ms", "mx", "dr", "prof", "sir", "dame"]);
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
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A display name that is worth printing (not empty, not an address, not a role mailbox). */
export function cleanName(name: string | null | undefined): string | null {
  const trimmed = (name ?? "").replace(/["']/g, "").replace(/\s+/g, " ").trim();
  if (trimmed === "" || trimmed.includes("@") || !/\p{L}/u.test(trimmed)) return null;
  // "Lopez, Maria" → "Maria Lopez"
  const comma = /^([^,]+),\s*([^,]+)$/.exec(trimmed);
  return comma ? `${comma[2]} ${comma[1]}` : trimmed;
}

/** The first name to greet someone by, or null when the name does not tell. */
export function firstNameOf(name: string | null | undefined): string | null {
  const full = cleanName(name);
  if (!full) return null;
  const words = full.split(" ").filter((w) => !HONORIFICS.has(w.replace(/\.$/, "").toLowerCase()));
  const first = words[0];
  if (!first || first.length < 2 || !/^\p{L}/u.test(first)) return null;
  // Shouting display names ("MARIA LOPEZ") read badly in a greeting.
  return first === first.toUpperCase() ? first.charAt(0) + first.slice(1).toLowerCase() : first;
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string | null {
  const clean = [...new Set(names.map(cleanName).filter((n): n is string => n !== null))];
  if (clean.length === 0) return null;
  if (clean.length === 1) return clean[0] as string;
  return `${clean.slice(0, -1).join(", ")} and ${clean[clean.length - 1]}`;
}

/** A local date as people say it: "3 March" (or "3 March 2025" when not this year). */
export function dayAndMonth(date: Date, now: Date, timeZone: string): string {
  const l = toLocal(date, timeZone);
  const year = l.year === toLocal(now, timeZone).year ? "" : ` ${l.year}`;
  return `${l.day} ${MONTHS[l.month - 1]}${year}`;
}

/** When something happened, relative to now, as a phrase that fits after a verb ("we spoke on Thursday"). */
export function whenPhrase(date: Date | null, now: Date, timeZone: string, fallback: string): string {
  if (!date) return fallback;
  const days = localDayDifference(date, now, timeZone);
  if (days < 0) return fallback;
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 7) return `on ${WEEKDAYS[toLocal(date, timeZone).weekday]}`;
  if (days < 14) return "last week";
  return `on ${dayAndMonth(date, now, timeZone)}`;
}

export function buildDraftContext(facts: DraftFacts): DraftContext {
  const myName = cleanName(facts.me.displayName);
  const myFirst = firstNameOf(facts.me.displayName);
  const signature = facts.me.signature.trim() === "" ? null : facts.me.signature.replace(/\s+$/g, "");
  const contactFirst = firstNameOf(facts.contact.name);
  const resumeUrl = facts.me.resumeUrl?.trim() ? facts.me.resumeUrl.trim() : null;
  return {
    kind: facts.kind,
    greeting: contactFirst ? `Hi ${contactFirst},` : "Hello,",
    signoff: ["Best,", signature ?? myFirst].filter((line) => line).join("\n"),
    me: { name: myName, firstName: myFirst, signature, resumeUrl },
    contact: {
      name: cleanName(facts.contact.name),
      firstName: contactFirst,
      organisation: facts.contact.organisation?.trim() || null,
      address: facts.contact.address,
    },
    conversation: {
      subject: facts.subject?.trim() || null,
      referredBy: cleanName(facts.referredBy),
      introductions: listNames(facts.introductions),
    },
    meeting: {
      phrase: whenPhrase(facts.meetingEnd, facts.now, facts.timeZone, "recently"),
      date: facts.meetingEnd ? dayAndMonth(facts.meetingEnd, facts.now, facts.timeZone) : null,
    },
    outreach: { phrase: whenPhrase(facts.outreachAt, facts.now, facts.timeZone, "a little while ago") },
    lastContact: { phrase: whenPhrase(facts.lastMessageAt, facts.now, facts.timeZone, "a while ago") },
  };
}
