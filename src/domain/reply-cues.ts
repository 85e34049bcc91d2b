/**
 * Cues read from replies and headers: declines, do-not-contact requests, cancellations, acceptances, bulk and
 * automatic-reply headers, in English, German, French, Spanish, Portuguese, Italian and Japanese. Pure; every
 * pattern is about what people write, not about one corpus. Text cues take folded text (lower case, see
 * foldText) and accept words typed without their accents; every pattern is linear in the length of the text
 * (alternations of literal phrases, gaps of bounded length).
 */
import { loose } from "./prose-dates.js";

/**
 * Letters of the Latin-script languages read here, folded or not. Whole-word checks use this class rather than
 * \p{L}: a Unicode property in a lookbehind at every position of a long text costs three times as much, and
 * Japanese phrases need no word boundary.
 */
const LETTER = "a-zA-Z0-9À-ÖØ-öø-ÿœŒ";
const NOT_BEFORE = `(?<![${LETTER}])`;
const NOT_AFTER = `(?![${LETTER}])`;

/** Whole-word phrases in a Latin-script language; a cue joins all of them under one word boundary. */
interface Phrases {
  phrases: string[];
}

function words(...alternatives: string[]): Phrases {
  return { phrases: alternatives.map(loose) };
}

/** "regret … negation" within one sentence: "malheureusement je ne pourrai pas", "leider habe ich keine Zeit". */
function within(first: string, then: string, gap = 120): Phrases {
  return { phrases: [`(?:${loose(first)})${NOT_AFTER}[^.!?。！？]{0,${gap}}${NOT_BEFORE}(?:${loose(then)})`] };
}

/** Each cue's raw sources alone (English, Japanese), without the other Latin-script languages' phrases. */
const RAW_PARTS = new WeakMap<RegExp, RegExp>();

/** One pattern from raw sources (English, Japanese) and whole-word phrases. */
function cue(...parts: (string | Phrases)[]): RegExp {
  const sources = parts.filter((p): p is string => typeof p === "string");
  const phrases = parts.flatMap((p) => (typeof p === "string" ? [] : p.phrases));
  const raw = new RegExp(sources.join("|"), "u");
  if (phrases.length === 0) return raw;
  const full = new RegExp([...sources, `${NOT_BEFORE}(?:${phrases.join("|")})${NOT_AFTER}`].join("|"), "u");
  RAW_PARTS.set(full, raw);
  return full;
}

/**
 * A cue without its German, French, Spanish, Portuguese and Italian phrases: for text that shows none of those
 * languages (see tiersOf in language-tiers.ts), where the whole-word phrases, checked at every position, would only cost time.
 */
export function englishAndJapanese(cue: RegExp): RegExp {
  return RAW_PARTS.get(cue) ?? cue;
}

/** A clock time as written: "15:30", "8h", "17 Uhr", "4pm", "15時". */
const CLOCK = `\\d{1,2}(?::\\d{2}|h\\d{0,2}${NOT_AFTER}|\\s*uhr|\\s*(?:am|pm)${NOT_AFTER}|時)`;
const DAYS_FOLDED =
  "today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mañana|hoy|amanhã|hoje|demain|aujourd'hui|morgen|heute|domani|oggi";

const WEEKDAYS_FOLDED =
  "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo|segunda|terça|quarta|quinta|sexta|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag";

const EN_DECLINE =
  /\b(unfortunately|i'?m afraid|regret(fully)?|sadly|i'?m sorry but|sorry,? but)\b[^.!?]{0,140}\b(not (be )?(able|in a position)|unable|can'?t|cannot|won'?t be able|no longer|not taking|stopped taking|have to (decline|pass|say no)|not (doing|offering|accepting))\b|\bi'?d rather (say|tell you) (no|honestly)\b|\bhave to (decline|pass|say no)\b|\bnot taking (on )?(any )?(calls|meetings|coffees?|chats|requests)\b|\b(no|not doing|don'?t do) (any )?one[- ]on[- ]ones?\b|\bnot (able|in a position) to (take|do|help|meet|offer|accept)\b|\bmust decline\b|\b(going|have) to pass\b|\bi don'?t (take|do) (these|such|informational)\b/;

