/**
 * The few words a draft context assembles itself, per draft language: default greetings and closings (three of
 * each register, one picked per contact), how a way of meeting is named ("by phone or video", "das Telefonat"),
 * and counted phrases. Everything else a draft says lives in the templates, where the user can change it.
 */
import type { DraftLanguage } from "../domain/fact-language.js";
import type { Medium } from "../domain/fact-phrases.js";

interface GreetingWords {
  /** Nothing known about the name. */
  none: string;
  familiar(given: string): string;
  formal(full: string, title: string | null, family: string | null): string;
}

export const GREETINGS: Record<DraftLanguage, GreetingWords> = {
  en: {
    none: "Hello,",
    familiar: (given) => `Hi ${given},`,
    formal: (full, title, family) => (title && family ? `Dear ${title} ${family},` : `Dear ${full},`),
  },
  de: {
    none: "Guten Tag",
    familiar: (given) => `Hallo ${given}`,
    formal: (full, title) => `Guten Tag ${title ? `${title} ` : ""}${full}`,
  },
  fr: {
    none: "Bonjour,",
    familiar: (given) => `Bonjour ${given},`,
    formal: (full) => `Bonjour ${full},`,
  },
  es: {
    none: "Hola:",
    familiar: (given) => `Hola, ${given}:`,
    formal: (full) => `Buenos días, ${full}:`,
  },
  pt: {
    none: "Olá,",
    familiar: (given) => `Olá, ${given},`,
    formal: (full) => `Olá, ${full},`,
  },
  // business Japanese names the person with 様 on a line of its own; "Hi" has no counterpart
  ja: {
    none: "ご担当者様",
    familiar: (given) => `${given}様`,
    formal: (full) => `${full} 様`,
  },
  ko: {
    none: "안녕하세요.",
    familiar: (given) => `${given}님, 안녕하세요.`,
    formal: (full) => `${full}님, 안녕하세요.`,
  },
  zh: {
    none: "您好，",
    familiar: (given) => `${given}，你好！`,
    formal: (full) => `${full}您好，`,
  },
};

export const CLOSINGS: Record<DraftLanguage, { formal: readonly string[]; familiar: readonly string[] }> = {
  en: { formal: ["Kind regards,", "Best regards,", "Best wishes,"], familiar: ["Best,", "All the best,", "Warmly,"] },
  de: {
    formal: ["Freundliche Grüße", "Beste Grüße", "Mit freundlichen Grüßen"],
    familiar: ["Viele Grüße", "Liebe Grüße", "Herzliche Grüße"],
  },
  fr: {
    formal: ["Bien cordialement,", "Bien à vous,", "Cordialement,"],
    familiar: ["À bientôt,", "Belle journée,", "Amitiés,"],
  },
  es: {
    formal: ["Un cordial saludo,", "Saludos cordiales,", "Atentamente,"],
    familiar: ["Un saludo,", "Un abrazo,", "Saludos,"],
  },
  pt: {
    formal: ["Com os melhores cumprimentos,", "Atenciosamente,", "Cordialmente,"],
    familiar: ["Abraço,", "Um abraço,", "Até breve,"],
  },
  // Japanese mail ends on its own "よろしくお願いいたします。" line, written in each template; then the name
  ja: { formal: ["", "", ""], familiar: ["", "", ""] },
  ko: {
    formal: ["감사합니다.", "좋은 하루 보내세요.", "늘 건강하세요."],
    familiar: ["감사합니다.", "좋은 하루 보내세요.", "또 연락드릴게요."],
  },
  zh: { formal: ["祝好！", "顺祝商祺！", "祝一切顺利！"], familiar: ["祝好！", "保持联系！", "祝一切顺利！"] },
};

interface MediaWords {
  /** How to meet, after a length ("20 minutes by phone or video"). */
  asked: Record<Medium, string>;
  or: string;
  /** The conversation that took place, as the object of a thank-you ("Thank you for our call"). */
  held: Record<Medium | "none", string>;
}

