/**
 * The pipeline as people read it: each contact's stage, and what Rapport will do next and when. The stages come
 * from the last evaluation (stored on contacts); the next step is derived here from the stage and the account's
 * cadence rules, for display only — the worker's due rules (domain/evaluate-mailbox) stay the authority.
 */
import type { Kysely } from "kysely";
import {
  addBusinessDays,
  type CadenceRules,
  DEFAULT_CADENCE_RULES,
  type EventAttendee,
  type LifecycleStage,
  type PersonControls,
  rulesFor,
  snoozeEnd,
} from "../domain/index.js";
import type { Database, DraftKind, TouchKind } from "./schema.js";

export const STAGES: readonly LifecycleStage[] = [
  "outreach_sent",
  "nudged",
  "scheduling",
  "meeting_scheduled",
  "met",
  "thanked",
  "in_touch",
  "declined",
  "cancelled",
  "hosting",
  "not_informational",
];

export const STAGE_LABELS: Record<LifecycleStage, string> = {
  outreach_sent: "Outreach sent",
  nudged: "Nudged",
  scheduling: "Scheduling",
  meeting_scheduled: "Meeting scheduled",
  met: "Met",
  thanked: "Thanked",
  in_touch: "In touch",
  declined: "Declined",
  cancelled: "Cancelled",
  hosting: "Hosting",
  not_informational: "Not informational",
};

interface NextAction {
  what: string;
  /** When it becomes due (null: now, or nothing planned). */
  at: Date | null;
}

export interface PipelineEntry {
  accountId: number;
  accountAddress: string;
  contactId: number;
  name: string;
  address: string;
  /** As mail wrote it, else as the person wrote it on LinkedIn (imported). */
  organisation: string | null;
  /** As the person wrote it on LinkedIn (imported). */
  position: string | null;
  stage: LifecycleStage | null;
  lastMessageAt: Date | null;
  doNotContact: boolean;
  /** The user's per-person controls (null: not set). */
  snoozedUntil: string | null;
  checkInAfterDays: number | null;
  nudgeAfterBusinessDays: number | null;
  /** The latest conversation the user logged by hand. */
  lastTouch: { at: Date; kind: TouchKind } | null;
  referredBy: string | null;
  next: NextAction;
}

interface PipelineFilter {
  stage?: string;
  accountId?: number;
}

/** The contacts the pipeline shows, with their account, referrer and imported LinkedIn profile. */
function pipelineContacts(db: Kysely<Database>, filter: PipelineFilter) {
  let query = db
    .selectFrom("contacts as c")
    .innerJoin("accounts as a", "a.id", "c.account_id")
    .leftJoin("contacts as r", (j) =>
      j.onRef("r.account_id", "=", "c.account_id").onRef("r.id", "=", "c.referred_by_contact_id"),
    )
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select([
      "l.organisation as imported_organisation",
      "l.position",
      "c.account_id",
      "a.address as account_address",
      "a.time_zone",
      "a.cadence",
      "c.id",
      "c.name",
      "c.address",
      "c.organisation",
      "c.stage",
      "c.last_message_at",
      "c.do_not_contact",
      "c.snoozed_until",
      "c.check_in_after_days",
      "c.nudge_after_business_days",
      "r.name as referrer_name",
      "r.address as referrer_address",
    ])
    .where("c.stage", "is not", null)
    .where("c.stage", "!=", "not_informational")
    .orderBy("c.account_id")
    .orderBy("c.last_message_at", "desc")
    .orderBy("c.id");
  if (filter.stage) query = query.where("c.stage", "=", filter.stage);
  if (filter.accountId !== undefined) query = query.where("c.account_id", "=", filter.accountId);
  return query.execute();
}