export const DECLINE = cue(
  EN_DECLINE.source,
  within(
    "leider|bedauerlicherweise|es tut mir leid|tut mir leid",
    "nicht (möglich|helfen|weiterhelfen|zur verfügung|die zeit|die kapazität)|kann ich nicht|kann nicht|nichts|keine zeit|keine kapazität|keinen termin|ablehnen|absagen|absage|passen|unmöglich",
    100,
  ),
  words(
    "muss (ich )?(ihnen |dir |euch )?(leider )?absagen",
    "muss (leider )?ablehnen",
    "kein interesse",
    "keine kapazität(en)?",
    "nehme keine (termine|anfragen|gespräche|kaffeetermine)",
  ),
  within(
    "malheureusement|hélas|je suis désolée?|désolée?|je regrette|navrée?|je crains",
    "ne pourrai pas|ne pourrai|ne peux pas|ne pourrais pas|pas possible|pas disponible|impossible|pas le temps|pas en mesure|décliner|ne suis pas",
  ),
  words(
    "je dois (malheureusement )?décliner",
    "je préfère décliner",
    "je ne suis pas en mesure",
    "je ne donne pas suite",
    "je ne fais pas (ce genre|d'entretiens|de rendez-vous|de cafés)",
  ),
  within(
    "lamentablemente|desafortunadamente|por desgracia|me temo que|lo siento|lo lamento|siento (mucho )?(decirte|decirle)|sintiéndolo mucho",
    "no (puedo|podré|podría|voy a poder|tengo (tiempo|disponibilidad|hueco)|dispongo|me es posible|estoy (disponible|en condiciones))|imposible",
  ),
  words("lamentablemente,? no", "desafortunadamente,? no"),
  words(
    "tengo que (declinar|rechazar|decir que no)",
    "no (puedo|podré) (atenderte|atenderle|ayudarte|ayudarle|reunirme)",
    "no hago (este tipo de|entrevistas|reuniones)",
  ),
  within(
    "infelizmente|lamento|lamentavelmente|receio que|sinto muito|peço desculpa|desculpe,? mas",
    "não (posso|poderei|vou conseguir|consigo|tenho (tempo|disponibilidade)|vou poder|me é possível|estou disponível)|impossível",
  ),
  words("infelizmente,? não"),
  words("(tenho|vou ter) (de|que) recusar", "não tenho disponibilidade", "não vou poder ajudar"),
  within(
    "purtroppo|mi dispiace|temo che|sfortunatamente",
    "non (posso|potrò|riesco|ho tempo|sono disponibile|mi è possibile)|impossibile",
  ),
  words("purtroppo,? non"),
  words("devo (declinare|rinunciare)"),
  "(?:お時間|時間|ご対応|対応|お会い|面談|お話|ご期待|ご要望|ご依頼|ご相談)[^。！？\\n]{0,24}(?:難しい|いたしかね|致しかね|できかね|出来かね|できません|出来ません|お受けでき|沿えず|お応えでき)",
  "お断り(?:させて|いたし|します)|辞退(?:させて|いたし|します)|見送らせて",
);

export const DECLINE_SOFTENERS = cue(
  /\b(happy to (chat|talk|help|meet)|glad to|would love to|resched|another (time|day|week)|new time|new invite|next (week|month)|ping me|drop me a line|reach out again|circle back|get in touch (again|after)|after the \d|in (a few|two|three|2|3) (weeks|months)|later in the (year|month)|once (things|it) (calm|settle)|how about|what about)\b/
    .source,
  // a day and a clock time offered in the same message make it a counter-proposal, not a no
  `${NOT_BEFORE}(?:${loose(`${WEEKDAYS_FOLDED}|${DAYS_FOLDED}`)})${NOT_AFTER}[^.!?\\n]{0,25}${CLOCK}`,
  `(?:明日|明後日|[日月火水木金土]曜)[^。！？\\n]{0,10}\\d{1,2}(?:時|:\\d{2})`,
  words(
    "später",
    "nächste woche",
    "in ein paar wochen",
    "in einigen wochen",
    "nach den (sommerferien|ferien|feiertagen)",
    "ab (mitte|ende|anfang)",
    "melden sie sich",
    "melde dich",
    "ich melde mich",
    "aber (gerne|gern)",
    "alternativ",
    "stattdessen",
    "wie wäre es",
    "einen anderen (termin|tag)",
  ),
  words(
    "plus tard",
    "dans quelques (semaines|mois)",
    "après (l'été|les vacances|les fêtes)",
    "à la rentrée",
    "une autre fois",
    "un autre (moment|jour|créneau)",
    "une autre date",
    "recontactez-moi",
    "reprenez contact",
    "revenez vers moi",
    "relancez-moi",
    "on peut (décaler|reporter)",
    "le mois prochain",
    "la semaine prochaine",
  ),
  words(
    "más adelante",
    "en unas semanas",
    "dentro de (unas|un par de|unos)",
    "después del verano",
    "otro momento",
    "otra fecha",
    "otro día",
    "escríbeme",
    "vuelve a escribirme",
    "el mes que viene",
    "la semana que viene",
    "qué tal",
    "te va bien",
    "le va bien",
  ),
  words(
    "mais para a frente",
    "mais para frente",
    "daqui a (umas|algumas|duas|três)",
    "volte a (falar|escrever|contactar|contatar)",
    "depois do verão",
    "noutra altura",
    "outra altura",
    "outro dia",
    "outra data",
    "mais tarde",
    "no próximo mês",
    "na próxima semana",
    "que tal",
  ),
  words(
    "più avanti",
    "tra qualche (settimana|mese)",
    "riscrivimi",
    "ricontattami",
    "dopo l'estate",
    "un'altra volta",
    "un altro giorno",
    "la settimana prossima",
    "il mese prossimo",
    "che ne dici",
  ),
  "落ち着いたら|落ち着きましたら|改めてご連絡|来月以降|後日|別の日",
);

