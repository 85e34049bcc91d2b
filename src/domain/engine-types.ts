/**
 * Shapes of the detection engine. Everything here is JSON-serialisable (dates as ISO strings) so the live
 * worker can store assessments in JSON columns and feed them back into `evaluateMailbox` without bodies.
 */
import type { CalendarEvent, EventStatus } from "./mail.js";

export type Direction = "seeker" | "host";

/** What a thread is, when it is not an informational conversation (helps reasons and meeting matching). */
export type ThreadCategory =
  | "informational"
  | "bulk"
  | "formal_hiring"
  | "recruiter"
  | "sales"
  | "work"
  | "event"
  | "other";

export interface AgreedMeeting {
  /** ISO 8601 instant. */
  start: string;
  end: string;
  /** Message that fixed the time. */
  messageId: string | null;
}

/** Result of step (a): the only step that reads message bodies. */
export interface ThreadAssessment {
  informational: boolean;
  direction: Direction | null;
  /** 0..1 */
  confidence: number;
  category: ThreadCategory;
  reasons: string[];
  /** Counterpart addresses, lower-cased, primary contact first. */
  contacts: string[];
  contactNames: Record<string, string>;
  declined: boolean;
  doNotContact: boolean;
  /** A time agreed in the thread was called off later and no new time was agreed. */
  meetingCancelled: boolean;
  agreedMeetings: AgreedMeeting[];
  /** The message that asked for the conversation (the user's outreach for a seeker thread). */
  requestMessageId: string | null;
  /**
   * ISO instant of a message in which the one who was helped thanks the other for a conversation ("thanks for
   * the call yesterday"): the conversation happened before it, even when no calendar event or agreed time
   * says when.
   */
  heldBefore?: string;
  referredBy?: string;
  organisation?: string;
  /** The numbers behind the decision (absent on assessments stored before the fitted model). */
  evidence?: AssessmentEvidence;
}

export interface AssessmentEvidence {
  /** True when the cheap filter decided (nothing asks for, offers or thanks for a conversation): no model score. */
  filtered?: boolean;
  /** Log-odds of the fitted model. */
  score: number;
  probability: number;
  contributions: { feature: string; value: number; weight: number; contribution: number }[];
}

/** Message metadata kept by the worker (no body). */
export interface ThreadMessageMeta {
  messageId: string | null;
  from: string | null;
  to: string[];
  cc: string[];
  /** ISO 8601 or Date. */
  date: string | Date | null;
  sentByUser: boolean;
  /** Automatic reply (out-of-office, auto-submitted): does not count as a reply. */
  autoReply?: boolean;
}

export interface ThreadInput {
  threadId: string;
  subject: string;
  messages: ThreadMessageMeta[];
  assessment: ThreadAssessment;
}

export interface MeetingAssessment {
  informational: boolean;
  direction: Direction | null;
  confidence: number;
  reasons: string[];
  /** Counterparts (not the user), lower-cased. */
  contacts: string[];
  /** Threads about the same relationship. */
  threadIds: string[];
  /** True when the user declined the invitation. */
  userDeclined: boolean;
  /** Counterparts who declined the invitation (for them the meeting did not happen). */
  declinedBy?: string[];
}

export interface MeetingOccurrence {
  start: Date;
  end: Date;
  status: EventStatus;
}

export interface MeetingInput {
  /** Representative occurrence (for a series: the next one, else the latest). */
  event: CalendarEvent;
  /** All occurrences of a recurring series within the window (absent for single events). */
  occurrences?: MeetingOccurrence[];
  recurring?: boolean;
  assessment: MeetingAssessment;
}

export interface CadenceRules {
  nudgeAfterBusinessDays: number;
  maxNudges: number;
  thankYouWindowDays: number;
  checkInAfterDays: number;
  /** Local dates that are not business days, "YYYY-MM-DD". */
  holidays: string[];
  /** Non-business weekdays, 0 = Sunday. */
  weekend: number[];
  /** Length assumed for a meeting agreed by email when no end is known. */
  defaultMeetingMinutes: number;
}

export const DEFAULT_CADENCE_RULES: Readonly<CadenceRules> = Object.freeze({
  nudgeAfterBusinessDays: 7,
  maxNudges: 1,
  thankYouWindowDays: 7,
  checkInAfterDays: 42,
  holidays: [],
  weekend: [0, 6],
  defaultMeetingMinutes: 30,
});

export interface ClassificationOverride {
  /** Root Message-ID of the thread. */
  threadKey: string;
  informational: boolean;
  direction: Direction | null;
  createdAt?: string;
}

/**
 * Lifecycle stages of a thread:
 * - `not_informational`: not an informational conversation (nothing tracked)
 * - `outreach_sent`: the seeker asked, no reply yet, no follow-up sent
 * - `nudged`: the seeker followed up, still no reply
 * - `scheduling`: the contact replied, no time fixed yet
 * - `meeting_scheduled`: a meeting (calendar or agreed by email) is in the future
 * - `met`: the meeting took place, no thank-you sent yet
 * - `thanked`: the seeker wrote after the meeting
 * - `in_touch`: messages continued after the thank-you
 * - `declined`: the contact said no (or asked not to be contacted)
 * - `cancelled`: the meeting was called off and no new time exists
 * - `hosting`: the user is the one asked (host direction): recorded, never followed up
 */
export type LifecycleStage =
  | "not_informational"
  | "outreach_sent"
  | "nudged"
  | "scheduling"
  | "meeting_scheduled"
  | "met"
  | "thanked"
  | "in_touch"
  | "declined"
  | "cancelled"
  | "hosting";

/**
 * intro_reply: the thank-and-Bcc reply-all to a cc-introduction; referral_outreach: a first message to someone a
 * contact named without copying them in (jobs/referral-drafts.ts decides when these are due).
 */
export type DueKind = "thank_you" | "nudge" | "check_in" | "intro_reply" | "referral_outreach";

export interface DueDraft {
  kind: DueKind;
  to: string;
  inReplyTo: string | null;
  threadId: string | null;
  subject: string;
  /** ISO 8601 instant since which the draft is due. */
  dueSince: string;
  reason: string;
  /** The referral a referral draft follows through (intro_reply, referral_outreach). */
  referralId?: number;
}

export interface ThreadResult {
  threadId: string;
  subject: string;
  informational: boolean;
  direction: Direction | null;
  stage: LifecycleStage;
  contacts: string[];
  confidence: number;
  reasons: string[];
  evidence?: AssessmentEvidence;
  referredBy?: string;
  organisation?: string;
  lastMessageAt: string | null;
}

export interface MeetingResult {
  uid: string;
  summary: string;
  informational: boolean;
  direction: Direction | null;
  contacts: string[];
  start: string;
  end: string;
  status: EventStatus;
  reasons: string[];
}

export interface MailboxEvaluation {
  threads: ThreadResult[];
  meetings: MeetingResult[];
  due: DueDraft[];
  /** ISO time after which the same inputs would evaluate differently (domain/next-change.ts); null: never. */
  nextChangeAt: string | null;
}

/** Weights of the thread detector (fitted by training/, committed in detection-weights.ts). */
export interface DetectionModel {
  bias: number;
  weights: Record<string, number>;
  /** Probability at which a thread is called informational. */
  threshold: number;
  /** Where the weights came from (scenarios, regularisation), for humans. */
  trainedOn?: string;
}
