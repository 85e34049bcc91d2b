/**
 * How a check-in names the last exchange and what happened since, in every draft language: the month rather than
 * the day ("since we talked in November"), with its year only when the month alone could mean a later one, and
 * "a few more conversations" rather than a tally. Rendered check-ins are checked for every date shape, with and
 * without a name, organisation or topic: no empty slot, no raw placeholder, no doubled space or stray punctuation.
 */
import { describe, expect, it } from "vitest";
import { DRAFT_LANGUAGES, type DraftLanguage } from "../../src/domain/fact-language.js";
import { loadDraftTemplates } from "../../src/templates/catalog.js";
import { buildDraftContext, type DraftFacts } from "../../src/templates/draft-context.js";
import { moreConversations } from "../../src/templates/draft-words.js";
import { fullFacts, sparseFacts } from "../../src/templates/drafts.js";
import { monthPhrase } from "../../src/templates/month-phrase.js";

const TZ = "Europe/Berlin";
const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("the month of the last exchange", () => {
  const now = at("2026-04-15"); // a Wednesday

  it.each<[DraftLanguage, string, string]>([
    ["en", "in November", "in November 2024"],
    ["de", "im November", "im November 2024"],
    ["fr", "en novembre", "en novembre 2024"],
    ["es", "en noviembre", "en noviembre de 2024"],
    ["pt", "em novembro", "em novembro de 2024"],
    ["ja", "昨年11月", "2024年11月"],
    ["ko", "작년 11월에", "2024년 11월에"],
    ["zh", "去年11月", "2024年11月"],
  ])("%s: months back say the month, and its year once twelve or more months back", (language, month, withYear) => {
    expect(monthPhrase(at("2025-11-19"), now, TZ, language)).toBe(month);
    expect(monthPhrase(at("2024-11-19"), now, TZ, language)).toBe(withYear);
  });

  it("a check-in in January about a December exchange names December, without a year", () => {
    const january = at("2027-01-20");
    expect(monthPhrase(at("2026-12-10"), january, TZ, "en")).toBe("in December");
    expect(monthPhrase(at("2026-12-10"), january, TZ, "de")).toBe("im Dezember");
    expect(monthPhrase(at("2026-12-10"), january, TZ, "fr")).toBe("en décembre");
    expect(monthPhrase(at("2026-12-10"), january, TZ, "zh")).toBe("去年12月");
    expect(monthPhrase(at("2026-12-10"), january, TZ, "ja")).toBe("昨年12月");
  });

  it("eleven months back is still the month alone; twelve is not", () => {
    expect(monthPhrase(at("2026-02-10"), at("2027-01-20"), TZ, "en")).toBe("in February");
    expect(monthPhrase(at("2026-01-10"), at("2027-01-20"), TZ, "en")).toBe("in January 2026");
    expect(monthPhrase(at("2025-05-02"), now, TZ, "es")).toBe("en mayo");
    expect(monthPhrase(at("2025-04-02"), now, TZ, "es")).toBe("en abril de 2025");
  });

  it("this year's earlier months carry no year in any language", () => {
    expect(monthPhrase(at("2026-02-03"), now, TZ, "en")).toBe("in February");
    expect(monthPhrase(at("2026-02-03"), now, TZ, "zh")).toBe("2月");
    expect(monthPhrase(at("2026-02-03"), now, TZ, "ko")).toBe("2월에");
    expect(monthPhrase(at("2026-02-03"), now, TZ, "ja")).toBe("2月");
  });

  it("the last days keep the day-level phrase; earlier this month is 'a few weeks ago'", () => {
    expect(monthPhrase(at("2026-04-14"), now, TZ, "en")).toBe("yesterday");
    expect(monthPhrase(at("2026-04-07"), now, TZ, "en")).toBe("last week");
    expect(monthPhrase(at("2026-04-07"), now, TZ, "pt")).toBe("na semana passada");
    expect(monthPhrase(at("2026-04-01"), now, TZ, "en")).toBe("a few weeks ago");
    expect(monthPhrase(at("2026-04-01"), now, TZ, "de")).toBe("vor ein paar Wochen");
    expect(monthPhrase(at("2026-03-31"), now, TZ, "en")).toBe("in March");
  });

  it("is judged in the account's zone, and is null without a date or for a date to come", () => {
    // 1 December 00:30 in Berlin is still 30 November in UTC
    const edge = new Date("2025-11-30T23:30:00Z");
    expect(monthPhrase(edge, now, "Europe/Berlin", "en")).toBe("in December");
    expect(monthPhrase(edge, now, "UTC", "en")).toBe("in November");
    expect(monthPhrase(null, now, TZ, "en")).toBeNull();
    expect(monthPhrase(at("2026-05-01"), now, TZ, "en")).toBeNull();
  });
});

