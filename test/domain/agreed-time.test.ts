import { describe, expect, it } from "vitest";
import { extractAgreedMeetings, pinDayOfMonth } from "../../src/domain/agreed-time.js";

describe("agreed times with a weekday and a day of the month", () => {
  it("the explicit date wins over the weekday", () => {
    const text = pinDayOfMonth("Friday the 12th at 12:30 works", new Date("2026-06-05T14:00:00Z"), "America/Sao_Paulo");
    expect(text.startsWith("June 12, 2026")).toBe(true);
    expect(text.length).toBe("Friday the 12th at 12:30 works".length);
  });

  it("a later bare weekday confirmation keeps the explicit date", () => {
    const r = extractAgreedMeetings(
      [
        {
          messageId: "a",
          date: new Date("2026-06-04T10:55:00Z"),
          sentByUser: true,
          text: "Would you have 15 minutes?",
        },
        {
          messageId: "b",
          date: new Date("2026-06-05T14:20:00Z"),
          sentByUser: false,
          text: "Happy to. Friday the 12th at 12:30 works, I'll call you.",
        },
        { messageId: "c", date: new Date("2026-06-05T14:52:00Z"), sentByUser: true, text: "Great, Friday 12:30 then!" },
      ],
      "America/Sao_Paulo",
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-06-12T15:30:00.000Z");
  });

  it("a weekday with a later day of the month is not read a week early", () => {
    const r = extractAgreedMeetings(
      [
        {
          messageId: "a",
          date: new Date("2026-09-17T01:00:00Z"),
          sentByUser: true,
          text: "Could we set up a quick call?",
        },
        {
          messageId: "b",
          date: new Date("2026-09-17T14:15:00Z"),
          sentByUser: false,
          text: "Yep. Friday the 25th at noon?",
        },
        { messageId: "c", date: new Date("2026-09-17T14:30:00Z"), sentByUser: true, text: "Friday at noon works." },
        {
          messageId: "d",
          date: new Date("2026-09-24T22:00:00Z"),
          sentByUser: false,
          text: "Still good for tomorrow at noon?",
        },
      ],
      "America/Denver",
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-09-25T18:00:00.000Z");
  });

  it("reads a day-first numeric date after a weekday in another language", () => {
    const r = extractAgreedMeetings(
      [
        {
          messageId: "a",
          date: new Date("2026-03-16T08:30:00Z"),
          sentByUser: true,
          text: "Könnten wir 20 Minuten telefonieren?",
        },
        {
          messageId: "b",
          date: new Date("2026-03-17T11:00:00Z"),
          sentByUser: false,
          text: "gerne! Donnerstag, 26.3., um 17:30 Uhr?",
        },
        {
          messageId: "c",
          date: new Date("2026-03-17T11:30:00Z"),
          sentByUser: true,
          text: "Passt! Meine Nummer: 0176 5550 1234.",
        },
      ],
      "Europe/Berlin",
      30,
    );
    expect(r.meetings[0]?.start).toBe("2026-03-26T16:30:00.000Z");
  });
});
