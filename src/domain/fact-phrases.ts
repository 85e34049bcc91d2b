/**
 * Short phrases read from the words of an outreach, in the languages drafts are written in: what the writer asked
 * to learn (the object of the ask), how long and how they asked to meet, the field they are moving into, and who
 * suggested they write. Each finder returns text exactly as written (trimmed, at most ~120 characters) or null:
 * a phrase that cannot be cut cleanly at a clause boundary is not returned at all. Pure: no I/O.
 */

import { words } from "./word-boundary.js";

export type Medium = "phone" | "video" | "coffee" | "call";

export interface Ask {
  /** "clause": an indirect question ("how you moved from teaching into UX research"); "topic": a noun phrase. */
  kind: "clause" | "topic";
  text: string;
  /** German topics keep the preposition the writer used ("über Ihre Arbeit", "zu Ihrem Wechsel"). */
}

export const MAX_PHRASE = 120;

const WH: Record<string, string> = {
  en: "how|what|why|whether|which|where|when|who",
  de: "wie|was|warum|weshalb|ob|welche[rnms]?|wo|wann|wer",
  fr: "comment|ce que|ce qui|pourquoi|si|quel(?:le)?s?|où|quand|qui",
  es: "cómo|como|qué|por qué|si|cuál(?:es)?|dónde|cuándo|quién",
  pt: "como|o que|por que|porque|se|qual|quais|onde|quando|quem",
};

/** Verbs and phrases after which the object of the ask follows, per language. */
const CLAUSE_CUES: Record<string, RegExp> = {
  en: words(
    /\b(?<!let (?:you|me) )(?:hear(?: more)?|learn(?: more)?|know|understand|ask you|curious|wondering|wonder|interested in|find out|get a sense of|(?:perspective|thoughts|advice|view|views|opinion|take) on|insight into|talk(?:ing)? (?:about|through)|chat about|tell me(?: a bit| a little| more)?|explain|share)\s*,?\s+(?:[^,.?!;:\n]{1,25},\s+)??(?=(?:about\s+)?(?:how|what|why|whether|which|where|when|who)\b)/gi,
  ),
  de: words(
    /\b(?:hören|erfahren|verstehen|wissen|fragen|lernen|erzählen|erklären|nachvollziehen|einschätzen)\s*,\s*(?=(?:wie|was|warum|weshalb|ob|welche[rnms]?|wo|wann|wer)\b)/gi,
  ),
  fr: words(
    /\b(?:raconter|comprendre|savoir|expliquer|dire|demander|parler de|apprendre|connaître)\s+(?=(?:comment|ce que|ce qui|pourquoi|si|quel(?:le)?s?|où|quand|qui)\b)/gi,
  ),
  es: words(
    /\b(?:saber|contar(?:me)?|explicar(?:me)?|entender|conocer|preguntar(?:te|le)|comprender|aprender|decir(?:me)?)\s*,?\s+(?:[^,.?!;:\n]{1,25},\s+)??(?=(?:cómo|qué|por qué|si|cuál(?:es)?|dónde|cuándo|quién)\b)/gi,
  ),
  pt: words(
    /\b(?:saber|contar|entender|perceber|conhecer|ouvir|explicar|perguntar|compreender|aprender|dizer)\s*,?\s+(?:um pouco\s+)?(?:mais\s+|melhor\s+)?(?:[^,.?!;:\n]{1,25},\s+)??(?=(?:como|o que|por que|porque|se|qual|quais|onde|quando|quem)\b)/gi,
  ),
};

