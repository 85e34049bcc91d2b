/**
 * Builds what a draft template sees from what is known. Pure: no database, no clock. Every value a template can
 * print is either a finished string with its fallback already applied (greeting, sign-off, time phrases) or null,
 * so a template can guard it with {{#if}} and never show an empty slot. The wording variant (v1, v2, v3) is chosen
 * from the contact's address, so one person always gets the same one and different people mostly get different
 * ones.
 */
import type { DueKind } from "../domain/engine-types.js";
import type { DraftLanguage } from "../domain/fact-language.js";
import type { Ask, Duration, Medium } from "../domain/fact-phrases.js";
import { ofPhrase, whenPhrase } from "./dates.js";
import { askedMedia, CLOSINGS, GREETINGS, MEDIA, moreConversations } from "./draft-words.js";
import { monthPhrase } from "./month-phrase.js";
import { cleanName, familyNameOf, firstNameOf, greetingName, listNames, plainName, titleOf } from "./wording.js";

export interface DraftFacts {
  kind: DueKind;
  now: Date;
  /** The account's IANA zone: "today", "on Thursday" are judged there. */
  timeZone: string;
  language: DraftLanguage;
  /** Formal register (Sie, vous, usted; "Dear Dr. …"). */
  formal: boolean;
  /** Portuguese second person ("tu"). */
  tu: boolean;
  me: {
    /** The user's name as drafts sign it (settings, provider profile or sent mail). */
    name: string;
    signature: string;
    resumeUrl: string | null;
    /** How the user closes and signs their own mail to this person, as written ("Herzliche Grüsse", "Tessa"). */
    closing: string | null;
    signedAs: string | null;
  };
  contact: {
    address: string;
    name: string | null;
    organisation: string | null;
    /** The user's own greeting line to this person, as written ("Sehr geehrte Frau Dr. Maaß"). */
    greeting: string | null;
    /** The short name the contact signs with ("Gwen"). */
    signedName: string | null;
  };
  /** Subject of the thread the draft answers (null: a new thread). */
  subject: string | null;
  /** Name of the person who suggested the user reach out to this contact. */
  referredBy: string | null;
  /** People this contact introduced the user to, and whether the conversation happened. */
  introductions: { name: string; state: "met" | "scheduled" | "contacted" | "none" }[];
  ask: Ask | null;
  field: string | null;
  duration: Duration | null;
  askMedia: Medium[];
  heldMedium: Medium | null;
  /** End of the meeting a thank-you follows. */
  meetingEnd: Date | null;
  /** When the user's unanswered outreach went out (nudge). */
  outreachAt: Date | null;
  /** Last message exchanged with the contact (check-in). */
  lastMessageAt: Date | null;
  /** What happened since the last contact (check-in). */
  update: { conversations: number; newRole: string | null };
}

type Variant = 1 | 2 | 3;

/** FNV-1a over the address and kind: stable across runs and machines. */
export function variantFor(address: string, kind: DueKind): Variant {
  let hash = 0x811c9dc5;
  for (const ch of `${address.toLowerCase()}|${kind}`) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // mix the bits (murmur3's finaliser) so addresses that differ by one letter spread over all variants
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash = (hash ^ (hash >>> 16)) >>> 0;
  return ((hash % 3) + 1) as Variant;
}

function greetingOf(facts: DraftFacts): string {
  const words = GREETINGS[facts.language];
  if (facts.contact.greeting) return facts.contact.greeting;
  const full = plainName(facts.contact.name);
  if (facts.formal && full) return words.formal(full, titleOf(facts.contact.name), familyNameOf(facts.contact.name));
  const given = facts.contact.signedName ?? greetingName(facts.contact.name);
  return given ? words.familiar(given) : words.none;
}

