import { describe, expect, it } from "vitest";
import type {
  ClassificationOverride,
  MeetingInput,
  ThreadAssessment,
  ThreadInput,
  ThreadMessageMeta,
} from "../../src/domain/engine-types.js";
import { evaluateMailbox } from "../../src/domain/evaluate-mailbox.js";

const ME = "me@example.com";
const TZ = "Europe/Berlin";
const C = "contact@example.org";

function assessment(p: Partial<ThreadAssessment> = {}): ThreadAssessment {
  return {
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
    ...p,
  };
}

function mine(id: string, date: string, to = C): ThreadMessageMeta {
  return { messageId: id, from: ME, to: [to], cc: [], date, sentByUser: true };
}
function theirs(id: string, date: string, from = C, autoReply = false): ThreadMessageMeta {
  return { messageId: id, from, to: [ME], cc: [], date, sentByUser: false, autoReply };
}
function thread(messages: ThreadMessageMeta[], a: Partial<ThreadAssessment> = {}, id = "<m1>"): ThreadInput {
  return { threadId: id, subject: "Question", messages, assessment: assessment(a) };
}
function meeting(
  start: string,
  end: string,
  status: "confirmed" | "cancelled" = "confirmed",
  informational = true,
): MeetingInput {
  return {
    event: {
      uid: `evt-${start}`,
      providerId: null,
      summary: "Coffee",
      description: "",
      location: "",
      start: new Date(start),
      end: new Date(end),
      allDay: false,
      status,
      organizer: { address: C, name: "" },
      attendees: [],
      recurrenceId: null,
    },
    assessment: {
      informational,
      direction: informational ? "seeker" : null,
      confidence: 0.9,
      reasons: [],
      contacts: [C],
      threadIds: [],
      userDeclined: false,
    },
  };
}
const run = (
  threads: ThreadInput[],
  now: string,
  meetings: MeetingInput[] = [],
  overrides: ClassificationOverride[] = [],
) => evaluateMailbox({ threads, meetings, now: new Date(now), timeZone: TZ, overrides });

describe("nudge", () => {
  // outreach Thu 19 Mar 2026 10:30 CET; 7 business days end Mon 30 Mar 10:30 CEST (08:30Z)
  const outreach = [mine("<m1>", "2026-03-19T09:30:00Z")];
  it("is not due after 6 business days", () => {
    expect(run([thread(outreach)], "2026-03-30T08:29:00Z").due).toEqual([]);
  });
  it("is due after 7 business days, replying to the outreach", () => {
    const due = run([thread(outreach)], "2026-03-30T08:30:00Z").due;
    expect(due).toMatchObject([{ kind: "nudge", to: C, inReplyTo: "<m1>", dueSince: "2026-03-30T08:30:00.000Z" }]);
  });
  it("only once per thread: a follow-up already sent means nothing more", () => {
    const r = run([thread([...outreach, mine("<m2>", "2026-03-27T09:00:00Z")])], "2026-04-20T08:00:00Z");
    expect(r.due).toEqual([]);
    expect(r.threads[0]?.stage).toBe("nudged");
  });
  it("not when the contact replied, but an out-of-office reply does not count", () => {
    expect(run([thread([...outreach, theirs("<r>", "2026-03-20T09:00:00Z")])], "2026-04-01T08:00:00Z").due).toEqual([]);
    const auto = run([thread([...outreach, theirs("<r>", "2026-03-19T09:31:00Z", C, true)])], "2026-04-01T08:00:00Z");
    expect(auto.due.map((d) => d.kind)).toEqual(["nudge"]);
  });
  it("not when a meeting with the contact exists, not for host threads, declines or do-not-contact", () => {
    const now = "2026-04-01T08:00:00Z";
    expect(run([thread(outreach)], now, [meeting("2026-04-10T09:00:00Z", "2026-04-10T09:30:00Z")]).due).toEqual([]);
    expect(run([thread(outreach, { direction: "host" })], now).due).toEqual([]);
    expect(run([thread(outreach, { declined: true })], now).due).toEqual([]);
    expect(run([thread(outreach, { doNotContact: true })], now).due).toEqual([]);
    expect(run([thread(outreach, { informational: false, direction: null })], now).due).toEqual([]);
  });
});

