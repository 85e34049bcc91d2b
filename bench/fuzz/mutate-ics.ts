/**
 * Structure-aware mutations of a real iCalendar file: the file is read as unfolded lines with their
 * components, and each mutation changes what a calendar reader computes with — durations, dates and zones,
 * recurrence rules, EXDATE/RDATE lists, overrides, nesting, several calendars, sizes — or damages the text.
 */
import type { Random } from "../../sandbox/random.js";
import { repeat, size } from "./hostile.js";

const DURATIONS = [
  "P999999999999999999W",
  "-P999999999999999999W",
  "PT999999999999999999S",
  "-PT99999999999S",
  "P99999D",
  "P",
  "PXYZ",
  "P1Y",
  "PT-5M",
  "P0D",
  "PT1H",
  "P1W2DT3H4M5S",
];

const DATES = [
  "00000101T000000Z",
  "00010101T000000",
  "99991231T235959Z",
  "20261332T250000",
  "20260230T100000Z",
  "2026",
  "20260101",
  "20260101T",
  "20260101T120000+0100",
  "",
  "19000101T000000Z",
  "20260310T100000Z",
  "20260310T100000",
  "-20260310T100000Z",
  "20260310T100000Z/PT1H",
];

const ZONES = ["Europe/Berlin", "Not/AZone", "(GMT+01.00) Amsterdam", "UTC", "", repeat("Z", 5000), "America/New_York"];

const RULE_PARTS: Record<string, string[]> = {
  FREQ: ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "FORTNIGHTLY", ""],
  INTERVAL: ["1", "2", "0", "-1", "999999999", "999999999999999999", "x"],
  COUNT: ["1", "5", "0", "-3", "999999999", "999999999999999999"],
  UNTIL: ["19000101T000000Z", "00000101", "99991231T235959Z", "20260101", "20300101T000000Z", "garbage"],
  BYMONTH: ["2", "13", "0", "1,2,3,4,5,6,7,8,9,10,11,12"],
  BYMONTHDAY: ["30", "31", "-1", "32", "0", "1,15,-1"],
  BYYEARDAY: ["366", "-366", "1", "400"],
  BYWEEKNO: ["53", "-53", "0", "1"],
  BYDAY: ["MO", "5MO", "-1SU", "53FR", "MO,TU,WE,TH,FR", "XX", " TU"],
  BYHOUR: ["25", "0,12", "23"],
  BYMINUTE: ["60", "0,30"],
  BYSECOND: ["60", "0,1,2,3,4,5"],
  BYSETPOS: ["-1", "1", "366", "0"],
  WKST: ["MO", "SU", "XX"],
};

/** A recurrence rule: a frequency plus random parts, often contradictory. */
export function hostileRule(rnd: Random): string {
  const parts = [`FREQ=${rnd.pick(RULE_PARTS.FREQ as string[])}`];
  const names = Object.keys(RULE_PARTS).filter((n) => n !== "FREQ");
  const count = rnd.int(0, 4);
  for (let i = 0; i < count; i++) {
    const name = rnd.pick(names);
    parts.push(`${name}=${rnd.pick(RULE_PARTS[name] as string[])}`);
  }
  return parts.join(";");
}

interface Calendar {
  lines: string[];
}

function parseIcs(text: string): Calendar {
  const lines: string[] = [];
  for (const raw of text.split(/\r\n|\n|\r/)) {
    if (/^[ \t]/.test(raw) && lines.length > 0) lines[lines.length - 1] += raw.slice(1);
    else if (raw.length > 0) lines.push(raw);
  }
  return { lines };
}

/** Inserts `items` at `at` (splice with a spread argument list overflows the stack past ~100,000 items). */
function insert(c: Calendar, at: number, items: readonly string[]): void {
  c.lines = [...c.lines.slice(0, at), ...items, ...c.lines.slice(at)];
}

/** Index ranges [begin, end] of every VEVENT (or the whole file when it has none). */
function events(c: Calendar): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  c.lines.forEach((l, i) => {
    if (/^BEGIN:VEVENT/i.test(l)) start = i;
    else if (/^END:VEVENT/i.test(l) && start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  });
  return out;
}