function signoffOf(facts: DraftFacts, variant: Variant): string {
  const closings = CLOSINGS[facts.language][facts.formal ? "formal" : "familiar"];
  // Japanese templates write their own closing line; a closing read from the user's mail would repeat it
  const closing = (facts.language === "ja" ? null : facts.me.closing) ?? closings[variant - 1] ?? "";
  const full = cleanName(facts.me.name);
  const name = facts.me.signedAs ?? (facts.formal ? full : (firstNameOf(full) ?? full));
  const signature = facts.me.signature.replace(/\s+$/g, "").replace(/^(\s*\n)+/, "");
  const firstLine = signature.split("\n")[0]?.trim().toLowerCase() ?? "";
  // a signature that starts with the name signs the draft by itself; otherwise it follows the name, Gmail-style
  if (signature && (!name || firstLine === name.toLowerCase())) return closing ? `${closing}\n${signature}` : signature;
  return [closing, name, signature ? `\n-- \n${signature}` : ""].filter(Boolean).join("\n");
}

function introductionsIn(facts: DraftFacts, state: DraftFacts["introductions"][number]["state"]): string | null {
  return listNames(
    facts.introductions.filter((i) => i.state === state).map((i) => i.name),
    facts.language,
  );
}

function meetingOf(when: string | null, language: DraftLanguage): string | null {
  return when ? ofPhrase(when, language) : null;
}

/** How the user names themselves in a Japanese opening ("森下です"): the family name of a CJK name, else the first. */
function selfName(name: string | null): string | null {
  if (!name) return null;
  if (/[\u3040-\u30ff\u3400-\u9fff]/.test(name)) return name.split(" ")[0] ?? name;
  return firstNameOf(name) ?? name;
}

function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

export function buildDraftContext(facts: DraftFacts) {
  const variant = variantFor(facts.contact.address, facts.kind);
  const language = facts.language;
  const when = (date: Date | null): string | null => whenPhrase(date, facts.now, facts.timeZone, "", language) || null;
  const met = introductionsIn(facts, "met");
  const scheduled = introductionsIn(facts, "scheduled");
  const contacted = introductionsIn(facts, "contacted");
  const conversations = facts.update.conversations > 0 ? moreConversations(facts.update.conversations, language) : null;
  const newRole = facts.update.newRole?.trim() || null;
  return {
    kind: facts.kind,
    language,
    greeting: greetingOf(facts),
    signoff: signoffOf(facts, variant),
    formal: facts.formal,
    tu: facts.tu,
    v1: variant === 1,
    v2: variant === 2,
    v3: variant === 3,
    me: {
      name: cleanName(facts.me.name),
      shortName: selfName(cleanName(facts.me.name)),
      resumeUrl: facts.me.resumeUrl?.trim() || null,
    },
    contact: {
      name: cleanName(facts.contact.name),
      firstName: greetingName(facts.contact.name),
      organisation: facts.contact.organisation?.trim() || null,
    },
    conversation: {
      subject: facts.subject?.trim() || null,
      referredBy: cleanName(facts.referredBy),
      /** The introducer's given name, as a reply to their introduction thanks them. */
      referrerFirstName: greetingName(facts.referredBy),
      introductions: listNames(
        facts.introductions.map((i) => i.name),
        language,
      ),
    },
    ask: {
      clause: facts.ask?.kind === "clause" ? facts.ask.text : null,
      topic: facts.ask?.kind === "topic" ? facts.ask.text : null,
      any: facts.ask !== null,
    },
    field: facts.field?.trim() || null,
    duration: facts.duration ? lowerFirst(facts.duration.text) : null,
    media: {
      asked: askedMedia(facts.askMedia, language),
      held: MEDIA[language].held[facts.heldMedium ?? "none"],
    },
    meeting: { when: when(facts.meetingEnd), of: meetingOf(when(facts.meetingEnd), language) },
    outreach: { when: when(facts.outreachAt), of: meetingOf(when(facts.outreachAt), language) },
    lastContact: {
      when: when(facts.lastMessageAt),
      of: meetingOf(when(facts.lastMessageAt), language),
      /** "in November", "a few weeks ago": how a check-in months later names the last exchange. */
      month: monthPhrase(facts.lastMessageAt, facts.now, facts.timeZone, language),
    },
    update: {
      role: newRole,
      met,
      scheduled,
      contacted,
      conversations,
      any: Boolean(newRole || met || scheduled || contacted || conversations),
    },
  };
}

export type DraftContext = ReturnType<typeof buildDraftContext>;
