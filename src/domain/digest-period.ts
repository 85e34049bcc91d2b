/**
 * The digest's calendar, always in the account's own time zone (never the server's). A period is the local week,
 * Monday to Sunday, named by its Monday ("YYYY-MM-DD"); each period has one send time, the account's digest
 * weekday and time within that week (default Monday 08:00 local), DST-aware.
 */
import { dateKey, fromLocal, shiftDate, toLocal } from "./time-zone.js";

export interface DigestSchedule {
  timeZone: string;
  /** 0 = Sunday … 6 = Saturday (accounts.digest_weekday). */
  weekday: number;
  /** "HH:MM" local (accounts.digest_time). */
  time: string;
}

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function parseDateKey(key: string): LocalDate {
  const [year, month, day] = key.split("-").map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

function keyOf(d: LocalDate): string {
  return dateKey(d.year, d.month, d.day);
}

/** Monday of the local week containing `instant`. */
export function weekStartKey(instant: Date, timeZone: string): string {
  const l = toLocal(instant, timeZone);
  const back = (l.weekday + 6) % 7;
  return keyOf(shiftDate(l.year, l.month, l.day, -back));
}

/** Adds whole weeks to a week key. */
function addWeeks(key: string, weeks: number): string {
  const d = parseDateKey(key);
  return keyOf(shiftDate(d.year, d.month, d.day, weeks * 7));
}

/** 00:00 local on the given local date. */
export function startOfDate(key: string, timeZone: string): Date {
  return fromLocal({ ...parseDateKey(key), hour: 0, minute: 0 }, timeZone);
}

/** When the digest of the week starting `periodKey` is due. */
export function sendTime(periodKey: string, schedule: DigestSchedule): Date {
  const monday = parseDateKey(periodKey);
  const day = shiftDate(monday.year, monday.month, monday.day, (schedule.weekday + 6) % 7);
  const [hour, minute] = schedule.time.split(":").map(Number);
  return fromLocal({ ...day, hour: hour ?? 8, minute: minute ?? 0 }, schedule.timeZone);
}

interface DuePeriod {
  periodStart: string;
  dueAt: Date;
}

/** The period whose digest is due at `now`, or null when this week's send time has not come yet. */
export function duePeriod(now: Date, schedule: DigestSchedule): DuePeriod | null {
  const periodStart = weekStartKey(now, schedule.timeZone);
  const dueAt = sendTime(periodStart, schedule);
  return now.getTime() >= dueAt.getTime() ? { periodStart, dueAt } : null;
}

/** The next send time strictly after `now` (for logs and the preview). */
export function nextSendTime(now: Date, schedule: DigestSchedule): Date {
  const thisWeek = sendTime(weekStartKey(now, schedule.timeZone), schedule);
  return thisWeek.getTime() > now.getTime()
    ? thisWeek
    : sendTime(addWeeks(weekStartKey(now, schedule.timeZone), 1), schedule);
}

/** First local day of the quarter / month / week containing `instant`. */
export function goalPeriodStart(instant: Date, timeZone: string, period: "week" | "month" | "quarter"): string {
  if (period === "week") return weekStartKey(instant, timeZone);
  const l = toLocal(instant, timeZone);
  const month = period === "month" ? l.month : Math.floor((l.month - 1) / 3) * 3 + 1;
  return dateKey(l.year, month, 1);
}