describe("conversations since the last exchange", () => {
  it.each(DRAFT_LANGUAGES)("%s says one, a few or several, never the count", (language) => {
    const phrases = [1, 3, 12].map((n) => moreConversations(n, language));
    expect(new Set(phrases.slice(0, 2)).size).toBe(2);
    for (const p of phrases) expect(p).not.toMatch(/\d/);
  });

  it("reads as English", () => {
    expect(moreConversations(1, "en")).toBe("one more conversation");
    expect(moreConversations(3, "en")).toBe("a few more conversations");
    expect(moreConversations(7, "en")).toBe("several more conversations");
  });
});

const NOW = at("2027-01-20");
const DATES: [string, Date | null][] = [
  ["December, across the year", at("2026-12-02")],
  ["more than 11 months back", at("2025-11-19")],
  ["earlier this month", at("2027-01-04")],
  ["last week", at("2027-01-13")],
  ["no date", null],
];

function checkIn(language: DraftLanguage, sparse: boolean, last: Date | null, variant: 1 | 2 | 3): string {
  const base = sparse ? sparseFacts("check_in", language) : fullFacts("check_in", language);
  const facts: DraftFacts = {
    ...base,
    now: NOW,
    timeZone: TZ,
    lastMessageAt: last,
    // no topic known, no organisation: the fallbacks
    ...(sparse ? {} : { ask: null, contact: { ...base.contact, organisation: null } }),
    update: { conversations: sparse ? 0 : 4, newRole: null },
  };
  const set = loadDraftTemplates({ templatesDir: null }, language);
  return set["check-in"].render({
    ...buildDraftContext(facts),
    v1: variant === 1,
    v2: variant === 2,
    v3: variant === 3,
  }).text;
}

describe.each(DRAFT_LANGUAGES)("a %s check-in", (language) => {
  it.each(DATES)("with the last exchange %s, in every variant, reads cleanly", (_label, last) => {
    for (const sparse of [false, true]) {
      for (const variant of [1, 2, 3] as const) {
        const text = checkIn(language, sparse, last, variant);
        expect(text).not.toMatch(/\{\{|\}\}|undefined|null|NaN|\n{3}| {2}| [,.;:。、，]|[,，、]\s*[.。]|\.\./);
        expect(text).not.toMatch(/\b20\d\d\b.*\b20\d\d\b/); // one year at most, and only when it is needed
        // where the month is named (some variants leave the date out), a 14-month-old one carries its year
        if (last?.getUTCFullYear() === 2025 && /novemb|11月|11월/i.test(text)) expect(text).toMatch(/2025/);
        if (last?.getUTCMonth() === 11) expect(text).not.toMatch(/2026/);
        // the day of the month is not named months later
        expect(text).not.toMatch(/\b(2|19) (December|November|décembre|novembre)|2\. Dezember|12月2日/);
      }
    }
  });
});

describe("the English check-in", () => {
  it("says 'since we talked in December' in January, not the date", () => {
    const texts = ([1, 2, 3] as const).map((v) => checkIn("en", false, at("2026-12-02"), v));
    expect(texts[0]).toContain("It's been a while since we talked in December, so I wanted to say hello.");
    expect(texts[1]).toContain("I hope you've been well since we last wrote in December.");
    expect(texts[2]).toContain("I've been meaning to get back in touch since our exchange in December.");
    for (const t of texts) expect(t).toContain("a few more conversations like ours");
  });
});
