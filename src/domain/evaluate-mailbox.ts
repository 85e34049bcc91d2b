/**
 * Step (b) of the engine: lifecycle stages and due drafts from thread metadata, assessments and meetings.
 * No bodies, no clock: `now` and the time zone come in as arguments.
 *
 * Due rules (defaults in DEFAULT_CADENCE_RULES):
 * - thank_you: an informational meeting with a seeker contact ended at most `thankYouWindowDays` ago and the
 *   user has sent the contact nothing since it ended.
 * - nudge: the user's outreach has had no reply for `nudgeAfterBusinessDays` business days, fewer than
 *   `maxNudges` follow-ups were sent in the thread, and no meeting with the contact exists.
 * - check_in: the user met and thanked the contact, and nothing was exchanged either way for `checkInAfterDays`.
 * Nothing for host threads, declines, do-not-contact, cancelled/future/stale meetings.
 *
 * Per-person controls (domain/person-controls.ts) come in as data: a person's own check-in and nudge delays replace
 * the account's; touches the user logged count as conversations held and as being in touch; do-not-contact and a
 * snooze until a date hold back every draft to that person.
 */
import { addBusinessDays, type BusinessCalendar } from "./business-days.js";
import { buildTimelines, type ContactMeeting, type ContactTimeline, datedMessages } from "./contact-timeline.js";
import {
  type CadenceRules,
  type ClassificationOverride,
  DEFAULT_CADENCE_RULES,
  type DueDraft,
  type LifecycleStage,
  type MailboxEvaluation,
  type MeetingInput,
  type MeetingResult,
  type ThreadInput,
  type ThreadResult,
} from "./engine-types.js";
import { nextChangeAt } from "./next-change.js";
import { applyOverrides } from "./overrides.js";
import {
  addTouches,
  heldBack,
  indexControls,
  nextControlChange,
  type PersonControls,
  rulesFor,
} from "./person-controls.js";
import { addLocalDays } from "./time-zone.js";

export interface EvaluateMailboxInput {
  threads: readonly ThreadInput[];
  meetings: readonly MeetingInput[];
  now: Date;
  timeZone: string;
  rules?: Partial<CadenceRules>;
  overrides?: readonly ClassificationOverride[];
  /** What the user decided about individual people (snooze, do-not-contact, own cadence, logged touches). */
  people?: readonly PersonControls[];
  /** Work out when the result next changes on its own (the worker's idle scheduler); the offline scan does not. */
  nextChange?: boolean;
}

interface ThreadFacts {
  input: ThreadInput;
  stage: LifecycleStage;
  due: DueDraft | null;
}

const iso = (d: Date): string => d.toISOString();

function validMeetings(tl: ContactTimeline | undefined): ContactMeeting[] {
  return (tl?.meetings ?? []).filter((m) => !m.cancelled && m.informational && m.direction !== "host");
}

/**
 * The newest thread of the relationship, and its latest message: an informational seeker thread with the
 * contact, or a later personal thread with them (a question, an update) the detector did not call one.
 */
function replyTarget(
  contact: string,
  threads: readonly ThreadInput[],
): { thread: ThreadInput; messageId: string } | null {
  let best: { thread: ThreadInput; messageId: string; at: number } | null = null;
  const relationship = threads.some(
    (t) => t.assessment.informational && t.assessment.direction === "seeker" && t.assessment.contacts[0] === contact,
  );
  for (const t of threads) {
    const a = t.assessment;
    const ours = a.informational
      ? a.direction === "seeker" && a.contacts[0] === contact
      : relationship && a.contacts[0] === contact && a.category === "other" && a.contacts.length <= 2;
    if (!ours) continue;
    const msgs = datedMessages(t).filter((m) => m.messageId);
    const last = msgs[msgs.length - 1];
    if (last?.messageId && (!best || last.date.getTime() >= best.at))
      best = { thread: t, messageId: last.messageId, at: last.date.getTime() };
  }
  return best ? { thread: best.thread, messageId: best.messageId } : null;
}

