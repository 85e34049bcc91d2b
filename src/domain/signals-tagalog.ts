/**
 * The lexicon in Tagalog and Taglish, the English–Tagalog mix of Philippine mail: asking for a conversation
 * ("pwede po ba kayong makausap?", "kahit 15 mins lang po", "kape tayo?"), its purpose, a referral, thanks
 * afterwards, an update, an offer to help, and a formal hiring process, an agency's pitch or a sales demo. Written
 * from how Filipinos phrase these things, never from one message; like the other languages' entries they run only
 * on text that shows a language other than English (here, Tagalog words such as "po", "kayo", "lang", "naman").
 * "Po"/"ho" and "opo" are politeness markers, not cues: they sit between the words of a phrase ("pwede ko po bang
 * itanong"), so the patterns let them in without counting them. Taglish mail is mostly English words, so each
 * pattern holds a Tagalog word or form (affixed English verbs: "mag-apply", "i-message", "nirefer").
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

/** One word (Tagalog joins affixes to English words with a hyphen: "mag-shift", "i-refer"). */
const W = "[a-z'-]+";
/** The politeness enclitics and small particles that sit between the words of a phrase. */
const P = "((po|ho|ba|bang|sana|lang|naman|din|rin|ko|mo|na|nga),? )";
/** "You" as the person asked, formal or familiar, and the forms of address Filipinos use in mail. */
const YOU =
  "(kayo|kayong|ninyo|niyo|nyo|inyo|ka|kang|ikaw|kita|sir|ma'?am|mam|miss|kuya|ate|doc|engr|atty|boss|direk|coach|prof)";
/** "Your". */
const YOUR = "(ninyo|niyo|nyo|mo|po ninyo|po niyo|po nyo)";

