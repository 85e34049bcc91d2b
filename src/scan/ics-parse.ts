/**
 * iCalendar text → its top-level components (ical.js), tolerant of what real exports hold: a byte-order mark,
 * several VCALENDARs in one file (every one is read), dates without VALUE=DATE, and lines or components ical.js
 * rejects. When the whole file does not parse, it is read again line by line: each line ical.js cannot read is
 * dropped and counted, components left open are closed, stray END lines ignored, so one bad line loses one line
 * and not the calendar. Linear in the file.
 */
import ICAL from "ical.js";
import { readableReason } from "./ics-limits.js";

type IcalComponent = InstanceType<typeof ICAL.Component>;

// Lenient value parsing, as calendar applications read files: DTSTART:20220101 (no VALUE=DATE) is a date.
ICAL.design.strict = false;

/** Components nested deeper than this are not iCalendar's (VCALENDAR > VEVENT > VALARM is three). */
const MAX_DEPTH = 8;

export interface ParsedCalendar {
  /** Top-level components: normally VCALENDARs, sometimes bare VEVENTs. */
  roots: IcalComponent[];
  problems: string[];
}

type Jcal = [string, unknown[], Jcal[]];

/**
 * ical.js looks a TZID up among the calendar's VTIMEZONEs for every time value it reads, and remembers only the
 * zones it finds: a TZID the file does not define costs a scan of all the calendar's components each time (20,000
 * such values beside 9,000 events took seconds). Every answer, "none" included, is remembered per calendar.
 */
function rememberZoneLookups(root: IcalComponent): IcalComponent {
  const lookup = root.getTimeZoneByID.bind(root);
  const known = new Map<string, ReturnType<typeof lookup>>();
  root.getTimeZoneByID = (tzid: string) => {
    if (!known.has(tzid)) known.set(tzid, lookup(tzid));
    return (known.get(tzid) ?? null) as ReturnType<typeof lookup>;
  };
  return root;
}

function toRoots(parsed: unknown): IcalComponent[] {
  if (!Array.isArray(parsed) || parsed.length === 0) return [];
  const list = (typeof parsed[0] === "string" ? [parsed] : parsed) as Jcal[];
  return list
    .filter((c) => Array.isArray(c) && typeof c[0] === "string")
    .map((c) => rememberZoneLookups(new ICAL.Component(c)));
}

/** Logical lines: line ends of any kind, folded continuation lines joined. */
function unfold(text: string): string[] {
  const lines: string[] = [];
  for (const raw of text.split(/\r\n|\n|\r/)) {
    const c = raw.charCodeAt(0);
    if ((c === 32 || c === 9) && lines.length > 0) lines[lines.length - 1] += raw.slice(1);
    else lines.push(raw);
  }
  return lines;
}

const BEGIN_END = /^(BEGIN|END):([A-Za-z0-9-]+)\s*$/i;

/**
 * Builds the calendar's components (ical.js's jCal) from the lines ical.js can read, one line at a time, with
 * every component closed: each line is parsed once, and the file is not parsed again as a whole.
 */
function repair(text: string): { components: Jcal[]; dropped: number; firstProblem: string } {
  const roots: Jcal[] = [];
  const open: Jcal[] = [];
  let skipped = 0;
  let dropped = 0;
  let firstProblem = "";
  const drop = (why: string): void => {
    dropped++;
    if (!firstProblem) firstProblem = why;
  };
  for (const line of unfold(text)) {
    if (line.trim() === "") continue;
    if (/^(BEGIN|END):\s*$/i.test(line)) {
      drop("a BEGIN or END line without a component name");
      continue;
    }
    const marker = BEGIN_END.exec(line);
    if (marker) {
      const name = (marker[2] ?? "").toLowerCase();
      if (marker[1]?.toUpperCase() === "BEGIN") {
        if (skipped > 0 || open.length >= MAX_DEPTH) skipped++;
        else {
          const component: Jcal = [name, [], []];
          (open.length > 0 ? (open[open.length - 1] as Jcal)[2] : roots).push(component);
          open.push(component);
        }
      } else if (skipped > 0) skipped--;
      else if (open.some((c) => c[0] === name)) {
        while (open.length > 0 && open.pop()?.[0] !== name) {
          // components left open inside the one this END closes are closed with it
        }
      } else drop(`END:${name.toUpperCase()} without BEGIN`);
      continue;
    }
    if (skipped > 0) continue;
    const current = open[open.length - 1];
    if (!current) {
      drop("a line outside any component");
      continue;
    }
    try {
      current[1].push(ICAL.parse.property(line));
    } catch (e) {
      drop(`${line.split(/[;:]/, 1)[0]?.slice(0, 40) ?? "a line"}: ${readableReason(e)}`);
    }
  }
  return { components: roots, dropped, firstProblem };
}

export function parseCalendar(input: string): ParsedCalendar {
  const text = input.charCodeAt(0) === 0xfeff ? input.replace(/^\ufeff+/, "") : input;
  try {
    return { roots: toRoots(ICAL.parse(text)), problems: [] };
  } catch {
    // read again line by line below
  }
  const repaired = repair(text);
  const problems =
    repaired.dropped > 0
      ? [
          `${repaired.dropped} calendar line${repaired.dropped === 1 ? "" : "s"} could not be read and ` +
            `${repaired.dropped === 1 ? "was" : "were"} ignored (the first: ${repaired.firstProblem})`,
        ]
      : [];
  try {
    return { roots: toRoots(repaired.components), problems };
  } catch (e) {
    return { roots: [], problems: [...problems, `calendar could not be read: ${readableReason(e)}`] };
  }
}
