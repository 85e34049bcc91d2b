/**
 * Step (a) of the engine: read one thread (with bodies) and decide whether it is an informational
 * conversation, in which direction, with whom, and what was agreed. The only step that reads bodies; the
 * result is JSON-serialisable and carries its reasons (sentences) and its evidence (numbers).
 *
 * Evidence is gathered apart from the decision (thread-evidence.ts), the decision is a fitted logistic model
 * (detection-model.ts), and this module adds what follows from it: declines, agreed times, referrals.
 */
import { normalizeAddress, organisationName } from "./addresses.js";
import { extractAgreedMeetings } from "./agreed-time.js";
import { type DetectionModel, decide } from "./detection-model.js";
import { explain } from "./detection-reasons.js";
import type { AgreedMeeting, AssessmentEvidence, Direction, ThreadAssessment, ThreadCategory } from "./engine-types.js";
import type { MailMessage } from "./mail.js";
import { type Piece, threadEvidence } from "./thread-evidence.js";
import { visibleText } from "./visible-text.js";

export interface AssessThreadOptions {
  /** User's IANA time zone (reading "Thursday at 2pm"). */
  timeZone: string;
  defaultMeetingMinutes?: number;
  /**
   * Contacts already known from other informational threads (address -> direction). A thread that continues
   * such a relationship (a progress update, a later question) is informational too.
   */
  knownContacts?: ReadonlyMap<string, Direction>;
  /** The decision weights (default: the committed, fitted ones). */
  model?: DetectionModel;
}

const REFERRAL_DIRECT =
  /\b((?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.? )?[A-ZÀ-ÖØ-Þ][\p{L}'’-]+(?: [A-ZÀ-ÖØ-Þ][\p{L}'’-]+){0,2}) (?:suggested|recommended|mentioned you|gave me your|passed (?:along|on) your|thought you)/u;
const REFERRAL_NAME =
  /\b((?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.? )?[A-ZÀ-ÖØ-Þ][\p{L}'’-]+(?: [A-ZÀ-ÖØ-Þ][\p{L}'’-]+){0,2}),? (?:[^,.]{0,80}?,? )?(?:suggested|recommended|mentioned you|gave me your|passed (?:along|on) your|thought you)/u;
const NOT_A_NAME = /^(I|We|She|He|They|You|It|Someone|Somebody|This|That|Who|Hi|Hello|Dear)$/;

/**
 * Shared by every assessment that has them (most of a mailbox's threads): a scan keeps all its assessments until
 * the output is written, and these would otherwise be tens of thousands of equal objects. Frozen: read, never edited
 * (reasons are shared only once nothing more is added to them).
 */
const FILTERED_EVIDENCE: AssessmentEvidence = Object.freeze({
  filtered: true,
  score: 0,
  probability: 0,
  contributions: Object.freeze([]) as unknown as AssessmentEvidence["contributions"],
});
const NO_MEETINGS = Object.freeze([]) as unknown as AgreedMeeting[];
/** One frozen copy of each reason list the cheap path gives (a handful of distinct ones in a whole mailbox). */
const SHARED_REASONS = new Map<string, string[]>();

function sharedReasons(reasons: readonly string[]): string[] {
  const key = reasons.join("\n");
  const hit = SHARED_REASONS.get(key);
  if (hit) return hit;
  if (SHARED_REASONS.size >= 1000) SHARED_REASONS.clear();
  const frozen = Object.freeze([...reasons]) as unknown as string[];
  SHARED_REASONS.set(key, frozen);
  return frozen;
}

function category(group: string, value: number, colleague: boolean): ThreadCategory {
  if (value <= -2) {
    if (group === "hiring") return "formal_hiring";
    if (group === "programme") return "event";
    if (group === "press") return "other";
    if (group === "recruiter" || group === "sales" || group === "bulk" || group === "event") return group;
  }
  return colleague ? "work" : "other";
}

