/**
 * Builds what a draft template sees from what is known. Pure: no database, no clock. Every value a template can
 * print is either a finished string with its fallback already applied (greeting, sign-off, time phrases) or null,
 * so a template can guard it with {{#if}} and never show an empty slot.
 */
import type { DueKind } from "../domain/engine-types.js";
import { cleanName, dayAndMonth, firstNameOf, listNames, whenPhrase } from "./wording.js";

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

interface DraftContext {
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
