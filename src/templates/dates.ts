/**
 * When something happened, said the way people say it in each draft language and exactly: "today", "yesterday",
 * the weekday within the last six days, "last week" only for a day of the previous calendar week (Monday to
 * Sunday), otherwise the date ("on 2 April", "am 2. April", "le 2 avril", "el 2 de abril", "em 2 de abril").
 * Judged in the account's time zone. Pure: `now` is an argument.
 */
import type { DraftLanguage } from "../domain/fact-language.js";
import { localDayDifference, toLocal } from "../domain/time-zone.js";

interface DateWords {
  locale: string;
  today: string;
  yesterday: string;
  lastWeek: string;
  /** The weekday phrase from Intl's long weekday name. */
  weekday(name: string, index: number): string;
  /** The date phrase from Intl's day-and-month (and year) text. */
  date(text: string): string;
}

const WORDS: Record<DraftLanguage, DateWords> = {
  en: {
    locale: "en-GB",
    today: "today",
    yesterday: "yesterday",
    lastWeek: "last week",
    weekday: (name) => `on ${name}`,
    date: (text) => `on ${text}`,
  },
  de: {
    locale: "de-DE",
    today: "heute",
    yesterday: "gestern",
    lastWeek: "letzte Woche",
    weekday: (name) => `am ${name}`,
    date: (text) => `am ${text}`,
  },
  fr: {
    locale: "fr-FR",
    today: "aujourd'hui",
    yesterday: "hier",
    lastWeek: "la semaine dernière",
    weekday: (name) => name,
    date: (text) => `le ${text}`,
  },
  es: {
    locale: "es-ES",
    today: "hoy",
    yesterday: "ayer",
    lastWeek: "la semana pasada",
    weekday: (name) => `el ${name}`,
    date: (text) => `el ${text}`,
  },
  pt: {
    locale: "pt-PT",
    today: "hoje",
    yesterday: "ontem",
    lastWeek: "na semana passada",
    // "na segunda-feira", but "no sábado", "no domingo"
    weekday: (name, index) => `${index === 0 || index === 6 ? "no" : "na"} ${name}`,
    date: (text) => `no dia ${text}`,
  },
  // bare phrases: the templates add the particle ("昨日は", "6月24日の")
  ja: {
    locale: "ja-JP",
    today: "本日",
    yesterday: "昨日",
    lastWeek: "先週",
    weekday: (name) => name,
    date: (text) => text,
  },
  // "어제 시간을 내어 주셔서", "목요일에 …", "6월 24일에 보내 드린 메일"
  ko: {
    locale: "ko-KR",
    today: "오늘",
    yesterday: "어제",
    lastWeek: "지난주",
    weekday: (name) => `${name}에`,
    date: (text) => `${text}에`,
  },
  zh: {
    locale: "zh-CN",
    today: "今天",
    yesterday: "昨天",
    lastWeek: "上周",
    weekday: (name) => name,
    date: (text) => text,
  },
};

const formats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale, zone and options, made once (building them is costly). */
export function format(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formats.set(key, f);
  }
  return f;
}

/** "2 April", "2. April", "2 avril", "2 de abril" (with the year when it is not this year's). */
export function dayMonth(date: Date, now: Date, timeZone: string, language: DraftLanguage = "en"): string {
  const sameYear = toLocal(date, timeZone).year === toLocal(now, timeZone).year;
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { day: "numeric", month: "long" }
    : { day: "numeric", month: "long", year: "numeric" };
  return format(WORDS[language].locale, timeZone, options).format(date);
}

/** Days since the Monday that starts the local week of `date`. */
function daysIntoWeek(date: Date, timeZone: string): number {
  return (toLocal(date, timeZone).weekday + 6) % 7;
}

/** True when `date` falls in the calendar week (Monday to Sunday) before the one `now` is in. */
export function inLastCalendarWeek(date: Date, now: Date, timeZone: string): boolean {
  const days = localDayDifference(date, now, timeZone);
  const thisMonday = daysIntoWeek(now, timeZone);
  return days > thisMonday && days <= thisMonday + 7;
}

/** When something happened, as a phrase that fits after a verb in the past ("the note I sent …"). */
export function whenPhrase(
  date: Date | null,
  now: Date,
  timeZone: string,
  fallback: string,
  language: DraftLanguage = "en",
): string {
  if (!date) return fallback;
  const words = WORDS[language];
  const days = localDayDifference(date, now, timeZone);
  if (days < 0) return fallback;
  if (days === 0) return words.today;
  if (days === 1) return words.yesterday;
  if (days < 7) {
    const name = format(words.locale, timeZone, { weekday: "long" }).format(date);
    return words.weekday(name, toLocal(date, timeZone).weekday);
  }
  if (inLastCalendarWeek(date, now, timeZone)) return words.lastWeek;
  return words.date(dayMonth(date, now, timeZone, language));
}

/**
 * The same moment as a complement of a noun: "la llamada del miércoles", "o café de ontem", "notre appel du
 * 2 avril" (English and German say it with the phrase itself: "our call on Thursday", "das Gespräch gestern").
 */
export function ofPhrase(when: string, language: DraftLanguage): string {
  switch (language) {
    case "es":
      return when.startsWith("el ") ? `del ${when.slice(3)}` : `de ${when}`;
    case "pt":
      if (when.startsWith("no dia ")) return `do dia ${when.slice(7)}`;
      if (when === "na semana passada") return "da semana passada";
      if (/^n[ao] /.test(when)) return `de ${when.slice(3)}`;
      return `de ${when}`;
    case "fr":
      if (when.startsWith("le ")) return `du ${when.slice(3)}`;
      if (/^(hier|aujourd'hui)$/.test(when)) return `d'${when}`;
      return `de ${when}`;
    case "ja":
      return `${when}の`;
    case "zh":
      return `${when}的`;
    default:
      return when;
  }
}
