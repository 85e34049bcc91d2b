/**
 * Issue 12, item 2: calendars that hung `scan --ics` for ever, ended the whole scan, misreported year 0000 or gave
 * raw JavaScript errors as reasons. Each regression fixture (test/fixtures/fuzz/ics, written for this test) runs
 * through `rapport scan`'s code in a fuzz worker process with a hard limit, so a hang fails the test instead of
 * stalling the suite. Every file is read beside a plain message, which must survive. Bounds are CPU time.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type FuzzInput, PLAIN_MAIL } from "../../bench/fuzz/inputs.js";
import { type PoolResult, runInputs } from "../../bench/fuzz/pool.js";
import { createRandom } from "../../sandbox/random.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/fuzz/ics");
/** CPU milliseconds a whole scan of one of these files may take (the least of three runs, when one is over). */
const BUDGET_MS = 1500;

interface Expectation {
  reasons: RegExp[];
  meetings: string[];
  starts?: Record<string, string>;
}

const EXPECTED: Record<string, Expectation> = {
  "duration-huge-weeks.ics": {
    reasons: [/weeks@example.org: its DURATION is longer than 400 days/],
    meetings: ["weeks@example.org"],
  },
  "duration-negative.ics": {
    reasons: [/negative@example.org: its DURATION is negative/],
    meetings: ["negative@example.org"],
  },
  "duration-huge-seconds.ics": {
    reasons: [/seconds@example.org: its DURATION is longer/],
    meetings: ["seconds@example.org"],
  },
  "dtend-millennia-apart.ics": {
    reasons: [/apart@example.org: its DTEND lasts more than 400 days/],
    meetings: ["apart@example.org"],
  },
  "rrule-impossible.ics": {
    reasons: [/never@example.org: its recurrence could not be expanded \(its recurrence takes too many steps/],
    meetings: ["never@example.org"],
  },
  "rrule-huge-interval.ics": {
    reasons: [/interval@example.org: its RRULE repeats less than once a century/],
    meetings: ["interval@example.org"],
  },
  "several-vcalendars.ics": { reasons: [], meetings: ["first@example.org"] },
  "year-0000.ics": {
    reasons: [],
    meetings: ["zero@example.org"],
    starts: { "zero@example.org": "0000-01-01T10:00:00.000Z" },
  },
  "rdate-period.ics": { reasons: [], meetings: ["period@example.org"] },
  "unreadable-values.ics": {
    reasons: [
      /nostart@example.org skipped: it has no start time \(DTSTART\)/,
      /badstart@example.org skipped: its start \(DTSTART\) could not be read/,
      /badend@example.org: its DTEND could not be read and was ignored/,
    ],
    meetings: ["badend@example.org", "dateonly@example.org"],
    starts: { "dateonly@example.org": "2026-03-11T23:00:00.000Z" },
  },
  "bad-line.ics": {
    reasons: [/^2 calendar lines could not be read and were ignored/],
    meetings: ["badrule@example.org"],
  },
  "unclosed.ics": { reasons: [/END:VTODO without BEGIN/], meetings: [] },
  "vtimezone-huge-interval.ics": {
    reasons: [/the time zone "Custom Zone" could not be used \(its RRULE repeats less than once a century/],
    meetings: ["zoned@example.org"],
  },
  "custom-root.ics": { reasons: [], meetings: [] },
};

function input(index: number, label: string, ics: string): FuzzInput {
  return { kind: "scan-ics", index, label, seed: label, mail: PLAIN_MAIL, ics };
}

/** 50,000 EXDATE lines in random order on a daily series (ical.js sorted them one insertion at a time). */
function manyExdates(): string {
  const rnd = createRandom("exdates");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport regression//EN",
    "BEGIN:VEVENT",
    "UID:daily@example.org",
  ];
  lines.push(
    "DTSTART;TZID=Europe/Berlin:20200101T100000",
    "DTEND;TZID=Europe/Berlin:20200101T103000",
    "RRULE:FREQ=DAILY",
  );
  for (let i = 0; i < 50_000; i++) {
    const d = new Date(Date.UTC(2020, 0, 1 + rnd.int(0, 200_000), 10));
    lines.push(`EXDATE;TZID=Europe/Berlin:${d.toISOString().slice(0, 19).replace(/[-:]/g, "")}`);
  }
  lines.push("END:VEVENT", "END:VCALENDAR", "");
  return lines.join("\r\n");
}

const NAMES = readdirSync(FIXTURES)
  .filter((n) => n.endsWith(".ics"))
  .sort();
let results: Map<string, PoolResult>;

/** One event with 60,000 ATTENDEE lines (ical.js scanned them all for every property it looked up). */
function manyAttendees(): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport regression//EN",
    "BEGIN:VEVENT",
    "UID:crowd@example.org",
  ];
  lines.push("DTSTART:20260301T100000Z", "DTEND:20260301T110000Z", "RRULE:FREQ=DAILY;COUNT=60");
  for (let i = 0; i < 60_000; i++) lines.push(`ATTENDEE;CN=P${i};PARTSTAT=ACCEPTED:mailto:p${i}@example.org`);
  lines.push("END:VEVENT", "END:VCALENDAR", "");
  return lines.join("\r\n");
}

