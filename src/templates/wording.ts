/**
 * Names as people write them, shared by the drafts, the digest and the pages: a display name worth printing (its
 * apostrophes, hyphens and diacritics kept: "Tomás O'Brien", "Marie-Ève"), the given name to greet someone by
 * (family-name-first names respected: "TANAKA Hiroshi", "Kim Min-jun", "王小明"), honorifics and titles, and
 * lists ("A, B and C" in each draft language). Pure.
 */
import type { DraftLanguage } from "../domain/fact-language.js";

const HONORIFICS = new Set([
  "mr",
  "mrs",
  "ms",
  "mx",
  "dr",
  "prof",
  "professor",
  "sir",
  "dame",
  "herr",
  "frau",
  "mme",
  "mlle",
  "m",
  "sr",
  "sra",
  "srta",
  "dra",
  "iur",
  "med",
  "phil",
  "rer",
  "nat",
  "ing",
  "dipl",
  "mag",
  "lic",
  "eng",
  "exmo",
  "exma",
]);

/**
 * Family names that commonly come first in East Asian names written in Latin letters. A display name that starts
 * with one (and does not also end with one) is read family-name-first: "Tanaka Hiroshi", "Lim Boon Huat".
 */
const EAST_ASIAN_FAMILY = new Set(
  (
    "sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi " +
    "matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto ishikawa ogawa okada goto hasegawa " +
    "murakami kondo ishii saito sakamoto endo aoki fujii nishimura fukuda ota miura fujiwara okamoto matsuda " +
    "nakagawa nakano harada ono tamura takeuchi kaneko wada nakayama ishida ueda morita hara shibata sakai kudo " +
    "yokoyama miyazaki miyamoto uchida takagi ando taniguchi ohno maruyama imai takada fujita kawamura morishita " +
    "matsui takeda " +
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie song tang " +
    "han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao " +
    "lim tan ng wong lee goh ong teo chua koh chan cheung leung chow lau yeung tsang kwok " +
    "kim park choi jung jeong kang cho yoon jang shin yoo hwang ahn song moon baek"
  ).split(" "),
);
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/;