export function evaluateMailbox(input: EvaluateMailboxInput): MailboxEvaluation {
  const rules: CadenceRules = { ...DEFAULT_CADENCE_RULES, ...input.rules };
  const { now, timeZone } = input;
  const cal: BusinessCalendar = { timeZone, holidays: rules.holidays, weekend: rules.weekend };
  const threads = applyOverrides(input.threads, input.overrides ?? []);
  const timelines = buildTimelines(threads, input.meetings);
  const controls = indexControls(input.people);
  addTouches(timelines, controls, now);
  const blocked = new Set<string>(); // contacts who declined or asked not to be contacted, or the user's do-not-contact
  for (const [address, c] of controls) if (c.doNotContact) blocked.add(address);
  for (const t of threads) {
    const c = t.assessment.contacts[0];
    if (c && t.assessment.informational && (t.assessment.declined || t.assessment.doNotContact)) blocked.add(c);
  }
  const due: DueDraft[] = [];

  // --- per contact: thank-you and check-in
  const seekerContacts = new Set<string>();
  for (const t of threads) {
    const c = t.assessment.contacts[0];
    if (c && t.assessment.informational && t.assessment.direction === "seeker") seekerContacts.add(c);
  }
  const thankWindowStart = addLocalDays(now, -rules.thankYouWindowDays, timeZone);
  for (const c of seekerContacts) {
    if (blocked.has(c)) continue;
    const own = rulesFor(rules, controls.get(c));
    const silenceLimit = addLocalDays(now, -own.checkInAfterDays, timeZone);
    const tl = timelines.get(c);
    const meetings = validMeetings(tl);
    const ended = meetings.filter((m) => m.end.getTime() <= now.getTime());
    const last = ended[ended.length - 1];
    if (!last || !tl) continue;
    const target = replyTarget(c, threads);
    if (!target) continue;
    const sentSince = tl.exchanges.some((m) => m.sentByUser && m.date.getTime() >= last.end.getTime());
    if (!sentSince) {
      if (last.end.getTime() >= thankWindowStart.getTime()) {
        due.push({
          kind: "thank_you",
          to: c,
          inReplyTo: target.messageId,
          threadId: target.thread.threadId,
          subject: target.thread.subject,
          dueSince: iso(last.end),
          reason: `meeting (${last.source === "calendar" ? "calendar" : "agreed by email"}) ended ${iso(last.end)}; nothing sent to ${c} since`,
        });
      }
      continue;
    }
    const future = meetings.some((m) => m.start.getTime() > now.getTime());
    const lastExchange = tl.exchanges[tl.exchanges.length - 1];
    if (future || !lastExchange) continue;
    if (lastExchange.date.getTime() <= silenceLimit.getTime()) {
      due.push({
        kind: "check_in",
        to: c,
        inReplyTo: target.messageId,
        threadId: target.thread.threadId,
        subject: target.thread.subject,
        dueSince: iso(addLocalDays(lastExchange.date, own.checkInAfterDays, timeZone)),
        reason: `met and thanked; nothing exchanged with ${c} since ${iso(lastExchange.date)}`,
      });
    }
  }

  // --- per thread: stage and nudge
  const facts: ThreadFacts[] = threads.map((t) => {
    const a = t.assessment;
    const c = a.contacts[0];
    if (!a.informational) return { input: t, stage: "not_informational", due: null };
    if (a.direction === "host") return { input: t, stage: "hosting", due: null };
    if (!c) return { input: t, stage: "outreach_sent", due: null };
    if (a.declined || a.doNotContact) return { input: t, stage: "declined", due: null };
    const tl = timelines.get(c);
    const msgs = datedMessages(t);
    const request = msgs.find((m) => m.messageId === a.requestMessageId) ?? msgs.find((m) => m.sentByUser);
    const meetings = validMeetings(tl);
    const anyMeeting = (tl?.meetings ?? []).length > 0;
    const future = meetings.find((m) => m.start.getTime() > now.getTime());
    const ended = meetings.filter((m) => m.end.getTime() <= now.getTime());
    const last = ended[ended.length - 1];
    if (future) return { input: t, stage: "meeting_scheduled", due: null };
    if (last) {
      const after = (tl?.exchanges ?? []).filter((m) => m.date.getTime() >= last.end.getTime());
      const thankYou = after.find((m) => m.sentByUser);
      if (!thankYou) return { input: t, stage: "met", due: null };
      const more = after.some((m) => m.date.getTime() > thankYou.date.getTime());
      return { input: t, stage: more ? "in_touch" : "thanked", due: null };
    }
    if (anyMeeting || a.meetingCancelled) return { input: t, stage: "cancelled", due: null };
    if (!request?.sentByUser) return { input: t, stage: "scheduling", due: null };
    const since = request.date.getTime();
    const replied =
      msgs.some((m) => !m.sentByUser && !m.autoReply && m.date.getTime() > since) ||
      (tl?.exchanges ?? []).some((m) => !m.sentByUser && !m.autoReply && m.date.getTime() > since);
    if (replied) return { input: t, stage: "scheduling", due: null };
    const followUpMsgs = msgs.filter((m) => m.sentByUser && m.date.getTime() > since);
    const followUps = followUpMsgs.length;
    const stage: LifecycleStage = followUps > 0 ? "nudged" : "outreach_sent";
    if (followUps >= rules.maxNudges) return { input: t, stage, due: null };
    const lastSent = followUpMsgs[followUpMsgs.length - 1]?.date ?? request.date;
    const nudgeAfter = rulesFor(rules, controls.get(c)).nudgeAfterBusinessDays;
    const dueAt = addBusinessDays(lastSent, nudgeAfter, cal);
    if (dueAt.getTime() > now.getTime() || blocked.has(c) || !request.messageId) return { input: t, stage, due: null };
    return {
      input: t,
      stage,
      due: {
        kind: "nudge",
        to: c,
        inReplyTo: request.messageId,
        threadId: t.threadId,
        subject: t.subject,
        dueSince: iso(dueAt),
        reason: `no reply from ${c} for ${nudgeAfter} business days since ${iso(request.date)}`,
      },
    };
  });
  for (const f of facts) if (f.due) due.push(f.due);

  const threadResults: ThreadResult[] = facts.map((f) => {
    const a = f.input.assessment;
    const msgs = datedMessages(f.input);
    const r: ThreadResult = {
      threadId: f.input.threadId,
      subject: f.input.subject,
      informational: a.informational,
      direction: a.informational ? a.direction : null,
      stage: f.stage,
      contacts: a.contacts,
      confidence: a.confidence,
      reasons: a.reasons,
      ...(a.evidence ? { evidence: a.evidence } : {}),
      lastMessageAt: msgs.length > 0 ? iso((msgs[msgs.length - 1] as { date: Date }).date) : null,
    };
    if (a.referredBy) r.referredBy = a.referredBy;
    if (a.organisation) r.organisation = a.organisation;
    return r;
  });
  const meetingResults: MeetingResult[] = input.meetings.map((m) => ({
    uid: m.event.uid,
    summary: m.event.summary,
    informational: m.assessment.informational,
    direction: m.assessment.direction,
    contacts: m.assessment.contacts,
    start: iso(m.event.start),
    end: iso(m.event.end),
    status: m.event.status,
    reasons: m.assessment.reasons,
  }));
  const order: Record<string, number> = { thank_you: 0, nudge: 1, check_in: 2 };
  const allowed = due.filter((d) => heldBack(d, controls, now, timeZone) === null);
  allowed.sort((a, b) => (order[a.kind] ?? 0) - (order[b.kind] ?? 0) || a.dueSince.localeCompare(b.dueSince));
  const next =
    input.nextChange === false
      ? null
      : earliest(
          nextChangeAt(threads, timelines, now, rules, cal, (c) => rulesFor(rules, controls.get(c))),
          nextControlChange(controls, now, timeZone),
        );
  return { threads: threadResults, meetings: meetingResults, due: allowed, nextChangeAt: next ? iso(next) : null };
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a.getTime() <= b.getTime() ? a : b;
}
