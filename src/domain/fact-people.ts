/**
 * People as they are written in mail: the greeting line a writer opened with ("Sehr geehrte Frau Dr. Maaß",
 * "Hola, Núria:", "Tanaka-san,"), the short name someone signs with ("Gwen"), the organisation named in a
 * signature, a display name or the text ("Grünwert Advisory", never one made up from a domain), and the role
 * line of a signature. Pure: no I/O.
 */
import { words } from "./word-boundary.js";

const GREETING_WORDS = words(
  /^(dear|hi|hello|hey|good (?:morning|afternoon|evening)|sehr geehrte[rn]?|liebe[rn]?|hallo|guten (?:tag|morgen|abend)|grüezi|grüß gott|servus|moin|bonjour|bonsoir|cher|chère|madame|monsieur|salut|coucou|allô|hola|estimad[oa]s?|querid[oa]s?|apreciad[oa]|buen(?:os|as) (?:días|tardes|noches)|olá|oi|prezad[oa]s?|exm[oa]\.?(?: senhora| senhor)?|car[oa]|bom dia|boa (?:tarde|noite)|ciao|salve)\b/iu,
);
/** "高橋様", "鈴木さん", "王先生您好，", "김민준님": a name with an honorific, as Japanese, Chinese and Korean mail opens. */
const CJK_GREETING = /^.{1,20}(様|さま|さん|先生|殿|女士|老师|老師|님|씨)(您好|你好|안녕하세요)?[、,，:：!！]?$/u;
const SMALL_TALK = /,\s*(?:tudo bem|how are you|hope you|ça va|¿qué tal|qué tal|como vai|como estás|wie geht).*$/i;

/** Letters folded for comparison: lower case, no accents, ß as ss. */
export function foldName(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/æ/g, "ae")
    .replace(/ø/g, "o")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** Name tokens of a person, from their display name and the local part of their address. */
export function nameTokens(name: string, address: string): Set<string> {
  const local = address.split("@")[0] ?? "";
  const words = `${foldName(name)} ${foldName(local).replace(/[._-]+/g, " ")}`
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length >= 2);
  const tokens = new Set(words);
  // "Maaß" is written "maass" in the address, "Küng" as "kueng"
  for (const w of words) tokens.add(w.replace(/ue/g, "u").replace(/ae/g, "a").replace(/oe/g, "o"));
  const cjk = name.match(/[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+/g) ?? [];
  for (const chunk of cjk) tokens.add(chunk);
  // "王小明" is greeted "王先生": a Chinese or Korean name written without a space starts with the family name
  if (cjk.length === 1 && /^[\u4e00-\u9fff\uac00-\ud7af]{2,4}$/.test(cjk[0] ?? ""))
    tokens.add((cjk[0] ?? "").charAt(0));
  return tokens;
}

function mentions(line: string, tokens: ReadonlySet<string>): boolean {
  const folded = foldName(line);
  const words = folded.split(/[^\p{L}\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]+/u).filter(Boolean);
  const simplified = words.map((w) => w.replace(/ue/g, "u").replace(/ae/g, "a").replace(/oe/g, "o"));
  if ([...words, ...simplified].some((w) => w.length >= 2 && tokens.has(w))) return true;
  // "Tanaka-san", "高橋様": the family name with an honorific attached
  return [...tokens].some((t) => /[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]/.test(t) && line.includes(t));
}

/**
 * The greeting line opening a writer's own text when it addresses the given person, as written, without what
 * follows the name on the same line ("Oi Bia, tudo bem?" → "Oi Bia,"). Null when the text opens otherwise.
 */
export function greetingFor(ownText: string, person: ReadonlySet<string>): string | null {
  const lines = ownText
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .slice(0, 3);
  for (const line of lines) {
    if (line.length > 80) continue;
    const nameFirst = /^[\p{L}'’. -]{2,30}[,:!]/u.test(line) && mentions(line.split(/[\s,:!]/)[0] ?? "", person);
    const greeting = GREETING_WORDS.test(line) || CJK_GREETING.test(line) || nameFirst;
    if (!greeting || !mentions(line, person)) continue;
    if (/\b(all|everyone|team|tous|todos|todas|alle|zusammen)\b/i.test(line)) continue;
    let text = line.replace(SMALL_TALK, ",");
    // keep up to the punctuation that closes the name: "Cristiano, bom dia!" → "Cristiano,"
    const close = /^(.*?[\p{L}.)])\s*([,:!])\s+\S.*$/u.exec(text);
    if (close && mentions(close[1] ?? "", person)) text = `${close[1]}${close[2]}`;
    return text.length <= 60 && text.split(/\s+/).length <= 7 && !/[()]/.test(text) ? text : null;
  }
  return null;
}

