/**
 * Business-day arithmetic judged in the user's time zone: Monday–Friday by default, minus a configurable
 * holiday list ("YYYY-MM-DD" local dates). Wall-clock times are kept across DST changes.
 */
import { dateKey, fromLocal, shiftDate, toLocal } from "./time-zone.js";

export interface BusinessCalendar {
  timeZone: string;
  /** Local dates that are not business days, "YYYY-MM-DD". */
  holidays?: readonly string[];
  /** Weekdays that are not business days (0 = Sunday); default Saturday and Sunday. */
  weekend?: readonly number[];
}

const DEFAULT_WEEKEND = [0, 6] as const;

function isBusinessDate(cal: BusinessCalendar, y: number, m: number, d: number, weekday: number): boolean {
  const weekend = cal.weekend ?? DEFAULT_WEEKEND;
  if (weekend.includes(weekday)) return false;
  return !(cal.holidays ?? []).includes(dateKey(y, m, d));
}

/**
 * The instant `n` business days after `start`, at the same local wall-clock time. A start outside business
 * days (weekend, holiday) counts from 00:00 of the next business day, so a Saturday message has had one
 * business day by Tuesday 00:00.
 */
export function addBusinessDays(start: Date, n: number, cal: BusinessCalendar): Date {
  const l = toLocal(start, cal.timeZone);
  let cur = { year: l.year, month: l.month, day: l.day, weekday: l.weekday };
  let hour = l.hour;
  let minute = l.minute;
  let second = l.second;
  let ms = l.millisecond;
  let guard = 0;
  if (!isBusinessDate(cal, cur.year, cur.month, cur.day, cur.weekday)) {
    do {
      cur = shiftDate(cur.year, cur.month, cur.day, 1);
    } while (!isBusinessDate(cal, cur.year, cur.month, cur.day, cur.weekday) && ++guard < 3660);
    hour = 0;
    minute = 0;
    second = 0;
    ms = 0;
  }
  let left = n;
  while (left > 0 && guard < 3660 * 4) {
    cur = shiftDate(cur.year, cur.month, cur.day, 1);
    guard++;
    if (isBusinessDate(cal, cur.year, cur.month, cur.day, cur.weekday)) left--;
  }
  return fromLocal({ ...cur, hour, minute, second, millisecond: ms }, cal.timeZone);
}

/** Whole business days elapsed from `start` to `end` (0 when `end` is not later). */
export function businessDaysElapsed(start: Date, end: Date, cal: BusinessCalendar): number {
  if (end.getTime() <= start.getTime()) return 0;
  // Rough upper bound: calendar days + 1, then walk down (cheap: loops are over days, not messages).
  const days = Math.ceil((end.getTime() - start.getTime()) / 864e5) + 1;
  let lo = 0;
  let hi = days;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (addBusinessDays(start, mid, cal).getTime() <= end.getTime()) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
