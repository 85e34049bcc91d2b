/**
 * When the last exchange was, said the way a check-in weeks or months later says it: "in November", not "on
 * 19 November 2025". Within the last week or so the day-level phrase of dates.ts still reads best ("last week", "on
 * Friday"); earlier in the current month it is "a few weeks ago"; otherwise the month, with its year once the same
 * month name could mean a later one (twelve months back or more). East Asian languages name the previous calendar
 * year ("去年11月", "昨年11月", "작년 11월에") as people there do. Judged in the account's time zone. Pure.
 */
import type { DraftLanguage } from "../domain/fact-language.js";
import { localDayDifference, toLocal } from "../domain/time-zone.js";
import { format, inLastCalendarWeek, whenPhrase } from "./dates.js";

interface MonthWords {
  locale: string;
  /** Earlier in the current month, but before last week. */
  weeksAgo: string;
  /** The phrase from Intl's month (or month and year) text; `lastYear` when it was in the previous calendar year. */
  month(text: string, lastYear: boolean): string;
  /** Intl options for a month on its own (Chinese reads "11月", not "十一月"). */
  monthOnly?: Intl.DateTimeFormatOptions;
}

const WORDS: Record<DraftLanguage, MonthWords> = {
  en: { locale: "en-GB", weeksAgo: "a few weeks ago", month: (text) => `in ${text}` },
  de: { locale: "de-DE", weeksAgo: "vor ein paar Wochen", month: (text) => `im ${text}` },
  fr: { locale: "fr-FR", weeksAgo: "il y a quelques semaines", month: (text) => `en ${text}` },
  es: { locale: "es-ES", weeksAgo: "hace unas semanas", month: (text) => `en ${text}` },
  pt: { locale: "pt-PT", weeksAgo: "há umas semanas", month: (text) => `em ${text}` },
  // bare, like dates.ts: the template adds the particle ("11月のご連絡以来")
  ja: { locale: "ja-JP", weeksAgo: "数週間前", month: (text, lastYear) => (lastYear ? `昨年${text}` : text) },
  ko: { locale: "ko-KR", weeksAgo: "몇 주 전에", month: (text, lastYear) => `${lastYear ? "작년 " : ""}${text}에` },
  zh: {
    locale: "zh-CN",
    weeksAgo: "几周前",
    month: (text, lastYear) => (lastYear ? `去年${text}` : text),
    monthOnly: { month: "numeric" },
  },
};

/**
 * The last exchange as a check-in names it: "last week", "a few weeks ago", "in November", "in November 2024"
 * ("im November", "en novembre", "en noviembre de 2024", "em novembro", "11月", "11월에", "去年11月"). Null without a
 * date, or for a date after `now`.
 */
export function monthPhrase(
  date: Date | null,
  now: Date,
  timeZone: string,
  language: DraftLanguage = "en",
): string | null {
  if (!date || date.getTime() > now.getTime()) return null;
  const words = WORDS[language];
  const then = toLocal(date, timeZone);
  const today = toLocal(now, timeZone);
  const monthsBack = (today.year - then.year) * 12 + (today.month - then.month);
  const recent = localDayDifference(date, now, timeZone) < 7 || inLastCalendarWeek(date, now, timeZone);
  if (recent) return whenPhrase(date, now, timeZone, "", language) || null;
  if (monthsBack <= 0) return words.weeksAgo;
  const withYear = monthsBack >= 12;
  const options = withYear ? ({ month: "long", year: "numeric" } as const) : (words.monthOnly ?? { month: "long" });
  const text = format(words.locale, timeZone, options).format(date);
  return words.month(text, !withYear && then.year < today.year);
}
