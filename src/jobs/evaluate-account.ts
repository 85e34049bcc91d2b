/**
 * Step (b) of the engine over stored rows: rebuild the engine's inputs from metadata and stored assessments (no
 * bodies), evaluate lifecycle stages and due drafts at the clock's now, and store the stages back.
 */
import type { AppContext } from "../context.js";
import { loadPersonControls } from "../db/person-controls.js";
import type { Account, Meeting } from "../db/schema.js";
import {
  assessMeeting,
  type CadenceRules,
  type CalendarEvent,
  type ClassificationOverride,
  DEFAULT_CADENCE_RULES,
  type EventAttendee,
  evaluateMailbox,
  indexThreadsByContact,
  type MailboxEvaluation,
  type MeetingInput,
  type ThreadAssessment,
  type ThreadInput,
} from "../domain/index.js";
import { accountAddresses } from "./assess-threads.js";

function cadenceRulesOf(account: Pick<Account, "cadence">): CadenceRules {
  return { ...DEFAULT_CADENCE_RULES, ...(account.cadence as Partial<CadenceRules>) };
}

async function loadThreadInputs(ctx: AppContext, accountId: number): Promise<ThreadInput[]> {
  const threads = await ctx.db
    .selectFrom("threads")
    .select(["id", "thread_key", "root_message_id", "subject", "assessment"])
    .where("account_id", "=", accountId)
    .where("assessment", "is not", null)
    .orderBy("id")
    .execute();
  const messages = await ctx.db
    .selectFrom("messages")
    .select([
      "thread_id",
      "message_id",
      "from_address",
      "to_addresses",
      "cc_addresses",
      "sent_at",
      "sent_by_user",
      "labels",
    ])
    .where("account_id", "=", accountId)
    .orderBy("sent_at")
    .execute();
  const byThread = new Map<number, typeof messages>();
  for (const m of messages) {
    // A draft is not mail that was written: it neither answers nor counts as the user's follow-up.
    if (m.labels.includes("DRAFT")) continue;
    const list = byThread.get(m.thread_id) ?? [];
    list.push(m);
    byThread.set(m.thread_id, list);
  }
  return threads.map((t) => ({
    threadId: t.root_message_id ?? t.thread_key,
    subject: t.subject,
    assessment: t.assessment as ThreadAssessment,
    messages: (byThread.get(t.id) ?? []).map((m) => ({
      messageId: m.message_id,
      from: m.from_address,
      to: m.to_addresses.map((a) => a.address),
      cc: m.cc_addresses.map((a) => a.address),
      date: m.sent_at,
      sentByUser: m.sent_by_user,
    })),
  }));
}

function toEvent(row: Meeting): CalendarEvent {
  const attendees = row.attendees as EventAttendee[];
  const organizer = attendees.find((a) => a.organizer) ?? null;
  return {
    uid: row.ical_uid ?? row.provider_event_id,
    providerId: row.provider_event_id,
    summary: row.summary,
    description: row.description,
    location: row.location,
    start: row.start_at,
    end: row.end_at,
    allDay: row.all_day,
    status: row.status,
    organizer: organizer ?? (row.organizer_address ? { address: row.organizer_address, name: "" } : null),
    attendees,
    recurrenceId: null,
  };
}

async function loadMeetingInputs(
  ctx: AppContext,
  account: Account,
  threads: readonly ThreadInput[],
): Promise<{ inputs: MeetingInput[]; rows: Meeting[] }> {
  const rows = await ctx.db
    .selectFrom("meetings")
    .selectAll()
    .where("account_id", "=", account.id)
    .orderBy("start_at")
    .execute();
  const perUid = new Map<string, number>();
  for (const r of rows)
    perUid.set(r.ical_uid ?? r.provider_event_id, (perUid.get(r.ical_uid ?? r.provider_event_id) ?? 0) + 1);
  const byContact = indexThreadsByContact(threads);
  const me = accountAddresses(account);
  const inputs = rows.map((row) => {
    const event = toEvent(row);
    const recurring = (perUid.get(event.uid) ?? 0) > 1;
    return { event, recurring, assessment: assessMeeting(event, me, byContact, { recurring }) };
  });
  return { inputs, rows };
}

export async function evaluateAccount(ctx: AppContext, account: Account): Promise<MailboxEvaluation> {
  const threads = await loadThreadInputs(ctx, account.id);
  const { inputs: meetings, rows } = await loadMeetingInputs(ctx, account, threads);
  const overrides: ClassificationOverride[] = (
    await ctx.db.selectFrom("classification_overrides").selectAll().where("account_id", "=", account.id).execute()
  ).map((o) => ({ threadKey: o.thread_key, informational: o.informational, direction: o.direction }));
  const evaluation = evaluateMailbox({
    threads,
    meetings,
    now: ctx.clock.now(),
    timeZone: account.time_zone,
    rules: cadenceRulesOf(account),
    overrides,
    // the user's per-person controls (snooze, do-not-contact, own cadence, logged touches)
    people: await loadPersonControls(ctx.db, account.id),
  });
  await ctx.db.transaction().execute(async (tx) => {
    for (const t of evaluation.threads) {
      await tx
        .updateTable("threads")
        .set({ stage: t.stage, informational: t.informational, direction: t.direction })
        .where("account_id", "=", account.id)
        .where((eb) => eb.or([eb("root_message_id", "=", t.threadId), eb("thread_key", "=", t.threadId)]))
        .execute();
    }
    for (const [i, m] of meetings.entries()) {
      const row = rows[i] as Meeting;
      await tx
        .updateTable("meetings")
        .set({ informational: m.assessment.informational, assessment: JSON.stringify(m.assessment) })
        .where("account_id", "=", account.id)
        .where("id", "=", row.id)
        .execute();
    }
    for (const t of evaluation.threads) {
      const contact = t.contacts[0];
      if (!t.informational || !contact) continue;
      await tx
        .updateTable("contacts")
        .set({ stage: t.stage })
        .where("account_id", "=", account.id)
        .where("address", "=", contact)
        .execute();
    }
  });
  return evaluation;
}
