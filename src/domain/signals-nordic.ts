/**
 * The lexicon in Swedish, with the Danish and Norwegian forms that differ from it: asking for a conversation
 * ("skulle du ha tid för en fika?", "har du tid til en kop kaffe?"), its purpose, a referral, thanks afterwards,
 * an update, an offer to help, and a formal hiring process. Written from how people phrase these things, never
 * from one message; like the other languages' entries they run only on text that shows a language other than
 * English. No pattern's unaccented form may be an English word ("för" would read as "for"): each accented word
 * here sits inside a longer phrase.
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

const L = "[a-zåäöæøé]+";

export const NORDIC_SIGNALS: readonly LexiconEntry[] = [
  E(
    "ask.nordic",
    "ask",
    1.5,
    "asks for a short conversation (Swedish/Danish/Norwegian)",
    words(
      `(skulle|har|kan|vill|ville|hade) (du|ni|i|dere) (${L} ){0,3}(ha |få |have |hatt )?(tid|möjlighet|mulighed|mulighet|lust|lyst|chans)`,
      `(en|ett|et|ta en|på en|over en|över en|til en|ta) (kort |kort liten |snabb |liten |lille |hurtig |rask |digital )?(fika|kaffe|kopp kaffe|kop kaffe|lunch|frokost|lunsj|pratstund|telefonsamtal|samtal|samtale|videosamtal|teamsmöte|teams-möte)`,
      "(\\d{1,2}|tio|femton|tjugo|trettio|ti|femten|tyve|tjue|tredive|tretti) (minuter|minutter)",
      "(en halvtimme|en halvtimma|en halv time|en halvtime|ett kvarter|et kvarter|en kvart)",
      `(skulle|ville|vil) (gärna|gerne|gjerne) (${L} ){0,2}(prata|höra|träffa|träffas|ses|snakke|høre|møde|mødes|møte|møtes|tale|ställa|stille|fråga|spørge|spørre|lära|lære)`,
      `(kan|får|må|kunne|skulle) (jag|jeg) (${L} ){0,3}(fråga|ringa|bjuda|spørge|spørre|ringe|invitere|låna|stjäla|stjæle)`,
      `(vill|vil) (du|ni|dere) (${L} ){0,2}(ses|träffas|prata|snakke|mødes|møtes|tale)`,
      "(några|nogle|noen|ett par|et par) (frågor|spørgsmål|spørsmål)",
      "(bolla|sparra) (lite|några|med dig)",
    ),
  ),
  E(
    "purpose.nordic",
    "purpose",
    1.5,
    "is about the contact's path or advice (Swedish/Danish/Norwegian)",
    words(
      "(din|dina|ditt|er|era|dit|dine|deres) (karriär|karriäre|karriere|yrkesbana|bana|väg|vej|vei|erfarenhet|erfarenheter|erfaring|erfaringer|råd|resa|rejse|reise|bakgrund|baggrund|bakgrunn|vardag|hverdag|arbetsdag|arbejdsdag|arbeidsdag)",
      "(ge|gi|give) (mig|meg) (några |nogle |noen |lite |et par |ett par )?(råd|tips|råd og tips|vägledning)",
      `hur (du|ni) (${L} ){0,3}(kom in|hamnade|började|gick från|bytte|blev|kom dit|tog steget)`,
      `(hvordan) (du|dere|i) (${L} ){0,3}(endte|begyndte|begynte|startede|startet|kom ind|kom inn|skiftede|skiftet)`,
      "(byta|bytte|byter|skifte|skifta|skifter|skiftede) (bana|karriär|karriere|yrke|fag|bransch|branche|spor|jobb|retning)",
      "(karriärbyte|karriärväxling|karriärväg|karriärval|yrkesval|omskolning|omställning|karriereskift|karriereskifte|karrierevej|karrierevei|omskoling|omskolering)",
      `hur (ser|såg) (en|din|er|ert) (${L} ){0,2}(arbetsdag|vardag|dag|arbetsvecka) ut`,
      `(ta|tage) (samma|det samme|samme) (steg|skridt|vej|vei|väg)`,
      "(samma resa|samma väg|samme vej|samme vei|samme rejse|samme reise)",
      `(förstå|förstå bättre|lära mig|höra mer om|forstå|lære mere om|lære mer om|høre mere om|høre mer om) (hur|vad|hvordan|hvad|hva) (${L} ){0,2}(ni|du|dere|i|det)`,
    ),
  ),
  E(
    "purpose.seeker.nordic",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Swedish/Danish/Norwegian)",
    words(
      `(jag är|jeg er|som) (${L} ){0,2}(student|studerande|studerende|nyexad|nyexaminerad|nyutexaminerad|nyuddannet|nyutdannet|praktikant|trainee|doktorand)`,
      "(jag|jeg) (studerar|pluggar|läser till|läser på|studerer|læser til|leser til)",
      `(funderar|fundera|funderer|tænker|tenker|överväger|overvejer|vurderer) (${L} ){0,3}(byta|skifte|skifta|söka mig|ta steget|gå över|gå over|sadla om)`,
      "(sadla om|söka mig vidare|söka mig till|skifte spor|nytt spor|ny retning|ny bana)",
    ),
  ),
  E(
    "connection.nordic",
    "connection",
    1.25,
    "mentions a referral or where the two met (Swedish/Danish/Norwegian)",
    words(
      `(tipsade|rekommenderade|föreslog|nämnde|anbefalede|anbefalte|foreslog|nævnte|nevnte) (${L} ){0,3}(mig|meg|dig|deg|att jag|at jeg|om dig|om deg)`,
      `(fick|fikk|fik) (ditt|dit|dine|dina) (${L} )?(namn|navn|nummer|kontaktuppgifter|kontaktoplysninger|kontaktinfo|mejl|mail|e-post|mejladress) (av|fra|af|från)`,
      `(presentera|presenterar|introducera|introducerar|introducere|introducerer|præsentere|præsenterer|presentere|presenterer) (er|jer|dere|dig|deg|er två|jer to|dere to) (${L} ){0,2}(för|for|til)`,
      `(vi|vi två|vi to) (träffades|sågs|mødtes|møttes|snakket|snakkede|pratade) (${L} ){0,2}(på|vid|under|ved|i)`,
    ),
  ),
  E(
    "after.nordic",
    "after",
    1,
    "thanks the other person for a conversation (Swedish/Danish/Norwegian)",
    words(
      `(tack|tusen tack|stort tack|varmt tack|tack så mycket|tak|mange tak|tusind tak|takk|tusen takk|mange takk|takk for sist) (${L} ){0,3}(för|for) (${L} ){0,4}(samtalet|fikat|kaffen|kaffet|lunchen|frokosten|lunsjen|pratet|snakken|samtalen|praten|mötet|mødet|møtet|tiden|din tid|du tog dig tid|du tok deg tid|rådet|råden|rådene|tipsen|tipsene|igår|i går|idag|i dag|senast|sist)`,
      "(takk for sist|tak for sidst|tack för senast)",
      `(trevligt|kul|roligt|hyggeligt|hyggelig|fint|givande|nyttigt) (att|å|at) (ses|träffas|prata|snakke|tale|møde|møte|träffa|høre)`,
    ),
  ),
  E(
    "update.nordic",
    "update",
    1.5,
    "shares progress or keeps in touch (Swedish/Danish/Norwegian)",
    words(
      `(ville|vill|vil) (bara |bare |lige |liksom )?(berätta|meddela|uppdatera|fortælle|fortelle|dele|höra av mig|lade dig vide|gi deg beskjed)`,
      "(liten|kort|lille|lita) (uppdatering|opdatering|oppdatering)",
      "(tack vare|takket være|takk være) (ditt|dine|dina|dit|din) (råd|tips|hjälp|hjælp|hjelp)",
      "(kom att tänka på|tänkte på|kom til at tænke på|tenkte på|kom til å tenke på) (dig|deg|vårt samtal|vores samtale|samtalen vår|det du sa)",
    ),
  ),
  E(
    "offer.nordic",
    "offer",
    1,
    "offers to talk or help (Swedish/Danish/Norwegian)",
    words(
      "(hör av dig|hør fra dig|ta gärna kontakt|ring gärna|ring mig|ring meg|ringer dig|ringer deg|jag ringer|jeg ringer|bara att höra av dig|bare at skrive|bare å ta kontakt)",
      `(gärna|gerne|gjerne|självklart|selvfølgelig|absolut|såklart) (${L} ){0,2}(hjälper|hjælper|hjelper|berättar|fortæller|forteller|ses|träffas|prata|snakke|tale|fika|kaffe)`,
      "(det ställer jag gärna upp på|det stiller jeg gerne op til|det stiller jeg gjerne opp på|jag ställer gärna upp)",
    ),
  ),
  E(
    "hiring.nordic",
    "hiring",
    -2,
    "talks about a formal hiring process (Swedish/Danish/Norwegian)",
    words(
      "(din ansökan|er ansökan|din ansøgning|din søknad|anställningsintervju|jobbintervju|ansættelsessamtale|jobbsamtale|jobsamtale|rekryteringsprocess|rekrutteringsproces|rekrutteringsprosess|urvalsprocess|andra intervjun|anden samtale|andre intervju|tjänsten som|stillingen som)",
    ),
  ),
];
