/**
 * Dates and clock times written in prose in the languages Rapport reads (English, German, French, Spanish,
 * Portuguese, Italian, Japanese): which language a text is written in, and a rewrite of the forms chrono's own
 * locale parsers miss or misread ("dia 23", "jueves 28", "Donnerstag, der 13. Mai", "halb neun", "6 de la
 * tarde", "18h30", "来週火曜") into forms every one of them reads: an explicit numeric date resolved against the
 * message's own date, and a 24-hour "H:MM". A weekday written next to a day of the month is dropped: the
 * explicit date wins. Pure: the reference instant and the zone are arguments; every pattern is linear.
 */
import { shiftDate, toLocal } from "./time-zone.js";

export type ProseLanguage = "en" | "de" | "fr" | "es" | "pt" | "it" | "ja";
type Latin = Exclude<ProseLanguage, "ja">;

/**
 * A regex source that also accepts the unaccented spelling of each accented letter ("ça" → "[çc]a",
 * "für" → "f(?:ü|ue|u)r"): people type without accents. Character classes and escapes are left as written.
 */
export function loose(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === "\\") {
      out += ch + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === "[") inClass = true;
    else if (ch === "]") inClass = false;
    const base = ch.normalize("NFD").replace(/\p{M}/gu, "");
    if (inClass || base === ch || !/^[a-z]$/i.test(base)) out += ch === "ß" && !inClass ? "(?:ß|ss)" : ch;
    else if ("äöü".includes(ch)) out += `(?:${ch}|${base}e|${base})`;
    else out += `[${ch}${base}]`;
  }
  return out;
}

interface Lexicon {
  /** Space-separated alternatives, Sunday first ("sunday|sun monday|mon …"). */
  weekdays: string;
  /** Space-separated alternatives, January first. */
  months: string;
  /** Words that may stand before a weekday and go with it ("next", "el próximo"). */
  lead: string;
  /** Words between a weekday and its day of the month ("Friday week, the 19th"). */
  between: string;
  /** Words before a bare day of the month; `strong` ones need no clock time after them ("dia 23"). */
  articles: string;
  strong: string;
  ordinal: string;
  /** A weekday in the next calendar week: before it ("next week on") and after it ("da semana que vem"). */
  nextWeekBefore: string;
  nextWeekAfter: string;
  /** One to twelve in words, space-separated. */
  numbers: string;
  /** Frequent short words, for telling the language. */
  words: string;
}

