import { describe, expect, it } from "vitest";
import { readIcs, representative } from "../../src/scan/ics-reader.js";

const me = new Set(["me@example.com"]);
const opts = {
  me,
  timeZone: "Europe/Berlin",
  windowStart: new Date("2026-01-01T00:00:00Z"),
  windowEnd: new Date("2026-12-31T00:00:00Z"),
};
const cal = (body: string) => `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n${body}END:VCALENDAR\r\n`;

describe("readIcs", () => {
  it("expands RRULE with EXDATE and a RECURRENCE-ID override across DST, reporting the series once", () => {
    const text = cal(
      [
        "BEGIN:VEVENT",
        "UID:weekly@x",
        "DTSTART;TZID=Europe/Berlin:20260317T100000",
        "DTEND;TZID=Europe/Berlin:20260317T103000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "EXDATE;TZID=Europe/Berlin:20260324T100000",
        "SUMMARY:Jour fixe",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:weekly@x",
        "RECURRENCE-ID;TZID=Europe/Berlin:20260331T100000",
        "DTSTART;TZID=Europe/Berlin:20260331T140000",
        "DTEND;TZID=Europe/Berlin:20260331T143000",
        "SUMMARY:Jour fixe (moved)",
        "STATUS:CANCELLED",
        "END:VEVENT",
        "",
      ].join("\r\n"),
    );
    const { series, problems } = readIcs(text, opts);
    expect(problems).toEqual([]);
    expect(series).toHaveLength(1);
    const s = series[0]!;
    expect(s.recurring).toBe(true);
    expect(s.occurrences.map((o) => [o.start.toISOString(), o.status, o.summary])).toEqual([
      ["2026-03-17T09:00:00.000Z", "confirmed", "Jour fixe"], // CET
      ["2026-03-31T12:00:00.000Z", "cancelled", "Jour fixe (moved)"], // CEST, overridden
      ["2026-04-07T08:00:00.000Z", "confirmed", "Jour fixe"],
    ]);
    expect(representative(s, new Date("2026-04-01T00:00:00Z"))?.start.toISOString()).toBe("2026-04-07T08:00:00.000Z");
  });

  it("resolves a TZID without VTIMEZONE as an IANA zone, reads attendees, PARTSTAT, CANCELLED and all-day events", () => {
    const text = cal(
      [
        "BEGIN:VEVENT",
        "UID:a@x",
        "DTSTART;TZID=America/Los_Angeles:20260816T230000",
        "DTEND;TZID=America/Los_Angeles:20260816T233000",
        "ORGANIZER;CN=Ann:mailto:ann@example.org",
        "ATTENDEE;CN=Ann;PARTSTAT=ACCEPTED:mailto:ann@example.org",
        "ATTENDEE;CN=Me;PARTSTAT=DECLINED:mailto:ME@example.com",
        "STATUS:CANCELLED",
        "SUMMARY:Coffee",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:b@x",
        "DTSTART;VALUE=DATE:20260420",
        "DTEND;VALUE=DATE:20260421",
        "SUMMARY:Holiday",
        "END:VEVENT",
        "",
      ].join("\r\n"),
    );
    const { series } = readIcs(text, opts);
    const a = series.find((s) => s.uid === "a@x")!.occurrences[0]!;
    expect(a.start.toISOString()).toBe("2026-08-17T06:00:00.000Z");
    expect(a.status).toBe("cancelled");
    expect(a.attendees.map((x) => [x.address, x.response, x.self])).toEqual([
      ["ann@example.org", "accepted", false],
      ["me@example.com", "declined", true],
    ]);
    const b = series.find((s) => s.uid === "b@x")!.occurrences[0]!;
    expect(b.allDay).toBe(true);
    expect(b.start.toISOString()).toBe("2026-04-19T22:00:00.000Z");
  });

  it("reports an unreadable calendar instead of throwing", () => {
    expect(readIcs("this is not a calendar", opts).problems.length).toBeGreaterThan(0);
  });
});
