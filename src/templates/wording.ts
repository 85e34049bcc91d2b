/**
 * Names and dates as people write them, shared by the draft and digest contexts: a display name worth printing, the
 * first name to greet by, "A, B and C", "3 March", "on Thursday". Pure: the time zone and `now` are arguments.
 */
import { localDayDifference, toLocal } from "../domain/time-zone.js";

const HONORIFICS = new Set(["mr", "mrs", "ms", "mx", "dr", "prof", "sir", "dame"]);
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A display name that is worth printing (not empty, not an address, not a role mailbox). */
export function cleanName(name: string | null | undefined): string | null {
  const trimmed = (name ?? "").replace(/["']/g, "").replace(/\s+/g, " ").trim();
  if (trimmed === "" || trimmed.includes("@") || !/\p{L}/u.test(trimmed)) return null;
  // "Lopez, Maria" → "Maria Lopez"
  const comma = /^([^,]+),\s*([^,]+)$/.exec(trimmed);
  return comma ? `${comma[2]} ${comma[1]}` : trimmed;
}

/** The first name to greet someone by, or null when the name does not tell. */
export function firstNameOf(name: string | null | undefined): string | null {
  const full = cleanName(name);
  if (!full) return null;
  const words = full.split(" ").filter((w) => !HONORIFICS.has(w.replace(/\.$/, "").toLowerCase()));
  const first = words[0];
  if (!first || first.length < 2 || !/^\p{L}/u.test(first)) return null;
  // Shouting display names ("MARIA LOPEZ") read badly in a greeting.
  return first === first.toUpperCase() ? first.charAt(0) + first.slice(1).toLowerCase() : first;
}

/** "A", "A and B", "A, B and C". */
export function listNames(names: readonly string[]): string | null {
  const clean = [...new Set(names.map(cleanName).filter((n): n is string => n !== null))];
  if (clean.length === 0) return null;
  if (clean.length === 1) return clean[0] as string;
  return `${clean.slice(0, -1).join(", ")} and ${clean[clean.length - 1]}`;
}

/** A local date as people say it: "3 March" (or "3 March 2025" when not this year). */
export function dayAndMonth(date: Date, now: Date, timeZone: string): string {
  const l = toLocal(date, timeZone);
  const year = l.year === toLocal(now, timeZone).year ? "" : ` ${l.year}`;
  return `${l.day} ${MONTHS[l.month - 1]}${year}`;
}

/** When something happened, relative to now, as a phrase that fits after a verb ("we spoke on Thursday"). */
export function whenPhrase(date: Date | null, now: Date, timeZone: string, fallback: string): string {
  if (!date) return fallback;
  const days = localDayDifference(date, now, timeZone);
  if (days < 0) return fallback;
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 7) return `on ${WEEKDAYS[toLocal(date, timeZone).weekday]}`;
  if (days < 14) return "last week";
  return `on ${dayAndMonth(date, now, timeZone)}`;
}