describe("thank-you", () => {
  const t = thread([mine("<m1>", "2026-03-10T09:00:00Z"), theirs("<m2>", "2026-03-11T09:00:00Z")]);
  const m = meeting("2026-03-23T11:00:00Z", "2026-03-23T11:30:00Z");
  it("is due within 7 days of the end and replies to the newest message", () => {
    expect(run([t], "2026-03-29T11:30:00Z", [m]).due).toMatchObject([
      { kind: "thank_you", to: C, inReplyTo: "<m2>", dueSince: "2026-03-23T11:30:00.000Z" },
    ]);
  });
  it("is stale after more than 7 days (judged in local days across DST)", () => {
    // 7 local days after Mon 23 Mar 12:30 CET is Mon 30 Mar 12:30 CEST = 10:30Z
    expect(run([t], "2026-03-30T10:30:00Z", [m]).due).toHaveLength(1);
    expect(run([t], "2026-03-30T10:31:00Z", [m]).due).toEqual([]);
  });
  it("not before the meeting ended, not for a cancelled meeting, not once the user wrote after it", () => {
    expect(run([t], "2026-03-23T11:15:00Z", [m]).due).toEqual([]);
    expect(
      run([t], "2026-03-24T09:00:00Z", [meeting("2026-03-23T11:00:00Z", "2026-03-23T11:30:00Z", "cancelled")]).due,
    ).toEqual([]);
    const thanked = thread([...t.messages, mine("<m3>", "2026-03-23T18:00:00Z")]);
    expect(run([thanked], "2026-03-24T09:00:00Z", [m]).due).toEqual([]);
  });
  it("uses a time agreed by email when there is no calendar event", () => {
    const agreed = thread(t.messages, {
      agreedMeetings: [{ start: "2026-03-26T16:00:00Z", end: "2026-03-26T16:30:00Z", messageId: "<m2>" }],
    });
    expect(run([agreed], "2026-03-27T08:00:00Z").due).toMatchObject([{ kind: "thank_you", inReplyTo: "<m2>" }]);
  });
  it("not for a non-informational meeting", () => {
    expect(
      run([t], "2026-03-24T09:00:00Z", [meeting("2026-03-23T11:00:00Z", "2026-03-23T11:30:00Z", "confirmed", false)])
        .due,
    ).toEqual([]);
  });
});

describe("check-in", () => {
  const base = [
    mine("<m1>", "2026-01-05T09:00:00Z"),
    theirs("<m2>", "2026-01-06T09:00:00Z"),
    mine("<m3>", "2026-01-12T18:00:00Z"), // thank-you after the meeting
    theirs("<m4>", "2026-01-13T09:00:00Z"),
  ];
  const m = meeting("2026-01-12T11:00:00Z", "2026-01-12T11:30:00Z");
  it("41 days of silence: nothing; 42 days: due, replying to the newest message", () => {
    expect(run([thread(base)], "2026-02-23T08:59:00Z", [m]).due).toEqual([]);
    expect(run([thread(base)], "2026-02-24T09:00:00Z", [m]).due).toMatchObject([
      { kind: "check_in", to: C, inReplyTo: "<m4>" },
    ]);
  });
  it("any message either way, in any thread, resets the silence", () => {
    const other = thread(
      [theirs("<x1>", "2026-02-20T09:00:00Z")],
      { contacts: [C], informational: false, direction: null },
      "<x1>",
    );
    expect(run([thread(base), other], "2026-02-24T09:00:00Z", [m]).due).toEqual([]);
  });
  it("needs a thank-you: met but never thanked means nothing", () => {
    const never = [mine("<m1>", "2026-01-05T09:00:00Z"), theirs("<m2>", "2026-01-06T09:00:00Z")];
    expect(run([thread(never)], "2026-03-30T09:00:00Z", [m]).due).toEqual([]);
  });
});

describe("overrides", () => {
  it("a user correction turns a thread informational (and back)", () => {
    const t = thread([mine("<m1>", "2026-03-19T09:30:00Z")], {
      informational: false,
      direction: null,
      category: "other",
    });
    const now = "2026-04-01T08:00:00Z";
    expect(run([t], now).due).toEqual([]);
    const r = run([t], now, [], [{ threadKey: "<m1>", informational: true, direction: "seeker" }]);
    expect(r.threads[0]).toMatchObject({ informational: true, direction: "seeker", confidence: 1 });
    expect(r.threads[0]?.reasons[0]).toMatch(/corrected by the user/);
    expect(r.due.map((d) => d.kind)).toEqual(["nudge"]);
    const off = run(
      [thread([mine("<m1>", "2026-03-19T09:30:00Z")])],
      now,
      [],
      [{ threadKey: "<m1>", informational: false, direction: null }],
    );
    expect(off.due).toEqual([]);
  });
});
