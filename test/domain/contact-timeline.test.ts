/**
 * Contact timelines keep a crowd (an all-hands, a webinar) only for the people the mailbox also knows from threads:
 * a fuzzed calendar of one recurring event with tens of thousands of attendees once cost seconds and 600 MB here.
 */
import { describe, expect, it } from "vitest";
import { buildTimelines } from "../../src/domain/contact-timeline.js";
import type { MeetingInput, ThreadInput } from "../../src/domain/engine-types.js";

const ME = "me@example.com";
const KNOWN = "ana@example.org";

function thread(): ThreadInput {
  return {
    threadId: "<t1>",
    subject: "Your path into research",
    messages: [{ messageId: "<t1>", from: ME, to: [KNOWN], cc: [], date: "2026-03-02T10:00:00Z", sentByUser: true }],
    assessment: {
      informational: true,
      direction: "seeker",
      confidence: 0.9,
      category: "informational",
      reasons: [],
      contacts: [KNOWN],
      contactNames: {},
      declined: false,
      doNotContact: false,
      meetingCancelled: false,
      agreedMeetings: [],
      requestMessageId: "<t1>",
    },
  };
}

function meeting(contacts: string[], occurrences: number): MeetingInput {
  const start = new Date("2026-03-03T15:00:00Z");
  const end = new Date("2026-03-03T16:00:00Z");
  return {
    event: {
      uid: "all-hands",
      providerId: null,
      summary: "All hands",
      description: "",
      location: "",
      start,
      end,
      allDay: false,
      status: "confirmed",
      organizer: { address: contacts[0] ?? KNOWN, name: "" },
      attendees: [],
      recurrenceId: null,
    },
    occurrences: Array.from({ length: occurrences }, (_, i) => ({
      start: new Date(start.getTime() + i * 7 * 864e5),
      end: new Date(end.getTime() + i * 7 * 864e5),
      status: "confirmed" as const,
    })),
    assessment: {
      informational: false,
      direction: null,
      confidence: 0.9,
      reasons: [],
      contacts,
      threadIds: [],
      userDeclined: false,
    },
  };
}

describe("contact timelines", () => {
  it("keep a crowd's meetings only for contacts known from threads", () => {
    const crowd = [KNOWN, ...Array.from({ length: 5_000 }, (_, i) => `person${i}@example.net`)];
    const timelines = buildTimelines([thread()], [meeting(crowd, 52)]);
    expect(timelines.get(KNOWN)?.meetings).toHaveLength(52);
    expect(timelines.has("person1@example.net")).toBe(false);
  });

  it("keep a small meeting for every participant", () => {
    const small = [KNOWN, "sam@example.net", "kim@example.net"];
    const timelines = buildTimelines([thread()], [meeting(small, 2)]);
    for (const c of small) expect(timelines.get(c)?.meetings).toHaveLength(2);
  });
});
