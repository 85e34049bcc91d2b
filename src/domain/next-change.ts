/**
 * When the evaluation of an unchanged mailbox would next give a different answer with time alone: the earliest
 * instant after `now` at which a meeting starts or ends, a nudge or check-in comes due, or a thank-you window
 * closes (the time-dependent tests of evaluate-mailbox.ts). Until then a cycle with nothing new need not evaluate.
 *
 * The candidates are a superset of the real moments of change (every informational thread's messages from the
 * user, every contact's last exchange, every meeting), each placed at or just after its moment — never before it,
 * so an evaluation at a candidate always sees the change and the next candidate lies beyond. Extra candidates only
 * cost an evaluation that finds nothing new.
 */
import { addBusinessDays, type BusinessCalendar } from "./business-days.js";
import type { ContactTimeline } from "./contact-timeline.js";
import { datedMessages } from "./contact-timeline.js";
import type { CadenceRules, ThreadInput } from "./engine-types.js";
import { addLocalDays } from "./time-zone.js";

const STEP_MS = 30 * 60_000;
/** Local days can be an hour short or long: a few steps always get past the moment. */
const MAX_STEPS = 8;

/** The first instant at or after `from` (in steps) for which `past(t)` holds. */
function firstWhen(from: Date, past: (t: Date) => boolean): Date {
  let t = from;
  for (let i = 0; i < MAX_STEPS && !past(t); i += 1) t = new Date(t.getTime() + STEP_MS);
  return t;
}

export function nextChangeAt(
  threads: readonly ThreadInput[],
  timelines: ReadonlyMap<string, ContactTimeline>,
  now: Date,
  rules: CadenceRules,
  cal: BusinessCalendar,
  /** A person's own cadence (domain/person-controls.ts), where they have one. */
  rulesOf: (contact: string) => CadenceRules = () => rules,
): Date | null {
  const at = now.getTime();
  let next = Number.POSITIVE_INFINITY;
  const offer = (d: Date) => {
    if (d.getTime() > at && d.getTime() < next) next = d.getTime();
  };
  const { timeZone } = cal;
  for (const tl of timelines.values()) {
    for (const m of tl.meetings) {
      offer(m.start);
      offer(m.end);
      // A thank-you stops being due once its meeting ended more than the window ago.
      const window = rules.thankYouWindowDays;
      if (m.end.getTime() <= at) {
        const close = addLocalDays(m.end, window, timeZone);
        offer(firstWhen(new Date(close.getTime() + 1000), (t) => addLocalDays(t, -window, timeZone) > m.end));
      }
    }
    const last = tl.exchanges[tl.exchanges.length - 1];
    if (last) {
      const n = rulesOf(tl.contact).checkInAfterDays;
      const due = addLocalDays(last.date, n, timeZone);
      offer(firstWhen(due, (t) => last.date.getTime() <= addLocalDays(t, -n, timeZone).getTime()));
    }
  }
  for (const t of threads) {
    if (!t.assessment.informational) continue;
    const after = rulesOf(t.assessment.contacts[0] ?? "").nudgeAfterBusinessDays;
    for (const m of datedMessages(t)) {
      if (m.sentByUser) offer(addBusinessDays(m.date, after, cal));
    }
  }
  return Number.isFinite(next) ? new Date(next) : null;
}