export const TAGALOG_SIGNALS: readonly LexiconEntry[] = [
  E(
    "ask.tl",
    "ask",
    1.5,
    "asks for a short conversation (Tagalog/Taglish)",
    words(
      // the asking verbs themselves: to speak with, to talk together, to ask a question, to meet
      "(makausap|makakausap|kausapin|makapag-?usap|makipag-?usap|makapagtanong|magtanong|makipagkwentuhan|makipagkuwentuhan|makapagkwentuhan|makipagkita|makipag-?meet|makipag-?chat|makahingi|mahingi|maistorbo|maabala|istorbohin)",
      `(pwede|puwede|pede|pwde|p'wede|maaari|maari|pwedeng|puwedeng|maaaring) ${P}{0,4}(${YOU} )?${P}{0,3}(i-?message|imessage|i-?email|iemail|i-?text|itext|i-?call|icall|tawagan|matawagan|itanong|tanungin|matanong|mag-?ask|mag-?inquire|mag-?coffee|magkape|mag-?kape|mag-?lunch|maglunch|mag-?zoom|mag-?call|humingi|manghingi|hingin|hingan|abalahin|mag-?set|i-?schedule|magkita|kitain|ma-?meet|imbitahan)`,
      `kahit (\\d{1,2}|lima|sampu|sampung|labinlima|labinlimang|tatlumpu|tatlumpung|kalahating|isang|ilang) ?-?(mins?|minutes?|minuto|oras|hour|hr)`,
      "kahit (saglit|sandali|sandaling|konting oras|kaunting oras|konting time|kaunting panahon|quick call|short call|maikling (usapan|tawag|call))",
      `(\\d{1,2}|ilang|ilan|sampung|labinlimang|kalahating) ?-?(mins?|minutes?|minuto|oras) (lang|lamang|po lang|lang po|ng oras|ng time|ng inyong oras|ng oras ninyo|ng oras niyo|ng oras mo)`,
      `(kape|coffee|kain|lunch|merienda|meryenda|milk ?tea|zoom|call|kwentuhan|kuwentuhan) (tayo|tayu|muna tayo|naman tayo)`,
      `(ililibre|ilibre|ililibre ko|treat ko) (${W} ){0,2}(kape|coffee|lunch|merienda|meryenda)`,
      `sana ${P}{0,3}(${YOU} ){0,1}${P}{0,2}(makausap|matanong|mapagbigyan|mapaunlakan|may oras|may time|may bakante|pwede|puwede|magkaroon|mabigyan|ma-?accommodate|maka-?chat)`,
      `(gusto|nais|gustong-?gusto|hiling) ${P}{0,4}(ko|kong|namin|naming)( ${P}{0,3})? (${W} ){0,2}(makausap|makapag-?usap|magtanong|makapagtanong|humingi|makahingi|itanong|matuto|matutunan|marinig|malaman)`,
      `kung (may|meron|mayroon|may konting|may kaunting) ${P}{0,2}(${YOU} ){0,1}${P}{0,2}(oras|time|bakanteng oras|free time|libreng oras|bakante|spare time)`,
      `(may|meron|mayroon) ${P}{0,3}(kayong|kang|ka|kayo) ${P}{0,2}(oras|time|free time|bakanteng oras|libreng oras|ilang minuto|saglit)`,
      `kung (pwede|puwede|okay lang|ok lang|ayos lang|hindi abala|di abala|hindi nakakaabala|hindi po abala|di po abala)( ${P}{0,3})?( sa (inyo|iyo|'yo|yo))?`,
      `pa-?(advice|advise|share|kwento|kuwento|tanong|help|guide|consult|mentor)( po| naman| lang| sana| ako)`,
    ),
  ),
  E(
    "purpose.tl",
    "purpose",
    1.5,
    "is about the contact's path or advice (Tagalog/Taglish)",
    words(
      "(payo|pagpapayo|karanasan|pinagdaanan|gabay)",
      "career ?(shift|shifter|shifting|switch|switcher|pivot)",
      `(lumipat|lilipat|lumilipat|paglipat|magpalit|nagpalit|pagpalit|mag-?shift|nag-?shift|magshift|mag-?switch|nag-?switch|mag-?pivot|lipat) ${P}{0,3}(ako |kayo |ka )?(ng|sa|into|to) (${W} ){0,2}(career|field|industriya|industry|propesyon|larangan|linya)`,
      `(advice|tips|insights|guidance|perspective|experience|journey|kwento|kuwento|career path|story|thoughts) ${YOUR}`,
      `(humingi|hihingi|manghingi|manghihingi|hingi|makahingi|mahingian|magpa-?advice) ${P}{0,3}(ng |sa )?(${W} ){0,2}(advice|tips|insights|guidance|suggestions|opinyon)`,
      `paano ${P}{0,2}(kayo|ka|mo|ninyo|niyo|nyo) ${P}{0,2}(${W} ){0,2}(nakapasok|napunta|nag-?start|nagsimula|nakalipat|lumipat|nag-?shift|natuto|naging|na-?hire|nakuha|nag-?transition|nag-?switch)`,
      `(ano|kumusta|kamusta) ${P}{0,2}(ang |yung |'yung )?(typical |usual |karaniwang |isang )?(day|araw|trabaho|work|role|buhay) (${W} ){0,2}(ninyo|niyo|nyo|mo|bilang)`,
    ),
  ),
  E(
    "purpose.seeker.tl",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Tagalog/Taglish)",
    words(
      `(ako|ako po|ako ho),? (ay )?(po )?(isang |a )?(${W} ){0,2}(student|estudyante|mag-?aaral|graduating|fresh grad|fresh graduate|bagong graduate|nagtapos|undergrad)`,
      `(estudyante|mag-?aaral|graduating student|fresh grad|fresh graduate|\\d(st|nd|rd|th) year( student)?|fourth year|third year|incoming \\d(st|nd|rd|th) year) ${P}{0,2}(ako|po ako|po ng|ng|sa|from)`,
      `(gusto|balak|plano|pinag-?iisipan|iniisip|nais) ${P}{0,3}(ko|kong|kung) ${P}{0,2}(${W} ){0,2}(lumipat|mag-?shift|mag-?switch|pumasok|mag-?career shift|magpalit ng career|subukan)`,
    ),
  ),
  E(
    "connection.tl",
    "connection",
    1.25,
    "mentions a referral or where the two met (Tagalog/Taglish)",
    words(
      `(ni-?refer|nirefer|ini-?refer|in-?refer|i-?refer|irefer|nirekomenda|inirekomenda|ni-?recommend|nirecommend|in-?recommend|ni-?suggest|nisuggest|sinuggest|iminungkahi) ${P}{0,2}(ako|kayo|ka|ko|ni|nina|kay|sa)`,
      `(sabi|sinabi|payo|suggestion) ${P}{0,2}(ni|nina) (${W} ){1,3}(na |na pwede |na puwede |na okay lang )?(${W} ){0,3}(kayo|kayong|ka|kang|ikaw|kita|sa inyo|sa iyo|sa'yo|sayo)`,
      "(ipinakilala|pinakilala|ipapakilala|ipakilala|ipinapakilala|pinapakilala|i-?introduce|ini-?introduce|in-?introduce|naipakilala)",
      `(binigay|ibinigay|bigay|shinare|ni-?share) ${P}{0,2}(ni|nina|sa akin ni) (${W} ){1,3}(ang |yung |'yung )?(email|contact|number|pangalan|details)`,
      `(email|contact|number|pangalan|details) ${YOUR} (${P}{0,2})?(kay|galing kay|mula kay|from)`,
      `(nagkita|nagkakilala|nagkausap|nakilala kita|nakilala ko kayo|nakita kita|nakita ko kayo) ${P}{0,2}(tayo |kami )?(${W} ){0,2}(sa|noong|nung|last)`,
    ),
  ),
  E(
    "after.tl",
    "after",
    1,
    "thanks the other person for a conversation (Tagalog/Taglish)",
    words(
      `(salamat|maraming salamat|maraming maraming salamat|salamat ng marami|thank you po|thank you so much po|thanks po|ty po) ${P}{0,3}(ulit |talaga |again )?(sa|for) (${W} ){0,2}(oras|time|pag-?share|pagshare|pagbahagi|pagsagot|pag-?sagot|kwentuhan|kuwentuhan|usapan|pag-?uusap|call|chat|kape|coffee|advice|payo|insights|tips|pagkakataon|pag-?accommodate|pagpapaunlak|pagtanggap|pag-?entertain|pagpayag)`,
      `(sobrang|super|talagang|napaka|very|grabe,? ang|ang) (${W} ){0,1}(helpful|nakatulong|informative|insightful|nakaka-?inspire|inspiring|nakakatulong|enlightening)( po| talaga| yung| ng)`,
      `(malaking|laking|napakalaking) tulong ${P}{0,2}(ang|yung|'yung|sa akin|po sa akin)`,
      `(masaya|natuwa|nagagalak|happy|glad) ${P}{0,2}(ako|kami) (na|at|that) ${P}{0,2}(${W} ){0,2}(nakausap|nakapag-?usap|nagkita|nakilala|nakapagkwentuhan|nakapagkuwentuhan|nakapag-?chat)`,
    ),
  ),
  E(
    "update.tl",
    "update",
    1.5,
    "shares progress or keeps in touch (Tagalog/Taglish)",
    words(
      `(update|balita|kwento|kuwento) (lang|lamang|ko lang|ko lamang)`,
      `(gusto|nais) ${P}{0,3}(ko|kong) ${P}{0,3}(na |sanang )?(i-?update|iupdate|ibalita|ipaalam|mag-?update|magbalita|mag-?share|ibahagi)`,
      `(natanggap|na-?hire|nahire|tanggap|pumasa|nakapasa|nakapasok|nakalipat|naka-?shift) na ${P}{0,2}(ako|kami)`,
      `(dahil|salamat|thanks|thank you) (po )?(sa|to) (${W} ){0,1}(payo|advice|tulong|tips|insights|gabay) ${YOUR}`,
      "(magandang balita|good news po|may good news po|may balita po)",
    ),
  ),
  E(
    "offer.tl",
    "offer",
    1,
    "offers to talk or help (Tagalog/Taglish)",
    words(
      `(tawag|call|kape|coffee|usap|kita|zoom|meet|chat|video call) (na lang|nalang|na lamang) (tayo|kita|tayu)`,
      "(g lang|g ako|g na g|game ako|game lang|gora ako|gora lang|go lang|keri lang|sige lang|sige ba|sige naman)",
      `(message|text|chat|email|tawagan|i-?message|imessage|i-?text|itext|i-?email|iemail|pm|dm|kontakin|i-?ping) (mo|nyo|niyo|ninyo|mo lang|nyo lang|niyo lang|ninyo lang|lang|n'yo) ${P}{0,2}(ako|lang ako)`,
      `(masaya|natutuwa|happy|willing|handa|bukas) ${P}{0,2}(akong|ako na|ako) ${P}{0,2}(${W} ){0,2}(tumulong|makatulong|mag-?share|magbahagi|ibahagi|sumagot|makipag-?usap|makipagkita|mag-?kape|i-?share)`,
      `(sige|oo naman|sure|syempre|siyempre|of course|why not|walang problema|no problem)( po)?[,!.]? (${W} ){0,3}(pwede|puwede|available|libre|free|bakante) (ako|kami)`,
    ),
  ),
  E(
    "hiring.tl",
    "hiring",
    -2,
    "talks about a formal hiring process (Tagalog/Taglish)",
    words(
      `(hiring|naghi-?hire|nagha-?hire|naghahanap) ${P}{0,2}(kami|ang (aming|ating) (company|kumpanya|kompanya|team))`,
      "(mag-?apply|nag-?apply|mag-?aapply|pag-?apply|pag-?aapply|i-?apply|inapply|in-?apply|nag-?aapply|aplikasyon)",
      `(requirements|resume|cv|biodata|nbi clearance) ${P}{0,2}(ninyo|niyo|nyo|mo|ay|para sa)`,
      `(ipasa|ipadala|i-?send|isend|send|i-?submit|isubmit|submit) ${P}{0,3}(${W} ){0,1}(ang |yung |'yung |ng )?(resume|cv|requirements|biodata)`,
      `(initial|final|panel|technical|second|hr) interview (po|mo|ninyo|niyo|nyo|natin|ay|bukas|kay|ng|para)`,
      `(job openings?|openings?|bakanteng posisyon|bakante|vacancy|vacancies|posisyon) ${P}{0,2}(namin|kami|sa (aming|ating|company|kumpanya|kompanya))`,
      "(initial interview|walk-?in interview|qualified applicants|mga aplikante)",
    ),
  ),
  E(
    "recruiter.tl",
    "recruiter",
    -2,
    "reads like a recruiter or agency pitch (Tagalog/Taglish)",
    words(
      "(client|kliyente|principal) (namin|po namin|ng (aming|ating) (agency|kumpanya))",
      `(naghahanap|hinahanap|nag-?hahanap) ${P}{0,2}(kami|ang client namin|ng client namin)( ng)? (${W} ){0,2}(candidate|candidates|kandidato|applicant|applicants|aplikante|talent)`,
      `(agency|manpower|staffing|recruitment|placement) ${P}{0,2}(kami|namin)`,
      `(interested|interesado|open) ${P}{0,3}(kayo|ka) ${P}{0,2}(sa|to|for) (${W} ){0,2}(position|posisyon|role|opportunity|opportunities|oportunidad|opening|trabaho|offer)`,
      "(mataas na (sahod|sweldo|suweldo)|competitive (na )?(sahod|sweldo|suweldo)|(sahod|sweldo|suweldo) (po )?(ay|range))",
    ),
  ),
  E(
    "sales.tl",
    "sales",
    -2,
    "reads like a sales pitch (Tagalog/Taglish)",
    words(
      `demo ${P}{0,2}(ng|sa|namin|natin|ninyo|niyo|para sa)`,
      `(produkto|serbisyo|software|platform|app|system) ${P}{0,2}(namin|ng (aming|ating) (company|kumpanya|kompanya))`,
      "(libreng (trial|demo|konsultasyon|consultation)|(presyo|pricing|quotation) (po )?namin)",
    ),
  ),
];