export const MEDIA: Record<DraftLanguage, MediaWords> = {
  en: {
    asked: { phone: "by phone", video: "by video", coffee: "over coffee", call: "on a call" },
    or: "or",
    held: {
      phone: "our call",
      video: "our video call",
      coffee: "the coffee",
      call: "our call",
      none: "our conversation",
    },
  },
  de: {
    asked: { phone: "telefonisch", video: "per Video", coffee: "bei einem Kaffee", call: "in einem Gespräch" },
    or: "oder",
    held: {
      phone: "das Telefonat",
      video: "das Videogespräch",
      coffee: "den Kaffee",
      call: "das Gespräch",
      none: "das Gespräch",
    },
  },
  fr: {
    asked: { phone: "par téléphone", video: "en visio", coffee: "autour d'un café", call: "par un appel" },
    or: "ou",
    held: {
      phone: "notre appel",
      video: "notre échange en visio",
      coffee: "le café",
      call: "notre échange",
      none: "notre échange",
    },
  },
  es: {
    asked: { phone: "por teléfono", video: "por videollamada", coffee: "con un café", call: "en una llamada" },
    or: "o",
    held: {
      phone: "la llamada",
      video: "la videollamada",
      coffee: "el café",
      call: "la conversación",
      none: "la conversación",
    },
  },
  pt: {
    asked: { phone: "por telefone", video: "por videochamada", coffee: "num café", call: "numa chamada" },
    or: "ou",
    held: { phone: "o telefonema", video: "a videochamada", coffee: "o café", call: "a conversa", none: "a conversa" },
  },
  // "30分ほど、お電話やオンラインで": what follows a length; "お電話で" before "お時間をいただき"
  ja: {
    asked: { phone: "お電話", video: "オンライン", coffee: "カフェ", call: "お電話" },
    or: "や",
    held: { phone: "お電話で", video: "オンラインで", coffee: "お茶をご一緒する", call: "お電話で", none: "" },
  },
  ko: {
    asked: { phone: "전화", video: "화상 통화", coffee: "커피 한잔", call: "전화" },
    or: "또는",
    held: { phone: "전화로", video: "화상으로", coffee: "직접 만나", call: "전화로", none: "" },
  },
  zh: {
    asked: { phone: "电话", video: "视频", coffee: "喝杯咖啡", call: "电话" },
    or: "或",
    held: { phone: "通过电话", video: "通过视频", coffee: "当面", call: "通过电话", none: "" },
  },
};

/**
 * The conversations the user had since the last exchange, as a check-in mentions them: "one more conversation",
 * "a few more conversations", "several more conversations". Not the exact count: to the contact it is news that the
 * user kept going, not a tally.
 */
export function moreConversations(count: number, language: DraftLanguage): string {
  const size = count === 1 ? 0 : count <= 4 ? 1 : 2;
  const words: Record<DraftLanguage, readonly [string, string, string]> = {
    en: ["one more conversation", "a few more conversations", "several more conversations"],
    de: ["ein weiteres Gespräch", "ein paar weitere Gespräche", "mehrere weitere Gespräche"],
    fr: ["un autre échange", "quelques autres échanges", "plusieurs autres échanges"],
    es: ["una conversación más", "algunas conversaciones más", "varias conversaciones más"],
    pt: ["mais uma conversa", "mais algumas conversas", "várias outras conversas"],
    // "あれから、何人かの方にもお話を伺う…"
    ja: ["もうお一人の方", "何人かの方", "何人かの方"],
    // "…와도 비슷한 대화를 나눴습니다": each ends in a vowel, so 와
    ko: ["또 한 분의 현직자", "몇 분의 현직자", "여러 현직자"],
    zh: ["另一位业内人士", "另外几位业内人士", "不少业内人士"],
  };
  return words[language][size];
}

/** "by phone or video" from the ways the user asked to meet; null when none was named. */
export function askedMedia(media: readonly Medium[], language: DraftLanguage): string | null {
  const words = MEDIA[language];
  const phrases = [...new Set(media.map((m) => words.asked[m]))];
  if (phrases.length === 0) return null;
  // "by phone or by video" reads as "by phone or video" in English
  if (language === "en" && phrases.every((p) => p.startsWith("by "))) {
    return `by ${phrases.map((p) => p.slice(3)).join(` ${words.or} `)}`;
  }
  return phrases.join(language === "ja" || language === "zh" ? words.or : ` ${words.or} `);
}