export const DO_NOT_CONTACT = cue(
  /\b(please )?(don'?t|do not|stop) (contact|email|emailing|message|messaging|write to|writing to|reach(ing)? out to|follow(ing)? up with) me\b|\bremove me from\b|\bno further (contact|emails|messages)\b|\btake me off\b/
    .source,
  words(
    "(kontaktieren|kontaktiere|kontaktiert|schreiben|schreib|mailen|anschreiben) (sie |du )?mich (bitte )?(nicht mehr|nie wieder)",
    "(schreiben|melden) sie (mir|sich) (bitte )?nicht mehr",
    "keine weiteren (e-mails|mails|nachrichten|anfragen|kontaktversuche)",
    "(entfernen|streichen|löschen) sie mich",
    "nicht mehr (kontaktiert|angeschrieben|angerufen) werden",
  ),
  words(
    "(merci de|veuillez|je vous prie de|je vous demande de|prière de) ne plus me (contacter|recontacter|écrire|solliciter|relancer|envoyer)",
    "ne me (contactez|recontactez|écrivez|relancez|sollicitez) plus",
    "ne plus être (contacté|contactée|sollicité|sollicitée)",
    "retirez-moi",
    "désinscrivez-moi",
  ),
  words(
    "no me (vuelvas|vuelva|vuelvan) a (escribir|contactar|llamar|enviar)",
    "(deja|deje|dejen|dejad) de (escribirme|contactarme|enviarme|llamarme)",
    "no me (escribas|escriba|contactes|contacte|envíes|envíe) más",
    "no (me )?(contactar|escribir) más",
    "(bórrame|elimíname|sácame|quítame) de",
  ),
  words(
    "não (me )?(volte|voltes|voltem) a (contactar|contatar|escrever|enviar|ligar)",
    "(deixe|deixa|pare|para) de me (contactar|contatar|escrever|enviar|ligar)",
    "não me (contacte|contate|escreva|envie|contactes|escrevas) mais",
    "remova-me",
    "retire-me",
  ),
  words(
    "non (mi )?(contatti|contattare|scriva|scrivere|scrivermi|contattarmi|ricontatti|ricontattarmi|scrivetemi) più",
    "smett(a|i|ete) di (scrivermi|contattarmi)",
    "(rimuovetemi|cancellatemi|toglietemi) da",
  ),
  "今後[^。！？\\n]{0,12}(?:ご連絡|連絡|メール|ご案内)[^。！？\\n]{0,12}(?:ご遠慮|不要|お控え|控えて|しないで|おやめ|やめて)",
  "(?:ご連絡|連絡|メール)(?:は|を)(?:ご遠慮ください|お控えください|しないでください|不要です)",
  "配信停止",
);

export function isDecline(folded: string): boolean {
  return DECLINE.test(folded) && !DECLINE_SOFTENERS.test(folded);
}

export function isDoNotContact(folded: string): boolean {
  return DO_NOT_CONTACT.test(folded);
}

export const CANCELLATION = cue(
  /\b(have to|need to|must|going to|had to|will have to) (cancel|reschedule|postpone|move|push)\b|\bcancel(l?ed|l?ing)? (our|the|this|my) (call|chat|coffee|meeting|conversation)\b|\bcan'?t make (it|our|the|tomorrow|today)\b|\bcall (it )?off\b/
    .source,
  within(
    "muss|müssen|musste|mussten|müsste|möchte|würde|dürfte ich|können wir|könnten wir|sollten wir",
    "absagen|verschieben|canceln|stornieren|abzusagen|zu verschieben",
    60,
  ),
  words(
    "dazwischengekommen",
    "fällt (leider )?(doch )?aus",
    "klappt (leider )?(doch )?nicht",
    "schaffe es (leider )?(doch )?nicht",
  ),
  within(
    "dois|doit|devons|devoir|vais devoir|obligé|obligée|peut-on|est-ce qu'on peut|pourrait-on|pourrions-nous|on peut|pouvons-nous",
    "annuler|reporter|décaler|déplacer",
    40,
  ),
  words(
    "annuler (notre|le|mon|ce|cet) (rendez-vous|rdv|échange|appel|café|call|entretien)",
    // "en cas d'empêchement" (should something come up) is no cancellation
    "(?<!cas |cas d'|cas de |si )(un |d'un )?(empêchement|imprévu|contretemps)",
  ),
  within(
    "tengo que|tenemos que|hay que|debo|debemos|voy a tener que|necesito|tendré que|tendremos que|podemos",
    "cancelar|cancelarla|cancelarlo|aplazar|aplazarla|aplazarlo|posponer|moverla|moverlo|mover (la|nuestra) (llamada|reunión|cita|charla|videollamada)|cambiar (la|el) (hora|día|fecha|cita)|reprogramar|anular",
    40,
  ),
  words(
    // "si no te queda, me dices y lo movemos" offers to move it; it does not move it
    `(?<!(?<![${LETTER}])si [^.!?¿]{0,40})(lo|la) (movemos|cambiamos|aplazamos|pasamos)`,
    "me (ha )?(surgido|salido) (un imprevisto|algo)",
    "(tengo|tuve|tenemos|tuvimos) un imprevisto",
    "no (voy a poder|podré) (llegar|ir|asistir|conectarme)",
  ),
  within(
    "tenho de|tenho que|preciso|vou ter de|vou ter que|temos de|temos que|teremos de|terei de|podemos",
    "cancelar|remarcar|adiar|desmarcar|reagendar|mudar (a|o) (hora|dia|data|horário)|passar para (amanhã|outro dia|a semana|segunda|terça|quarta|quinta|sexta)",
    40,
  ),
  words(
    "surgiu (um imprevisto|uma reunião|algo|um problema)",
    "(tive|tivemos|tenho) um imprevisto",
    "não vou (conseguir|poder) (ir|estar|chegar|comparecer)",
    "tive de (recusar|cancelar|desmarcar)",
  ),
  within("devo|dobbiamo|dovrò|dovremo|possiamo", "annullare|disdire|rimandare|spostare|posticipare|rinviare", 40),
  words(
    "(ho avuto|ho|abbiamo avuto|mi è capitato|c'è stato) un imprevisto",
    "non riesco più a (venire|esserci)",
    "non potrò (più )?(venire|esserci)",
  ),
  "キャンセル|延期|日程(?:を)?(?:変更|再調整)|リスケ|別の日(?:に|で)|都合が悪く|行けなくなり|参加できなくなり|伺えなくなり|中止",
);

export const ACCEPTANCE = cue(
  /\b(works( well| great| for me| perfectly)?|perfect|great|confirmed|see you( then| there)?|speak (to you )?then|talk (to you )?then|i'?ll (call|ring|phone) you|looking forward|sounds (good|great)|suits( me)?|i'?ll be there|that'?s fine|accepted|booked|it'?s a date|in the diary|on the calendar|i'?ve (sent|put)|i (sent|put)|sent (you )?(an? )?(calendar )?invite|invite sent|invitation sent|i'?ll send (you )?(an? |the )?(calendar |teams |zoom )?(invite|invitation|link)|of course|absolutely)\b/
    .source,
  words(
    "passt(?! (mir |uns |ihnen |dir |euch )?(leider |gar |doch |überhaupt |eher )?nicht)",
    "perfekt",
    "einverstanden",
    "abgemacht",
    "geht klar",
    "klingt gut",
    "notiert",
    "bestätige",
    "bestätigt",
    "in ordnung",
    "alles klar",
    "machen wir so",
    "ich freue mich",
    "freue mich",
    "ich rufe (sie|dich) an",
    "ist eingetragen",
    "einladung (ist )?(verschickt|gesendet|angenommen)",
    "ich (sende|schicke) (ihnen|dir) (gleich )?eine einladung",
    `bis (dann|morgen|später|${WEEKDAYS_FOLDED})`,
  ),
  words(
    "parfait",
    "ça marche",
    "ça me va",
    "ça me convient",
    "cela me convient",
    "c'est noté",
    "d'accord",
    "ok pour",
    "va pour",
    "c'est confirmé",
    "je confirme",
    "je serai là",
    "j'y serai",
    "super",
    "génial",
    "je vous appelle",
    "je t'appelle",
    "je vous envoie une invitation",
    "je t'envoie une invitation",
    "invitation (envoyée|acceptée)",
    `(?<!jusqu')à (demain|tout à l'heure|${WEEKDAYS_FOLDED})`,
  ),
  words(
    "perfecto",
    "vale(?![\\s,]+(a|la) pena)",
    "(?<!no )me va",
    "(?<!no )me viene (bien|genial|perfecto)",
    "de acuerdo",
    "genial",
    "estupendo",
    "confirmado",
    "confirmo",
    "nos vemos",
    "hablamos (entonces|el|mañana)",
    "allí estaré",
    "ahí estaré",
    "(te|le) (mando|envío) (la |una )?invitación",
    "invitación (enviada|aceptada)",
    "quedamos",
    "agendado",
    "apuntado",
    "te llamo",
    "le llamo",
    "me parece (bien|perfecto|genial)",
  ),
  words(
    "combinado",
    "combinadíssimo",
    "fechado",
    "perfeito",
    "ótimo",
    "de acordo",
    "confirmado",
    "confirmo",
    "lá estarei",
    "estarei lá",
    `até (lá|amanhã|já|logo|${WEEKDAYS_FOLDED})`,
    "beleza",
    "convite (aceite|aceito)",
    "aceitei o convite",
    "envio(-lhe)? (já )?o convite",
    "te ligo",
    "ligo-te",
    "tá combinado",
    "marcado",
    "anotado",
    "agendado",
  ),
  words(
    "perfetto",
    "va bene",
    "va benissimo",
    "d'accordo",
    "confermo",
    "confermato",
    "ottimo",
    "benissimo",
    "ci vediamo",
    "ci sentiamo",
    "ti chiamo",
    "la chiamo",
    "(ti|le) (mando|invio) l'invito",
    "invito (inviato|accettato)",
    "fissato",
    "affare fatto",
    "mi sta bene",
    "mi va bene",
    "ci sarò",
    `a (domani|${WEEKDAYS_FOLDED})`,
  ),
  "了解|承知|かしこまりました|大丈夫です|問題(?:ありません|ございません)|(?:で|にて)(?:お願い|よろしく)|楽しみにして|お待ちして|伺います|参加します|招待(?:状)?を(?:お)?送り",
);

/** Headers that mark list, bulk or automated mail. */
export function bulkHeaderReasons(headers: Record<string, string>, fromAddress: string | null): string[] {
  const out: string[] = [];
  if (headers["list-id"]) out.push("has a List-Id header (mailing list)");
  if (headers["list-unsubscribe"]) out.push("has a List-Unsubscribe header (bulk mail)");
  const prec = (headers.precedence ?? "").toLowerCase();
  if (/bulk|list|junk/.test(prec)) out.push(`Precedence: ${prec}`);
  const auto = (headers["auto-submitted"] ?? "").toLowerCase();
  if (auto && auto !== "no") out.push(`Auto-Submitted: ${auto}`);
  if (headers["x-campaign"] || headers["x-mailgun-campaign"] || headers["feedback-id"] || headers["x-sfmc-stack"])
    out.push("sent by a mailing service");
  if (
    fromAddress &&
    /^(no-?reply|do-?not-?reply|donotreply|notifications?|alerts?|news(letter)?s?|digest|mailer|bounces?|marketing|updates|automated|system)([.+_-][^@]*)?@/.test(
      fromAddress,
    )
  )
    out.push(`automated sender address (${fromAddress.split("@")[0]}@)`);
  return out;
}

const AUTO_REPLY_SUBJECT = new RegExp(
  `^\\s*(?:${[
    "automatic reply",
    "auto(matic)?[- ]?reply",
    "out of (the )?office",
    "abwesenheitsnotiz",
    "abwesend",
    "automatische antwort",
    "réponse automatique",
    "absence",
    "absent",
    "respuesta automática",
    "fuera de (la )?oficina",
    "ausente",
    "resposta automática",
    "ausência",
    "fora do escritório",
    "risposta automatica",
    "fuori (sede|ufficio)",
    "assente",
  ]
    .map(loose)
    .join("|")})(?![\\p{L}\\p{N}])|^\\s*(?:自動返信|自動応答|不在)`,
  "iu",
);

/** Auto replies (out of office) never count as a reply from the contact. */
export function isAutoReply(headers: Record<string, string>, subject: string): boolean {
  const auto = (headers["auto-submitted"] ?? "").toLowerCase();
  if (auto.startsWith("auto-replied")) return true;
  if (headers["x-autoreply"] || headers["x-autorespond"]) return true;
  return AUTO_REPLY_SUBJECT.test(subject);
}