/** A VEVENT to change: an existing one, or a new one added to the first calendar. */
function someEvent(c: Calendar, rnd: Random): [number, number] {
  const all = events(c);
  if (all.length > 0 && rnd.chance(0.9)) return rnd.pick(all);
  const at = Math.max(1, c.lines.findIndex((l) => /^BEGIN:VCALENDAR/i.test(l)) + 1);
  const added = [
    "BEGIN:VEVENT",
    `UID:added-${rnd.int(0, 1e9)}@example.org`,
    "DTSTART:20260310T100000Z",
    "DTEND:20260310T103000Z",
    "SUMMARY:Call",
    "ATTENDEE:mailto:me@example.com",
    "END:VEVENT",
  ];
  insert(c, at, added);
  return [at, at + added.length - 1];
}

/** Replaces (or adds) property `name` of the event at `range` with `line`. */
function setProperty(c: Calendar, range: [number, number], name: string, line: string): void {
  const [from, to] = range;
  const re = new RegExp(`^${name}[;:]`, "i");
  for (let i = to - 1; i > from; i--) if (re.test(c.lines[i] ?? "")) c.lines.splice(i, 1);
  const end = c.lines.findIndex((l, i) => i > from && /^END:VEVENT/i.test(l));
  c.lines.splice(end < 0 ? c.lines.length : end, 0, line);
}

function uidOf(c: Calendar, range: [number, number]): string {
  for (let i = range[0]; i <= range[1]; i++) {
    const m = /^UID[^:]*:(.*)$/i.exec(c.lines[i] ?? "");
    if (m) return m[1] ?? "x";
  }
  return "x";
}

function timeProperty(rnd: Random, name: string): string {
  const params = rnd.chance(0.4) ? `;TZID=${rnd.pick(ZONES)}` : rnd.chance(0.2) ? ";VALUE=DATE" : "";
  return `${name}${params}:${rnd.pick(DATES)}`;
}

type Mutation = (c: Calendar, rnd: Random) => string;

