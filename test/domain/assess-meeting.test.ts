import { describe, expect, it } from "vitest";
import { assessMeeting, type ContactThreadInfo } from "../../src/domain/assess-meeting.js";
import type { CalendarEvent } from "../../src/domain/mail.js";

const ME = "me@work.example.com";
function event(summary: string, others: string[], extra: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: `${summary}@x`,
    providerId: null,
    summary,
    description: "",
    location: "",
    start: new Date("2026-05-04T10:00:00Z"),
    end: new Date("2026-05-04T10:30:00Z"),
    allDay: false,
    status: "confirmed",
    organizer: { address: others[0] ?? ME, name: "" },
    attendees: [ME, ...others].map((address) => ({
      address,
      name: "",
      response: "accepted",
      organizer: false,
      self: address === ME,
    })),
    recurrenceId: null,
    ...extra,
  };
}
const threads = new Map<string, ContactThreadInfo[]>([
  ["ana@example.org", [{ threadId: "<t1>", informational: true, direction: "seeker", category: "informational" }]],
  ["kid@uni.example.edu", [{ threadId: "<t2>", informational: true, direction: "host", category: "informational" }]],
  ["tal@corp.example.com", [{ threadId: "<t3>", informational: false, direction: null, category: "formal_hiring" }]],
]);

describe("assessMeeting", () => {
  it.each([
    ["a meeting with the contact of an informational thread", event("Ana / Me", ["ana@example.org"]), true, "seeker"],
    ["the host direction follows the thread", event("Call", ["kid@uni.example.edu"]), true, "host"],
    ["a calendar-only coffee", event("Virtual coffee w/ Sam (data platform)", ["sam@example.net"]), true, "seeker"],
    ["a Calendly-style title", event("30 Minute Meeting between Sam and Me", ["sam@example.net"]), true, "seeker"],
  ] as const)("%s is informational", (_l, e, informational, direction) => {
    expect(assessMeeting(e, [ME], threads)).toMatchObject({ informational, direction });
  });

  it.each([
    ["a formal interview", event("Interview w/ Acme — Analyst", ["ana@example.org"])],
    ["a chat with the hiring manager", event("Chat with the hiring manager", ["hm@acme.example.com"])],
    ["someone whose thread is formal hiring", event("Catch-up", ["tal@corp.example.com"])],
    ["a personal appointment", event("Dentist", [])],
    ["colleagues only", event("Coffee chat", ["boss@work.example.com"])],
    ["a group event", event("Coffee chat", ["a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"])],
    ["lunch with a friend", event("Lunch with Kavya", ["kavya@example.com"])],
    ["an all-day event", event("Conference", ["ana@example.org"], { allDay: true })],
    ["a team's welcome lunch an informational contact organised", event("Welcome lunch - Jason", ["ana@example.org"])],
  ] as const)("%s is not informational", (_l, e) => {
    expect(assessMeeting(e, [ME], threads).informational).toBe(false);
  });

  it("a recurring series is never an informational conversation", () => {
    expect(
      assessMeeting(event("Ana / Me", ["ana@example.org"]), [ME], threads, { recurring: true }).informational,
    ).toBe(false);
  });

  it("finds the contact named in a self-made note", () => {
    const a = assessMeeting(
      event("Lunch: Ana (ana@example.org)", [], { organizer: null, attendees: [] }),
      [ME],
      threads,
    );
    expect(a).toMatchObject({ informational: true, contacts: ["ana@example.org"] });
  });
});

describe("a personal calendar entry that names the contact", () => {
  const named = new Map<string, ContactThreadInfo[]>([
    [
      "t.greene@example.org",
      [{ threadId: "<t9>", informational: true, direction: "host", category: "informational", name: "Thomas Greene" }],
    ],
    [
      "r.iyer@example.net",
      [{ threadId: "<t8>", informational: true, direction: "seeker", category: "informational", name: "Raj Iyer" }],
    ],
    [
      "k.iyer@example.com",
      [{ threadId: "<t7>", informational: false, direction: null, category: "work", name: "Kavya Iyer" }],
    ],
  ]);
  const solo = (summary: string, description = ""): CalendarEvent => ({
    ...event(summary, []),
    organizer: null,
    attendees: [],
    description,
  });

  it("links an entry with no one invited to the contact whose full name or unique surname it spells", () => {
    expect(assessMeeting(solo("Lunch w/ Thomas Greene"), [ME], named)).toMatchObject({
      informational: true,
      direction: "host",
      contacts: ["t.greene@example.org"],
    });
    expect(assessMeeting(solo("lunch", "with Greene at the deli"), [ME], named)).toMatchObject({ informational: true });
    expect(assessMeeting(solo("Call Raj Iyer 860-555-0101"), [ME], named)).toMatchObject({
      informational: true,
      contacts: ["r.iyer@example.net"],
    });
  });

  it("links a discreet entry that writes a contact's initials dotted, when no one else has them", () => {
    expect(assessMeeting(solo("Lunch - T.G. (personal)"), [ME], named)).toMatchObject({
      informational: true,
      contacts: ["t.greene@example.org"],
    });
    expect(assessMeeting(solo("Coffee R. I."), [ME], named)).toMatchObject({ contacts: ["r.iyer@example.net"] });
    // undotted letters are a word, not initials; K.I. is a contact of a work thread only
    expect(assessMeeting(solo("TG lunch"), [ME], named).informational).toBe(false);
    expect(assessMeeting(solo("Lunch K.I."), [ME], named).informational).toBe(false);
  });

  it("links an entry that writes only a first name no other contact has ('coffee w Thomas')", () => {
    expect(assessMeeting(solo("coffee w Thomas (deli)"), [ME], named)).toMatchObject({
      informational: true,
      contacts: ["t.greene@example.org"],
    });
    // a first name in the description is not enough: notes mention people
    expect(assessMeeting(solo("Lunch", "ask about Thomas's project"), [ME], named).informational).toBe(false);
  });

  it("links the person met, not the one whose friend or relative they are ('Call Raj (Thomas's friend)')", () => {
    expect(assessMeeting(solo("Call Raj Iyer (Thomas's friend)"), [ME], named)).toMatchObject({
      informational: true,
      contacts: ["r.iyer@example.net"],
    });
    expect(assessMeeting(solo("Lunch with Thomas Greene’s sister"), [ME], named).informational).toBe(false);
    // at someone's place is with them
    expect(assessMeeting(solo("Dinner at Thomas's"), [ME], named)).toMatchObject({
      contacts: ["t.greene@example.org"],
    });
  });

  it("leaves it alone when the name is only a shared surname, a shared first name, or nobody's", () => {
    const twoThomases = new Map([
      ...named,
      [
        "thomas.berg@example.com",
        [{ threadId: "<t6>", informational: false, direction: null, category: "work" as const, name: "Thomas Berg" }],
      ],
    ]);
    expect(assessMeeting(solo("Call Iyer"), [ME], named).informational).toBe(false);
    expect(assessMeeting(solo("Lunch w/ Thomas"), [ME], twoThomases).informational).toBe(false);
    expect(assessMeeting(solo("Dentist"), [ME], named).informational).toBe(false);
  });
});
