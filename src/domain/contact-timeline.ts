/**
 * Per-contact view of the mailbox and calendar, from metadata only: every message exchanged with the contact
 * (any thread, either way) and every meeting with them (calendar events, and times agreed by email that no
 * calendar event already covers).
 */
import type { Direction, MeetingInput, ThreadInput, ThreadMessageMeta } from "./engine-types.js";

export interface DatedMessage {
  threadId: string;
  messageId: string | null;
  from: string | null;
  recipients: string[];
  date: Date;
  sentByUser: boolean;
  autoReply: boolean;
}

export interface ContactMeeting {
  start: Date;
  end: Date;
  cancelled: boolean;
  informational: boolean;
  direction: Direction | null;
  /** "touch": a conversation the user logged by hand (domain/person-controls.ts). */
  source: "calendar" | "email" | "touch";
  ref: string;
}

export interface ContactTimeline {
  contact: string;
  exchanges: DatedMessage[];
  meetings: ContactMeeting[];
}

export function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function datedMessages(t: ThreadInput): DatedMessage[] {
  const out: DatedMessage[] = [];
  for (const m of t.messages as ThreadMessageMeta[]) {
    const date = toDate(m.date);
    if (!date) continue;
    out.push({
      threadId: t.threadId,
      messageId: m.messageId,
      from: m.from?.toLowerCase() ?? null,
      recipients: [...m.to, ...m.cc].map((a) => a.toLowerCase()),
      date,
      sentByUser: m.sentByUser,
      autoReply: m.autoReply ?? false,
    });
  }
  return out.sort((a, b) => a.date.getTime() - b.date.getTime());
}

/**
 * A calendar event with the contact this close to a time agreed by e-mail is that meeting, perhaps moved: the
 * calendar is the record ("I've moved the invite to Friday the 12th" after a time was agreed for Thursday the 4th).
 */
const SAME_MEETING_MS = 14 * 864e5;
/** More participants than this make an event a crowd rather than a meeting with each of them. */
const CROWD = 50;
/** A thank-you refers to a meeting that ended at most this long before it. */
const HELD_LOOKBACK_MS = 14 * 864e5;

export function buildTimelines(
  threads: readonly ThreadInput[],
  meetings: readonly MeetingInput[],
): Map<string, ContactTimeline> {
  const map = new Map<string, ContactTimeline>();
  const get = (c: string): ContactTimeline => {
    let t = map.get(c);
    if (!t) {
      t = { contact: c, exchanges: [], meetings: [] };
      map.set(c, t);
    }
    return t;
  };
  const inThreads = new Set<string>();
  for (const t of threads) for (const c of t.assessment.contacts) inThreads.add(c);
  const interesting = new Set(inThreads);
  for (const m of meetings) for (const c of m.assessment.contacts) interesting.add(c);

  for (const t of threads) {
    for (const m of datedMessages(t)) {
      if (m.sentByUser) {
        for (const r of new Set(m.recipients)) if (interesting.has(r)) get(r).exchanges.push(m);
      } else if (m.from && interesting.has(m.from)) {
        get(m.from).exchanges.push(m);
      }
    }
  }
  for (const m of meetings) {
    const occ = m.occurrences ?? [{ start: m.event.start, end: m.event.end, status: m.event.status }];
    // A crowd (an all-hands, a webinar) is kept only for the people the mailbox also knows from threads: it is
    // not a conversation with anyone else, and thousands of attendees times every occurrence would cost seconds.
    const crowd = m.assessment.contacts.length > CROWD;
    for (const c of m.assessment.contacts) {
      if (crowd && !inThreads.has(c)) continue;
      for (const o of occ) {
        get(c).meetings.push({
          start: o.start,
          end: o.end,
          cancelled:
            o.status === "cancelled" || m.assessment.userDeclined || (m.assessment.declinedBy?.includes(c) ?? false),
          informational: m.assessment.informational,
          direction: m.assessment.direction,
          source: "calendar",
          ref: m.event.uid,
        });
      }
    }
  }
  for (const t of threads) {
    const a = t.assessment;
    const c = a.contacts[0];
    if (!a.informational || !c) continue;
    const tl = get(c);
    for (const am of a.agreedMeetings) {
      const start = toDate(am.start);
      const end = toDate(am.end);
      if (!start || !end) continue;
      const covered = tl.meetings.some(
        (x) => x.source === "calendar" && Math.abs(x.start.getTime() - start.getTime()) < SAME_MEETING_MS,
      );
      if (covered) continue;
      tl.meetings.push({
        start,
        end,
        cancelled: false,
        informational: true,
        direction: a.direction,
        source: "email",
        ref: t.threadId,
      });
    }
  }
  addThankedMeetings(threads, get);
  for (const tl of map.values()) {
    tl.exchanges.sort((a, b) => a.date.getTime() - b.date.getTime());
    tl.meetings.sort((a, b) => a.start.getTime() - b.start.getTime());
  }
  return map;
}

/** A thank-you for a conversation no calendar or agreed time records: it happened just before the thanks. */
function addThankedMeetings(threads: readonly ThreadInput[], get: (c: string) => ContactTimeline): void {
  for (const t of threads) {
    const a = t.assessment;
    const c = a.contacts[0];
    const thanked = toDate(a.heldBefore);
    if (!a.informational || !c || !thanked) continue;
    const tl = get(c);
    const known = tl.meetings.some(
      (x) => x.start.getTime() <= thanked.getTime() && thanked.getTime() - x.end.getTime() < HELD_LOOKBACK_MS,
    );
    if (known) continue;
    tl.meetings.push({
      start: new Date(thanked.getTime() - 3_600_000),
      end: new Date(thanked.getTime() - 60_000),
      cancelled: false,
      informational: true,
      direction: a.direction,
      source: "email",
      ref: t.threadId,
    });
  }
}
