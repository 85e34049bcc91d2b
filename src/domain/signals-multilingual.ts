/**
 * The lexicon beyond English: the same signal groups (asking for a conversation, its purpose, a referral,
 * thanks afterwards, an update, an offer to help, and the negatives) in German, French, Spanish, Portuguese,
 * Italian, Dutch, Polish, Japanese, Korean and Chinese (Swedish, Danish and Norwegian: signals-nordic.ts). Written from how people phrase these things in each language, never
 * from one message. Latin-script patterns use Unicode-aware word edges (JavaScript's \b does not see "é" or
 * "ü" as letters); CJK patterns have no word edges.
 */
import type { SignalGroup } from "./signal-types.js";

export interface LexiconEntry {
  id: string;
  group: SignalGroup;
  weight: number;
  label: string;
  re: RegExp;
}

/** Alternatives (regex source, already lower-case) between Unicode letter edges; accents optional (see bare). */
export function words(...alternatives: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${bare(alternatives.join("|"))})(?![\\p{L}\\p{N}])`, "u");
}

/** The bare letter of an accented one ("ą" -> "a", "ł" -> "l", "ệ" -> "e", "đ" -> "d"), or undefined: people type "moglabym", "que", "voce", "cam on". */
function unaccented(c: string): string | undefined {
  if (c === "ł") return "l"; // a letter of its own, not a + mark, so NFD leaves it whole
  if (c === "đ") return "d"; // Vietnamese: likewise
  const base = c.normalize("NFD")[0];
  return base !== undefined && base !== c && base >= "a" && base <= "z" ? base : undefined;
}

/**
 * A pattern source where each accented letter outside a character class also matches its bare letter
 * ("mogłabym" -> "mog[łl]abym"), so mail typed without diacritics reads the same. Classes are left as written
 * (they list the accented letters beside a-z already).
 */
function bare(source: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i] as string;
    if (c === "\\") {
      out += c + (source[i + 1] ?? "");
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      continue;
    }
    const base = unaccented(c);
    out += base ? `[${c}${base}]` : c;
  }
  return out;
}

function cjk(...alternatives: string[]): RegExp {
  return new RegExp(`(?:${alternatives.join("|")})`, "u");
}

export const lexiconEntry = (
  id: string,
  group: SignalGroup,
  weight: number,
  label: string,
  re: RegExp,
): LexiconEntry => ({
  id,
  group,
  weight,
  label,
  re,
});
const E = lexiconEntry;

export const MULTILINGUAL_SIGNALS: readonly LexiconEntry[] = [
  E(
    "press.other-language",
    "press",
    -2,
    "asks for an interview for the press or for research (other languages)",
    words(
      "entrevista (en directo|en vivo|para (la|el|mi|un|una|nuestro|nuestra) (radio|programa|tesis|tfm|tfg|reportaje|artículo|podcast|revista))",
      "(nuestros|nuestras) (oyentes|lectores|espectadores)",
      "para mi (tesis|tfm|tfg|trabajo de fin de (grado|máster))",
      "für (einen|unseren|meinen|den|die) (artikel|beitrag|podcast|bericht|reportage|masterarbeit|bachelorarbeit)",
      "(unsere|unseren) (leser|hörer|zuschauer)",
      "pour (un|notre|mon|le) (article|reportage|podcast|mémoire|dossier)",
      "(nos|mes) (lecteurs|auditeurs)",
      "para (uma|a|minha|nossa|o) (reportagem|matéria|tese|dissertação|rádio|podcast)",
      "(nossos|os nossos) (leitores|ouvintes)",
    ),
  ),
  // --- asking for a conversation
  E(
    "ask.de",
    "ask",
    1.5,
    "asks for a short conversation (German)",
    words(
      "(hätten|haben|hättest|hast|hätte) (sie|du) ([a-zäöüß]+ ){0,3}(zeit|lust|gelegenheit)",
      "(würde|würden) (mich|uns) (sehr |riesig |wirklich )?(freuen|interessieren)",
      "(wären|würden|wärst|würdest) (sie|du) ([a-zäöüß]+ ){0,2}(bereit|offen|einverstanden)",
      "(kurz|gern|gerne|einmal) ([a-zäöüß]+ ){0,2}(austauschen|sprechen|telefonieren|unterhalten|treffen)",
      "(kurzes|kurzen|kleines|kleinen|persönliches|persönlichen|informelles|informellen) (gespräch|telefonat|treffen|austausch|kennenlernen|call|videocall)",
      "(auf einen|zum|einen) (kaffee|tee|cappuccino)",
      "\\d{1,2}\\s*(minuten|min\\.)",
      "(zehn|fünfzehn|zwanzig|dreißig|halbe stunde)( minuten)?",
      "(könnten|können|koennten|dürfte ich|darf ich) ([a-zäöüß]+ ){0,4}(telefonieren|sprechen|reden|treffen|anrufen|fragen|austauschen)",
      "(könnten|würden|könntest|würdest) (sie|du) mir ([a-zäöüß]+ ){0,3}(rat|tipp|tipps|ratschlag|auskunft) geben",
      "(würde|wäre) mir ([a-zäöüß]+ ){0,2}(sehr |echt |wirklich )?(helfen|weiterhelfen)",
      "(könntest|könnten|kannst|können|würdest|würden) (du|sie) mir ([a-zäöüß]+ ){0,3}(erzählen|erklären|berichten)",
    ),
  ),
  E(
    "ask.informational-other-language",
    "ask",
    2,
    'names an "informational interview" (French/Spanish/Portuguese/Italian/German/Dutch)',
    words(
      "(entrevue|entretien|rencontre)s? (d'information|d'informations|informationnel(le)?|informati(f|ve)|exploratoire|de réseautage)",
      "entrevistas? (informativa|informacional|informativo|exploratoria|de información)",
      "colloqui[oi] (informativ[oi]|conoscitiv[oi]|esplorativ[oi])",
      "informationsgespräch(e|en)?",
      "(informatief|informatieve|oriënterend|oriënterende|verkennend|verkennende) gesprek(ken)?",
    ),
  ),
  E(
    "ask.fr",
    "ask",
    1.5,
    "asks for a short conversation (French)",
    words(
      "((auriez|aurais|avez|as)[- ](vous|tu)|t'(aurais|as)) ([a-zàâçéèêëîïôûùüÿœ']+ ){0,2}(un moment|quelques minutes|\\d{1,2} ?minutes|le temps|du temps|un créneau|une demi-heure|un peu de temps|disponible)",
      "(serait|seriez|seriez-vous|serais-tu)[- ]?(il|vous|tu)? ?(possible|disponible|d'accord|partant)",
      "j'aimerais (beaucoup |vraiment |bien )?(échanger|discuter|vous rencontrer|te rencontrer|en savoir|en apprendre|vous poser|te poser|prendre)",
      "(je serais|serais) (ravie?|heureux|heureuse|très reconnaissante?) (de|d')",
      "(pourrions|pourrait|pourriez|pourrais)[- ](nous|on|vous|tu|-nous|-on|-vous|-tu)? ?(échanger|discuter|nous appeler|s'appeler|prendre|se voir|nous voir|m'accorder|me consacrer)",
      "(prendre|boire) un (petit )?café",
      "un (petit |court |bref )?(échange|appel|coup de fil|café|entretien informel)",
      "(un|une) (brève|courte|petite) (conversation|discussion)",
      "\\d{1,2} ?(minutes|min) (de votre temps|de ton temps|au téléphone|en visio)",
      "quelques minutes",
    ),
  ),
  E(
    "ask.es",
    "ask",
    1.5,
    "asks for a short conversation (Spanish)",
    words(
      "(tendrías|tendría|tienes|tiene|tendrá|tendrás) (usted )?([a-záéíóúñ]+ ){0,2}(tiempo|unos minutos|\\d{1,2} minutos|un rato|disponibilidad|un hueco|un momento)",
      "(te|le|les) (vendría|iría|vendrian|irían|parece|parecería|gustaría|apetece|animas|anima)",
      "me (encantaría|gustaría|interesaría) (mucho )?(charlar|hablar|conversar|conocer|tomar|invitarte|invitarle|hacerte|hacerle|preguntarte|preguntarle|aprender|escuchar)",
      "(podríamos|podemos|podríais|podría|podrías) ([a-záéíóúñ]+ ){0,2}(hablar|charlar|tomar|vernos|conversar|agendar|quedar|llamarnos)",
      "(tomar|tomarnos) (un|una) (café|cafecito|caña)",
      "(una|un) (breve |corta |pequeña |rápida )?(charla|conversación|llamada|videollamada|café virtual)",
      "(unos|quince|veinte|treinta|\\d{1,2}) minutos",
      "(media hora|un ratito|minutitos)",
      "(me )?(podrías|podría|puedes|puede|podrían) (usted )?(platicar|contar|explicar|compartir|orientar|dar (un|algún|algunos|unos|tu|su) (consejos?|consejito|orientación|opinión))",
    ),
  ),
  E(
    "ask.pt",
    "ask",
    1.5,
    "asks for a short conversation (Portuguese)",
    words(
      "(teria|terias|tem|tens|você teria|o senhor teria|a senhora teria|teriam) ([a-zàáâãçéêíóôõú]+ ){0,2}(disponibilidade|tempo|uns minutos|\\d{1,2} minutos|meia hora|um tempinho|um momento)",
      "(gostaria|adoraria|gostava|adorava) (muito )?de (conversar|falar|conhecer|marcar|tomar|ouvir|aprender|trocar|lhe fazer|te fazer|saber)",
      "(poderíamos|podemos|podia|poderia|podias|poderias) ([a-zàáâãçéêíóôõú]+ ){0,2}(conversar|falar|marcar|tomar|encontrar|ligar|agendar)",
      "(tomar|tomarmos) (um|uns) (café|cafezinho)",
      "(uma|um) (breve |curta |pequena |rápida )?(conversa|chamada|videochamada|bate-papo|papo|café)",
      "(uns|quinze|vinte|trinta|\\d{1,2}) minutos",
      "(toparia|topa|topas|aceitaria)",
      "(você |o senhor |a senhora )?(poderia|podia|podes|pode|poderias)(-me)? (me )?(contar|explicar|falar|partilhar|compartilhar|orientar|dar (uns|alguns) conselhos)",
    ),
  ),
  E(
    "ask.question-other-language",
    "ask",
    1,
    "asks the other person a question or their opinion (other languages)",
    words(
      "(une|petite|ma) (petite )?question (sur|pour|à propos)",
      "(votre|ton) (avis|conseil) (sur|pour|concernant)",
      "(qu'en pensez-vous|qu'en penses-tu|que me conseillez-vous|que me conseilles-tu)",
      "(deux|cinq|dix|quelques) minutes",
      "una (pequeña |breve )?(pregunta|duda|consulta) (sobre|para|acerca)",
      "(tu|su) (opinión|consejo) (sobre|acerca)",
      "(qué|que) me (recomiendas|recomienda|aconsejas|aconseja)",
      "uma (pequena |breve )?(pergunta|dúvida|questão) (sobre|para)",
      "(sua|tua) (opinião|sugestão) (sobre|acerca)",
      "(o que|que) me (recomenda|recomendas|aconselha|aconselhas)",
      "eine (kurze |kleine )?frage (zu|zum|zur|an sie|an dich)",
      "(ihre|deine) (meinung|einschätzung) (zu|zum|zur)",
      "(was|welche[rs]?) (würden|würdest) (sie|du) (empfehlen|raten)",
    ),
  ),
  E(
    "ask.pl",
    "ask",
    1.5,
    "asks for a short conversation (Polish)",
    words(
      "(czy )?(miałby|miałaby|miałbyś|miałabyś|mieliby|znalazłby|znalazłaby|znalazłbyś|znalazłabyś) (pan|pani|państwo)? ?([a-ząćęłńóśźż]+ ){0,2}(czas|chwilę|chwilkę|moment|\\d{1,2} minut|kilka minut)",
      "(kilka|kilkanaście|\\d{1,2}|dwadzieścia|piętnaście|trzydzieści) minut",
      "(krótką|krótka|krótkiej) (rozmowę|rozmowa|rozmowy|kawę|kawe)",
      "(na|przy) (kawę|kawie|kawe|lunchu|lunch)",
      "(chciałbym|chciałabym|chętnie bym) ([a-ząćęłńóśźż]+ ){0,2}(porozmawiać|zapytać|dopytać|posłuchać|spotkać|umówić)",
      "(moglibyśmy|możemy|mogłabym|mógłbym) ([a-ząćęłńóśźż]+ ){0,2}(porozmawiać|spotkać|zdzwonić|umówić)",
      "(pytanie|pytań|pytania) (o|na temat|dotyczące)",
      "(czy )?(mógłbym|mogłabym|mogłbym|mogę|można|moglibyśmy) ([a-ząćęłńóśźż]+ ){0,2}(zapytać|dopytać|podpytać|zadzwonić|pogadać|porozmawiać|spotkać się|umówić się)",
      "(pogadać|pogadamy|pogadajmy|porozmawiamy|porozmawiajmy|zdzwonimy się|zdzwońmy się|umówimy się)",
      "(opowiesz|opowiedziałabyś|opowiedziałbyś|opowie pan|opowie pani|opowiedziałby pan|opowiedziałaby pani) mi",
      "(o|na) (parę|kilka) (pytań|rzeczy)",
    ),
  ),
  E(
    "ask.it",
    "ask",
    1.5,
    "asks for a short conversation (Italian)",
    words(
      "(avresti|avrebbe|hai|ha) ([a-zàèéìòù]+ ){0,2}(tempo|qualche minuto|\\d{1,2} minuti|mezz'ora)",
      "(mi piacerebbe|vorrei) (molto )?(parlare|conoscere|chiederti|chiederle|fare due chiacchiere|sentire)",
      "(un|una) (breve |veloce )?(caffè|chiacchierata|chiamata|telefonata)",
      "(potremmo|possiamo|riusciamo a) ([a-zàèéìòù]+ ){0,2}(sentirci|vederci|parlarne|prendere un caffè|fare una call|fare due chiacchiere)",
      "(ti|le) (andrebbe|va) di",
      "(saresti|sarebbe|sei|è) (disponibile|disposta|disposto)",
      "(rubarti|rubarle) ([a-zàèéìòù']+ ){0,2}(minuti|minuto|tempo|quarto d'ora|mezz'ora)",
      "(ti|le) (posso|potrei) (chiedere|fare qualche domanda|rubare)",
      "(due|quattro) chiacchiere",
      "(bere|prendere) un caffè",
    ),
  ),
  E(
    "ask.nl",
    "ask",
    1.5,
    "asks for a short conversation (Dutch)",
    words(
      "(heb|hebt|heeft|zou) (je|jij|u) ([a-z]+ ){0,3}(tijd|zin|gelegenheid|ruimte)",
      "(zou|zouden|wil|wilt) (je|jij|u) ([a-z]+ ){0,3}(openstaan|bereid zijn|willen)",
      "(kort|even|graag) ([a-z]+ ){0,2}(bellen|spreken|sparren|kennismaken|afspreken|praten|bijpraten)",
      "(kort|kleine|klein|informeel|informele|vrijblijvend|vrijblijvende) (gesprek|gesprekje|telefoontje|belletje|kennismaking|kopje koffie)",
      "(kopje|bakje|bak) koffie",
      "(een|op de) koffie",
      "\\d{1,2}\\s*(minuten|min\\.)",
      "(tien|vijftien|twintig|dertig) minuten",
      "(een half uurtje|half uur|halfuurtje|uurtje|kwartiertje)",
      "(mag|kan|kunnen|zou) ik ([a-z]+ ){0,4}(bellen|vragen|spreken|langskomen|sparren)",
    ),
  ),
  E(
    "ask.ja",
    "ask",
    1.5,
    "asks for a short conversation (Japanese)",
    cjk(
      "お時間を?(いただ|頂|頂戴)",
      "お話を?(伺|うかが|聞かせ|お聞き|お伺い)",
      "\\d{1,2}\\s*分(ほど|くらい|程度|間)",
      "(ご都合|ご都合のよい|ご都合の良い)",
      "(お茶|コーヒー|ランチ)(でも|を)",
      "相談(させて|に乗って)",
    ),
  ),
  E(
    "ask.ko",
    "ask",
    1.5,
    "asks for a short conversation (Korean)",
    cjk(
      "시간(을)? ?(내|주실|되실|괜찮)",
      "커피 ?한 ?잔",
      "이야기(를)? ?(나누|듣|여쭙)",
      "\\d{1,2}\\s*분(만|정도)",
      "여쭤(보|봐|볼)",
      "(물어|여쭤)(봐도|봐도 될까요|보고 싶)",
      "여쭙고 싶",
      "커피 ?챗",
      "(잠깐|잠시) ?(시간|통화|이야기|얘기|뵐|뵙)",
      "(점심|식사|커피)(를|나)? ?(같이|함께|한번|한 번)",
      "(뵙|뵐|만나|통화할|이야기 나눌|얘기 나눌) ?수 (있을까요|있을지|있으실까요)",
      "(조언|말씀)(을)? ?(구하|부탁|듣|청하)",
    ),
  ),
  E(
    "ask.zh",
    "ask",
    1.5,
    "asks for a short conversation (Chinese)",
    cjk(
      "请教",
      "請教",
      "聊聊",
      "聊一聊",
      "喝(杯|个)咖啡",
      "抽空",
      "几分钟",
      "幾分鐘",
      "\\d{1,2}\\s*分钟",
      "方便(的话|時|时)",
    ),
  ),
  // --- about someone's path, or advice
  E(
    "purpose.de",
    "purpose",
    1.5,
    "is about the contact's path or advice (German)",
    words(
      "(ihr|ihren|ihrem|ihre|dein|deinen|deinem|deine) ([a-zäöüß]+ )?(werdegang|einstieg|weg|wechsel|erfahrung|erfahrungen|einschätzung|rat|ratschlag|sicht|perspektive|karriere|laufbahn|berufsweg|alltag|meinung)",
      "(ratschläge|ratschlag|tipps|einschätzung|orientierung)",
      "wie (sie|du) ([a-zäöüß]+ ){0,3}(gekommen|gelandet|eingestiegen|angefangen|gewechselt|geschafft)",
      "(neuorientierung|umorientierung|quereinstieg|quereinsteiger|quereinsteigerin|berufswechsel|branchenwechsel|karrierewechsel|berufseinstieg)",
      "(beruflich|mich beruflich) ([a-zäöüß]+ ){0,3}(verändern|neu orientieren|umorientieren|wechseln)",
      "(wechsel|einstieg|weg) (in|ins|in die|in den|zur|zum) ([a-zäöüß-]+ ){0,2}(beratung|branche|bereich|feld|welt)",
      "(einen|ihren|deinen) rat",
      "(der|den|dem|mein|meinen|meinem|ihr|ihren|dein|deinen) (wechsel|umstieg|einstieg) (von|aus|in|ins|zur|zum)",
      "(mich|uns) ([a-zäöüß]+ ){0,2}neu orientieren",
      "(gibt es|hätten sie|hast du) ([a-zäöüß]+ ){0,3}(möglichkeiten|perspektiven|chancen)",
      "(studium|studieren|habilitation|habil|promotion|doktorat) oder",
    ),
  ),
  E(
    "purpose.fr",
    "purpose",
    1.5,
    "is about the contact's path or advice (French)",
    words(
      "(votre|ton|vos|tes) (parcours|expérience|métier|poste|reconversion|avis|conseils?|regard|quotidien|retour d'expérience|trajectoire)",
      "(conseils?|retours? d'expérience)",
      "comment (vous avez|tu as|vous êtes|tu es) ([a-zàâçéèêëîïôûùüÿœ']+ ){0,3}(fait|commencé|réussi|arrivée?|passée?|venue?|entrée?)",
      "(reconversion|changement de carrière|changer de (voie|métier|carrière)|réorientation|me réorienter|me reconvertir)",
      "(le|du) (secteur|métier|domaine) (de|du|des|de la)",
    ),
  ),
  E(
    "purpose.es",
    "purpose",
    1.5,
    "is about the contact's path or advice (Spanish)",
    words(
      "(tu|su|sus|tus) (experiencia|trayectoria|carrera|camino|recorrido|transición|opinión|consejo|consejos|perspectiva|día a día)",
      "(consejos?|orientación|recomendaciones)",
      "cómo (llegaste|llegó|empezaste|empezó|hiciste|hizo|diste|dio|fue) ",
      "(cambio de carrera|reconversión|dar el salto|reinventarme|cambiar de (sector|carrera|rumbo))",
      "(transición|pasar|saltar|moverme) (a|al|hacia) ([a-záéíóúñ]+ ){0,2}(sector|mundo|área|campo|ux|datos|salud)",
    ),
  ),
  E(
    "purpose.pt",
    "purpose",
    1.5,
    "is about the contact's path or advice (Portuguese)",
    words(
      "(sua|tua|seu|teu|suas|tuas) (experiência|trajetória|carreira|percurso|transição|opinião|conselho|conselhos|perspectiva|dia a dia|caminho)",
      "(conselhos?|orientação|dicas)",
      "como (chegou|chegaste|começou|começaste|fez|fizeste|foi|entrou|entraste)",
      "(mudança de carreira|transição de carreira|reconversão|mudar de (área|carreira)|migrar (para|pra))",
      "(transição|passar|mudar) (para|pra) ([a-zàáâãçéêíóôõú]+ ){0,2}(área|setor|sector|mundo|investigação|pesquisa)",
    ),
  ),
  E(
    "purpose.pl",
    "purpose",
    1.5,
    "is about the contact's path or advice (Polish)",
    words(
      "(pana|pani|twoją|twoja|twoje|twojej|twojego|pana|pani) (doświadczenie|doświadczenia|ścieżkę|ścieżka|ścieżce|karierę|kariera|drogę|droga|radę|rady|perspektywę|opinię|zdanie)",
      "(przebranżowienie|przebranżowić|zmiana branży|zmienić branżę|zmiany branży|zmianie branży)",
      "jak (pan|pani|ty|ci|panu|pani) ([a-ząćęłńóśźż]+ ){0,2}(trafił|trafiła|zaczął|zaczęła|udało|przeszedł|przeszła|wygląda)",
      "(rad|porad|wskazówek|wskazówki)",
      "(jak wygląda|jak wyglądał|jak wyglądała) (praca|dzień|codzienność|rola)",
      "od czego ([a-ząćęłńóśźż]+ )?(zacząć|zaczęła|zaczął|zaczęłaś|zacząłeś|zaczynać)",
      "(zmiana|zmianę|zmiany|zmienić) (pracy|zawodu|ścieżki|kariery)",
      "(przejście|przejść|przejścia|przejściu) (do|z) ",
    ),
  ),
  E(
    "purpose.nl",
    "purpose",
    1.5,
    "is about the contact's path or advice (Dutch)",
    words(
      "(je|jouw|uw) (eigen )?(loopbaan|carrière|carriere|ervaring|ervaringen|pad|overstap|advies|kijk|perspectief|werk|rol|stappen)",
      "(de|een|mijn) (volgende )?stap (naar|richting)",
      "(advies|adviezen|tips|raad)",
      "hoe (je|jij|u) ([a-z]+ ){0,3}(terechtgekomen|beland|begonnen|overgestapt|binnengekomen|gekomen)",
      "(carrièreswitch|carriereswitch|overstap|omscholing|zijinstromer|zij-instromer|zijinstroom|loopbaanwending)",
      "(overstappen|switchen|de overstap maken) naar",
      "hoe (ziet|zag) (je|jouw|uw|een) ([a-z]+ ){0,2}(werkdag|dag|werk|rol|baan) eruit",
    ),
  ),
  E(
    "purpose.it",
    "purpose",
    1.5,
    "is about the contact's path or advice (Italian)",
    words(
      "(tuo|suo|tua|sua) (percorso|esperienza|carriera|consiglio|parere|ruolo|lavoro|team|squadra|reparto|ufficio)",
      "(consigli|cambio di carriera|mobilità interna|trasferimento interno|job rotation|posizioni aperte)",
      "come (sei|è|ti sei|si è) ([a-zàèéìòù]+ ){0,2}(arrivat[oa]|entrat[oa]|passat[oa]|finit[oa]|spostat[oa]|trovat[oa])",
      "(cosa|che cosa|di cosa) (fa|fai|fate|si occupa|ti occupi|vi occupate)",
      "(capire|sapere|conoscere|scoprire) (meglio |di più )?(come|cosa|di cosa|il vostro|il tuo|la tua)",
      "(spostarmi|passare|trasferirmi|entrare) (in|nel|nella|al|alla|nel vostro|nel tuo) ([a-zàèéìòù']+ ){0,2}(team|reparto|area|ufficio|settore|gruppo|mondo)",
    ),
  ),
  E(
    "purpose.seeker.other-language",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (other languages)",
    words(
      "(ich bin|bin gerade|als) ([a-zäöüß]+ ){0,2}(student|studentin|absolvent|absolventin|berufseinsteiger(in)?|quereinsteiger(in)?|werkstudent(in)?)",
      "ich (studiere|habe gerade (mein studium|meinen abschluss))",
      "(je suis|en tant qu'|en tant que) ([a-zàâçéèêëîïôûùüÿœ']+ ){0,2}(étudiant|étudiante|jeune diplômée?|en reconversion|alternante?|stagiaire)",
      "(faire|fait|suivre) (le même|ce même|un) (saut|virage|chemin|parcours|changement)",
      "(soy|como) ([a-záéíóúñ]+ ){0,2}(estudiante|recién (egresad[oa]|graduad[oa]|titulad[oa])|egresad[oa]|becari[oa])",
      "(estoy estudiando|acabo de (terminar|graduarme|egresar))",
      "(sou|como) ([a-zàáâãçéêíóôõú]+ ){0,2}(estudante|recém[- ]formad[oa]|formand[oa]|estagiári[oa])",
      "(estou (a )?(estudar|cursando|fazendo faculdade)|acabei de me formar)",
      "(jestem|jako) ([a-ząćęłńóśźż]+ ){0,2}(studentką|studentem|absolwentką|absolwentem|stażystą|stażystką)",
      "(studiuję|właśnie skończył(a|em|am) studia)",
      "(sono|come) ([a-zàèéìòù']+ ){0,2}(studente|studentessa|neolaureat[oa]|laureand[oa]|tirocinante)",
      "(ik ben|als) ([a-z]+ ){0,2}(student|studente|afgestudeerd|starter|zij-instromer|zijinstromer|stagiair)",
      "ik (studeer|ben net afgestudeerd)",
    ),
  ),
  E(
    "purpose.seeker.cjk",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Japanese/Korean/Chinese)",
    cjk(
      "学生です",
      "大学生です",
      "大学院生です",
      "(大学|大学院)の?[1-4１-４一二三四]年",
      "就活中",
      "就職活動中",
      "新卒",
      "학생입니다",
      "대학생(입니다|인데)",
      "취준생",
      "졸업 예정",
      "应届毕业生",
      "我是.{0,8}(学生|毕业生)",
    ),
  ),
  E(
    "purpose.cjk",
    "purpose",
    1.5,
    "is about the contact's path or advice (Japanese/Korean/Chinese)",
    cjk(
      "キャリア",
      "転職",
      "ご経験",
      "アドバイス",
      "業界について",
      "커리어",
      "경력",
      "조언",
      "이직",
      "진로",
      "직무 ?(전환|변경)",
      "(부서|팀) ?이동",
      "사내 ?(이동|공모)",
      "어떤 일을 하",
      "어떻게 (시작|오시|옮기|되시|전환)",
      "职业",
      "職業",
      "转行",
      "轉行",
      "经验",
      "經驗",
      "建议",
      "建議",
    ),
  ),
  // --- a referral or the way the writer knows the contact
  E(
    "connection.romance",
    "connection",
    1.25,
    "mentions a referral (French/Spanish/Portuguese/Italian/German)",
    words(
      "(me|m') ?(recomendó|recomendo|sugirió|sugeriu|indicó|indicou|passou|pasó|dio|deu|a donné|a recommandé|a conseillé|a suggéré|ha consigliato|ha dato)",
      "de la part de",
      "(por parte de|por indicação de|por sugerencia de|por recomendación de|sur les conseils de|sur la recommandation de|auf empfehlung von|su consiglio di)",
      "(hat|haben) mir ([a-zäöüß]+ ){0,3}(empfohlen|geraten|vorgeschlagen|gegeben)",
      "(empfahl|riet) mir",
      "(meinte|sagte|riet) ([a-zäöüß]+ ){0,3}ich (soll|solle|sollte|könnte) (dir|ihnen|mich) ([a-zäöüß]+ ){0,2}(schreiben|mailen|melden)",
      "(nos|vous|te|le|la) (conocimos|conhecemos|nous sommes rencontrés|sommes rencontrées|haben uns) ",
      "(nos vimos|nos conocimos|nous nous sommes (vus|rencontrés)|wir (haben uns|uns) ([a-zäöüß]+ ){0,3}(getroffen|kennengelernt))",
    ),
  ),
  E(
    "connection.met-other-language",
    "connection",
    0.75,
    "says where the two met (other languages)",
    words(
      "(foi|é) (um )?(ótimo|óptimo|bom|um prazer|prazer) (te |lhe )?(conhecer|conhecê-la|conhecê-lo|conhecer-te|conhecer-vos)",
      "(fue|es) un (placer|gusto) conocer(te|le|la|lo)",
      "(encantad[oa]|un gusto) de (haberte|haberle) conocido",
      "(ravie?|heureux|heureuse|content(e)?) de (vous|t')(avoir rencontrée?|avoir croisée?)",
      "(schön|nett|toll|freut mich), (sie|dich) (kennengelernt|getroffen) zu haben",
      "(sie|dich) ([a-zäöüß]+ ){0,3}(kennengelernt|getroffen) zu haben",
    ),
  ),
  E(
    "connection.nl",
    "connection",
    1.25,
    "mentions a referral (Dutch)",
    words(
      "(gaf|heeft) (me|mij) (je|jouw|uw) (naam|gegevens|contactgegevens|e-?mailadres|adres)",
      "(doorverwezen|verwees me|raadde me aan|tipte me|noemde jouw naam|noemde uw naam)",
      "(via|door) ([a-z]+ ){0,3}(bij je|bij jou|bij u) (terecht|gekomen|uitgekomen)",
      "(voorstellen aan|stel ik jullie voor|stel jullie (graag )?aan elkaar voor|introductie)",
    ),
  ),
  E(
    "connection.pl",
    "connection",
    1.25,
    "mentions a referral or where the two met (Polish)",
    words(
      "(dostałam|dostałem|mam) (pana|pani|twój|twoje|pański) (adres|kontakt|namiary|mail|maila|e-mail|numer) (od|z)",
      "(poleciła|polecił|polecili|poleciło) mi (pana|panią|ciebie|cię|kontakt)",
      "z polecenia",
      "(poznaliśmy|poznałyśmy|widzieliśmy|rozmawialiśmy) się ([a-ząćęłńóśźż]+ ){0,2}(na|w|podczas)",
    ),
  ),
  E(
    "connection.cjk",
    "connection",
    1.25,
    "mentions a referral (Japanese/Korean/Chinese)",
    cjk("紹介", "소개", "介绍", "介紹"),
  ),
  // --- thanks after a conversation
  E(
    "after.other-language",
    "after",
    1,
    "thanks the other person for a conversation (other languages)",
    words(
      "(danke|vielen dank|herzlichen dank|besten dank|merci|merci beaucoup|gracias|muchas gracias|mil gracias|obrigad[oa]|muito obrigad[oa]|grazie|grazie mille) ([a-zäöüßàâçéèêëîïôûùüÿœáíóúñãõ]+ ){0,3}(für|pour|por|pela|pelo|per) ([a-zäöüßàâçéèêëîïôûùüÿœáíóúñãõ']+ ){0,3}(gespräch|telefonat|treffen|austausch|zeit|kaffee|call|échange|appel|entretien|conversation|temps|café|discussion|conseils|charla|conversación|llamada|tiempo|reunión|consejos|conversa|papo|chamada|conselhos|disponibilidade|chiacchierata|tempo|heute|gestern|vorhin|aujourd'hui|hier|ce matin|hoy|ayer|esta mañana|hoje|ontem|oggi|ieri|stamattina)",
    ),
  ),
  E(
    "after.nl",
    "after",
    1,
    "thanks the other person for a conversation (Dutch)",
    words(
      "(bedankt|dank je|dank u|dankjewel|dankuwel|hartelijk dank|veel dank|heel erg bedankt) ([a-z]+ ){0,3}voor ([a-z']+ ){0,3}(gesprek|gesprekje|koffie|tijd|telefoontje|belletje|advies|tips|inzichten|openheid|lunch|gisteren|vandaag|vanochtend|vanmiddag|laatst)",
      "(je|jouw|uw) (tip|tips|advies) (om|over|was|waren|heb)",
      "(fijn|leuk|goed|prettig) (gesprek|om je te spreken|om u te spreken|je te spreken|u te spreken)",
    ),
  ),
  E(
    "after.pl",
    "after",
    1,
    "thanks the other person for a conversation (Polish)",
    words(
      "(dziękuję|dzięki|dziękujemy|bardzo dziękuję|serdecznie dziękuję|wielkie dzięki) ([a-ząćęłńóśźż]+ ){0,2}za ([a-ząćęłńóśźż]+ ){0,2}(rozmowę|spotkanie|czas|kawę|rady|radę|wskazówki|telefon|pomoc)",
      "(miło|fajnie|dobrze) (było|się) ([a-ząćęłńóśźż]+ ){0,2}(porozmawiać|pogadać|rozmawiało|spotkać)",
    ),
  ),
  E(
    "after.cjk",
    "after",
    1,
    "thanks the other person for a conversation (Japanese/Korean/Chinese)",
    cjk(
      "お時間を?(いただき|頂き|割いていただき)(まして)?(ありがとう|有難う)",
      "(先日|本日|昨日)は.{0,20}(ありがとう|有難う)",
      "시간 내(주셔서|어 주셔서) 감사",
      "(谢谢|感谢|感謝)(您|你)?(抽空|的时间|的時間)",
    ),
  ),
  // --- an update for someone who helped
  E(
    "update.other-language",
    "update",
    1.5,
    "shares progress or keeps in touch (other languages)",
    words(
      "(wollte|möchte) (ihnen|dir|euch) ([a-zäöüß]+ ){0,2}(berichten|erzählen|bescheid geben|ein update|mitteilen)",
      "(kleines|kurzes) update",
      "(neuigkeiten|wie angekündigt|ihr tipp|dein tipp|ihren rat|deinen rat)",
      "(je voulais|je tenais à) (vous|te) (donner des nouvelles|tenir au courant|dire|remercier)",
      "(des nouvelles|grâce à (vos|tes) conseils)",
      "(quería|quiero) (contarte|contarle|darte|darle|compartir)",
      "(te cuento|le cuento|novedades|gracias a (tus|sus) consejos)",
      "(queria|quero|gostaria de) (te |lhe )?(contar|dar notícias|partilhar|compartilhar)",
      "(novidades|graças aos (seus|teus) conselhos)",
      "(lembrei-me|lembrei) (de si|de ti|de você|da nossa conversa|do que)",
      "(achei|pensei) que (lhe|te|você) (poderia|podia|pudesse|ia) (interessar|gostar)",
      "(partilho|compartilho|envio|mando)(-lhe|-te)? (este|esse|um) (artigo|texto|link|estudo)",
      "(me acordé de (ti|usted|nuestra conversación)|pensé que te (podría|iba a) interesar|te (comparto|paso|mando) (este|un) (artículo|enlace|texto|estudio))",
      "(j'ai pensé à (vous|toi|notre échange)|(cet|un) article (qui )?(pourrait|devrait) (vous|t')intéresser|je (vous|te) partage (cet|un) article)",
      "(musste an (sie|dich|unser gespräch) denken|(dieser|den) artikel könnte (sie|dich) interessieren|dachte an (sie|dich))",
    ),
  ),
  E(
    "update.nl",
    "update",
    1.5,
    "shares progress or keeps in touch (Dutch)",
    words(
      "(wilde|wil) (je|jou|u) ([a-z]+ ){0,2}(laten weten|op de hoogte houden|even bijpraten|vertellen)",
      "(korte|kleine) update",
      "(dankzij (je|jouw|uw) (advies|tip|tips)|goed nieuws|dacht aan (je|jou|u|ons gesprek)|dit artikel (leek|lijkt) me)",
    ),
  ),
  E(
    "update.pl",
    "update",
    1.5,
    "shares progress or keeps in touch (Polish)",
    words(
      "(chciałam|chciałem|chcę) ([a-ząćęłńóśźż]+ ){0,2}(dać znać|podzielić się|pochwalić się)",
      "(krótka aktualizacja|mam dobre wiadomości|dobra wiadomość)",
      "dzięki (pana|pani|twojej|twoim|twoja) (radzie|radom|rady|pomocy|wskazówkom)",
    ),
  ),
  E(
    "update.cjk",
    "update",
    1.5,
    "shares progress (Japanese/Korean/Chinese)",
    cjk("ご報告", "近況", "근황", "近况", "소식"),
  ),
  // --- offers to talk or help (from the person asked: the asker is the other side)
  E(
    "offer.other-language",
    "offer",
    1,
    "offers to talk or help (other languages)",
    words(
      "(gerne|gern) (helfe ich|stehe ich|bin ich|unterhalte ich mich|erzähle ich)",
      "(stehe|stehen) ([a-zäöüß]+ ){0,2}(ihnen|dir|euch) ([a-zäöüß]+ ){0,2}zur verfügung",
      "(avec plaisir|volontiers|n'hésitez pas|n'hésite pas|je reste à (votre|ta) disposition|à (votre|ta) disposition)",
      "(con (mucho )?gusto|encantad[oa] de (ayudar|charlar|hablar|conversar)|a (tu|su) disposición|no dudes en|no dude en)",
      "(com (todo o )?prazer|fico (feliz|à disposição|ao dispor)|à (sua|tua) disposição|não hesite|não hesites|estou (à|ao) (disposição|dispor))",
      "(volentieri|a (tua|sua) disposizione|con piacere|(fammi|mi faccia) sapere|(sentiti|si senta) liber[oa] di)",
      "(chętnie (pomogę|opowiem|porozmawiam|podzielę|pogadam|się spotkam)|służę (pomocą|radą)|śmiało (pisz|dzwoń|pytaj)|jeśli (chcesz|pan chce|pani chce)|proszę (dzwonić|pisać|śmiało))",
      "(se quiser(es)?|se (você|o senhor|a senhora) quiser|é só (falar|dizer|avisar|chamar)|fico feliz em (ajudar|conversar|contar))",
      "(si quieres|si (usted )?quiere|si te (apetece|interesa)|solo (dime|avísame)|me avisas|encantad[oa] de (contarte|ayudarte))",
      "(si (vous voulez|tu veux|vous le souhaitez|ça te dit|cela vous dit)|volontiers pour|ravie? de (vous|t')(aider|en parler|raconter))",
      "(wenn (sie|du) (möchten|möchtest|magst|mögen|wollen|willst|lust ha)|melde dich gern|melden sie sich gern|gern(e)? erzähle ich)",
      "(ich )?(ruf|rufe) (dich|sie) ([a-zäöüß0-9.:]+ ){0,4}an",
      "(te llamo|le llamo|te marco|hablemos|te ligo|falamos|ti chiamo|je t'appelle|je vous appelle|ik bel je|ik bel u)",
      // the one who asks for the other's times grants the time: "manda uns horários que eu encaixo"
      "((me )?(manda|mande|passa|passe|envia|envie)(-me)? (uns|alguns|umas|duas|dois|três|tres) (horários|horarios|opções|opcoes|datas))",
      "((mándame|mandame|envíame|enviame|pásame|pasame|mánde?me) (unos|algunos|un par de|dos o tres) (horarios|huecos|opciones|días))",
      "((schick|schicke|schicken sie) (mir )?(gern |gerne )?(ein paar|zwei, drei|zwei oder drei) (termine|terminvorschläge|zeiten|zeitfenster|slots))",
      "((envoie|envoyez|propose|proposez)-moi (quelques|deux ou trois|deux-trois) (créneaux|dates|disponibilités))",
      "(erzähle|erzähl|berichte) ich (dir|ihnen|euch) ([a-zäöüß]+ ){0,2}gern(e)?",
    ),
  ),
  E(
    "offer.nl",
    "offer",
    1,
    "offers to talk or help (Dutch)",
    words(
      "(graag|met plezier|met alle plezier) (geholpen|bellen|vertel ik|help ik|spreken|koffie)",
      "(laat|laat u) (maar )?(het )?(even )?weten",
      "(schroom|aarzel) niet",
      "(bel|mail|app) (me|mij) (gerust|maar)",
      "(als|mocht) (je|u) (wilt|zin hebt|vragen hebt)",
    ),
  ),
  // --- negatives beyond English
  E(
    "hiring.other-language",
    "hiring",
    -2,
    "talks about a formal hiring process (other languages)",
    words(
      "(vorstellungsgespräch|bewerbungsgespräch|auswahlverfahren|bewerbungsprozess|ihre bewerbung|deine bewerbung|eingangsbestätigung|assessment-center)",
      "(entretien d'embauche|processus de recrutement|votre candidature|ta candidature|entretien (technique|final|rh))",
      "(entrevista (de trabajo|técnica|final|con recursos humanos)|proceso de selección|su candidatura|tu candidatura|tu postulación|su postulación)",
      "(entrevista (de emprego|técnica|final)|processo seletivo|processo de seleção|processo de recrutamento|sua candidatura|tua candidatura)",
      "(colloquio di lavoro|processo di selezione|la tua candidatura)",
      "(rozmowa kwalifikacyjna|rozmowę kwalifikacyjną|proces rekrutacyjny|procesie rekrutacyjnym|pana aplikacj|pani aplikacj|twoją aplikację|etap rekrutacji)",
      "((zweite|nächste|finale)n? (runde|gesprächsrunde)|nächsten schritte (im|des) (prozess|verfahren)|die (stelle|position) als|zweitgespräch|interesse an der (position|stelle))",
      "(interés en el puesto|interesse na vaga|interesse pela vaga|intérêt pour le poste)",
      "((segunda|siguiente|próxima|última) (ronda|fase|etapa) del proceso|siguientes pasos del proceso|el puesto de)",
      "((segunda|próxima|última) (fase|etapa) do processo|próximas etapas do processo|a vaga de)",
      "((second|deuxième|prochain) tour|prochaines étapes du processus|le poste de)",
      "(sollicitatiegesprek|sollicitatieprocedure|je sollicitatie|uw sollicitatie|tweede (gesprek|ronde)|assessment|selectieprocedure|de vacature (van|voor))",
    ),
  ),
  E(
    "hiring.cjk",
    "hiring",
    -2,
    "talks about a formal hiring process (Japanese/Korean/Chinese)",
    cjk("面接", "選考", "応募", "면접", "채용 절차", "지원서", "面试", "面試", "应聘", "簡歷投遞"),
  ),
  E(
    "recruiter.other-language",
    "recruiter",
    -2,
    "reads like a recruiter pitch (other languages)",
    words(
      "(für (eine|unseren|unsere) (mandanten|kunden)|spannende (position|stelle|herausforderung)|vakanz|personalvermittlung|headhunter)",
      "(pour (un|l'un de nos) client|opportunité (professionnelle|de poste)|cabinet de recrutement|chasseur de têtes)",
      "(oportunidad (laboral|profesional)|vacante|consultora de selección|cazatalentos|headhunting)",
      "(oportunidade (de emprego|profissional)|vaga|consultoria de recrutamento|headhunter)",
      "(opportunità (lavorativa|professionale)|posizione aperta)",
      "(oferta pracy|ofertę pracy|dla (naszego|mojego) klienta|rekruter|rekruterka|headhunterka)",
      "(voor (een|onze|mijn) (klant|opdrachtgever)|uitdagende (functie|rol|positie)|vacature|werving en selectie|wervingsbureau|recruitmentbureau)",
    ),
  ),
  E(
    "recruiter.cjk",
    "recruiter",
    -2,
    "reads like a recruiter pitch (Japanese/Korean/Chinese)",
    cjk(
      "求人",
      "カジュアル面談",
      "ヘッドハンター",
      "スカウト",
      "채용",
      "헤드헌터",
      "서치펌",
      "포지션 ?제안",
      "招聘",
      "猎头",
      "獵頭",
    ),
  ),
  E(
    "sales.other-language",
    "sales",
    -2,
    "reads like a sales pitch (other languages)",
    words(
      "(kostenlose (testversion|demo|beratung)|unverbindliches angebot|rabatt|sonderangebot|gutschein|produkt-interview|nutzerinterview|nutzerforschung)",
      "(essai gratuit|démonstration gratuite|remise|offre spéciale|devis gratuit|carte cadeau|bon d'achat|entretien utilisateur)",
      "(prueba gratuita|demostración|descuento|oferta especial|tarjeta de regalo|investigación de usuarios|entrevista de usuario)",
      "(teste grátis|demonstração|desconto|oferta especial|vale-presente|cartão-presente|pesquisa com usuários)",
      "(prova gratuita|sconto|offerta speciale)",
    ),
  ),
  E(
    "event.other-language",
    "event",
    -2,
    "promotes an event (other languages)",
    words(
      "(jetzt anmelden|anmeldung|webinar|karrieremesse|messe|infoveranstaltung)",
      "(inscrivez-vous|inscription|webinaire|salon (de l'emploi|des métiers)|forum (emploi|entreprises))",
      "(inscríbete|inscribete|inscripción|seminario web|feria de empleo)",
      "(inscreva-se|inscrições|webinário|feira de emprego|feira de carreiras)",
    ),
  ),
];

/** Introduction cues (a third party connecting two people), any language. */
export const INTRODUCTION_CUE =
  /\b(intro|introduc|e-?meet|meet each other|connect(ing)? you|looping in|cc'?ing|copying (in )?(him|her|them|you|both)\b|bcc'?ing me|moving (me|myself) to bcc)|<>|(?<![\p{L}])(vorstellen|vorzustellen|verbinde (euch|sie|dich)|vernetzen|bekannt machen|je (vous|te) (présente|mets en relation|mets en contact)|mettre en relation|(os|les|te|le) (presento|conecto|pongo en contacto)|(te|vos|lhes|os) apresento|apresento-(te|vos|lhe|lhes)|apresentar(-te|-vos|-lhe|-lhes)?|conectar vocês|pôr em contacto|pôr-vos em contacto|verbinde euch|przedstawiam (was|państwa|ci|pani|panu)|poznajcie się|łączę (was|państwa)|mache ich (euch|sie) ([a-zäöüß]+ ){0,2}bekannt|miteinander bekannt|vi presento|ti presento|le presento|vi metto in contatto|mettervi in contatto|(ik )?stel (jullie|je|u) (graag )?(aan elkaar )?voor|aan elkaar voorstellen|breng (jullie|je) (graag )?in contact|ti sposto in (ccn|bcc)|zet (me|mij) in (de )?bcc)(?![\p{L}])|紹介(します|させて|いたします)|소개(해|합니다|드립니다|드려요)|介绍(一下|给你|你们)/u;
