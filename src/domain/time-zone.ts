/**
 * Wall-clock arithmetic in an IANA time zone, built on Intl only (no I/O, no clock).
 * "Local" below always means "in the given time zone", never the process's zone.
 */

interface LocalDateTime {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
      era: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * Date.UTC for every year: Date.UTC reads years 0-99 as 1900-1999, so a calendar's "0000" would become 1900.
 * NaN when a field is not a finite number.
 */
export function utcMillis(
  year: number,
  monthIndex: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): number {
  if (year >= 100 || year < 0 || !Number.isFinite(year)) {
    return Date.UTC(year, monthIndex, day, hour, minute, second, millisecond);
  }
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  d.setUTCHours(hour, minute, second, millisecond);
  return d.getTime();
}

/** Names Intl refused, remembered: a calendar can name one unknown zone tens of thousands of times. */
const unknownZones = new Set<string>();

/** True when `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone || unknownZones.has(timeZone)) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    if (unknownZones.size >= 1000) unknownZones.clear();
    unknownZones.add(timeZone);
    return false;
  }
}

/** The wall-clock reading of `date` in `timeZone`. */
export function toLocal(date: Date, timeZone: string): LocalDateTime {
  const parts = formatter(timeZone).formatToParts(date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? "0";
  // Intl counts years before 1 AD as 1 BC, 2 BC, …; the proleptic Gregorian calendar here has a year 0.
  const year = get("era") === "BC" ? 1 - Number(get("year")) : Number(get("year"));
  return {
    year,
    month: Number(get("month")),
    day: Number(get("day")),
    hour: Number(get("hour")) % 24,
    minute: Number(get("minute")),
    second: Number(get("second")),
    millisecond: date.getUTCMilliseconds(),
    weekday: WEEKDAYS[get("weekday")] ?? 0,
  };
}

/** Offset of `timeZone` from UTC at `date`, in minutes (e.g. -300 for CDT). */
export function offsetMinutes(date: Date, timeZone: string): number {
  const l = toLocal(date, timeZone);
  const asUtc = utcMillis(l.year, l.month - 1, l.day, l.hour, l.minute, l.second, l.millisecond);
  return Math.round((asUtc - date.getTime()) / 60000);
}

/**
 * The instant at which the clock in `timeZone` reads the given wall-clock time. In a spring-forward gap
 * the time is pushed forward by the gap; in a fall-back overlap the earlier instant is chosen.
 */
export function fromLocal(
  local: Pick<LocalDateTime, "year" | "month" | "day" | "hour" | "minute"> & { second?: number; millisecond?: number },
  timeZone: string,
): Date {
  const naive = utcMillis(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second ?? 0,
    local.millisecond ?? 0,
  );
  // Two candidate offsets: the one before and after any transition near this time.
  const o1 = offsetMinutes(new Date(naive - 36e5 * 12), timeZone);
  const o2 = offsetMinutes(new Date(naive + 36e5 * 12), timeZone);
  const candidates = [naive - o1 * 60000, naive - o2 * 60000].sort((a, b) => a - b);
  for (const c of candidates) {
    const back = toLocal(new Date(c), timeZone);
    if (
      back.year === local.year &&
      back.month === local.month &&
      back.day === local.day &&
      back.hour === local.hour &&
      back.minute === local.minute
    ) {
      return new Date(c);
    }
  }
  // In a gap: no instant shows this reading; use the offset from before the gap (moves the time forward).
  return new Date(naive - o1 * 60000);
}

export function dateKey(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Shift a calendar date (no time zone involved) by `days`. */
export function shiftDate(
  year: number,
  month: number,
  day: number,
  days: number,
): { year: number; month: number; day: number; weekday: number } {
  const d = new Date(utcMillis(year, month - 1, day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay() };
}

/** The same local wall-clock time `days` calendar days later (negative: earlier), DST-aware. */
export function addLocalDays(date: Date, days: number, timeZone: string): Date {
  const l = toLocal(date, timeZone);
  const s = shiftDate(l.year, l.month, l.day, days);
  return fromLocal({ ...s, hour: l.hour, minute: l.minute, second: l.second, millisecond: l.millisecond }, timeZone);
}

/** Whole local calendar days from the day of `from` to the day of `to` (0 when the same day). */
export function localDayDifference(from: Date, to: Date, timeZone: string): number {
  const a = toLocal(from, timeZone);
  const b = toLocal(to, timeZone);
  return Math.round((utcMillis(b.year, b.month - 1, b.day) - utcMillis(a.year, a.month - 1, a.day)) / 864e5);
}

/** ISO 8601 with the zone's offset, e.g. "2026-04-09T16:00:00-05:00" (for human-facing output). */
export function formatLocalIso(date: Date, timeZone: string): string {
  const l = toLocal(date, timeZone);
  const off = offsetMinutes(date, timeZone);
  const sign = off < 0 ? "-" : "+";
  const abs = Math.abs(off);
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${dateKey(l.year, l.month, l.day)}T${p(l.hour)}:${p(l.minute)}:${p(l.second)}${sign}${p(Math.floor(abs / 60))}:${p(abs % 60)}`;
}
