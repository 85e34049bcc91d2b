/** Per-person controls as data for the rules: snooze, do-not-contact, a cadence of one's own, logged touches. */
import { describe, expect, it } from "vitest";
import type { MeetingInput, ThreadInput, ThreadMessageMeta } from "../../src/domain/engine-types.js";
import { evaluateMailbox } from "../../src/domain/evaluate-mailbox.js";
import { indexControls, nextControlChange, type PersonControls } from "../../src/domain/person-controls.js";

const ME = "me@example.com";
const TZ = "Europe/Berlin";
const C = "contact@example.org";

function thread(messages: ThreadMessageMeta[]): ThreadInput {
  return {
    threadId: "<m1>",
    subject: "Question",
    messages,
    assessment: {
      informational: true,
      direction: "seeker",
      confidence: 0.9,
      category: "informational",
      reasons: ["test"],
      contacts: [C],
      contactNames: {},
      declined: false,
      doNotContact: false,
      meetingCancelled: false,
      agreedMeetings: [],
      requestMessageId: "<m1>",
    },
  };
}
const mine = (id: string, date: string): ThreadMessageMeta => ({
  messageId: id,
  from: ME,
  to: [C],
  cc: [],
  date,
  sentByUser: true,
});
const theirs = (id: string, date: string): ThreadMessageMeta => ({
  messageId: id,
  from: C,
  to: [ME],
  cc: [],
  date,
  sentByUser: false,
});
function coffee(start: string, end: string): MeetingInput {
  return {
    event: {
      uid: "evt-1",
      providerId: null,
      summary: "Coffee",
      description: "",
      location: "",
      start: new Date(start),
      end: new Date(end),
      allDay: false,
      status: "confirmed",
      organizer: { address: C, name: "" },
      attendees: [],
      recurrenceId: null,
    },
    assessment: {
      informational: true,
      direction: "seeker",
      confidence: 0.9,
      reasons: [],
      contacts: [C],
      threadIds: [],
      userDeclined: false,
    },
  };
}
const run = (threads: ThreadInput[], now: string, people: PersonControls[] = [], meetings: MeetingInput[] = []) =>
  evaluateMailbox({ threads, meetings, now: new Date(now), timeZone: TZ, people });
const kinds = (r: ReturnType<typeof run>) => r.due.map((d) => d.kind);

// Outreach on Monday 2 March 2026, 10:00 Berlin; seven business days later is Wednesday 11 March.
const OUTREACH = [mine("<m1>", "2026-03-02T09:00:00Z")];
const NUDGE_DUE = "2026-03-11T12:00:00Z";
// Met on 10 March, thanked the next day; 42 days of silence end on 22 April.
const MET = [
  mine("<m1>", "2026-03-02T09:00:00Z"),
  theirs("<m2>", "2026-03-03T09:00:00Z"),
  mine("<m3>", "2026-03-11T09:00:00Z"),
];
const MEETING = coffee("2026-03-10T09:00:00Z", "2026-03-10T09:30:00Z");