/** A VTIMEZONE of 400 parts, each a yearly rule from 1601 (ical.js expands every part up to the year asked for). */
function zoneOfManyParts(): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport regression//EN",
    "BEGIN:VTIMEZONE",
    "TZID:Many Parts",
  ];
  for (let i = 0; i < 400; i++) {
    lines.push("BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0100");
    lines.push("RRULE:FREQ=YEARLY;BYWEEKNO=-53", "END:STANDARD");
  }
  lines.push("END:VTIMEZONE", "BEGIN:VEVENT", "UID:parts@example.org", "DTSTART;TZID=Many Parts:20260310T100000");
  lines.push("DTEND;TZID=Many Parts:20260310T103000", "END:VEVENT", "END:VCALENDAR", "");
  return lines.join("\r\n");
}

/** 2,000 yearly series that only match in years with a week 53 (each yearly step expands a year of days). */
function rareYearlyRules(): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport regression//EN"];
  for (let i = 0; i < 2000; i++) {
    lines.push("BEGIN:VEVENT", `UID:week53-${i}@example.org`, "DTSTART:20200101T100000Z", "DTEND:20200101T103000Z");
    lines.push("RRULE:FREQ=YEARLY;BYWEEKNO=53;BYHOUR=0,12;BYHOUR=23", "END:VEVENT");
  }
  lines.push("END:VCALENDAR", "");
  return lines.join("\r\n");
}

/** 20,000 RDATEs in a zone the file does not define, beside 9,000 overrides (each value's zone lookup scanned them). */
function undefinedZoneFlood(): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rapport regression//EN",
    "BEGIN:VEVENT",
    "UID:flood@example.org",
  ];
  lines.push(
    "DTSTART;TZID=Nowhere/Zone:20250101T100000",
    "DTEND;TZID=Nowhere/Zone:20250101T103000",
    "RRULE:FREQ=DAILY",
  );
  const day = (i: number) => new Date(Date.UTC(2025, 0, 1 + i, 10)).toISOString().slice(0, 19).replace(/[-:]/g, "");
  for (let i = 0; i < 20_000; i++) lines.push(`RDATE;TZID=Nowhere/Zone:${day(i)}`);
  lines.push("END:VEVENT");
  for (let i = 0; i < 9_000; i++) {
    lines.push("BEGIN:VEVENT", "UID:flood@example.org", `RECURRENCE-ID;TZID=Nowhere/Zone:${day(i)}`);
    lines.push(`DTSTART;TZID=Nowhere/Zone:${day(i)}`, "SUMMARY:moved", "END:VEVENT");
  }
  lines.push("END:VCALENDAR", "");
  return lines.join("\r\n");
}

const GENERATED: Record<string, () => string> = {
  "20,000 RDATEs in an undefined zone beside 9,000 overrides": undefinedZoneFlood,
  "2,000 yearly series matching only in week 53": rareYearlyRules,
  "50,000 EXDATE lines in random order": manyExdates,
  "60,000 ATTENDEE lines": manyAttendees,
  "a VTIMEZONE of 400 yearly parts": zoneOfManyParts,
};

describe("hostile calendars through rapport scan", () => {
  beforeAll(async () => {
    const inputs = NAMES.map((name, i) => input(i, name, readFileSync(path.join(FIXTURES, name), "utf8")));
    for (const [label, make] of Object.entries(GENERATED)) inputs.push(input(inputs.length, label, make()));
    const ran = await runInputs(inputs, { workers: 2, hardLimitMs: 30_000, retimeOverMs: BUDGET_MS });
    results = new Map(ran.map((r) => [inputs[r.index]?.label ?? "", r]));
  }, 240_000);

  it("has an expectation for every fixture", () => {
    expect(NAMES).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each([...NAMES, ...Object.keys(GENERATED)])(
    "%s: read in bounded time beside the mail, with readable reasons",
    (name) => {
      const r = results.get(name);
      expect(r?.lost).toBeUndefined();
      const reply = r?.reply;
      expect(reply?.outcome.failure).toBeNull();
      expect(reply?.outcome.unreadable).toEqual([]);
      expect(reply?.cpuMs).toBeLessThan(BUDGET_MS);
      const expected = EXPECTED[name];
      if (!expected || !reply) return;
      const uids = (reply.outcome.meetings ?? []).map((m) => m.uid);
      expect(uids).toEqual(expect.arrayContaining(["coffee@example.org", ...expected.meetings]));
      for (const re of expected.reasons)
        expect(
          reply.outcome.reasons.some((x) => re.test(x)),
          String(re),
        ).toBe(true);
      if (expected.reasons.length === 0) expect(reply.outcome.reasons).toEqual([]);
      for (const [uid, start] of Object.entries(expected.starts ?? {})) {
        expect(reply.outcome.meetings?.find((m) => m.uid === uid)?.start).toBe(start);
      }
    },
  );
});
