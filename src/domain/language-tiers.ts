/**
 * Which lexicons a text is worth reading with: English always; the other Latin-script languages (and Arabic and
 * Cyrillic script) when the text shows their everyday words or letters; CJK when it shows those scripts; Arabizi
 * when it shows Arabizi words or spellings. The other lexicons cost far more per text than the test, and most
 * texts of a mailbox are English, so this runs on every text and must stay cheap (README "bench:scan").
 */
import type { Tier } from "./signal-types.js";

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
/** Arabic script: its lexicon runs in the tier of the other languages written with spaces between words. */
const ARABIC = /[\u0600-\u06ff]/;
/** Cyrillic script (Ukrainian): likewise. */
const CYRILLIC = /[\u0400-\u04ff]/;
/** Letters that English does not use (so the other Latin-script lexicons may be worth running). */
const NON_ENGLISH_LETTER = /[à-öø-ÿß\u0100-\u017f\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
/** Everyday words of German, French, Spanish, Portuguese, Italian, Dutch, Polish, the Nordic languages, Indonesian/Malay, Turkish, Vietnamese (with and without its tone marks) and Tagalog that English prose does not use. Taglish mail is mostly English words: its politeness markers and particles ("po", "ba", "kayo", "lang", "naman") are what show it. */
const NON_ENGLISH_WORDS = [
  "und|ich|du|dich|dir|mir|mich|sie|ist|auch|nicht|wir|bitte|gerne|vielen|danke|leider|hallo|liebe|lieber|einen|eine|bis|gruß|grüße|gruesse|viele",
  "je|tu|te|toi|vous|nous|pour|avec|une|les|du|mais|pas|ça|oui|salut|merci|bonjour|très|coucou",
  "y|el|los|las|una|qué|cómo|usted|gracias|para|pero|muy|hola|saludos|abrazo",
  "você|vc|tudo|bem|pra|com|uma|não|muito|obrigado|obrigada|olá|oi|abraço",
  "ciao|grazie|sono|della|che|io|ti|non",
  "voor|ik|het|een",
  "jest|się|nie|czy|pan|pani|dzień|dobry|dziękuję|bardzo|może",
  "och|jag|inte|hej|tack|mvh|hälsningar|också|gärna|skulle|jeg|ikke|hei|takk|hilsen|gerne|gjerne",
  "saya|yang|untuk|dengan|tidak|terima|kasih|terimakasih|makasih|mohon|bapak|apakah|kami|anda|sudah|juga|boleh|ingin|sekali|encik|puan",
  "bir|için|çok|ama|değil|merhaba|teşekkürler|teşekkür|selam|saygılarımla|müsait|musait|nasılsınız|hocam|bey|hanım|rica|ederim|selamlar",
  "chị|bạn|không|khong|được|duoc|cảm|cám|ơn|xin|chào|mình|của|cua|và|là|có|với|voi|rất|nhé|nhe|ạ|một|này|tôi|toi|chúng|mong|muốn|muon|giúp|giup|thời|gian|trao|đổi|lời|khuyên|ngày|tuần|phút|phut|trân|trọng",
  "po|opo|ba|kayo|kayong|ako|lang|naman|ninyo|niyo|nyo|mga|yung|talaga|salamat|pwede|puwede|kasi|sana|ingat",
].join("|");
/**
 * Everyday words of Arabizi (Arabic typed in Latin letters, digits for the sounds Latin lacks): "ezayak", "momken",
 * "3ala", "shokran", "keda" — not the ones that are also English words or names ("ana", "ya", "eh", "mesh", "bas",
 * "hala", "3am" as in 3 a.m.). They bring in the Arabizi lexicon alone: its patterns are costly and read nothing in
 * the other Latin-script languages, which do not pay for them.
 */
const ARABIZI_WORDS =
  "ezayak|ezayek|ezzayak|izzayak|izayak|ezayko|ezay|izzay|momken|mumkin|momkin|mumken|3ala|3la|shokran|shukran|shokrn|inshallah|insha2allah|inshaallah|inshalla|ya3ni|yaani|kda|keda|kidda|awi|2awi|7aga|3ayez|3ayz|3aiz|3ayza|3awez|3awza|enta|enti|ento|mish|msh|ma3ak|ma3ek|ma3aya|wa2tak|wa2tek|wa2t|kteer|ktir|khalas|5alas|tamam|yalla|yallah|7abibi|habibi|aywa|la2|wallahi|ma3lesh|maalesh|bgad|begad|3ashan|3shan|alashan|ba3d|delwa2ti|bokra|bukra|hadretak|7adretak|ostaz|ostaza|bashmohandes|kalemni|2ahwa|kifak|kefak|shlonak|ehna|e7na|7elw|kaman|ezzay|3an|3and|3andak|3andek|3andi|ma3|menak|mennak|shwaya|shway|shwayet|bta3na|bta3ak|bta3i|bta3y|handasa|alhamdulillah|el7amdulillah|7amdellah|ahlan|marhaba|abgha|ne7ki|inno|enno|kont|kunt|lessa|2awy|awy|gedan|a2olak|a2ollak|7abeit|habeit|7abbeit|enni|ba2eit|sha8al|shaghal|nasi7tak|kalemny";
/** Either kind of word, in one pass over the text: most texts are English and hold neither. */
const TIER_WORD = new RegExp(` (?:(${NON_ENGLISH_WORDS})|(${ARABIZI_WORDS}))(?=[ ,.!?])`, "g");

/** Whether the text holds an everyday word of the other Latin-script languages, and one of Arabizi. */
function tierWords(folded: string): { latin: boolean; arabizi: boolean } {
  const found = { latin: false, arabizi: false };
  TIER_WORD.lastIndex = 0;
  for (let m = TIER_WORD.exec(folded); m !== null; m = TIER_WORD.exec(folded)) {
    if (m[1] !== undefined) found.latin = true;
    else found.arabizi = true;
    if (found.latin && found.arabizi) break;
  }
  return found;
}
/** A word spelled the Arabizi way, a digit for a sound ("wa2t", "bta3et", "3ala", "7aga"): not "b2b", "k8s", "2nd". */
const ARABIZI_SPELLING = /\b(?:[a-z]*[a-z]{2}[235789][a-z]+|[a-z]+[235789][a-z]{2,}[a-z]*|[235789][a-z]{3,})\b/g;
/** A digit inside a word, as Arabizi spells: a cheap test that spares most English text the search above. */
const DIGIT_INSIDE_WORD = /[a-z][235789][a-z]|\b[235789][a-z]{3}/;
/** Distinct Arabizi-spelled words that make a text read as Arabizi (one could be a product name). */
const ARABIZI_SPELLINGS_FOR_ARABIZI = 2;

function spelledArabizi(folded: string): boolean {
  if (!DIGIT_INSIDE_WORD.test(folded)) return false;
  const seen = new Set<string>();
  for (const m of folded.matchAll(ARABIZI_SPELLING)) {
    seen.add(m[0]);
    if (seen.size >= ARABIZI_SPELLINGS_FOR_ARABIZI) return true;
  }
  return false;
}

/** Words holding a letter English does not use. */
const ACCENTED_WORD =
  /[a-z]*[à-öø-ÿß\u0100-\u017f\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9][a-zà-öø-ÿß\u0100-\u017f\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]*/g;
/** Distinct such words that make a text read as another Latin-script language: one name is not enough. */
const ACCENTED_WORDS_FOR_LATIN = 2;

/**
 * The lexicon tiers worth running on a text: English always, others when the text shows their script or words.
 * A name with an accent ("Chloé" in a greeting, a signature or a quoted header) does not count as language.
 */
export function tiersOf(folded: string): ReadonlySet<Tier> {
  const cjk = CJK.test(folded);
  const words = tierWords(folded);
  const latin =
    cjk ||
    ARABIC.test(folded) ||
    CYRILLIC.test(folded) ||
    words.latin ||
    accentedWords(folded) >= ACCENTED_WORDS_FOR_LATIN;
  return new Set<Tier>([
    "en",
    ...(latin ? (["latin"] as const) : []),
    ...(cjk ? (["cjk"] as const) : []),
    ...(words.arabizi || spelledArabizi(folded) ? (["arabizi"] as const) : []),
  ]);
}

function accentedWords(folded: string): number {
  if (!NON_ENGLISH_LETTER.test(folded)) return 0;
  const seen = new Set<string>();
  for (const m of folded.matchAll(ACCENTED_WORD)) {
    seen.add(m[0]);
    if (seen.size >= ACCENTED_WORDS_FOR_LATIN) break;
  }
  return seen.size;
}