describe("per-person controls", () => {
  it("snooze holds back every draft to the person until the start of its local date, then lets it come due", () => {
    expect(kinds(run([thread(OUTREACH)], NUDGE_DUE))).toEqual(["nudge"]);
    const snoozed: PersonControls = { address: C, snoozedUntil: "2026-03-20" };
    expect(run([thread(OUTREACH)], NUDGE_DUE, [snoozed]).due).toEqual([]);
    expect(run([thread(OUTREACH)], "2026-03-19T22:59:00Z", [snoozed]).due).toEqual([]); // 23:59 in Berlin
    expect(kinds(run([thread(OUTREACH)], "2026-03-19T23:00:00Z", [snoozed]))).toEqual(["nudge"]);
    // The stage stays what it is: snoozing changes when Rapport acts, not where the relationship stands.
    expect(run([thread(OUTREACH)], NUDGE_DUE, [snoozed]).threads[0]?.stage).toBe("outreach_sent");
    // A thank-you's window can pass during a snooze: then there is none.
    const afterMeeting = [mine("<m1>", "2026-03-02T09:00:00Z"), theirs("<m2>", "2026-03-03T09:00:00Z")];
    expect(kinds(run([thread(afterMeeting)], "2026-03-10T12:00:00Z", [], [MEETING]))).toEqual(["thank_you"]);
    const late = run(
      [thread(afterMeeting)],
      "2026-03-20T12:00:00Z",
      [{ address: C, snoozedUntil: "2026-03-19" }],
      [MEETING],
    );
    expect(late.due).toEqual([]);
  });

  it("do-not-contact set by the user holds back nudges, thank-yous and check-ins", () => {
    const dnc: PersonControls = { address: C, doNotContact: true };
    expect(run([thread(OUTREACH)], NUDGE_DUE, [dnc]).due).toEqual([]);
    expect(kinds(run([thread(MET)], "2026-04-23T12:00:00Z", [], [MEETING]))).toEqual(["check_in"]);
    expect(run([thread(MET)], "2026-04-23T12:00:00Z", [dnc], [MEETING]).due).toEqual([]);
    // Another person's controls change nothing for this one.
    expect(kinds(run([thread(OUTREACH)], NUDGE_DUE, [{ address: "other@example.org", doNotContact: true }]))).toEqual([
      "nudge",
    ]);
  });

  it("a cadence of one's own replaces the account's for this person only", () => {
    const quick: PersonControls = { address: C, nudgeAfterBusinessDays: 3, checkInAfterDays: 14 };
    expect(run([thread(OUTREACH)], "2026-03-05T12:00:00Z").due).toEqual([]);
    const nudge = run([thread(OUTREACH)], "2026-03-05T12:00:00Z", [quick]).due[0];
    expect(nudge).toMatchObject({ kind: "nudge", dueSince: "2026-03-05T09:00:00.000Z" });
    expect(nudge?.reason).toContain("for 3 business days");
    const checkIn = run([thread(MET)], "2026-03-26T12:00:00Z", [quick], [MEETING]).due[0];
    expect(checkIn).toMatchObject({ kind: "check_in", dueSince: "2026-03-25T09:00:00.000Z" });
    const slow: PersonControls = { address: C, checkInAfterDays: 90 };
    expect(run([thread(MET)], "2026-04-23T12:00:00Z", [slow], [MEETING]).due).toEqual([]);
  });

  it("a logged touch answers an outreach, needs no thank-you by mail, and restarts the check-in clock", () => {
    const called: PersonControls = { address: C, touches: [{ at: "2026-03-06T15:00:00Z", kind: "call" }] };
    const answered = run([thread(OUTREACH)], NUDGE_DUE, [called]);
    expect(answered.due).toEqual([]);
    expect(answered.threads[0]?.stage).toBe("thanked");
    // Six weeks after the call (16:00 in Berlin, summer time by then), a check-in comes due, replying in the thread.
    const later = run([thread(OUTREACH)], "2026-04-18T12:00:00Z", [called]).due;
    expect(later).toMatchObject([{ kind: "check_in", inReplyTo: "<m1>", dueSince: "2026-04-17T14:00:00.000Z" }]);
    // A coffee logged after the thanked meeting pushes the check-in back.
    const coffeeAgain: PersonControls = { address: C, touches: [{ at: "2026-04-01T10:00:00Z", kind: "coffee" }] };
    expect(run([thread(MET)], "2026-04-23T12:00:00Z", [coffeeAgain], [MEETING]).due).toEqual([]);
    expect(kinds(run([thread(MET)], "2026-05-14T12:00:00Z", [coffeeAgain], [MEETING]))).toEqual(["check_in"]);
    // A touch dated in the future is not counted yet.
    const planned: PersonControls = { address: C, touches: [{ at: "2026-03-20T10:00:00Z", kind: "call" }] };
    expect(kinds(run([thread(OUTREACH)], NUDGE_DUE, [planned]))).toEqual(["nudge"]);
  });

  it("names the next moment a snooze ends, for a scheduler that evaluates only when something can change", () => {
    const index = indexControls([
      { address: "a@example.org", snoozedUntil: "2026-03-20" },
      { address: "b@example.org", snoozedUntil: "2026-03-12" },
      { address: "c@example.org", snoozedUntil: "2026-03-01" },
      { address: C, checkInAfterDays: 10 },
    ]);
    expect(nextControlChange(index, new Date(NUDGE_DUE), TZ)).toEqual(new Date("2026-03-11T23:00:00Z"));
    expect(nextControlChange(index, new Date("2026-03-25T00:00:00Z"), TZ)).toBeNull();
  });
});