const TOPIC_CUES: Record<string, RegExp> = {
  en: words(
    /\b(?:hear(?: more| a bit| a little)?|learn(?: more)?|talk|chat|ask you|questions?|curious|interest(?:ed)?|perspective|advice|thoughts|views?|opinion|insights?|pick your brain|tell me(?: a bit| a little| more)?)\s+(?:about|on|into|in|regarding)\s+(?=\S)/gi,
  ),
  de: words(
    /(?:mehr|etwas|einiges|gerne)\s+(?=(?:über|zu|zum|zur)\s)|(?:Einschätzung|Erfahrungen?|Fragen|Gedanken|Perspektive|Sicht)\s+(?=(?:über|zu|zum|zur|mit|bei)\s)/g,
  ),
  fr: words(
    /\b(?:parler|en savoir plus|échanger|discuter|en dire plus|vos conseils|votre avis|votre regard|vos lumières|questions?|curieu(?:x|se)|intéressée?)\s+(?:(?:des|du|de|sur|à propos de|par)\s+|d')(?=\S)/gi,
  ),
  es: words(
    /\b(?:hablar|charlar|conversar|saber más|preguntarte|preguntarle|tu visión|su visión|tu experiencia|su experiencia|consejos?)\s+(?:sobre|de|acerca de)\s+(?=\S)/gi,
  ),
  pt: words(
    /\b(?:conversar|falar|saber mais|conhecer(?: um pouco)?|ouvir(?: a)?(?: sua| tua)? visão|sua visão|tua visão|sua experiência|tua experiência|perguntas?)\s+(?:sobre|da|do|das|dos|de)\s+(?=\S)/gi,
  ),
};

/** Verbs followed by a noun phrase with its article ("perceber melhor o papel de coordenador de estudos"). */
const ARTICLE_CUES: Record<string, RegExp> = {
  en: words(/\b(?:understand|get a feel for|learn about)\s+(?=(?:the|your)\s)/gi),
  fr: words(/\b(?:comprendre|connaître)(?: mieux)?\s+(?=(?:le|la|les|l')\b)/gi),
  es: words(/\b(?:entender|conocer|comprender)(?: mejor)?(?: un poco)?\s+(?=(?:el|la|los|las)\s)/gi),
  pt: words(/\b(?:perceber|entender|conhecer|compreender)(?: melhor)?(?: um pouco)?\s+(?=(?:o|a|os|as)\s)/gi),
};

/** Where a clause or noun phrase ends: the end of the sentence, or where a second question is joined on. */
const STOP: Record<string, RegExp> = {
  en: words(
    /[.?!;:\n]|,\s*(?:and|or|but|as|since|because|so|when|if|which|who|where|how|what|why|whether)\b|\s(?:and|or)\s(?=(?:how|what|why|whether|which|where|who)\b)|\s(?:before|because|since|so that|now that|while)\s|\s(?:[–—-]|--)\s/i,
  ),
  de: words(/[.?!;:\n]|,|\s(?:und|oder)\s(?=(?:wie|was|warum|ob|welche|wo)\b)|\s(?:[–—-]|--)\s/i),
  fr: words(
    /[.?!;:\n]|,|\s(?:et|ou)\s(?=(?:comment|ce que|ce qui|pourquoi|si|quel|où|des|de la|du)\b)|\s(?:[–—-]|--)\s/i,
  ),
  es: words(/[.?!;:\n]|,|\s(?:y|o)\s(?=(?:cómo|qué|por qué|si|cuál|dónde|quién)\b)|\s(?:[–—-]|--)\s/i),
  pt: words(/[.?!;:\n]|,|\s(?:e|ou)\s(?=(?:como|o que|por que|se|qual|quais|onde|quem)\b)|\s(?:[–—-]|--)\s/i),
};

// word boundaries that know "ç" and "ú": "migração" and "saúde" do not end on the word "o" or "de"
const DANGLING = words(/\b(the|a|an|to|of|and|or|der|die|das|und|le|la|les|de|des|et|el|los|las|y|o|os|as|e|da|do)$/i);
const POINTS_BACK = words(/\b(it|this|that|them|these|those|es|dies|cela|ça|lo|eso|esto|isso|isto)$/i);

function cut(rest: string, language: string): string | null {
  const stop = STOP[language] ?? STOP.en;
  // a paragraph ends the phrase; the line breaks of a wrapped paragraph do not
  const flat = rest.replace(/\n[ \t]*\n[\s\S]*$/, "").replace(/[ \t]*\n[ \t]*/g, " ");
  const m = stop?.exec(flat);
  const text = (m ? flat.slice(0, m.index) : flat).replace(/\s+/g, " ").trim();
  if (text.length < 6 || text.length > MAX_PHRASE) return null;
  // a phrase that ends on a dangling word ("how you", "de la") was cut in the wrong place
  if (DANGLING.test(text)) {
    return null;
  }
  // "how you think about it": a phrase that points back at something it does not say is no use on its own
  if (POINTS_BACK.test(text)) return null;
  return text;
}

/** The article a contracted preposition holds ("falar da vida" → "a vida", "parler du métier" → "le métier"). */
const CONTRACTED: Record<string, Record<string, string>> = {
  pt: { da: "a ", do: "o ", das: "as ", dos: "os " },
  fr: { du: "le ", des: "les " },
};

function articleOf(cue: string, language: string): string {
  const last = /(\p{L}+)\s*$/u.exec(cue)?.[1]?.toLowerCase() ?? "";
  return CONTRACTED[language]?.[last] ?? "";
}

/** Japanese: what comes before "について伺う", "…をお聞きしたい": a sentence's object, from its start or last comma. */
const JA_ABOUT =
  /([^。！？!?\n「」『』()（）]{2,90}?)(?:について|に関して|に関する)(?:の)?(?:お|ご)?(?:話|伺|聞|聞か|教え|相談|質問|意見|考え)/gu;
const JA_OBJECT = /([^。！？!?\n「」『』()（）]{2,90}?)を(?:ぜひ)?(?:お|ご)?(?:伺|聞か|聞き|聞け|教え|相談)/gu;
const JA_LEAD = /^(?:また|特に|ぜひ|そこで|もし|できれば|もしよろしければ|よろしければ|実は|それで)、?/u;
/** Words that name the meeting itself, not what it is about ("お話を伺う", "お時間をいただく"). */
const JA_NOT_A_TOPIC = /(?:お話|お話し|話|お時間|時間|ご意見|ご相談|相談|ご都合|日程|ご連絡|こと)$/u;

function findAskJa(raw: string): Ask | null {
  // wrapped lines of a paragraph join without a space in Japanese
  const text = raw.replace(/([^\n])\n(?=[^\n])/g, "$1");
  for (const pattern of [JA_ABOUT, JA_OBJECT]) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      // a comma after a list word (や, と, か) joins two things asked about; any other ends a lead-in clause
      // ("松井様に、設計からPMへ移られた経緯" → "設計からPMへ移られた経緯")
      const leadIn = /^.*[^やとか]、/u.exec((m[1] ?? "").trim());
      const phrase = (m[1] ?? "")
        .trim()
        .slice(leadIn?.[0].length ?? 0)
        .replace(JA_LEAD, "")
        .trim();
      if (phrase.length < 3 || phrase.length > 60 || JA_NOT_A_TOPIC.test(phrase) || /\d/.test(phrase)) continue;
      return { kind: "topic", text: phrase };
    }
  }
  return null;
}

/** Chinese: what follows "听听您", "请教", "了解一下", up to the sentence's first comma ("，以及…" adds a second ask). */
const ZH_ASK =
  /(?:听听|听您|了解|请教|聊聊|谈谈|分享)(?:一下)?(?:您|你)?(?:关于|对于|对)?([^。！？!?\n，,；;]{3,60}?)(?:的看法|的建议|的经验)?(?=[。！？!?\n，,；;]|$)/gu;

function findAskZh(raw: string): Ask | null {
  const text = raw.replace(/([^\n])\n(?=[^\n])/g, "$1");
  ZH_ASK.lastIndex = 0;
  for (let m = ZH_ASK.exec(text); m; m = ZH_ASK.exec(text)) {
    const phrase = (m[1] ?? "").trim();
    if (phrase.length < 3 || /\d/.test(phrase) || /^(?:一下|时间|您|你)/u.test(phrase)) continue;
    return { kind: "topic", text: phrase };
  }
  return null;
}

/** Korean: what comes before "에 대해 여쭙다/듣다/이야기", from the sentence's start or its last comma. */
const KO_ASK =
  /([^.?!。\n]{3,80}?)에\s?(?:대해|대해서|관해|관해서|대한)\s*(?:여쭤|여쭙|듣|들|이야기|말씀|조언|배우|알고|궁금|질문|얘기)/gu;

function findAskKo(raw: string): Ask | null {
  const text = raw.replace(/[ \t]*\n(?=[^\n])/g, " ");
  KO_ASK.lastIndex = 0;
  for (let m = KO_ASK.exec(text); m; m = KO_ASK.exec(text)) {
    const whole = (m[1] ?? "").trim();
    const phrase = whole.slice(whole.lastIndexOf(",") + 1).trim();
    if (phrase.length < 3 || phrase.length > 60 || /\d/.test(phrase)) continue;
    return { kind: "topic", text: phrase };
  }
  return null;
}

/** The object of the ask in a request text (the user's outreach), or null. Clauses are preferred over topics. */
export function findAsk(text: string, language: string | null): Ask | null {
  if (language === "ja") return findAskJa(text);
  if (language === "ko") return findAskKo(text);
  if (language === "zh") return findAskZh(text);
  const lang = language && CLAUSE_CUES[language] ? language : "en";
  const clauseStart = words(new RegExp(`^(${WH[lang]})\\b`, "i"));
  for (const cue of [CLAUSE_CUES[lang], TOPIC_CUES[lang], ARTICLE_CUES[lang]]) {
    if (!cue) continue;
    cue.lastIndex = 0;
    for (let m = cue.exec(text); m; m = cue.exec(text)) {
      let rest = text.slice(m.index + m[0].length);
      if (cue === CLAUSE_CUES[lang]) {
        rest = rest.replace(/^about\s+/i, "");
        const clause = cut(rest, lang);
        if (clause && clauseStart.test(clause)) return { kind: "clause", text: clause };
        continue;
      }
      const topic = cut(rest, lang);
      if (topic) return { kind: "topic", text: `${articleOf(m[0], lang)}${topic}` };
    }
  }
  return null;
}

export interface Duration {
  /** Minutes asked for (the lower bound of a range). */
  minutes: number;
  /** As written: "20 minutes", "une vingtaine de minutes", "eine halbe Stunde", "20 à 30 minutes". */
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  zehn: 10,
  fünfzehn: 15,
  zwanzig: 20,
  dreißig: 30,
  dreissig: 30,
  dix: 10,
  quinze: 15,
  vingt: 20,
  trente: 30,
  diez: 10,
  quince: 15,
  veinte: 20,
  treinta: 30,
  dez: 10,
  vinte: 20,
  trinta: 30,
};
const MINUTE = "(?:min(?:ute)?s?|minuten|minutes|minutos|minutinhos|minutitos)\\b";
const DURATIONS: { pattern: RegExp; minutes: (m: RegExpExecArray) => number }[] = [
  {
    pattern: new RegExp(`\\b(\\d{1,2})\\s*(?:-|–|to|à|a|bis|ou|or|o|y|e)\\s*(\\d{1,2})\\s*${MINUTE}`, "i"),
    minutes: (m) => Number(m[1]),
  },
  { pattern: new RegExp(`\\b(\\d{1,2})[\\s-]*${MINUTE}`, "i"), minutes: (m) => Number(m[1]) },
  {
    pattern: new RegExp(
      `\\b(ten|fifteen|twenty|thirty|zehn|fünfzehn|zwanzig|dreißig|dreissig|dix|quinze|vingt|trente|diez|quince|veinte|treinta|dez|vinte|trinta)[\\s-]*${MINUTE}`,
      "i",
    ),
    minutes: (m) => NUMBER_WORDS[(m[1] ?? "").toLowerCase()] ?? 0,
  },
  { pattern: /\bune (quinzaine|vingtaine|trentaine) de minutes\b/i, minutes: (m) => quantity(m[1]) },
  {
    pattern:
      /\b(half an hour|half-hour|half hour|(?:eine )?halbe stunde|une demi-heure|media hora|meia hor(?:a|inha))\b/i,
    minutes: () => 30,
  },
  {
    pattern: /\b(a quarter of an hour|(?:eine )?viertelstunde|un quart d'heure|un cuarto de hora|um quarto de hora)\b/i,
    minutes: () => 15,
  },
  {
    pattern: /(\d{1,2})\s*(?:分(?:钟|鐘)?(?:左右|ほど|程度|くらい|ぐらい)?|분(?:\s?정도)?)/,
    minutes: (m) => Number(m[1]),
  },
];

function quantity(word: string | undefined): number {
  return word === "quinzaine" ? 15 : word === "trentaine" ? 30 : 20;
}

/** The length of conversation asked for, as written; null when none is named (or it is implausible). */
export function findDuration(text: string): Duration | null {
  let best: { index: number; duration: Duration } | null = null;
  for (const { pattern, minutes } of DURATIONS) {
    const m = pattern.exec(text);
    if (!m) continue;
    const value = minutes(m);
    if (value < 5 || value > 90) continue;
    if (!best || m.index < best.index) {
      // "a 20-minute call" asks for "20 minutes"
      const text = m[0]
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^(\d{1,2}(?:\s*[-–]\s*\d{1,2})?)[\s-]+minute$/i, "$1 minutes");
      best = { index: m.index, duration: { minutes: value, text } };
    }
  }
  return best?.duration ?? null;
}

const MEDIA: { medium: Medium; pattern: RegExp }[] = [
  {
    medium: "video",
    pattern:
      /\b(video|vidéo|vídeo|zoom|teams|google meet|visio|videollamada|videochamada|videoconf\w*|videocall|video call|videotelefon\w*)\b|オンライン|ズーム|ビデオ通話|视频|視訊|화상/gi,
  },
  {
    medium: "phone",
    pattern:
      /\b(phone|by phone|telephone|ring you|call you|telefon\w*|anruf\w*|anrufen|rufe ich sie an|rufen sie mich|téléphon\w*|t[ée]l[ée]phone|llamada telefónica|por teléfono|te marco|le llamo|te llamo|telefone|telefonema|ligação|te ligo|ligo para)|电话|電話|전화/gi,
  },
  {
    medium: "coffee",
    pattern:
      /\b(coffee|café|cafés|kaffee|cafecito|cafezinho|a tea|over tea|apéro|lunch|déjeuner|almuerzo|almoço|mittagessen)\b|お茶|ランチ|カフェ|喝咖啡|커피/gi,
  },
];

/** The ways of meeting a text names, in order of first mention (phone, video, coffee). */
export function findMedia(text: string): Medium[] {
  const found: { medium: Medium; index: number }[] = [];
  for (const { medium, pattern } of MEDIA) {
    pattern.lastIndex = 0;
    const m = pattern.exec(text);
    if (m) found.push({ medium, index: m.index });
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.medium);
}

/** The last way of meeting a text names (what was settled on, when read over the replies in order). */
export function lastMedium(text: string): Medium | null {
  let last: { medium: Medium; index: number } | null = null;
  for (const { medium, pattern } of MEDIA) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (!last || m.index > last.index) last = { medium, index: m.index };
    }
  }
  return last?.medium ?? null;
}