export function assessThread(
  messages: readonly MailMessage[],
  me: readonly string[],
  options: AssessThreadOptions,
): ThreadAssessment {
  const sorted = [...messages].sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  if (sorted.length === 0) {
    return {
      informational: false,
      direction: null,
      confidence: 1,
      category: "other",
      reasons: ["empty thread"],
      contacts: [],
      contactNames: {},
      declined: false,
      doNotContact: false,
      meetingCancelled: false,
      agreedMeetings: [],
      requestMessageId: null,
    };
  }
  const evidence = threadEvidence(sorted, me, options.knownContacts ? { knownContacts: options.knownContacts } : {});
  const decision = decide(evidence, options.model);
  const primary = evidence.contacts[0] ?? null;
  const informational = decision.informational && evidence.contacts.length > 0;
  const who = (primary && evidence.contactNames[primary]) || primary || "the contact";
  const reasons = explain(evidence, { ...decision, informational }, who);
  if (decision.informational && !informational) reasons.push("No one but you takes part in it.");

  let referredBy: string | undefined;
  if (evidence.introducer) {
    referredBy =
      (evidence.contactNames[evidence.introducer] ?? nameFromHeaders(sorted, evidence.introducer)) ||
      evidence.introducer;
  } else if (evidence.request) {
    const text = sorted[evidence.request.message]?.bodyText ?? "";
    const m = REFERRAL_DIRECT.exec(text.slice(0, 3000)) ?? REFERRAL_NAME.exec(text.slice(0, 3000));
    const name = m?.[1]?.replace(/^(Hi|Hello|Hey|Dear|Hallo|Bonjour|Hola|Oi|Ciao)\s+/, "");
    if (name && !NOT_A_NAME.test(name)) referredBy = name;
  }

  const declined = informational && evidence.declined;
  if (declined) reasons.push(`${who} declined the request.`);
  if (evidence.doNotContact) reasons.push(`${who} asked not to be contacted.`);
  const agreed = informational
    ? extractAgreedMeetings(
        sorted.slice(evidence.requestIndex).map((m) => ({
          messageId: m.messageId,
          date: m.date,
          sentByUser:
            m.sentByUser || (m.from !== null && me.map(normalizeAddress).includes(normalizeAddress(m.from.address))),
          text: visibleText(m.bodyText ?? ""),
        })),
        options.timeZone,
        options.defaultMeetingMinutes ?? 30,
      )
    : { meetings: [], cancelled: false };
  for (const a of agreed.meetings) reasons.push(`A time was agreed by email: ${a.start}.`);
  if (agreed.cancelled) reasons.push("An agreed time was called off.");

  const result: ThreadAssessment = {
    informational,
    direction: informational ? evidence.direction : null,
    confidence: evidence.quick
      ? 0.95
      : Number((informational ? decision.probability : 1 - decision.probability).toFixed(3)),
    category: informational
      ? "informational"
      : category(evidence.strongestNegative.group, evidence.strongestNegative.value, evidence.features.colleague > 0),
    reasons: evidence.quick ? sharedReasons(reasons) : reasons,
    contacts: evidence.contacts,
    contactNames: evidence.contactNames,
    declined,
    doNotContact: evidence.doNotContact,
    meetingCancelled: agreed.cancelled,
    agreedMeetings: agreed.meetings.length > 0 ? agreed.meetings : NO_MEETINGS,
    requestMessageId: evidence.requestMessageId,
    evidence: evidence.quick
      ? FILTERED_EVIDENCE
      : {
          score: Number(decision.score.toFixed(3)),
          probability: Number(decision.probability.toFixed(3)),
          contributions: decision.contributions,
        },
  };
  if (referredBy && informational) result.referredBy = referredBy;
  if (informational) {
    const helped = evidence.direction === "seeker" ? "user" : "contact";
    const thanks = evidence.pieces.find(
      (p) => !p.quoted && p.role === helped && p.totals.after > 0 && !thanksInAdvance(p, evidence.request),
    );
    const when = thanks ? sorted[thanks.message]?.date : null;
    if (when) result.heldBefore = when.toISOString();
  }
  const org = primary ? organisationName(primary) : undefined;
  if (org) result.organisation = org;
  return result;
}

/** Thanks for someone's time with no sign of a conversation held: "Thank you for your time and consideration". */
const FOR_THEIR_TIME = /\b(time|consideration|zeit|temps|tiempo|tempo|czas|tid|waktu|waktunya|masa)$/;
const HELD_WORDS =
  /\b(lunch|coffee|breakfast|dinner|drinks?|today|yesterday|earlier|tonight|morning|afternoon|evening|night|week|other day|chat|call|conversation|meeting|talk|catch[- ]up|advice|insights?|perspective|candou?r|tips?|suggestions?)\b/;

/**
 * The thanks closes the message that asks for the conversation ("Would you have 20 minutes? Thank you for your
 * time and consideration."): thanks in advance, not for a conversation that took place. Thanks in the asking
 * message that names a conversation ("thanks for the coffee yesterday — could you also introduce me…") still
 * counts, as does any thanks in a later message.
 */
function thanksInAdvance(p: Piece, request: Piece | null): boolean {
  if (!request || request.quoted || p.message !== request.message) return false;
  const thanks = p.hits.filter((h) => h.group === "after");
  return thanks.every((h) => FOR_THEIR_TIME.test(h.match.trim()) && !HELD_WORDS.test(h.match));
}

function nameFromHeaders(messages: readonly MailMessage[], address: string): string {
  for (const m of messages)
    if (m.from && normalizeAddress(m.from.address) === address && m.from.name) return m.from.name;
  return "";
}

/** Contacts of informational threads, for the second pass (continuations of a known relationship). */
export function informationalContacts(assessments: Iterable<ThreadAssessment>): Map<string, Direction> {
  const out = new Map<string, Direction>();
  for (const a of assessments) {
    if (!a.informational || !a.direction) continue;
    const c = a.contacts[0];
    if (c && !out.has(c)) out.set(c, a.direction);
  }
  return out;
}