const LEXICONS: Record<Latin, Lexicon> = {
  en: {
    weekdays: "sunday|sun monday|mon tuesday|tues|tue wednesday|wed thursday|thurs|thur|thu friday|fri saturday|sat",
    months:
      "january|jan february|feb march|mar april|apr may june|jun july|jul august|aug september|sept|sep october|oct november|nov december|dec",
    lead: "this|next|coming",
    between: "week|next week|this week",
    articles: "on the|the",
    strong: "",
    ordinal: "st|nd|rd|th",
    nextWeekBefore: "next week(?: on)?",
    nextWeekAfter: "next week",
    numbers: "one two three four five six seven eight nine ten eleven twelve",
    words:
      "the and you to for at is it this that with would could will works thanks be are have your my we i can do on of",
  },
  de: {
    weekdays: "sonntag montag dienstag mittwoch donnerstag freitag samstag|sonnabend",
    months:
      "januar|jänner|jan februar|feb märz|mrz|mär april|apr mai juni|jun juli|jul august|aug september|sept|sep oktober|okt november|nov dezember|dez",
    lead: "am|diesen|kommenden|nächsten",
    between: "nächste woche|kommende woche",
    articles: "am|den|dem|der",
    strong: "",
    ordinal: "\\.",
    nextWeekBefore: "nächste woche(?: am)?|kommende woche(?: am)?",
    nextWeekAfter: "nächster woche|kommender woche|in der nächsten woche|der nächsten woche",
    numbers: "eins|ein zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    words:
      "und ich sie der die das nicht mit um uhr ist wir ihnen gerne gern für auf es zu den dem ein eine passt danke vielen dank bitte leider wie wäre am bei morgen woche freue mich ihr dir du",
  },
  fr: {
    weekdays: "dimanche lundi mardi mercredi jeudi vendredi samedi",
    months:
      "janvier|janv février|févr|fév mars avril|avr mai juin juillet|juil août septembre|sept octobre|oct novembre|nov décembre|déc",
    lead: "ce|le",
    between: "prochain",
    articles: "le",
    strong: "",
    ordinal: "er|ème|e",
    nextWeekBefore: "la semaine prochaine(?:,? le)?",
    nextWeekAfter: "de la semaine prochaine",
    numbers: "une|un deux trois quatre cinq six sept huit neuf dix onze douze",
    words:
      "je vous le les et à pour merci est une nous pas avec ça c'est bien au du des mais on ai suis serait demain semaine prochaine très votre vos tu te",
  },
  es: {
    weekdays: "domingo lunes martes miércoles jueves viernes sábado",
    months:
      "enero|ene febrero|feb marzo|mar abril|abr mayo|may junio|jun julio|jul agosto|ago septiembre|setiembre|sept|sep octubre|oct noviembre|nov diciembre|dic",
    lead: "el próximo|el|este|próximo",
    between: "que viene|próximo",
    articles: "el día|el",
    strong: "el día",
    ordinal: "º",
    nextWeekBefore: "la semana que viene,? el|la próxima semana,? el|la semana que viene|la próxima semana",
    nextWeekAfter: "de la semana que viene|de la próxima semana|de la semana próxima|que viene",
    numbers: "una dos tres cuatro cinco seis siete ocho nueve diez once doce",
    words:
      "el los las que y en por para gracias muy me te es con nos lo tu su va bien hola qué mañana semana próxima perfecto está del al pero puedo tengo usted",
  },
  pt: {
    weekdays:
      "domingo segunda-feira|segunda terça-feira|terça quarta-feira|quarta quinta-feira|quinta sexta-feira|sexta sábado",
    months:
      "janeiro|jan fevereiro|fev março|mar abril|abr maio|mai junho|jun julho|jul agosto|ago setembro|set outubro|out novembro|nov dezembro|dez",
    lead: "na próxima|na|nesta|esta|próxima|no próximo|no|neste|este|próximo",
    between: "que vem|da semana que vem",
    articles: "no dia|o dia|dia",
    strong: "no dia|o dia|dia",
    ordinal: "º",
    nextWeekBefore: "na semana que vem,? na|na próxima semana,? na|semana que vem,? na",
    nextWeekAfter: "da semana que vem|da próxima semana|que vem",
    numbers: "uma|um duas|dois três quatro cinco seis sete oito nove dez onze doze",
    words:
      "o os as que e em um uma para obrigado obrigada muito não às dia você com é do da no na se pode fico tudo olá oi amanhã está estou seu sua também vou",
  },
  it: {
    weekdays: "domenica lunedì martedì mercoledì giovedì venerdì sabato",
    months:
      "gennaio|gen febbraio|feb marzo|mar aprile|apr maggio|mag giugno|giu luglio|lug agosto|ago settembre|set ottobre|ott novembre|nov dicembre|dic",
    lead: "il prossimo|questo|prossimo",
    between: "prossimo",
    articles: "il giorno|il",
    strong: "il giorno",
    ordinal: "º",
    nextWeekBefore: "la settimana prossima,?|la prossima settimana,?",
    nextWeekAfter: "della settimana prossima|della prossima settimana|prossimo",
    numbers: "una due tre quattro cinque sei sette otto nove dieci undici dodici",
    words:
      "il lo gli che di e in un una per grazie molto non alle sono è con del della ci ti mi ciao va bene domani settimana prossima ho sei anche",
  },
};

/** The weekday, month and number alternatives of each language, as lists. */
const LISTS = Object.fromEntries(
  Object.entries(LEXICONS).map(([lang, lex]) => [
    lang,
    { weekdays: lex.weekdays.split(" "), months: lex.months.split(" "), numbers: lex.numbers.split(" ") },
  ]),
) as Record<Latin, { weekdays: string[]; months: string[]; numbers: string[] }>;