const MUTATIONS: Record<string, Mutation> = {
  duration: (c, rnd) => {
    const e = someEvent(c, rnd);
    const value = rnd.pick(DURATIONS);
    if (rnd.chance(0.7)) setProperty(c, e, "DTEND", "X-REMOVED-DTEND:1");
    setProperty(c, e, "DURATION", `DURATION:${value}`);
    return `DURATION:${value}`;
  },
  dates: (c, rnd) => {
    const e = someEvent(c, rnd);
    const name = rnd.pick(["DTSTART", "DTEND", "RECURRENCE-ID", "EXDATE", "RDATE"]);
    const line = timeProperty(rnd, name);
    setProperty(c, e, name, line);
    return line.slice(0, 80);
  },
  rrule: (c, rnd) => {
    const e = someEvent(c, rnd);
    const rules = Array.from({ length: rnd.int(1, 3) }, () => hostileRule(rnd));
    setProperty(c, e, "RRULE", `RRULE:${rules[0]}`);
    for (const r of rules.slice(1)) c.lines.splice(e[0] + 1, 0, `RRULE:${r}`);
    if (rnd.chance(0.3)) setProperty(c, e, "DTSTART", timeProperty(rnd, "DTSTART"));
    return `RRULE ${rules.join(" + ")}`;
  },
  "date-list-flood": (c, rnd) => {
    const e = someEvent(c, rnd);
    const name = rnd.pick(["EXDATE", "RDATE"]);
    const n = size(rnd, 100, 60_000);
    const tz = rnd.chance(0.4) ? ";TZID=Europe/Berlin" : "";
    const period = name === "RDATE" && rnd.chance(0.3);
    const perLine = rnd.chance(0.3) ? 50 : 1;
    const lines: string[] = [];
    for (let i = 0; i < n; i += perLine) {
      const values = [];
      for (let k = i; k < Math.min(n, i + perLine); k++) {
        const d = new Date(Date.UTC(2020, 0, 1 + (rnd.chance(0.5) ? k : rnd.int(0, 20_000)), 10));
        const v = d
          .toISOString()
          .replace(/[-:]/g, "")
          .replace(/\.\d+Z/, tz ? "" : "Z");
        values.push(period ? `${v}/PT${rnd.pick(["1H", "999999999999H"])}` : v);
      }
      lines.push(`${name}${period ? ";VALUE=PERIOD" : ""}${tz}:${values.join(",")}`);
    }
    setProperty(c, e, "RRULE", `RRULE:${rnd.pick(["FREQ=DAILY", "FREQ=HOURLY", "FREQ=WEEKLY;BYDAY=MO,WE"])}`);
    insert(c, e[0] + 1, lines);
    return `${n} ${name} values${period ? " (periods)" : ""}`;
  },
  "override-flood": (c, rnd) => {
    const e = someEvent(c, rnd);
    const uid = uidOf(c, e);
    setProperty(c, e, "RRULE", "RRULE:FREQ=DAILY");
    const n = size(rnd, 10, 20_000);
    const added: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = new Date(Date.UTC(2025, 0, 1 + (rnd.chance(0.7) ? i : rnd.int(0, 5000)), 10));
      const v = d
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d+Z/, "Z");
      const range = rnd.chance(0.1) ? ";RANGE=THISANDFUTURE" : "";
      added.push(
        "BEGIN:VEVENT",
        `UID:${uid}`,
        `RECURRENCE-ID${range}:${v}`,
        `DTSTART:${v}`,
        "SUMMARY:moved",
        "END:VEVENT",
      );
    }
    insert(c, e[1] + 1, added);
    return `${n} overrides of one series`;
  },
  "many-events": (c, rnd) => {
    const n = size(rnd, 100, 10_000);
    const rule = rnd.chance(0.5) ? hostileRule(rnd) : "FREQ=MINUTELY";
    const added: string[] = [];
    for (let i = 0; i < n; i++) {
      added.push(
        "BEGIN:VEVENT",
        `UID:many-${i}@example.org`,
        "DTSTART:20200101T100000Z",
        "DTEND:20200101T103000Z",
        `RRULE:${rule}`,
        "END:VEVENT",
      );
    }
    const at = Math.max(1, c.lines.findIndex((l) => /^BEGIN:VCALENDAR/i.test(l)) + 1);
    insert(c, at, added);
    return `${n} recurring events (${rule})`;
  },
  "several-calendars": (c, rnd) => {
    // At most ~150,000 lines (a few megabytes) in all, whatever other mutations made of the file.
    const copies = Math.max(2, Math.min(size(rnd, 2, 200), Math.floor(150_000 / Math.max(1, c.lines.length))));
    const one = [...c.lines];
    c.lines = [];
    for (let i = 0; i < copies; i++) c.lines = c.lines.concat(one);
    if (rnd.chance(0.3)) insert(c, rnd.int(1, Math.max(1, one.length - 1)), one);
    return `${copies} copies of the calendar in one file`;
  },
  nesting: (c, rnd) => {
    const depth = size(rnd, 2, 50_000);
    const name = rnd.pick(["VEVENT", "VCALENDAR", "VALARM", "X-THING"]);
    const closed = rnd.chance(0.5);
    const at = rnd.int(0, c.lines.length);
    const open = Array.from({ length: depth }, () => `BEGIN:${name}`);
    const close = closed ? Array.from({ length: depth }, () => `END:${name}`) : [];
    insert(c, at, [...open, "UID:nested", "DTSTART:20260310T100000Z", ...close]);
    return `${depth} nested ${name}${closed ? "" : " (never closed)"}`;
  },
  vtimezone: (c, rnd) => {
    const tzid = rnd.pick(["Custom/Zone", "Europe/Berlin", "(GMT+01.00) Amsterdam"]);
    const rule = rnd.chance(0.5) ? hostileRule(rnd) : "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU";
    const offset = rnd.pick(["+0100", "-2400", "+9999", "x", ""]);
    const parts = size(rnd, 1, 2000);
    const vtz = ["BEGIN:VTIMEZONE", `TZID:${tzid}`];
    for (let i = 0; i < parts; i++) {
      vtz.push(
        "BEGIN:STANDARD",
        `DTSTART:${rnd.pick(["16010101T000000", "00000101T000000", "20260329T020000"])}`,
        `TZOFFSETFROM:${offset}`,
        `TZOFFSETTO:${rnd.pick(["+0200", offset])}`,
        `RRULE:${rule}`,
        "END:STANDARD",
      );
    }
    vtz.push("END:VTIMEZONE");
    const e = someEvent(c, rnd);
    setProperty(c, e, "DTSTART", `DTSTART;TZID=${tzid}:20260310T100000`);
    const at = Math.max(1, c.lines.findIndex((l) => /^BEGIN:VCALENDAR/i.test(l)) + 1);
    insert(c, at, vtz);
    return `VTIMEZONE ${tzid} with ${parts} parts, offset ${offset}, rule ${rule}`;
  },
  "attendee-flood": (c, rnd) => {
    const e = someEvent(c, rnd);
    const n = size(rnd, 10, 100_000);
    const lines = Array.from({ length: n }, (_, i) => `ATTENDEE;CN=P${i};PARTSTAT=ACCEPTED:mailto:p${i}@example.org`);
    insert(c, e[0] + 1, lines);
    return `${n} attendees`;
  },
  "big-value": (c, rnd) => {
    const e = someEvent(c, rnd);
    const name = rnd.pick(["SUMMARY", "DESCRIPTION", "LOCATION", "UID", "X-ALT-DESC;FMTTYPE=text/html"]);
    const value = repeat(rnd.pick(["a", "\\n", "\\", ";", ",", "<", ":"]), size(rnd, 100, 2_000_000));
    setProperty(c, e, name.split(";")[0] as string, `${name}:${value}`);
    return `${name} of ${value.length} chars`;
  },
};

