/**
 * Step (b) of the engine over stored rows: rebuild the engine's inputs from metadata and stored assessments (no
 * bodies), evaluate lifecycle stages and due drafts at the clock's now, and store back the stages that changed
 * (nothing is written when none did). The cycle runs it only when something changed or a timer came due
 * (jobs/run-cycle.ts).
 */
import { isDeepStrictEqual } from "node:util";
import type { AppContext } from "../context.js";
import { loadPersonControls } from "../db/person-controls.js";
import type { Account, Meeting, Thread } from "../db/schema.js";
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

/** A thread's stored row: its id and the results last written, to write only what changes. */
type StoredThread = Pick<Thread, "id" | "stage" | "informational" | "direction">;

async function loadThreadInputs(
  ctx: AppContext,
  accountId: number,
): Promise<{ inputs: ThreadInput[]; stored: StoredThread[] }> {
  const threads = await ctx.db
    .selectFrom("threads")
    .select(["id", "thread_key", "root_message_id", "subject", "assessment", "stage", "informational", "direction"])
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
  const inputs = threads.map((t) => ({
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
  return { inputs, stored: threads };
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
  const { inputs: threads, stored } = await loadThreadInputs(ctx, account.id);
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
  await storeChanged(ctx, account.id, evaluation, { stored, meetings, rows });
  return evaluation;
}

/** Writes the thread stages, meeting assessments and contact stages that differ from what is stored. */
async function storeChanged(
  ctx: AppContext,
  accountId: number,
  evaluation: MailboxEvaluation,
  was: { stored: StoredThread[]; meetings: MeetingInput[]; rows: Meeting[] },
): Promise<void> {
  const threads = evaluation.threads
    .map((t, i) => ({ t, row: was.stored[i] as StoredThread }))
    .filter(
      ({ t, row }) => row.stage !== t.stage || row.informational !== t.informational || row.direction !== t.direction,
    );
  const meetings = was.meetings
    .map((m, i) => ({ m, row: was.rows[i] as Meeting }))
    .filter(
      ({ m, row }) =>
        row.informational !== m.assessment.informational ||
        // jsonb keeps keys in an order of its own: compared as values, not as text.
        !isDeepStrictEqual(row.assessment, JSON.parse(JSON.stringify(m.assessment))),
    );
  // A contact's stage is its last informational thread's (the order the evaluation lists them in).
  const contactStage = new Map<string, string>();
  for (const t of evaluation.threads) if (t.informational && t.contacts[0]) contactStage.set(t.contacts[0], t.stage);
  const contacts =
    contactStage.size === 0
      ? []
      : (
          await ctx.db
            .selectFrom("contacts")
            .select(["address", "stage"])
            .where("account_id", "=", accountId)
            .where("address", "in", [...contactStage.keys()])
            .execute()
        ).filter((c) => c.stage !== contactStage.get(c.address));
  if (threads.length + meetings.length + contacts.length === 0) return;
  await ctx.db.transaction().execute(async (tx) => {
    for (const { t, row } of threads) {
      await tx
        .updateTable("threads")
        .set({ stage: t.stage, informational: t.informational, direction: t.direction })
        .where("account_id", "=", accountId)
        .where("id", "=", row.id)
        .execute();
    }
    for (const { m, row } of meetings) {
      await tx
        .updateTable("meetings")
        .set({ informational: m.assessment.informational, assessment: JSON.stringify(m.assessment) })
        .where("account_id", "=", accountId)
        .where("id", "=", row.id)
        .execute();
    }
    for (const c of contacts) {
      await tx
        .updateTable("contacts")
        .set({ stage: contactStage.get(c.address) ?? null })
        .where("account_id", "=", accountId)
        .where("address", "=", c.address)
        .execute();
    }
  });
}