export async function loadPipeline(
  db: Kysely<Database>,
  now: Date,
  filter: PipelineFilter = {},
): Promise<PipelineEntry[]> {
  const contacts = await pipelineContacts(db, filter);
  const openDrafts = await db
    .selectFrom("drafts")
    .select(["account_id", "contact_id", "to_address", "kind"])
    .where("state", "=", "created")
    .execute();
  const meetings = await db
    .selectFrom("meetings")
    .select(["account_id", "start_at", "attendees"])
    .where("start_at", ">", now)
    .where("status", "!=", "cancelled")
    .orderBy("start_at")
    .execute();
  const touches = await lastTouches(db, [...new Set(contacts.map((c) => c.account_id))]);
  return contacts.map((c) => {
    const touch = touches.get(`${c.account_id}:${c.id}`) ?? null;
    const lastContact =
      touch && (!c.last_message_at || touch.at.getTime() > c.last_message_at.getTime()) ? touch.at : c.last_message_at;
    const controls = {
      address: c.address,
      checkInAfterDays: c.check_in_after_days,
      nudgeAfterBusinessDays: c.nudge_after_business_days,
      snoozedUntil: c.snoozed_until,
    };
    const draft = openDrafts.find(
      (d) => d.account_id === c.account_id && (d.contact_id === c.id || d.to_address.toLowerCase() === c.address),
    );
    const meeting = meetings.find(
      (m) => m.account_id === c.account_id && (m.attendees as EventAttendee[]).some((a) => a.address === c.address),
    );
    const stage = c.stage as LifecycleStage;
    return {
      accountId: c.account_id,
      accountAddress: c.account_address,
      contactId: c.id,
      name: c.name,
      address: c.address,
      organisation: c.organisation || c.imported_organisation || null,
      position: c.position,
      stage,
      lastMessageAt: c.last_message_at,
      doNotContact: c.do_not_contact,
      snoozedUntil: c.snoozed_until,
      checkInAfterDays: c.check_in_after_days,
      nudgeAfterBusinessDays: c.nudge_after_business_days,
      lastTouch: touch,
      referredBy: c.referrer_name || c.referrer_address || null,
      next: draft
        ? { what: `${KIND_LABELS[draft.kind]} draft waiting in Drafts`, at: null }
        : c.do_not_contact
          ? { what: "nothing (asked not to be contacted)", at: null }
          : snoozed(
              nextAction(stage, {
                lastMessageAt: lastContact,
                nextMeetingAt: meeting?.start_at ?? null,
                rules: rulesFor({ ...DEFAULT_CADENCE_RULES, ...(c.cadence as Partial<CadenceRules>) }, controls),
                timeZone: c.time_zone,
              }),
              controls,
              now,
              c.time_zone,
            ),
    };
  });
}

/** The latest logged touch of each contact of the accounts shown, keyed "account:contact". */
async function lastTouches(
  db: Kysely<Database>,
  accountIds: readonly number[],
): Promise<Map<string, { at: Date; kind: TouchKind }>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("contact_touches")
    .select(["account_id", "contact_id", "at", "kind"])
    .where("account_id", "in", accountIds)
    .orderBy("at")
    .execute();
  return new Map(rows.map((r) => [`${r.account_id}:${r.contact_id}`, { at: r.at, kind: r.kind }]));
}

/** A snoozed person's next step waits for the snooze to end. */
function snoozed(next: NextAction, controls: PersonControls, now: Date, timeZone: string): NextAction {
  const end = snoozeEnd(controls, timeZone);
  if (!end || end.getTime() <= now.getTime()) return next;
  if (next.what.startsWith("nothing"))
    return { what: `${next.what} (snoozed until ${controls.snoozedUntil})`, at: null };
  return {
    what: `${next.what}, once the snooze ends (${controls.snoozedUntil})`,
    at: next.at && next.at.getTime() > end.getTime() ? next.at : end,
  };
}

export const KIND_LABELS: Record<DraftKind, string> = {
  thank_you: "Thank-you",
  nudge: "Nudge",
  check_in: "Check-in",
  intro_reply: "Reply to the introduction",
  referral_outreach: "First note",
};

export function nextAction(
  stage: LifecycleStage,
  facts: { lastMessageAt: Date | null; nextMeetingAt: Date | null; rules: CadenceRules; timeZone: string },
): NextAction {
  const { lastMessageAt: last, rules } = facts;
  switch (stage) {
    case "outreach_sent":
      return {
        what: "a soft nudge if there is still no reply",
        at: last
          ? addBusinessDays(last, rules.nudgeAfterBusinessDays, {
              timeZone: facts.timeZone,
              holidays: rules.holidays,
              weekend: rules.weekend,
            })
          : null,
      };
    case "nudged":
      return { what: "nothing: waiting for a reply (one nudge is enough)", at: null };
    case "scheduling":
      return { what: "nothing: waiting for a time to be agreed", at: null };
    case "meeting_scheduled":
      return { what: "a thank-you after the meeting", at: facts.nextMeetingAt };
    case "met":
      return { what: "a thank-you note", at: null };
    case "thanked":
    case "in_touch":
      return {
        what: "a check-in to stay in touch",
        at: last ? new Date(last.getTime() + rules.checkInAfterDays * 86_400_000) : null,
      };
    case "hosting":
      return { what: "nothing: you were the one asked", at: null };
    case "cancelled":
      return { what: "nothing: the meeting was called off", at: null };
    case "declined":
      return { what: "nothing: they said no, and that is respected", at: null };
    default:
      return { what: "nothing", at: null };
  }
}
