/**
 * What the user decided about one person, as data for the rules (domain/evaluate-mailbox.ts): snooze until a date,
 * do-not-contact, a cadence of their own, and touches logged by hand (a call or a coffee in neither mail nor
 * calendar). Pure: the controls come in with the mailbox, from wherever they are kept.
 */
import type { ContactTimeline, DatedMessage } from "./contact-timeline.js";
import type { CadenceRules, DueDraft } from "./engine-types.js";
import { fromLocal } from "./time-zone.js";

export interface LoggedTouch {
  /** ISO 8601 instant (or Date) the conversation took place. */
  at: string | Date;
  kind: string;
}

export interface PersonControls {
  /** The person's address, lower-cased. */
  address: string;
  /** Never draft to this person. */
  doNotContact?: boolean;
  /** Local date "YYYY-MM-DD" (the account's zone) from which drafts about this person may be due again. */
  snoozedUntil?: string | null;
  /** This person's own check-in cadence, in days. */
  checkInAfterDays?: number | null;
  /** This person's own nudge delay, in business days. */
  nudgeAfterBusinessDays?: number | null;
  touches?: readonly LoggedTouch[];
}

export type ControlIndex = ReadonlyMap<string, PersonControls>;

export function indexControls(people: readonly PersonControls[] = []): ControlIndex {
  return new Map(people.map((p) => [p.address.toLowerCase(), p]));
}

/** The cadence rules for one person: the account's, with this person's own delays where set. */
export function rulesFor(rules: CadenceRules, controls: PersonControls | undefined): CadenceRules {
  if (!controls) return rules;
  return {
    ...rules,
    ...(controls.checkInAfterDays ? { checkInAfterDays: controls.checkInAfterDays } : {}),
    ...(controls.nudgeAfterBusinessDays ? { nudgeAfterBusinessDays: controls.nudgeAfterBusinessDays } : {}),
  };
}

/** The instant a snooze ends: the start of its local date. Null when not snoozed (or the date is unreadable). */
export function snoozeEnd(controls: PersonControls | undefined, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(controls?.snoozedUntil ?? "");
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return fromLocal({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/**
 * Why a due draft is held back by the person's controls, or null when it may go: do-not-contact always, a snooze
 * until its date. The draft comes due again when the snooze ends (its own rules permitting: a thank-you's window
 * may have passed by then).
 */
export function heldBack(draft: DueDraft, index: ControlIndex, now: Date, timeZone: string): string | null {
  const controls = index.get(draft.to.toLowerCase());
  if (!controls) return null;
  if (controls.doNotContact) return "do-not-contact";
  const end = snoozeEnd(controls, timeZone);
  return end && now.getTime() < end.getTime() ? `snoozed until ${controls.snoozedUntil}` : null;
}

function touchDate(t: LoggedTouch): Date | null {
  const d = t.at instanceof Date ? t.at : new Date(t.at);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * A logged touch is a conversation held with the person, in which the user was in touch: on their timeline it is a
 * meeting that ended then, and an exchange from the user at that moment. So it answers an outreach (no nudge), needs
 * no thank-you by mail, and restarts the check-in clock. Touches in the future are not counted yet.
 */
export function addTouches(timelines: Map<string, ContactTimeline>, index: ControlIndex, now: Date): void {
  for (const [address, controls] of index) {
    const touches = (controls.touches ?? [])
      .map(touchDate)
      .filter((d): d is Date => d !== null && d.getTime() <= now.getTime());
    if (touches.length === 0) continue;
    let tl = timelines.get(address);
    if (!tl) {
      tl = { contact: address, exchanges: [], meetings: [] };
      timelines.set(address, tl);
    }
    for (const at of touches) {
      tl.meetings.push({
        start: at,
        end: at,
        cancelled: false,
        informational: true,
        direction: "seeker",
        source: "touch",
        ref: `touch:${at.toISOString()}`,
      });
      const exchange: DatedMessage = {
        threadId: `touch:${address}`,
        messageId: null,
        from: null,
        recipients: [address],
        date: at,
        sentByUser: true,
        autoReply: false,
      };
      tl.exchanges.push(exchange);
    }
    tl.exchanges.sort((a, b) => a.date.getTime() - b.date.getTime());
    tl.meetings.sort((a, b) => a.start.getTime() - b.start.getTime());
  }
}

/**
 * The earliest instant after `now` at which a control alone changes what is due: a snooze ending. (A touch and a
 * change of controls are changes the user makes; a person's own cadence moves the nudge and check-in times, which
 * the rules compute with rulesFor.) Null when no snooze ends later.
 */
export function nextControlChange(index: ControlIndex, now: Date, timeZone: string): Date | null {
  let next: Date | null = null;
  for (const controls of index.values()) {
    const end = snoozeEnd(controls, timeZone);
    if (end && end.getTime() > now.getTime() && (!next || end.getTime() < next.getTime())) next = end;
  }
  return next;
}