export const SIGNOFF_LINE =
  /^(best|cheers|thanks|thank you|regards|kind regards|best regards|warm regards|warmly|many thanks|thanks so much|thanks again|with thanks|gratefully|sincerely|yours sincerely|yours|all the best|best wishes|take care|gruss|liebe grüsse|liebe grüße|grüsse|grüße|herzliche grüsse|beste grüße|freundliche grüsse|viele grüße|lg|merci|cordialement|bien à vous|à bientôt|bises|amitiés|saludos|un saludo|un abrazo|abrazos|gracias|atentamente|abraço|abraços|beijos|bjs|atenciosamente|obrigad[oa]|cumprimentos|mit freundlichen grüssen|mit freundlichen grüßen|mit herzlichen grüssen|mit herzlichen grüßen|herzliche grüße|freundliche grüße|beste grüsse|viele grüsse|bien cordialement|cordialement|un cordial saludo|saludos cordiales|un abrazo fuerte|com os melhores cumprimentos|melhores cumprimentos|um abraço|abraço forte|atentamente|kind regards|with best wishes|warm wishes|best,|gratefully yours|with gratitude|respectfully)[\s,.!]*$/i;

/** The short name a person signs with ("Gwen", "G." is not one), when it is a form of their name. */
export function signedName(ownText: string, signature: string, person: ReadonlySet<string>): string | null {
  const tail = [...ownText.split("\n").slice(-3), ...signature.split("\n").slice(0, 3)]
    .map((l) => l.trim())
    .filter((l) => l !== "" && !SIGNOFF_LINE.test(l));
  for (const line of tail) {
    if (!/^\p{Lu}[\p{L}'’-]{1,20}$/u.test(line)) continue;
    const folded = foldName(line);
    if ([...person].some((t) => t.length >= 3 && (t === folded || t.startsWith(folded)))) return line;
  }
  return null;
}

const LEGAL_FORM = words(
  /\s*,?\s*\b(GmbH|AG|SA|S\.A\.|S\.L\.|SL|SAS|SARL|S\.p\.A\.|Ltd\.?|Limited|LLC|LLP|Inc\.?|Corp\.?|PLC|plc|Lda\.?|Ltda\.?|KK|K\.K\.|B\.V\.|BV|NV|Pte\.? Ltd\.?|e\.V\.)\s*$/,
);
const DOMAIN_GENERIC = new Set(["example", "mail", "email", "co", "com", "org", "net", "edu", "gov", "ac", "www"]);

/** The distinctive labels of an address's domain: "gruenwert-advisory.example" → ["gruenwertadvisory"]. */
function domainLabels(address: string): string[] {
  const domain = (address.split("@")[1] ?? "").toLowerCase();
  return domain
    .split(".")
    .filter((l) => l.length >= 3 && !DOMAIN_GENERIC.has(l) && !/^(mail|smtp|eurprd|prod|outlook)\d*$/.test(l))
    .map((l) => l.replace(/[^a-z0-9]/g, ""));
}

function foldedLetters(text: string): string {
  return foldName(text)
    .replace(/ue/g, "u")
    .replace(/[^a-z0-9]/g, "");
}

/** True when a written organisation name is the one behind the address ("Sihltal Privatbank" for sihltalbank). */
export function matchesDomain(candidate: string, address: string): boolean {
  const labels = domainLabels(address).map((l) => l.replace(/ue/g, "u"));
  if (labels.length === 0) return false;
  const whole = foldedLetters(candidate);
  const first = foldedLetters(candidate.split(/\s+/)[0] ?? "");
  return labels.some(
    (label) =>
      (whole.length >= 3 && (label === whole || label.startsWith(whole) || whole.startsWith(label))) ||
      (first.length >= 4 && label.startsWith(first)),
  );
}

/** A candidate as people write it in a sentence: legal form, trailing place and punctuation dropped. */
function cleanOrganisation(candidate: string): string | null {
  const text = candidate
    .replace(/\s*\([^)]*\)\s*$/, "")
    .replace(LEGAL_FORM, "")
    .replace(/[\s,.;:–—-]+$/, "")
    .replace(/^[\s,.;:–—-]+/, "")
    .trim();
  if (text.length < 2 || text.length > 60 || !/^[\p{Lu}\p{N}]/u.test(text)) return null;
  return text;
}

/** Segments of a signature or display name that may name an organisation ("Head of Research, Harborlight"). */
function segments(line: string): string[] {
  return line
    .split(/\s*(?:\||·|•|,|\s[–—-]\s|\bat\b|\bbei\b|\bchez\b|@)\s*/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The organisation behind an address as a signature or display name writes it, or null. */
export function organisationIn(lines: readonly string[], address: string): string | null {
  for (const line of lines) {
    if (line.length > 120 || /@|https?:|www\.|\+?\d[\d ()/-]{6,}/.test(line)) continue;
    for (const segment of segments(line)) {
      const clean = cleanOrganisation(segment);
      if (clean && matchesDomain(clean, address)) return clean;
    }
  }
  return null;
}

const ORG_IN_TEXT = words(
  /\b(?:at|with|for|join(?:ed)?|bei|chez|de|en|na|no|da|do|à|em)\s+((?:\p{Lu}[\p{L}\p{N}'’&-]*|&)(?:\s(?:\p{Lu}[\p{L}\p{N}'’&-]*|&|de|du|des|del|da|do|dos|of|and|und|et|y|e)){0,4})/gu,
);

/** The organisation behind an address as the text names it ("the research practice at Harborlight"), or null. */
export function organisationInText(text: string, address: string): string | null {
  ORG_IN_TEXT.lastIndex = 0;
  for (let m = ORG_IN_TEXT.exec(text); m; m = ORG_IN_TEXT.exec(text)) {
    // "Northlight's Madrid office": the organisation ends at the possessive
    const words = (m[1] ?? "").replace(/[’']s\b.*$/, "").split(/\s+/);
    // the longest run of its words that is the organisation behind the address
    for (let n = words.length; n >= 1; n--) {
      const clean = cleanOrganisation(
        words
          .slice(0, n)
          .join(" ")
          .replace(/[’']s$/, ""),
      );
      if (clean && !/\s(de|du|des|del|da|do|dos|of|and|und|et|y|e)$/.test(clean) && matchesDomain(clean, address)) {
        return clean;
      }
    }
  }
  return null;
}

const NOT_A_ROLE = words(
  /@|https?:|www\.|\+?\d[\d ()/.-]{6,}|\b(tel|phone|mobile|fax|strasse|straße|street|rue|calle|rua|avenida|cep|suite)\b|\d{4,}|confidential|vertraulich|confidentiel|confidencial|aviso|notice|imprimir|print|ambiente|environment|umwelt|\b(brazil|brasil|france|portugal|spain|españa|germany|deutschland|switzerland|schweiz|suisse|mexico|méxico|japan|singapore|uk|usa|canada|australia|ireland|italy|colombia|argentina|chile|peru|perú)$/i,
);

/**
 * The role line of the user's signature ("Rechtsanwältin | Senior Associate", "Cheffe de cuisine"): the first
 * short line after the name that is not contact details. Null when the signature has none.
 */
export function roleLine(signature: string, userTokens: ReadonlySet<string>): string | null {
  const lines = signature
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^-- ?$/.test(l));
  for (const line of lines.slice(0, 4)) {
    if (SIGNOFF_LINE.test(line) || NOT_A_ROLE.test(line) || /[,;:]$/.test(line)) continue;
    // a role line is short words: no digits, quotes or sentences (campaign footers, opening hours)
    if (line.length > 60 || /[\d"“”«»!?]/.test(line) || line.split(/\s+/).length > 8 || /\.\s/.test(line)) continue;
    if (/^(sent from|envoyé de|enviado desde|enviado do|von meinem|get outlook)/i.test(line)) continue;
    // a place ("Lyon, France") is not a role
    if (/^\p{Lu}[\p{L}-]+,\s*\p{Lu}[\p{L}-]+$/u.test(line)) continue;
    const folded = foldName(line).split(/[^\p{L}]+/u);
    if (folded.some((w) => w.length >= 3 && userTokens.has(w))) continue; // the name line
    if (!/\p{L}{3,}/u.test(line)) continue;
    return line.replace(/[.\s]+$/, "");
  }
  return null;
}

/**
 * How the user closes and signs a message, as written: the closing line ("Herzliche Grüsse", "Un abrazo,") and the
 * name under it when it is the user's own ("Tessa", "Seraina Küng"; a nickname that is not part of the name is not
 * taken).
 */
export function userSignoff(
  ownText: string,
  signature: string,
  userTokens: ReadonlySet<string>,
): { closing: string | null; signedAs: string | null } {
  const lines = [...ownText.split("\n").slice(-3), ...signature.split("\n").slice(0, 3)]
    .map((l) => l.trim())
    .filter((l) => l !== "");
  const at = lines.findIndex((l) => l.length <= 40 && SIGNOFF_LINE.test(l));
  if (at < 0) return { closing: null, signedAs: null };
  const closing = lines[at] ?? null;
  const next = (lines[at + 1] ?? "").replace(/\([^)]*\)/g, "").trim();
  const words = foldName(next)
    .split(/[^\p{L}]+/u)
    .filter((w) => w.length > 0);
  const own = words.length > 0 && words.length <= 4 && words.every((w) => userTokens.has(w));
  return { closing, signedAs: own ? next : null };
}