const KANA = /[\u3040-\u30ff]/g;
/** "6月29日", "15時", "(火)": a date or time written the Japanese way, even without kana around it. */
const JA_DATE = /\d{1,2}\s*[月時]|\d{1,2}日\s*[(（][日月火水木金土]/;
const LATIN_ORDER: readonly Latin[] = ["en", "de", "fr", "es", "pt", "it"];
const WORD_LANGS = new Map<string, { lang: Latin; weight: number }[]>();
for (const lang of LATIN_ORDER) {
  const lex = LEXICONS[lang];
  const add = (w: string, weight: number): void => {
    const list = WORD_LANGS.get(w) ?? [];
    if (!list.some((x) => x.lang === lang)) list.push({ lang, weight });
    WORD_LANGS.set(w, list);
  };
  for (const w of lex.words.split(" ")) add(w, 1);
  for (const alt of LISTS[lang].weekdays) for (const w of alt.split("|")) if (w.length > 3) add(w, 3);
}

/** The language a message is written in, from its frequent words (English when nothing stands out). */
export function proseLanguage(text: string): ProseLanguage {
  const sample = text.slice(0, 2000);
  if ((sample.match(KANA)?.length ?? 0) >= 2 || JA_DATE.test(sample)) return "ja";
  const score: Record<Latin, number> = { en: 0, de: 0, fr: 0, es: 0, pt: 0, it: 0 };
  let n = 0;
  for (const m of sample.toLowerCase().matchAll(/\p{L}+(?:'\p{L}+)?/gu)) {
    for (const hit of WORD_LANGS.get(m[0]) ?? []) score[hit.lang] += hit.weight;
    if (++n >= 400) break;
  }
  let best: Latin = "en";
  for (const lang of LATIN_ORDER) if (score[lang] > score[best]) best = lang;
  return best;
}

// --- dates -------------------------------------------------------------------------------------------------

interface Day {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

function formatDate(lang: ProseLanguage, d: { year: number; month: number; day: number }): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  if (lang === "ja") return `${d.year}年${d.month}月${d.day}日`;
  if (lang === "de") return `${p(d.day)}.${p(d.month)}.${d.year}`;
  if (lang === "en") return `${ENGLISH_MONTHS[d.month - 1]} ${d.day}, ${d.year}`;
  return `${p(d.day)}/${p(d.month)}/${d.year}`;
}

const ENGLISH_MONTHS = [
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

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** The message's own day, and the dates named earlier in its thread. */
interface Today extends Day {
  known: readonly CalendarDay[];
}

/**
 * A day of the month named without its month ("the 7th", "dia 23"): the date with that day named earlier in
 * the thread ("Tuesday 7th December" … "the 7th at 9.30 is perfect"), else the next such day on or after
 * `today`, preferring (within four months) one on `weekday`.
 */
function nextDayOfMonth(day: number, weekday: number | null, today: Today): Day | null {
  const from = Date.UTC(today.year, today.month - 1, today.day) - 864e5;
  for (let i = today.known.length - 1; i >= 0; i--) {
    const k = today.known[i] as CalendarDay;
    const t = Date.UTC(k.year, k.month - 1, k.day);
    const wd = new Date(t).getUTCDay();
    if (k.day === day && t >= from && t - from < 180 * 864e5 && (weekday === null || wd === weekday))
      return { ...k, weekday: wd };
  }
  let found: Day | null = null;
  for (let k = 0; k < 4; k++) {
    const y = today.year + Math.floor((today.month - 1 + k) / 12);
    const m = ((today.month - 1 + k) % 12) + 1;
    if (k === 0 && day < today.day) continue;
    const dt = new Date(Date.UTC(y, m - 1, day));
    if (dt.getUTCMonth() !== m - 1) continue;
    const candidate = { year: y, month: m, day, weekday: dt.getUTCDay() };
    found ??= candidate;
    if (weekday === null || candidate.weekday === weekday) return weekday === null ? found : candidate;
  }
  return found;
}

/** A day and month without a year: this year's, or next year's when this year's was more than a week ago. */
function withYear(day: number, month: number, today: Day): Day | null {
  for (const year of [today.year, today.year + 1]) {
    const dt = new Date(Date.UTC(year, month - 1, day));
    if (dt.getUTCMonth() !== month - 1) return null;
    if (dt.getTime() >= Date.UTC(today.year, today.month - 1, today.day) - 7 * 864e5) {
      return { year, month, day, weekday: dt.getUTCDay() };
    }
  }
  return null;
}

function plusDays(today: Day, days: number): Day {
  return shiftDate(today.year, today.month, today.day, days);
}

/** The weekday on or after today. */
function coming(weekday: number, today: Day): Day {
  return plusDays(today, (weekday - today.weekday + 7) % 7);
}

/** The weekday in the calendar week (Monday to Sunday) after today's. */
function inNextWeek(weekday: number, today: Day): Day {
  const iso = (d: number): number => (d === 0 ? 7 : d);
  return plusDays(today, 8 - iso(today.weekday) + iso(weekday) - 1);
}

function alternation(list: readonly string[]): string {
  return list.map((w) => loose(w)).join("|");
}

function indexIn(list: readonly string[], word: string): number {
  const w = word.toLowerCase().replace(/\.$/, "");
  return list.findIndex((alts) => new RegExp(`^(?:${loose(alts)})$`, "iu").test(w));
}

const NOT_LETTER_BEFORE = "(?<![\\p{L}\\p{N}])";
const NOT_LETTER_AFTER = "(?![\\p{L}\\p{N}])";
const CLOCK_AFTER =
  /^[\s,;]*(?:(?:à|às|as|a las|a la|alle|um|at|ab|vers|gegen|ore|from|around|ca\.)\s+)?\d{1,2}(?::\d{2}|\s*(?:uhr|h\b|am\b|pm\b))/iu;

interface DateRules {
  dayOfMonth: RegExp;
  nextWeek: RegExp;
}

const DATE_RULES = new Map<Latin, DateRules>();

function dateRules(lang: Latin): DateRules {
  let rules = DATE_RULES.get(lang);
  if (rules) return rules;
  const lex = LEXICONS[lang];
  const wd = alternation(LISTS[lang].weekdays);
  const mon = alternation(LISTS[lang].months);
  rules = {
    dayOfMonth: new RegExp(
      `${NOT_LETTER_BEFORE}(?:(?:(?:${loose(lex.lead)})\\s+)?` +
        `(?<wd>${wd})${NOT_LETTER_AFTER}\\.?,?\\s*(?:(?:${loose(lex.between)})\\s*,?\\s*)?)?` +
        `(?:(?<art>${loose(lex.articles)})\\s+)?` +
        `(?<day>\\d{1,2})(?<ord>${loose(lex.ordinal)})?` +
        `(?:[./](?<mo>\\d{1,2})(?:[./](?<y2>\\d{4}|\\d{2}))?\\.?` +
        `|,?\\s*(?:de\\s+|of\\s+)?(?<mon>${mon})${NOT_LETTER_AFTER}\\.?(?:,?\\s*(?:de\\s+)?(?<y1>\\d{4}))?)?` +
        "(?![\\p{N}:])",
      "giu",
    ),
    nextWeek: new RegExp(
      `${NOT_LETTER_BEFORE}(?:(?:${loose(lex.nextWeekBefore)})\\s+(?<wd1>${wd})` +
        `|(?<wd2>${wd})\\s+(?:${loose(lex.nextWeekAfter)})` +
        (lang === "en" ? `|(?<wd3>${wd})\\s+week` : "") +
        `)${NOT_LETTER_AFTER}`,
      "giu",
    ),
  };
  DATE_RULES.set(lang, rules);
  return rules;
}

function pad(out: string, whole: string): string {
  return out.length < whole.length ? out.padEnd(whole.length, " ") : out;
}

const TIME_WORD_AFTER = /^\s*(?:uhr|h\b|hs\b|am\b|pm\b|a\.\s?m|p\.\s?m|o'clock|heures?)/iu;

function rewriteDates(text: string, lang: Latin, today: Today): string {
  const lex = LEXICONS[lang];
  const { dayOfMonth, nextWeek } = dateRules(lang);
  const strong = lex.strong ? new RegExp(`^(?:${loose(lex.strong)})$`, "iu") : null;
  let out = text.replace(dayOfMonth, (whole: string, ...args: unknown[]) => {
    const g = args[args.length - 1] as Record<string, string | undefined>;
    const offset = args[args.length - 3] as number;
    const after = text.slice(offset + whole.length, offset + whole.length + 24);
    const day = Number(g.day);
    if (day < 1 || day > 31) return whole;
    const weekday = g.wd ? indexIn(LISTS[lang].weekdays, g.wd) : -1;
    const month = g.mo ? Number(g.mo) : g.mon ? indexIn(LISTS[lang].months, g.mon) + 1 : 0;
    if (!g.wd && !g.art && !g.mo) return whole;
    if (!g.mo && !g.mon) {
      if (TIME_WORD_AFTER.test(after)) return whole;
      // a bare day needs a word that makes it a date: an ordinal, a strong article, or a clock time after it
      if (!g.wd && !g.ord && !(g.art && strong?.test(g.art)) && !CLOCK_AFTER.test(after)) return whole;
    }
    // a numeric date with its year and nothing around it is read by every parser as it is
    if (g.mo && g.y2 && !g.wd && !g.art) return whole;
    if (g.mo && lang === "en") return whole; // month-first or day-first is the zone's call (parserFor)
    let date: Day | null;
    if (month) {
      if (month > 12) return whole;
      const y = g.y1 ?? g.y2;
      if (y) {
        const year = y.length === 2 ? 2000 + Number(y) : Number(y);
        date = { year, month, day, weekday: 0 };
        if (new Date(Date.UTC(year, month - 1, day)).getUTCMonth() !== month - 1) return whole;
      } else date = withYear(day, month, today);
    } else {
      date = nextDayOfMonth(day, weekday >= 0 ? weekday : null, today);
    }
    return date ? pad(formatDate(lang, date), whole) : whole;
  });
  out = out.replace(nextWeek, (whole: string, ...args: unknown[]) => {
    const g = args[args.length - 1] as Record<string, string | undefined>;
    const name = g.wd1 ?? g.wd2 ?? g.wd3;
    const weekday = name ? indexIn(LISTS[lang].weekdays, name) : -1;
    if (weekday < 0) return whole;
    // "Friday week" is a week after the coming Friday; "next week on Friday" is in next week's calendar
    const date = g.wd3 ? plusDays(coming(weekday, today), 7) : inNextWeek(weekday, today);
    return pad(formatDate(lang, date), whole);
  });
  out = out.replace(AFTER_TOMORROW[lang], () => formatDate(lang, plusDays(today, 2)));
  if (lang !== "pt") return out;
  // chrono's Portuguese grammar joins a weekday and a clock time only through "às" ("quinta às 18:00")
  return out.replace(
    new RegExp(`((?<![\\p{L}])(?:${alternation(LISTS[lang].weekdays)}),?\\s+)(?=\\d{1,2}:\\d{2})`, "giu"),
    (_w, head: string) => `${head}às `,
  );
}

const AFTER_TOMORROW: Record<Latin, RegExp> = {
  en: /(?<![\p{L}])the day after tomorrow(?![\p{L}])/giu,
  de: /(?<![\p{L}])übermorgen(?![\p{L}])/giu,
  fr: new RegExp(`(?<![\\p{L}])${loose("après-demain")}(?![\\p{L}])`, "giu"),
  es: new RegExp(`(?<![\\p{L}])${loose("pasado mañana")}(?![\\p{L}])`, "giu"),
  pt: new RegExp(`(?<![\\p{L}])${loose("depois de amanhã")}(?![\\p{L}])`, "giu"),
  it: /(?<![\p{L}])dopodomani(?![\p{L}])/giu,
};

/** "tomorrow (Wed)", "mañana (jueves)": the parenthesised weekday repeats a day already named; it goes. */
function dropEchoedWeekday(text: string, lang: Latin): string {
  const wd = alternation(LISTS[lang].weekdays);
  const rel = loose(
    "tomorrow|today|tonight|demain|aujourd'hui|ce soir|mañana|hoy|amanhã|hoje|morgen|heute|domani|oggi|stasera",
  );
  const re = new RegExp(`((?<![\\p{L}])(?:${rel})|\\d{4})\\s*\\(\\s*(?:${wd})\\.?\\s*\\)`, "giu");
  return text.replace(re, (whole: string, head: string) => pad(head, whole));
}

const JA_WEEKDAYS = "日月火水木金土";

function rewriteJapanese(text: string, today: Today): string {
  return text
    .replace(/正午/g, "12時")
    .replace(/明後日|あさって/g, () => formatDate("ja", plusDays(today, 2)))
    .replace(/(再来週|来週|今週)\s*の?\s*([日月火水木金土])曜日?/g, (_w, which: string, wd: string) => {
      const weekday = JA_WEEKDAYS.indexOf(wd);
      const date =
        which === "今週" ? coming(weekday, today) : plusDays(inNextWeek(weekday, today), which === "再来週" ? 7 : 0);
      return formatDate("ja", date);
    })
    .replace(
      /(?<![月\d])(\d{1,2})日(?:\s*[(（]\s*([日月火水木金土])(?:曜日?)?\s*[)）]|(?=\s*の?\s*(?:午前|午後)?\s*\d{1,2}\s*[時:]))/g,
      (whole: string, d: string, wd: string | undefined) => {
        const date = nextDayOfMonth(Number(d), wd ? JA_WEEKDAYS.indexOf(wd) : null, today);
        return date ? formatDate("ja", date) : whole;
      },
    );
}

// --- clock times -------------------------------------------------------------------------------------------

function hm(hour: number, minute: number): string {
  return `${hour}:${String(minute).padStart(2, "0")}`;
}

function numberWord(lang: Latin, word: string): number {
  if (/^\d+$/.test(word)) return Number(word);
  return indexIn(LISTS[lang].numbers, word) + 1;
}

type Rule = [RegExp, (...m: string[]) => string];

const ALL_NUMBERS = (lang: Latin): string => `\\d{1,2}|${alternation(LISTS[lang].numbers)}`;

/** Afternoon and evening words add twelve hours; morning words only go. */
function periodRule(afternoon: string, morning: string): Rule {
  return [
    new RegExp(
      `(?<![\\p{N}:])(\\d{1,2})(?::(\\d{2}))?\\s*(?:(${loose(afternoon)})|${loose(morning)})${NOT_LETTER_AFTER}`,
      "giu",
    ),
    (whole, h, m, pm) => {
      const hour = Number(h);
      if (hour > 23) return whole;
      return hm(pm && hour < 12 ? hour + 12 : hour, Number(m ?? 0));
    },
  ];
}

/** "18h", "8h30", "18 h 30", "18hs" → "18:00", "8:30". */
function hourH(before: string): Rule {
  return [
    new RegExp(`${before}(?<![\\p{L}\\p{N}])([01]?\\d|2[0-3])\\s?hs?(?:\\s?([0-5]\\d))?(?![\\p{L}\\p{N}])`, "giu"),
    (_w, h, m) => hm(Number(h), Number(m ?? 0)),
  ];
}

/** Long because it is a table: one rewrite rule per way of writing a clock time, read top to bottom. */
function timeRules(lang: Latin): Rule[] {
  const num = ALL_NUMBERS(lang);
  const word = (w: string): number => numberWord(lang, w);
  const rules: Rule[] = [];
  // "17.30", "8.15": a dot between hours and minutes, when the minutes are a multiple of five (not "2.14")
  const dotTime = lang === "de" ? "(?![\\p{N}.,])" : "(?![\\p{N}]|[.,]\\p{N})";
  rules.push([
    new RegExp(`(?<![\\p{N}.,:/€$£])([01]?\\d|2[0-3])\\.([0-5][05])${dotTime}`, "gu"),
    (_w, h, m) => `${h}:${m}`,
  ]);
  if (lang === "en") {
    // English writers use "18h" too, after "at"; "in 48h" or "a 2h workshop" is a length of time
    rules.push(hourH("(?<=(?:at|@|by|around|from|until|till|between|and|to|or)\\s+)"));
    rules.push([
      new RegExp(
        `(?<![\\p{L}])(half past|half|quarter past|quarter after|quarter to|quarter of)\\s+(${num})${NOT_LETTER_AFTER}(?!:)`,
        "giu",
      ),
      (whole, kind, n) => {
        const h = word(n);
        if (h < 1 || h > 12) return whole;
        const k = kind.toLowerCase();
        if (k.startsWith("half")) return hm(h, 30);
        if (/past|after/.test(k)) return hm(h, 15);
        return hm(h === 1 ? 12 : h - 1, 45);
      },
    ]);
    rules.push([
      new RegExp(
        `(?<![\\p{L}])(at|around)\\s+(${alternation(LISTS.en.numbers)})(?=\\s*(?:o'clock|am|pm|[?!.,]|$))`,
        "giu",
      ),
      (_w, at, n) => `${at} ${word(n)}`,
    ]);
    // "12 noon", "midday": chrono reads "noon" alone, and "12" before it as another time
    rules.push([/(?<![\p{L}\p{N}:])(?:12\s*)?(?:noon|midday)(?![\p{L}])/giu, () => "12:00"]);
    rules.push(periodRule("in the afternoon|in the evening", "in the morning"));
    return rules;
  }
  rules.push(hourH(""));
  if (lang === "de") {
    rules.push([
      new RegExp(
        `(?<![\\p{L}])(halb|viertel nach|viertel vor|dreiviertel|viertel)\\s+(${num})${NOT_LETTER_AFTER}(?!:)`,
        "giu",
      ),
      (whole, kind, n) => {
        const h = word(n);
        if (h < 1 || h > 24) return whole;
        const k = kind.toLowerCase();
        if (k === "viertel nach") return hm(h, 15);
        const before = h === 1 ? 12 : h - 1;
        if (k === "halb") return hm(before, 30);
        if (k === "viertel") return hm(before, 15);
        return hm(before, 45);
      },
    ]);
    rules.push([
      new RegExp(`(?<![\\p{L}])um\\s+(${alternation(LISTS.de.numbers)})(?=\\s*(?:uhr|[?!.,]|$))`, "giu"),
      (_w, n) => `um ${word(n)}`,
    ]);
    rules.push([
      /(?<![\p{N}])(\d{1,2})\s*uhr\s*([0-5]\d)(?![\p{N}])/giu,
      (_w, h, m) => `${hm(Number(h), Number(m))} Uhr`,
    ]);
    rules.push(
      periodRule(
        "uhr nachmittags|uhr abends|nachmittags|abends|am nachmittag|am abend",
        "uhr morgens|uhr früh|morgens|vormittags",
      ),
    );
    // chrono's German weekday parser reads the "Fr" of "früh" as Friday
    rules.push([new RegExp(`(?<![\\p{L}])${loose("früh")}`, "giu"), () => "frueh"]);
    return rules;
  }
  const halves: Record<"fr" | "es" | "pt" | "it", [string, string, string, string, string]> = {
    // [words for "at" before an hour in words, the same when the hour must be followed by a clock word,
    //  half past, quarter past, quarter to]
    fr: ["", "", "et demie", "et quart", "moins le quart|moins quart"],
    es: ["a las|a la", "las|la", "y media", "y cuarto", "menos cuarto"],
    pt: ["às", "as", "e meia", "e quinze|e um quarto", "menos um quarto"],
    it: ["alle", "le", "e mezza|e mezzo", "e un quarto|e quindici", "meno un quarto"],
  };
  const [atWord, atIfClock, half, quarter, quarterTo] = halves[lang];
  const inWords = alternation(LISTS[lang].numbers);
  const clockWord = loose(`${half}|${quarter}|${quarterTo}|de la|da|de|del|di|en punto|em ponto|in punto|horas`);
  if (atWord) {
    // "a la una", "às três", "alle cinque"; after a bare "las"/"as"/"le" only when a clock word follows
    // ("las dos reuniones" is no time)
    rules.push([
      new RegExp(`(?<![\\p{L}])(${loose(atWord)})\\s+(${inWords})${NOT_LETTER_AFTER}`, "giu"),
      (_w, word1, n) => `${word1} ${word(n)}`,
    ]);
    rules.push([
      new RegExp(
        `(?<![\\p{L}])(${loose(atIfClock)})\\s+(${inWords})(?=\\s+(?:${clockWord})${NOT_LETTER_AFTER}|\\s*[?!.,]|$)`,
        "giu",
      ),
      (_w, word1, n) => `${word1} ${word(n)}`,
    ]);
  }
  if (lang === "fr") {
    rules.push([
      new RegExp(`(?<![\\p{L}\\p{N}])(${num})\\s+heures?(?:\\s+([0-5]\\d)(?![\\p{N}]))?`, "giu"),
      (whole, n, m) => (word(n) > 0 && word(n) < 24 ? hm(word(n), Number(m ?? 0)) : whole),
    ]);
  }
  if (lang === "it") rules.push([/(?<![\p{L}])ore\s+(\d{1,2})(?![\p{N}])/giu, (_w, h) => `alle ${h}`]);
  rules.push([
    new RegExp(
      `(?<![\\p{N}:])(\\d{1,2})(?::00)?\\s+(?:(${loose(half)})|(${loose(quarter)})|(${loose(quarterTo)}))${NOT_LETTER_AFTER}`,
      "giu",
    ),
    (whole, n, h30, h15) => {
      const h = Number(n);
      if (h > 23) return whole;
      if (h30) return hm(h, 30);
      if (h15) return hm(h, 15);
      return hm(h === 1 ? 12 : h - 1, 45);
    },
  ]);
  const noon: Record<"fr" | "es" | "pt" | "it", [string, string, string]> = {
    // [noon, half past, the word for "at" before a clock time]
    fr: ["midi", "et demi|et demie", "à"],
    es: ["mediodía", "y media", "a las"],
    pt: ["meio-dia", "e meia", "às"],
    it: ["mezzogiorno", "e mezza|e mezzo", "alle"],
  };
  const [noonWord, noonHalf, at] = noon[lang];
  rules.push([
    new RegExp(
      `(?<![\\p{L}])(?:(?:al|a|ao|à|a las|às|alle|a)\\s+)?${loose(noonWord)}(\\s+(?:${loose(noonHalf)}))?${NOT_LETTER_AFTER}`,
      "giu",
    ),
    (_w, halfPast) => `${at} ${hm(12, halfPast ? 30 : 0)}`,
  ]);
  const periods: Record<"fr" | "es" | "pt" | "it", [string, string]> = {
    fr: ["du soir|de l'après-midi|de l'aprem|de l'aprèm", "du matin"],
    es: ["de la tarde|por la tarde|de la noche|por la noche", "de la mañana|por la mañana|de la madrugada|en punto"],
    pt: ["da tarde|à tarde|de tarde|da noite|à noite|de noite", "da manhã|de manhã|em ponto"],
    it: ["del pomeriggio|di pomeriggio|di sera|della sera", "di mattina|del mattino|della mattina|in punto"],
  };
  rules.push(periodRule(...periods[lang]));
  return rules;
}

const TIME_RULES = new Map<Latin, Rule[]>();

function rewriteTimes(text: string, lang: Latin): string {
  let rules = TIME_RULES.get(lang);
  if (!rules) {
    rules = timeRules(lang);
    TIME_RULES.set(lang, rules);
  }
  let out = text;
  for (const [re, fn] of rules) out = out.replace(re, (...m: unknown[]) => fn(...(m as string[])));
  return out;
}

/**
 * Rewrites the dates and clock times of `text` (in `lang`) into forms the locale's parser reads, resolving
 * days of the month, weekdays of next week and "the day after tomorrow" against `reference` as seen in
 * `timeZone`; a day of the month alone refers to a `known` date (named earlier in the thread) when one fits.
 */
export function normalizeProse(
  text: string,
  lang: ProseLanguage,
  reference: Date,
  timeZone: string,
  known: readonly CalendarDay[] = [],
): string {
  const l = toLocal(reference, timeZone);
  const today: Today = { year: l.year, month: l.month, day: l.day, weekday: l.weekday, known };
  const ascii = text.replace(/[０-９：]/g, (c) => (c === "：" ? ":" : String(c.charCodeAt(0) - 0xff10)));
  if (lang === "ja") return rewriteJapanese(ascii, today);
  return rewriteDates(dropEchoedWeekday(rewriteTimes(ascii, lang), lang), lang, today);
}

// --- places named after a clock time ----------------------------------------------------------------------

/** Places and zone words people write after a time ("4pm Madrid time", "10h aqui de São Paulo"). */
const PLACES: readonly [string, string][] = [
  ["Europe/London", "london|londres|londra|britain|british"],
  ["Europe/Dublin", "dublin|ireland|irish"],
  ["Europe/Lisbon", "lisbon|lisboa|lissabon|lisbonne|portugal"],
  ["Europe/Madrid", "madrid|barcelona|spain|españa|peninsular"],
  ["Europe/Paris", "paris|france|française|lyon"],
  ["Europe/Brussels", "brussels|bruxelles|brüssel|belgique"],
  ["Europe/Amsterdam", "amsterdam|netherlands"],
  ["Europe/Berlin", "berlin|germany|deutschland|deutscher|münchen|munich|frankfurt|hamburg"],
  ["Europe/Zurich", "zurich|zürich|geneva|genève|genf|basel|switzerland|schweiz|suisse|schweizer"],
  ["Europe/Vienna", "vienna|wien|vienne"],
  ["Europe/Rome", "rome|roma|milan|milano|mailand|italy|italia|italiana"],
  ["Europe/Warsaw", "warsaw|warszawa|warschau|polska"],
  ["America/Sao_Paulo", "são paulo|brasília|brazil|brasil"],
  ["America/Mexico_City", "cdmx|mexico city|ciudad de méxico|méxico"],
  ["America/Lima", "lima|perú"],
  ["America/Santiago", "santiago|chile"],
  ["America/Bogota", "bogotá|colombia"],
  ["America/Argentina/Buenos_Aires", "buenos aires|argentina"],
  ["America/New_York", "new york|nyc|boston|eastern"],
  ["America/Toronto", "toronto|montréal|québec|ottawa"],
  ["America/Chicago", "chicago|central"],
  ["America/Denver", "denver|mountain"],
  ["America/Los_Angeles", "los angeles|san francisco|seattle|pacific|bay area|vancouver"],
  ["Asia/Tokyo", "tokyo|japan|日本時間|東京時間|日本|東京"],
  ["Asia/Singapore", "singapore"],
  ["Asia/Hong_Kong", "hong kong"],
  ["Asia/Shanghai", "beijing|shanghai"],
  ["Asia/Kolkata", "india|mumbai|bangalore|bengaluru|delhi"],
  ["Asia/Dubai", "dubai"],
  ["Africa/Nairobi", "nairobi|kenya"],
  ["Africa/Dakar", "dakar|sénégal"],
  ["Africa/Lagos", "lagos|nigeria"],
  ["Africa/Johannesburg", "johannesburg|south africa"],
  ["Australia/Sydney", "sydney|melbourne"],
];
/** US regions ("noon Pacific / 3pm Eastern"), only right after the time: "in Central Park" is no zone. */
const REGIONS: Record<string, string> = {
  eastern: "America/New_York",
  central: "America/Chicago",
  mountain: "America/Denver",
  pacific: "America/Los_Angeles",
};
/** Upper-case abbreviations only: "et" and "la" are words too. */
const PLACE_CODES: Record<string, string> = {
  UK: "Europe/London",
  ET: "America/New_York",
  CT: "America/Chicago",
  MT: "America/Denver",
  PT: "America/Los_Angeles",
  LA: "America/Los_Angeles",
  SF: "America/Los_Angeles",
};
const PLACE_NAMES = PLACES.flatMap(([zone, names]) =>
  names.split("|").map((n) => [new RegExp(`^(?:${loose(n)})$`, "iu"), zone] as const),
);
const OPEN = "^[\\s,]*(?:[(（/–-]\\s*)?";
const NAME_AFTER = new RegExp(
  `${OPEN}(?:(?:${loose("time|hora|horário|horario|heure|ora|uhrzeit|zeit")})\\s+)?` +
    `(?:(?:${loose("de|del|da|do|di|in|à|em|en|aqui de|aqui em|aquí en|aí em|here in|over in")})\\s+)?` +
    `(${PLACES.map(([, names]) => loose(names)).join("|")})(?![\\p{L}])`,
  "iu",
);
const REGION_AFTER = new RegExp(`${OPEN}(eastern|central|mountain|pacific)(?![\\p{L}])`, "iu");
const CODE_AFTER = new RegExp(`${OPEN}(UK|ET|CT|MT|PT|LA|SF)(?![\\p{L}])`, "u");

/** The IANA zone of a place named right at the start of `text` (what follows a clock time), if any. */
export function zoneNamedAfter(text: string): string | null {
  const head = text.slice(0, 48);
  const code = CODE_AFTER.exec(head)?.[1];
  if (code) return PLACE_CODES[code] ?? null;
  const region = REGION_AFTER.exec(head)?.[1];
  if (region) return REGIONS[region.toLowerCase()] ?? null;
  const name = NAME_AFTER.exec(head)?.[1];
  return name ? (PLACE_NAMES.find(([re]) => re.test(name))?.[1] ?? null) : null;
}
