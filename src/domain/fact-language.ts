/**
 * The language a person writes in, and how formally they address the other person, read from their own words.
 * Small and deterministic: counts of frequent function words for the languages drafts are written in (English,
 * German, French, Spanish, Portuguese) and a few neighbours that must not be mistaken for them (Italian, Dutch,
 * Polish: a Polish thread gets an English draft, not a Portuguese one), scripts for Japanese, Chinese and Korean
 * (drafts are written in those three too). Pure: no I/O.
 */
import { words } from "./word-boundary.js";

export type DraftLanguage = "en" | "de" | "fr" | "es" | "pt" | "ja" | "zh" | "ko";
export const DRAFT_LANGUAGES: readonly DraftLanguage[] = ["en", "de", "fr", "es", "pt", "ja", "zh", "ko"];

const WORDS: Record<string, readonly string[]> = {
  en: "the and to of you your i is for in that it my would with have be this on me we are at about if could thank thanks hope".split(
    " ",
  ),
  de: "und der die das ich sie ist nicht mit zu den für ein eine es auf ihre ihnen sehr gerne dass wie auch mich mir bei von haben wäre würde einen dem im ich freue grüsse grüße vielen dank".split(
    " ",
  ),
  fr: "le la les de des et je vous est pour une un que qui dans pas sur votre vos du au avec ce mes mon merci bonjour serait suis cordialement".split(
    " ",
  ),
  es: "el la los las de y que en un una es por para con me te tu su mi muy gracias hola pero como lo le del al se sobre estoy más un saludo usted también eso".split(
    " ",
  ),
  pt: "o a os as de e que em um uma é para com não do da dos das no na meu minha você obrigada obrigado olá oi muito sobre mais seu sua tu te estou teu tua numa num pra pode ser tudo bem abraço também está isso agradeço conversa".split(
    " ",
  ),
  it: "il di che non per una sono grazie ciao molto della anche questo mi ti ho lo gli".split(" "),
  nl: "de het een en van ik je niet dat met voor op is zijn maar ook bedankt groeten".split(" "),
  pl: "i w na z że się nie do to jest jak co ale dla po od za czy już bardzo dzięki dziękuję pozdrawiam cześć jestem mnie ci tak może będzie".split(
    " ",
  ),
};

/** Letters and marks that point at one language (weighted like two words). */
const MARKS: Record<string, RegExp> = {
  de: words(/[äöüß]|\b(sch|ung|lich)\b/g),
  fr: words(/[èêàç]|\b(l'|d'|j'|qu')/g),
  es: words(/[ñ¿¡]|ción\b/g),
  pt: words(/[ãõ]|ção\b|ções\b/g),
  pl: /[ąęłńśźżć]/g,
};

function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter((t) => t.length > 0);
}

/** The language of a text, or null when it is too short or unclear. ISO 639-1 codes. */
export function detectLanguage(text: string): string | null {
  const sample = text.slice(0, 4000);
  if (/[\u3040-\u30ff]/.test(sample)) return "ja";
  if (/[\uac00-\ud7af]/.test(sample)) return "ko";
  const han = (sample.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = tokens(sample);
  if (han > 8 && han > words.length) return "zh";
  if (words.length < 4) return null;
  const scores = new Map<string, number>();
  for (const [lang, list] of Object.entries(WORDS)) {
    const set = new Set(list);
    let score = words.filter((w) => set.has(w)).length;
    const marks = MARKS[lang];
    if (marks) score += 2 * (sample.toLowerCase().match(marks) ?? []).length;
    scores.set(lang, score);
  }
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 3) return null;
  if (second && best[1] < second[1] * 1.2 + 1) return null;
  return best[0];
}

/** Cues that the writer addresses the reader formally (Sie/vous/usted/o senhor) or familiarly (du/tu/tú). */
const FORMAL: Record<string, RegExp> = {
  en: words(/^\s*dear\s+(dr|mr|mrs|ms|mx|prof|professor)\b/im),
  de: words(/(?<![.!?]\s|^)\b(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer)\b|sehr geehrte/gm),
  fr: words(/\b(vous|votre|vos)\b/gi),
  es: words(
    /\b(usted|ustedes|estimad[oa]|le escribo|le agradezco|le agradecería|podría usted|su equipo|su charla|su trabajo)\b/gi,
  ),
  pt: words(/\b(o senhor|a senhora|prezad[oa]|cara dra|caro dr|cara professora|caro professor)\b/gi),
};
const FAMILIAR: Record<string, RegExp> = {
  en: /^\s*(hi|hey|hello)\s+\p{Lu}\p{Ll}+/imu,
  de: words(/\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|liebe grüsse|liebe grüße)\b/gi),
  fr: words(/\b(tu|te|toi|ton|ta|tes|t'as|t'es)\b/gi),
  es: words(/\b(tú|te|ti|contigo|tus|tienes|tendrías|puedes|podrías|quieres|vos|te apetecería|contame|mandame)\b/gi),
  pt: words(/\b(tu|te|teu|tua|teus|tuas|contigo|você|vc)\b/gi),
};

/**
 * True when the writer addresses the reader formally, false when familiarly, null when the text does not tell.
 * Portuguese "você" counts as familiar only in the sense that no honorific is used: drafts then avoid pronouns.
 */
export function detectFormal(text: string, language: string | null): boolean | null {
  if (!language) return null;
  const formal = FORMAL[language];
  const familiar = FAMILIAR[language];
  if (!formal || !familiar) return null;
  const f = (text.match(formal) ?? []).length;
  const u = (text.match(familiar) ?? []).length;
  if (f === 0 && u === 0) return null;
  if (language === "en") return f > 0;
  return f > u;
}

/** Portuguese writers who use "tu" get second-person verbs; everyone else third-person ones (você, o senhor). */
export function usesTu(text: string): boolean {
  return /\b(tu|teu|tua|contigo)\b/i.test(text);
}