const NAME =
  "(?:(?:la|el|o|a|do|da|del) )?((?:(?:Dr|Dra|Prof|Professor|Professora|Mr|Mrs|Ms|Herr|Frau|Mme|M|Sr|Sra)\\.? )?\\p{Lu}[\\p{L}'’-]+(?: \\p{Lu}[\\p{L}'’-]+){0,2})";
const REFERRALS: RegExp[] = [
  new RegExp(
    `${NAME},?\\s(?:[^,.]{0,60},\\s)?(?:suggested|recommended|mentioned you|thought you|gave me your|passed (?:along|on) your|pointed me)`,
    "u",
  ),
  new RegExp(`(?:referred|introduced) (?:to you )?by ${NAME}`, "u"),
  new RegExp(`on ${NAME}'s (?:suggestion|recommendation|advice)`, "u"),
  new RegExp(`${NAME}(?:,\\s[^,]{0,40},)?\\s(?:hat mir|meinte|empfahl|riet)`, "u"),
  new RegExp(`(?:auf Empfehlung von|Empfehlung von|auf Anraten von)\\s${NAME}`, "u"),
  new RegExp(`${NAME}(?:,\\s[^,]{0,40},)?\\sm'a (?:suggéré|conseillé|recommandé|proposé|donné|parlé de vous)`, "u"),
  new RegExp(`(?:[Dd]e la part de|[Ss]ur les conseils de|[Ss]ur la recommandation de)\\s${NAME}`, "u"),
  new RegExp(`${NAME}(?:,\\s[^,]{0,40},)?\\sme (?:sugirió|recomendó|aconsejó|pasó|dio|habló de)`, "u"),
  new RegExp(`(?:[Dd]e parte de|[Pp]or recomendación de|[Pp]or sugerencia de)\\s${NAME}`, "u"),
  new RegExp(`${NAME}(?:,\\s[^,]{0,70},)?\\s(?:me )?(?:sugeriu|indicou|recomendou|passou|deu|falou)`, "u"),
  new RegExp(`(?:[Ii]ndicação|[Ss]ugestão|[Rr]ecomendação) (?:d[oa]|de) ${NAME}`, "u"),
];
const NOT_A_NAME =
  /^(I|We|She|He|They|You|It|Someone|Somebody|This|That|Who|Hi|Hello|Dear|Sie|Er|Ich|Wir|Elle|Il|On|Ella|Él|Ela|Ele|Alguien|Alguém|Quelqu'un|Jemand|A|O|La|Le|El|Die|Der|Das|Hola|Oi|Olá|Bonjour|Hallo)$/;

/** The person the writer says suggested the contact ("Lena Fairbanks suggested I reach out"), as written. */
export function findReferrer(text: string): string | null {
  for (const pattern of REFERRALS) {
    const m = pattern.exec(text.slice(0, 4000));
    const name = m?.[1]
      ?.replace(/^(Hi|Hello|Hey|Dear|Hallo|Bonjour|Hola|Oi|Olá|Ciao)\s+/, "")
      .replace(/\s+/g, " ")
      .trim();
    if (name && !NOT_A_NAME.test(name) && name.length <= 60) return name;
  }
  return null;
}

/** Words before the field someone is moving into ("a move into UX research", "reconversion vers la food-tech"). */
const FIELD_CUES =
  /(?:→|->|\bexploring|\bmov(?:e|ing)(?: toward| towards| into| to)|\btransition(?:ing)? (?:into|to)|\bcareer in|\bpivot(?:ing)? (?:into|to)|\breconversion (?:vers|dans)|\bpasarme a|\breconvertirme (?:a|hacia)|\btransición hacia|\bmigrar (?:do [\p{L} ]{3,30} )?para|\bmigração (?:para|da minha carreira para)|\b(?:el|mi) (?:paso|salto) (?:de [\p{L} ]{3,30} )?(?:a|hacia)|\b(?:o|meu) (?:passo|salto) (?:d[oa] [\p{L} ]{3,30} )?para|\bir pr[oa] (?:lado|área) d[eao]|\bWechsel in|\bUmstieg in|\bin Richtung)\s+(?:a área de |the |la |le |les |l'|el |a |o |die |den |das |à |al )?/giu;

/** The field the writer is moving into, as written ("UX research", "food-tech", "compliance"), or null. */
export function findField(raw: string): string | null {
  const text = raw.replace(/\s*\n\s*/g, " ");
  FIELD_CUES.lastIndex = 0;
  for (let m = FIELD_CUES.exec(text); m; m = FIELD_CUES.exec(text)) {
    const rest = text.slice(m.index + m[0].length);
    const phrase =
      /^[\p{L}][\p{L}\p{N}&/'’ -]{1,60}?(?=\s*(?:[.,;:?!()—–\n]|\s[-–—]\s|\s(?:and|et|y|e|und|or|ou|o|oder|in|at|à|en|em|im|for|pour|para|für|but|mais|pero|mas|aber|while|since|from|and|with|avec|con|com|mit)\s|$))/iu.exec(
        rest,
      );
    const field = phrase?.[0]
      ?.trim()
      .replace(
        /^(?:a\s+)?(?:move|transition|career|pivot|switch|shift)\s+(?:into|to|in|toward|towards)\s+(?:the\s+)?/i,
        "",
      );
    if (field && field.length >= 2 && field.split(/\s+/).length <= 6 && !/^(?:a|an|the|move|my|me)$/i.test(field))
      return field;
  }
  return null;
}