/** A display name worth printing (not empty, not an address, not a role mailbox); apostrophes kept. */
export function cleanName(name: string | null | undefined): string | null {
  const trimmed = (name ?? "")
    .replace(/^[\s"'“”‘’]+|[\s"'“”‘’]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (trimmed === "" || trimmed.includes("@") || !/\p{L}/u.test(trimmed)) return null;
  // "Lopez, Maria" → "Maria Lopez" (but not "Maria Lopez, PhD")
  const comma = /^([^,]+),\s*([^,]+)$/.exec(trimmed);
  if (comma && !/^(phd|md|mba|jr|sr|cpa|esq|ii|iii)\.?$/i.test(comma[2]?.trim() ?? "")) {
    return `${comma[2]} ${comma[1]}`;
  }
  return trimmed;
}

function isHonorific(word: string): boolean {
  return HONORIFICS.has(word.replace(/\.$/, "").toLowerCase());
}

/** The words of a name without honorifics, titles and bracketed notes ("Dr. iur. Seraina Küng" → Seraina Küng). */
function nameWords(name: string): string[] {
  return name
    .replace(/\([^)]*\)/g, " ")
    .split(" ")
    .filter((w) => w !== "" && !isHonorific(w) && /\p{L}/u.test(w));
}

function tidyCase(word: string): string {
  // Shouting display names ("MARIA LOPEZ") read badly in a greeting; "Ka-Ho", "O'Brien" keep their shape.
  return word.length > 1 && word === word.toUpperCase() && /\p{Lu}/u.test(word)
    ? word.charAt(0) + word.slice(1).toLowerCase()
    : word;
}

/**
 * The given name to greet someone by, or null when the name does not tell (a CJK-script name is greeted by its
 * full form instead: see greetingName). Family-name-first names give their given name: "TANAKA Hiroshi" →
 * "Hiroshi", "Kim Min-jun" → "Min-jun"; "Wei Ling Tan" → "Wei Ling".
 */
export function firstNameOf(name: string | null | undefined): string | null {
  const full = cleanName(name);
  if (!full || CJK.test(full)) return null;
  const words = nameWords(full);
  if (words.length === 0) return null;
  const upper = (w: string) => w.length >= 2 && w === w.toUpperCase() && /\p{Lu}/u.test(w);
  let given: string[];
  if (words.length >= 2 && upper(words[0] as string) && !words.slice(1).every(upper)) {
    given = words.slice(1); // "TANAKA Hiroshi", "WONG Ka Ho Kelvin"
  } else if (words.length >= 2 && upper(words[words.length - 1] as string) && !words.slice(0, -1).every(upper)) {
    given = words.slice(0, -1); // "Hiroshi TANAKA"
  } else {
    const first = (words[0] ?? "").toLowerCase();
    const last = (words[words.length - 1] ?? "").toLowerCase();
    if (words.length >= 2 && EAST_ASIAN_FAMILY.has(first) && !EAST_ASIAN_FAMILY.has(last)) given = words.slice(1);
    else if (words.length >= 3 && EAST_ASIAN_FAMILY.has(last)) given = words.slice(0, -1);
    else given = words.slice(0, 1);
  }
  // "WONG Ka Ho Kelvin": a Western given name after a two-part Chinese one is the one people use
  if (given.length >= 3) given = given.slice(-1);
  const text = given.map(tidyCase).join(" ");
  if (text.length < 2 || !/^\p{L}/u.test(text)) return null;
  return text;
}

/** The name to put in a greeting: the given name, or for a CJK-script name the name as written. */
export function greetingName(name: string | null | undefined): string | null {
  const full = cleanName(name);
  if (full && CJK.test(full)) return full;
  return firstNameOf(name);
}

/** The full name without honorifics ("Dr. Amelia Grant" → "Amelia Grant"), cased for a greeting. */
export function plainName(name: string | null | undefined): string | null {
  const full = cleanName(name);
  if (!full) return null;
  if (CJK.test(full)) return full;
  const words = nameWords(full);
  return words.length > 0 ? words.map(tidyCase).join(" ") : null;
}

/** The academic title a display name carries ("Dr.", "Prof."), for a formal greeting. */
export function titleOf(name: string | null | undefined): string | null {
  const m = /^(?:(?:Prof\.?|Professor)\s+)?(Dr\.?|Prof\.?|Professor)(?=\s)/i.exec(cleanName(name) ?? "");
  if (!m) return null;
  const t = (m[1] ?? "").replace(/\.$/, "");
  return t.toLowerCase() === "dr" ? "Dr." : "Prof.";
}

/** The family name of a (Western-order or detected family-first) name, for "Dear Dr. Grant". */
export function familyNameOf(name: string | null | undefined): string | null {
  const full = cleanName(name);
  if (!full || CJK.test(full)) return null;
  const words = nameWords(full);
  const given = firstNameOf(full);
  if (words.length < 2 || !given) return null;
  const rest = words.filter((w) => !given.split(" ").includes(tidyCase(w)));
  return rest.length > 0 ? rest.map(tidyCase).join(" ") : null;
}

const AND: Record<DraftLanguage, string> = {
  en: "and",
  de: "und",
  fr: "et",
  es: "y",
  pt: "e",
  ja: "、",
  zh: "和",
  ko: ",",
};

/** "A", "A and B", "A, B and C" (in the draft's language). */
export function listNames(names: readonly string[], language: DraftLanguage = "en"): string | null {
  const clean = [...new Set(names.map(cleanName).filter((n): n is string => n !== null))];
  if (clean.length === 0) return null;
  // Japanese names each take their honorific: "山口さん、Rachel Limさん"
  if (language === "ja") return clean.map((n) => `${n}さん`).join(AND.ja);
  // Korean "and" (와/과) depends on the last syllable: names are listed with commas, the template adds 님
  if (language === "ko") return clean.join(", ");
  if (language === "zh") {
    return clean.length === 1 ? (clean[0] as string) : `${clean.slice(0, -1).join("、")}和${clean[clean.length - 1]}`;
  }
  if (clean.length === 1) return clean[0] as string;
  return `${clean.slice(0, -1).join(", ")} ${AND[language]} ${clean[clean.length - 1]}`;
}