function serialize(c: Calendar, rnd: Random): { text: string; label: string } {
  const joined = c.lines.join("\r\n");
  switch (rnd.int(0, 7)) {
    case 0:
      return { text: `\ufeff${joined}`, label: "byte-order mark" };
    case 1: {
      const at = rnd.int(0, joined.length);
      return { text: joined.slice(0, at), label: `truncated at ${at}` };
    }
    case 2: {
      const kept = c.lines.filter(() => rnd.chance(0.9));
      return { text: kept.join("\n"), label: `${c.lines.length - kept.length} lines deleted` };
    }
    case 3: {
      const folded = joined.replace(/(.{1,3})/g, rnd.chance(0.5) ? "$1\r\n " : "$1\n\t");
      return { text: folded, label: "every few characters folded" };
    }
    case 4:
      return { text: joined.replace(/\r\n/g, "\r"), label: "CR line ends" };
    case 5: {
      const garbage = rnd.pick(["\u0000", "X", ":", ";;;", "BEGIN:", "END:", "\ufffd\ufffd", 'UID;X="unclosed:']);
      const lines = [...c.lines];
      const n = size(rnd, 1, 500);
      for (let i = 0; i < n; i++) lines.splice(rnd.int(0, lines.length), 0, garbage);
      return { text: lines.join("\r\n"), label: `${n} garbage lines (${JSON.stringify(garbage)})` };
    }
    default:
      return { text: `${joined}\r\n`, label: "" };
  }
}

/** Largest calendar generated: a heavy user's whole calendar export is a few megabytes. */
const MAX_CHARS = 8_000_000;

/** One mutated calendar from `seed`: one to three structural mutations, then sometimes damaged text. */
export function mutateIcs(seed: string, rnd: Random): { text: string; label: string } {
  const c = parseIcs(seed);
  const labels: string[] = [];
  const names = Object.keys(MUTATIONS);
  const count = rnd.int(1, 3);
  for (let i = 0; i < count; i++) {
    const name = rnd.pick(names);
    labels.push((MUTATIONS[name] as Mutation)(c, rnd));
  }
  const out = rnd.chance(0.35) ? serialize(c, rnd) : { text: `${c.lines.join("\r\n")}\r\n`, label: "" };
  if (out.label) labels.push(out.label);
  if (out.text.length > MAX_CHARS) {
    // Mutations multiply (a 60,000-character UID copied into 3,000 overrides): keep a calendar's size.
    out.text = out.text.slice(0, MAX_CHARS);
    labels.push(`cut to ${MAX_CHARS / 1e6} MB`);
  }
  return { text: out.text, label: labels.join("; ") };
}
