/**
 * The lexicon of the classifier: named, weighted text and header signals with a human-readable label each.
 * Weights come from the domain (what an informational-interview request says, and what formal hiring, recruiter,
 * sales and bulk mail say instead), not from any one message. Every hit becomes a reason.
 */

import { tiersOf } from "./language-tiers.js";
import { ACCEPTANCE, CANCELLATION, DECLINE, DO_NOT_CONTACT, englishAndJapanese } from "./reply-cues.js";
import type { SignalGroup, Tier } from "./signal-types.js";
import { ARABIC_SIGNALS } from "./signals-arabic.js";
import { ARABIZI_SIGNALS } from "./signals-arabizi.js";
import { MALAY_SIGNALS } from "./signals-malay.js";
import { INTRODUCTION_CUE, MULTILINGUAL_SIGNALS } from "./signals-multilingual.js";
import { NORDIC_SIGNALS } from "./signals-nordic.js";
import { TAGALOG_SIGNALS } from "./signals-tagalog.js";
import { TURKISH_SIGNALS } from "./signals-turkish.js";
import { UKRAINIAN_SIGNALS } from "./signals-ukrainian.js";
import { VIETNAMESE_SIGNALS } from "./signals-vietnamese.js";
import { WORK_SIGNALS, WORK_TOPIC_EN } from "./signals-work.js";

export type { SignalGroup, Tier } from "./signal-types.js";

export interface Signal {
  id: string;
  group: SignalGroup;
  weight: number;
  label: string;
  re: RegExp;
  /** Which texts it can match: any ("en", read always), Latin-script languages other than English, or CJK. */
  tier?: Tier;
}

const S = (id: string, group: SignalGroup, weight: number, label: string, re: RegExp): Signal => ({
  id,
  group,
  weight,
  label,
  re,
});

const ENGLISH_SIGNALS: readonly Signal[] = [
  // --- asking for a conversation
  S(
    "ask.informational",
    "ask",
    3,
    'names an "informational interview"',
    /\binformational[- ](interview|chat|conversation|call|meeting)s?\b|\binfo[- ]interview/,
  ),
  S(
    "ask.coffee",
    "ask",
    1.5,
    "asks for a coffee chat",
    /\b(coffee[- ]chat|virtual coffee|(grab|get|buy you|treat you to|over|for|a quick) (a )?coffee|coffee (one|some|sometime|or a|and a)|cuppa)\b|\b(lunch|dinner|drinks?|a coffee|breakfast) (is )?on me\b|\b(grab|get|buy you|treat you to) (a |some )?(lunch|breakfast|drink|drinks|bite|beer)\b|\btake you (out )?(to|for) (a )?(lunch|coffee|breakfast|dinner|drinks?|beer)\b|\b(lunch|breakfast|drinks?) (sometime|one day|soon)\b/,
  ),
  S("ask.pick-brain", "ask", 2, 'asks to "pick your brain"', /\bpick your brains?\b/),
  S(
    "ask.minutes",
    "ask",
    1,
    "asks for a few minutes",
    /\b(\d{1,2}|five|ten|fifteen|twenty|thirty)(\s*[-–]\s*\d{1,2})?[\s-]*(min|mins|minute|minutes)\b|\bhalf an hour\b|\ba few minutes\b/,
  ),
  S(
    "ask.short-call",
    "ask",
    1,
    "asks for a short call or chat",
    /\b(quick|short|brief|informal|little)\s+((zoom|teams|phone|video|meet|skype|whatsapp|facetime)\s+)?(call|chat|conversation|phone call|video call|zoom|catch[- ]up|talk)\b/,
  ),
  S(
    "ask.phrase",
    "ask",
    1,
    "politely asks for time",
    /\b(could|can|may|might) (i|we) (ask|talk|chat|speak|set up|schedule|find|have|grab|borrow|buy|treat|call|book|pick|arrange|do a|(come|stop|drop|swing|pop) (by|in|over|round)|come (and )?see you|visit you)\b|\bwould you (be )?(open|willing|happy|up for|available|interested|have|mind|be willing)\b|\bany chance\b|\bif you (could|can|have|had|ever have|might have|are able to|were able to) (spare|a few|some|a gap|time|a moment|\d+|half)|\bcould you spare\b|\b(are you )?up for (a|an)\b|\bfancy (a|an)\b|\bwould (it|that) be possible\b|\bwould (a|an) [^.?!]{0,40}\bbe possible\b|\b(do|would) you have (time|a few|\d+|some time|a moment)\b|\bwould love to (hear|learn|chat|talk|ask|know)\b|\bi'?d (love|value|appreciate|be (very |really |so )?grateful for) (the chance|\d|a |an |your|any|some|to (hear|learn|ask|chat|talk))|\bask you (a few|some|a couple of) (quick )?questions\b|\b(hop|jump|get) on a (quick |short )?(call|zoom|phone call|video call)\b|\b(set up|schedule|book|arrange|find) (a )?(time|call|chat|slot) to (talk|chat|connect|speak)\b|\bconnect (for|over) (a )?(few|\d+|quick|short|coffee|call)\b|\bwork around your (schedule|calendar|diary)\b|\bat your convenience\b|\bwhenever (suits|works for) you\b/,
  ),
  S(
    "ask.other-language",
    "ask",
    1.5,
    "asks for a short conversation (German/French/Spanish/Portuguese/Italian)",
    /\b(\d{1,2}|zehn|fünfzehn|zwanzig|dreißig|quinze|vingt|trente|quince|veinte|treinta|vinte|trinta|quindici|venti)\s*(minuten|minutos|minuti)\b|\b(kurzes|kleines|kurzen) (gespräch|telefonat|treffen|austausch|call)\b|\b(auf einen|zum|einen) kaffee\b|\b(hätten|haben|hättest|hast) (sie|du) (vielleicht |eventuell )?(zeit|lust)\b|\bun (petit )?café\b|\b(un|une) (court|petit|bref|brève|rapide) (échange|appel|entretien|conversation)\b|\b(una|um|uma|un) (breve |rápida |pequena |corta )?(charla|conversa|conversación|llamada|chamada|chiacchierata)\b|\btomar (un|um) café\b|\bun caffè\b|\b\d{1,2}\s*(minutinhos|minutitos)\b|\b(toparia|topa|teria|terias|tem|tens) (um |uma )?(conversa|papo|café|tempo|\d{1,2})\b|\b(könnten|können|koennten) wir ([a-zäöüß]+ ){0,3}(telefonieren|sprechen|reden|treffen)\b|\d{1,2}\s*分(ほど|くらい|程度|間)?|お時間を?(いただ|頂)|お話を?(伺|うかが|聞かせ)/,
  ),
  S(
    "ask.question",
    "ask",
    1,
    "asks the other person a question or their opinion",
    /\b(a|one|quick|small|short|little) question (for you|about|on|regarding)\b|\bquestion for you\b|\b(what|which) would you (recommend|suggest|advise|do)\b|\bin your (view|opinion|experience)\b|\bwhat do you think (of|about)\b|\bwould (love|value|appreciate) your (take|view|opinion|thoughts)\b/,
  ),
  S(
    "ask.soft",
    "ask",
    1,
    "asks for help, advice or a meeting",
    /\bi'?d (welcome|appreciate|value|be grateful for) (any|your|some|a bit of|the chance)\b|\b(could|would|can) you (please )?(direct|point|refer|steer|put) me\b|\b(put|get) me in touch with\b|\b(i'?d|i would|i'?m|i am) (also |really |very )?(be )?interested in (talking|speaking|meeting|chatting|sitting down) (to|with)\b|\b(introduce|connect) me (to|with)\b|\b(set up|schedule|arrange|book) (an appointment|a meeting|a time|some time|a call) (with you|to (talk|meet|discuss|chat))\b|\b(meet|talk|speak|chat|sit down) with you (about|regarding|sometime|briefly|when|if)\b|\bat your disposal\b|\bavailable to meet\b|\b(would|'d) (like|love) to (meet|talk|speak|get together|sit down|catch up|grab (lunch|coffee))\b|\bany (advice|guidance|suggestions|pointers|thoughts) (you|would|on)\b|\b(appreciate|grateful for) (any|your) (help|advice|guidance|thoughts|insight)/,
  ),
  S(
    "purpose.job-search",
    "purpose",
    1,
    "is about the writer's job search or next step",
    /\b(job|career|employment) (prospects|options|search|hunt|change)\b|\bopportunities (at|with|in|on|within) (your|the|our|a)\b|\b(looking|interested) (at|in) (a number of |other |new )?(options|opportunities|a position|a role|a move|roles)\b|\b(my|a) (next|new) (role|job|step|position|chapter)\b|\b(position|role|job) (is being|was|has been|will be) (eliminated|cut|made redundant)\b|\b(laid off|been let go|lost my job|made redundant|redundancy)\b/,
  ),
  // --- about someone's career
  S(
    "purpose.path",
    "purpose",
    1.5,
    "is about the contact's path or experience",
    /\b(your|her|his|their) (own )?(career )?(path|journey|route|trajectory|transition|switch|move|story|pivot|experience|advice|perspective|insights?)\b/,
  ),
  S(
    "purpose.how-you",
    "purpose",
    1.5,
    "asks how the contact got where they are",
    /\bhow (you|did you|you've|you have) ([a-z]+ ){0,2}(got|get|ended up|end up|made|make|moved|move|went|go|found|find|became|become|built|build|landed|broke|started|decided|decide|came|transitioned|switched|chose|think|would think|'d think|approach|work|handle|use|balance|manage)\b|\bhow your (team|teams|role|work|day|company|organi[sz]ation|group|department) [a-z]+\b|\byou (went|moved|switched|transitioned|came|pivoted|made (the|that|this|a) (move|switch|jump|leap)) (from|into|over|across|to)\b|\b(you'?ve|you have) (moved|switched|spent|made the|gone from|worked)\b/,
  ),
  S(
    "purpose.day-to-day",
    "purpose",
    1,
    "asks what the work is really like",
    /\bday[- ]to[- ]day\b|\bwhat [^.?!\n]{1,50} (looked|look|looks|was|were|is|are) (really |actually )?like\b|\b(tell|show) me (a (bit|little)|more|about)\b|\b(hear|learn|understand) (a bit |a little |more )?(about|how|what|why|your)\b|\bwhat (the|a|your) (work|job|role|first (year|years|few years|couple of years)|day)\b|\bwhat [a-z' ]{0,30}(is|are|looks?|was) (really|actually) like\b|\bwhat it'?s (really |actually )?like\b|\bwhat (drew|led|brought|attracted) you\b|\bhow did you (decide|know|choose|find|get|land|end up|make)\b|\blearn from your\b|\bwhat (do|did) you (wish|enjoy|find|look for)\b/,
  ),
  S(
    "purpose.advice",
    "purpose",
    1,
    "asks for advice or perspective",
    /\b(advice|perspective|insights?|guidance|tips|recommendations?|lessons learned|what you'?d (do|suggest|recommend)|your (honest |candid |frank |own )?(take|thoughts|views?|opinion|two cents))\b/,
  ),
  S(
    "purpose.career",
    "purpose",
    0.5,
    "mentions careers or the field",
    /\b(career|careers|field|industry|profession|sector)\b/,
  ),
  S(
    "purpose.seeker",
    "purpose",
    1,
    "the writer is a student, graduate or career changer",
    /\b(student|(?:graduate|grad)(?! (?:orientation|program(?:me)?s?|schemes?|intake|hires?|cohorts?|roster|recruit[a-z]*|class|rotations?|training|positions?|roles?|jobs?))|alum(na|nus|ni|s)?|undergrad|doctoral|phd|(first|second|final|third)[- ]year|placement year|ph\.d|mba|master'?s (degree|program(me)?|course)|postgrad(uate)?|freshman|sophomore|apprentice|intern|bootcamp|certificate|my degree|major(ing)? in|dissertation|career[- ](change|changer|switch|switcher)|changing careers|new to the field|early[- ]career|weighing up|trying to (decide|understand|work out|figure out|learn|choose)|(can'?t|cannot|struggling to) (decide|choose))\b|\b(?<!\b(?:[a-z]+ (?:is|are|was|were)|(?:he|she|they|who)(?:'s|'re)?|[a-z]+'s)(?: (?:going to be|also|now|currently|slowly|finally|gradually))? )(transition(ing)? (in)?to|moving (in)?to(wards?)?|making the (jump|switch|move|shift|leap)|pivot(ing)?|switch(ing)? (in)?to|break(ing)? into|get(ting)? into)\b|\b(i'?m|i am|currently|been|i've been) ([a-z,]+ ){0,6}(edging|moving|heading|working|transitioning|pivoting|looking|hoping|trying|aiming|keen|planning) (towards?|into|to (move|get|break|transition|switch|go) into)\b|\b(exploring|considering|thinking about|contemplating|weighing|planning) (a |the |my )?(move|switch|transition|change|career|pivot|path|route|jump)\b|\b(the same|a similar|that|this) (move|route|path|switch|transition|jump|leap)\b|\b(i'?m|i am|i've been|i have been) (really |very |particularly |especially |increasingly )?(curious|interested) (about|in|how)\b|\b(i'?m|i am|i've|i have|become|grown|been) (really |very |increasingly |particularly )?(fascinated|intrigued) (by|with)\b|\b(i'?m|i am) (now |currently )?(studying|doing an? ([a-z-]+ )?(course|degree|diploma|certificate|masters?|mba) in)\b|\babout (working|life|a career|careers) (at|in|as)\b|\b(hoping|hope|want|wanting|plan|planning|aim|aiming|trying|keen|looking) to (move|get|break|transition|switch|pivot|go|shift) (in)?to\b|\bexploring ([a-z&/-]+ ){0,3}(roles|careers|jobs|positions|paths|opportunities|options|work)\b|\b(learning|studying|retraining|upskilling) (to become|for a (career|role|job)|(in)?to)\b/,
  ),
  S(
    "purpose.move",
    "purpose",
    1,
    "talks about a move from one field into another, or what mattered early on",
    /\b(moving|moved|move|switch(ing|ed)?|transition(ing|ed)?|going|went|pivot(ing|ed)?) from [^.?!\n]{1,40} (in)?to\b|\b(which|what) (skills|courses|certifications|qualifications|steps|experience) (mattered|matter|helped|help|were|are|would|did|do)\b|\byour first (year|years|job|role|months|few months)\b/,
  ),
  S(
    "purpose.other-language",
    "purpose",
    1.5,
    "is about the contact's path or advice (German/French/Spanish/Portuguese/Italian)",
    /\b(ihren?|deinen?|ihrem|deinem) (werdegang|weg|wechsel|karriereweg|karriere|erfahrungen?|rat)\b|\b(votre|ton) (parcours|expérience|carrière|avis|conseil)\b|\b(su|tu|sua|seu|tua) (trayectoria|carrera|experiencia|experiência|carreira|trajetória|percorso|carriera|esperienza|consejo|conselho|consiglio)\b|\bberuflich (in richtung|neu orientieren|umorientieren)\b|\bwie (sie|du) (den|die|das|in|zu|zum|es)\b|\bdia a dia\b|\b(o )?(seu|teu|sua) (caminho|percurso|transição)\b|\b(mudar|migrar|ir|passar|transicionar) (para|pra) (a |o )?(área|analise|análise|bi|dados|ti|tecnologia|carreira)\b|\bcomo (é|foi|e) (o|a|trabalhar|ser)\b|\b(dúvidas|duvidas|perguntas) sobre (a )?carreira\b|\bcarreira\b|\bquereinsteiger(in)?\b|\bwie (du|sie) ([a-zäöüß]+ ){0,2}(gekommen|gelandet|eingestiegen|angefangen) (bist|sind)\b|\b(berufseinstieg|berufswechsel|umschulung|quereinstieg)\b|\bberufsalltag\b|\beinstieg (ins|in die|in den)\b|\bfragen (zum|zur|zu) (beruf|ihrem|deinem|einstieg|arbeit)|興味があ|お仕事について|キャリア|働くこと/,
  ),
  S(
    "purpose.not-a-job",
    "purpose",
    2,
    "says it is not a job request",
    /\bnot (asking|looking) (you )?(about|for) (a |any )?(job|jobs|openings?|vacanc(y|ies)|roles?|positions?|referrals?|work)\b|\bnot (a|asking for a) job\b|\bno agenda\b|\bnicht um eine (stelle|bewerbung|job)\b|\bpas (pour|de) (un )?(emploi|poste)\b|\bno (busco|pido) (trabajo|empleo)\b|\bnão (estou|é) (pedindo|procurando) (emprego|vaga)\b/,
  ),
  // --- connection / referral
  S(
    "connection.referral",
    "connection",
    1.25,
    "mentions a referral or introduction",
    /\b(suggested|recommended) (that )?(i|we) (reach out|contact|get in touch|write|email|speak|talk|connect)|\bsuggested i\b|\bgave me your (name|email|details|contact)|\bpassed (along|on) your\b|\b(mentioned|said|thought) (that )?you (might|would|could|may|'d)\b|\bintroduc(e|ed|ing|tion)\b|\be-?meet\b/,
  ),
  S(
    "connection.other-language",
    "connection",
    1.25,
    "mentions a referral (German/Portuguese/Spanish/French/Japanese)",
    /\b(wurden|wurdest) (mir|uns) ([a-zäöüß()]+ ){0,6}empfohlen\b|\bhat mir (ihren|deinen|ihre|deine) (kontakt|namen|adresse|e-mail)|\b(me )?(passou|deu) (o )?(seu|teu) (contato|e-mail|nome)\b|\bme indicou\b|\bme (dio|pasó) tu (contacto|correo|nombre)\b|\bm'a (donné|recommandé|conseillé)\b|ご紹介|紹介(いただ|頂|され)/,
  ),
  S(
    "connection.found",
    "connection",
    0.75,
    "says how the writer knows of the contact",
    /\b(i|we) (found|came across|read|saw|heard|noticed) (you|your)\b|\byour (talk|post|article|piece|blog|newsletter|podcast|presentation|lecture|panel|session|case study|book|paper|remarks|comment)\b|\bwe (met|spoke|chatted)\b|\b(great|lovely|nice|good|a pleasure) (to meet|meeting) you\b|\bfellow\b|\balumni (network|directory|evening|event|panel)\b/,
  ),
  // --- after a conversation
  S(
    "after.thanks",
    "after",
    1,
    "thanks the other person for a conversation",
    /\bthank(s| you)( so much| again| very much| a lot)?( -|,)? for (lunch|coffee|breakfast|dinner|drinks|today|yesterday|earlier|tonight|this morning|this afternoon|this evening|last night|the other day|last week|our (chat|call|conversation|coffee|meeting|talk|catch[- ]up))\b|\b(great|lovely|good|nice) (to|talking|chatting|speaking|catching up)( to| with)? (you )?(today|yesterday|earlier|this morning|last week|the other day)\b|\bthank(s| you)( so much| again| very much)?( -|,)? for (the|your|this|our|taking|making|today|yesterday|earlier|a|an|such|that|all)\b[^.!?\n]{0,40}\b(time|call|chat|coffee|conversation|advice|candou?r|insights?|perspective|morning|afternoon|evening|today|yesterday|earlier|lunch|breakfast|dinner|drinks?)\b|\byour (advice|tips?|suggestions?|perspective|insights?)\b[^.!?\n]{0,80}\b(was|were|has been|have been) (so |really |very |incredibly |exactly |just )*(helpful|useful|valuable|what i needed|spot[- ]on)\b/,
  ),
  S(
    "update.progress",
    "update",
    1.5,
    "shares progress or keeps in touch after earlier help",
    /\b(quick update|an update|small update|keep(ing)? you posted|let you know (how|that|where|what)|wanted to (share|let you know|tell you|say thanks)|(took|taking|followed|acted on) your (advice|suggestion)|you (suggested|recommended)|as you (suggested|recommended|said|advised)|since we (spoke|talked|met|chatted)|thanks (again )?for (the|your) (advice|chat|call|time|help|introduction|intro)|good news|i (got|landed|accepted) (the|a|an) (job|role|offer|place|position)|thought (of you|you'?d|you might|this might)|thought of (what you (said|told me|mentioned)|our (chat|coffee|call|conversation|talk|lunch))|saw this and thought|(saw|read|came across|spotted) (this|an?) (piece|article|post|story|report|paper)|(sharing|passing (this )?along|sending you) (this|an article|a link|a piece|a paper)|you might (enjoy|find this|like this)|reminded me of (our|what you))\b/,
  ),
  // --- formal hiring
  S(
    "hiring.interview",
    "hiring",
    -2.5,
    "talks about a formal job interview",
    /\b(job|phone|telephone|video|formal|first[- ]round|second[- ]round|final[- ]round|final|second|third|further|follow-up|panel|competency[- ]based|technical|onsite|on-site|in-person|hiring[- ]manager|stage \d|round \d|behaviou?ral|structured|case|assessment) interviews?\b|\binterview(ing|ed)? (me|you) (for|about|this)\b|\binterviews? for the\b|\b(invite|invitation|invited) (you )?to (an? |the )?(interview|assessment|final|next)|\binterview (invitation|invite|slot|confirmation|schedule|feedback|process|loop|panel|stage)\b/,
  ),
  S(
    "hiring.process",
    "hiring",
    -2,
    "uses hiring-process words (screen, application, candidate)",
    /\b(phone|video|recruiter|initial) screen(ing)?\b|\bscreening call\b|\bassessment (cent(re|er)|day)\b|\bhiring (manager|team|process|panel)\b|\b(your|the|my) application\b|\bthank you for (your )?(applying|application)\b|\b(vorstellungsgespräch|bewerbungsgespräch|ihre bewerbung|entretien d'embauche|votre candidature|motivée? (par|pour) (le|ce) poste|(la )?suite du processus|l'étape suivante|prochaine étape du processus|siguiente (fase|etapa) del proceso|próxima (fase|etapa) do processo|entrevista de (trabajo|emprego)|sua candidatura|processo seletivo)\b|\b(candidates?|shortlist(ed)?|offer letter|move you forward|moving you forward|next round|req[- ]?\w*\d|requisition|job (id|ref|reference))\b/,
  ),
  S(
    "hiring.role",
    "hiring",
    -1.5,
    "refers to a specific position or opening",
    /\b(excited|enthusiastic|keen|interested) (about|in|on) (the|this)( [a-z&/-]+){0,4} (role|position|opportunity|opening)\b|\b(second|final|next) round\b|\bnext steps? (in|of) (the|your) (process|hiring)\b|\b(for|about|of) the [a-z&/ -]{2,40} (position|role|vacancy|opening|post)\b|\b(position|vacancy|opening) (at|with|in)\b|\bgraduate (scheme|programme|program) (at|with)\b/,
  ),
  // --- recruiter pitch
  S(
    "recruiter.pitch",
    "recruiter",
    -2,
    "reads like a recruiter pitch",
    /\b(i'?m|we'?re|i am|we are) (currently )?(recruiting|hiring)\b|\bworking on (a|an) [a-z -]{0,30}(role|vacancy|position|search)\b|(?<!\b(from|dari|former|ex-?) (a |an )?)\brecruit(er|ment agency|ing partner)\b|\btalent (partner|acquisition)\b|\bstaffing\b|\bheadhunt|\byour (cv|resume|résumé|profile|background) (on|caught|looks|stood|came up)|\b(send|reply with|attach) (me )?(your )?(updated |latest )?(cv|resume|résumé)\b|\bcame across your (profile|cv|resume)\b|\byour (career )?goals\b|\bopen to (new |other )?(opportunities|roles|a move|a change)\b|\b(are|were) you (currently |actively )?(looking|open)\b|\bexciting (new )?(opportunity|role|position)\b|\b(personalberater(in)?|headhunter(in)?|für unseren mandanten|spannende position|lebenslauf|\(m\/w\/d\)|recrutador(a)?|recruteur|recruteuse|reclutador(a)?)\b/,
  ),
  S(
    "recruiter.terms",
    "recruiter",
    -1.5,
    "mentions contract, salary or rate terms",
    /\b(contract|permanent|full[- ]time|part[- ]time|temp|fixed[- ]term)\s+(role|position|contract|opportunity|vacancy)\b|\b(day rate|per hour|salary|compensation|ote\b|base pay|benefits package)|[£$€]\s?\d{2,3}(,\d{3}|k)\b|\d\s?\/\s?(hr|hour)\b|\b\d{2,3}k\b|\bvacanc(y|ies)\b|\bopportunit(y|ies) (with|at|for you)\b|\bour client\b|\b(gehalt|salário|salaire|salario|stipendio|vaga de|poste de|vacante)\b/,
  ),
  // --- sales
  S(
    "sales.pitch",
    "sales",
    -2.5,
    "reads like a sales pitch",
    /\b(a |quick |short )?demo\b|\bfree (trial|consultation|audit|assessment|session)\b|\bfree (\d{1,2}[- ]?(min|mins|minute) |(discovery|strategy|intro|introductory) )(call|chat|consultation|session)\b|\bi coach (career changers|professionals|clients|people|job seekers|executives|leaders)\b|\b(our|see|special|discounted|custom|introductory|transparent) pricing\b|\bpricing (for you|for your|plans?|page|options|tiers?|starts)\b|\bbook (a|your) (free |quick )?(slot|demo|call|meeting|consultation)\b|\bour (platform|product|solution|tool|software|service|app)s?\b|\b(customers|clients) (use|love|tell us|report)\b|\bpass rate\b|\broi\b|\bto stop hearing from me\b|\breply ["“]?(no thanks|stop|unsubscribe)|\bno obligation\b|\bspecial offer\b|\bdiscount\b|\b\d{1,2}% off\b|\blimited time\b|\bclick here\b|\bwe'?re (building|launching|developing)\b|\bearly access\b|\b(private |public )?beta\b|\bdesign partners?\b|\bcustomer (discovery|interviews?|research)\b|\bmarket research\b|\b(short|quick|brief|online) survey\b|\bresearch (study|participants?)\b|\bproduct feedback\b|\b(gift card|amazon voucher|voucher|incentive)\b|\bfree pilot\b|\b(companies|teams|businesses|firms|brands|schools|clinics) like yours\b|\bwould it make sense\b|\bworth a (quick |short )?(chat|call|conversation)\b|\byour (team|company)'?s? (goals|priorities|needs|challenges|roadmap|budget)\b|\bhow we (help|work with|partner with|support)\b|\bopen to exploring\b|\b(we )?help(s|ing)? (companies|teams|businesses|brands|firms) (like|to|with)\b/,
  ),
  // --- bulk in the body
  S(
    "bulk.footer",
    "bulk",
    -6,
    "has a bulk-mail footer (unsubscribe / preferences)",
    /\bunsubscribe\b|\byou('re| are) receiving (this|these)\b|\bmanage (your )?(alerts|preferences|notifications|subscriptions?|email)\b|\bview (this email )?in (your |a )?browser\b|\bupdate (your )?(email )?preferences\b|\bemail preferences\b|\bopt[- ]out\b|\bnotification settings\b|\b(abmelden|newsletter abbestellen|se désinscrire|désinscription|darse de baja|descadastrar|cancelar inscrição|disiscriviti)\b/,
  ),
  S(
    "press.request",
    "press",
    -2,
    "asks for an interview for the press or for research",
    /\b(interview|quote|comment from|speak to|talk to) (you )?(for|on|in) (an|my|our|a|the|this) (article|story|piece|podcast|show|programme|program|radio|segment|documentary|thesis|dissertation|paper|feature|newsletter|magazine)\b|\b(press|media) (inquiry|enquiry|request)\b|\bon the record\b|\b(live|radio|tv|on-air|podcast) interview\b|\bour (readers|listeners|viewers|audience)\b|\b(for|in) (an|my|our) (upcoming )?(article|story|piece|podcast episode|thesis|dissertation)\b|\bi'?m (a )?(journalist|reporter|producer|writing a piece|writing an article|researching a story)\b/,
  ),
  S(
    "offer.en",
    "offer",
    1,
    "offers to talk or help",
    /\b(happy|glad|delighted|more than happy|always happy) to (chat|talk|help|share|connect|meet|answer|hop on|jump on|speak|introduce|tell you|walk you through|give you|point you)\b|\bif you('d| would) like to (chat|talk|grab|meet|hop on)\b|\bjust (let me know|say the word|shout)\b|\bfeel free to (reach out|get in touch|call|email|ping|drop me|send|ask|book|grab)\b|\blet me know (if|when|whether) (you'?d|you would|you want|you'?re|you are)\b[^.?!]{0,30}\b(chat|talk|call|coffee|connect|meet|questions?)\b|\b(would|'d) (be happy|love|be glad) to (chat|talk|meet|help|continue|have a ([a-z]+ )?(call|chat|coffee|conversation))\b|\bmy door is (always )?open\b|\bsend (me |over )?(a few|some|two or three|a couple of|2-3|2 or 3) (times|slots|options|dates)\b|\b(forwarded|passed|sent|will forward|'ll forward|will pass|'ll pass) (him |her |them )?(on |along )?your (resume|résumé|cv|details|note|e-?mail)\b|\b(put|get) you in touch with\b|\bintroduce you to\b|\b(set up|schedule|arrange) (some |a few )?(meetings|time|a meeting|calls?) for you\b|\b(give|gave) (him|her|them) a (call|ring)\b|\b(mention|use|drop) my name\b|\b((call|ring|phone) me|(i'?ll|i will|let me|i can) (call|ring|phone) you) (on|at|any ?time|whenever|tomorrow|tonight|this|next|after|before|(mon|tues|wednes|thurs|fri|satur|sun)day)\b|\byou (should|could|might want to|may want to) (talk|speak|reach out|get in touch|call|contact|meet) (to|with)?\b|\b(happy|glad|delighted) to( do so| help out)?\s*([.!;—–]|- |$)|\b(is|would be|'d be) (a |the )?(better|great|good|right|best|ideal) (person|people|contact|one) (to ask|to talk to|to speak (to|with)|for (this|that|your questions))\b/,
  ),
  S(
    "event.promo",
    "event",
    -2,
    "promotes an event (fair, expo, webinar)",
    /\b(careers? (fair|expo|night|evening|event|week)|job fair|expo)\b(?<!\b(?:met|saw|heard|meeting|seeing|hearing|spoke|speaking|chatted|talked) (?:with )?(?:you )?(?:speak |present |talk )?at (?:the |last (?:week|month|year)'s |your |a |our )?(?:[a-z]+ ){0,2}(?:careers? (?:fair|expo|night|evening|event|week)|job fair|expo))|\b(rsvp|register (now|here|by|at|today)|registration(?! (pathway|process|requirements?|route|board|exams?|bod(y|ies)|council|with))|tickets?|exhibitors?|employers (will|tables)|webinar|open day|info(rmation)? session|livestream)\b/,
  ),
  S(
    "programme.logistics",
    "programme",
    -1.5,
    "is programme or course logistics",
    /\b(your mentor|mentors have|mentees?|mentor match|cohort|mentoring (scheme|program(me)?)|(course|mentoring|student) portal|goals worksheet|baseline survey|(campus|university|college|graduate) recruiting|recruiting (program(me)?|season|calendar|events?|drive|budget|schedule)|headcount|welcome (lunch|breakfast|reception|dinner|drinks) for|(new|incoming) (hires|analysts|associates|interns|trainees) (class|orientation|onboarding|start))\b/,
  ),
];

const OTHER_LANGUAGE_IDS = new Set(["ask.other-language", "purpose.other-language", "connection.other-language"]);
export const SIGNALS: readonly Signal[] = [
  ...ENGLISH_SIGNALS.map((s) => (OTHER_LANGUAGE_IDS.has(s.id) ? { ...s, tier: "latin" as const } : s)),
  WORK_TOPIC_EN,
  ...[
    ...MULTILINGUAL_SIGNALS,
    ...NORDIC_SIGNALS,
    ...MALAY_SIGNALS,
    ...TURKISH_SIGNALS,
    ...ARABIC_SIGNALS,
    ...VIETNAMESE_SIGNALS,
    ...UKRAINIAN_SIGNALS,
    ...TAGALOG_SIGNALS,
    ...ARABIZI_SIGNALS,
    ...WORK_SIGNALS,
  ].map((s) => ({
    ...s,
    tier: /\.(cjk|ja|ko|zh)$/.test(s.id)
      ? ("cjk" as const)
      : /\.arz$/.test(s.id)
        ? ("arabizi" as const)
        : ("latin" as const),
  })),
];

export interface SignalHit {
  id: string;
  group: SignalGroup;
  weight: number;
  label: string;
  /** The words that matched (short). */
  match: string;
}

/** Lower-cased text with typographic quotes and dashes folded, whitespace collapsed. */
export function foldText(text: string): string {
  let folded = text.toLowerCase();
  // Typographic marks are rare: one look for any of them before three replacements (this runs on every message).
  if (TYPOGRAPHIC.test(folded)) {
    folded = folded
      .replace(/[’‘`´]/g, "'")
      .replace(/[“”„]/g, '"')
      .replace(/[–—]/g, "-");
  }
  // Marks typed as separate combining characters (some Vietnamese keyboards) are composed, as the lexicon writes them.
  if (COMBINING.test(folded)) folded = folded.normalize("NFC");
  // The same as replacing /\s+/ with one space, without rewriting the single spaces between words.
  return folded.replace(/\s{2,}|[^\S ]/g, " ");
}

const TYPOGRAPHIC = /[’‘`´“”„–—]/;
const COMBINING = /[\u0300-\u036f]/;

/** Phrases that negate a hiring word ("I'm not asking about roles"), removed before hiring signals run. */
const NEGATED_HIRING =
  /\bnot (asking|looking) (you )?(about|for) [^.!?]{0,60}|\b(no|not a) (job|role) (request|ask)\b|\bnot (here )?to ask (for|about) [^.!?]{0,40}/g;

/** All signals that fire in `folded` (already passed through foldText). */
export function findSignals(folded: string, only?: SignalGroup): SignalHit[] {
  const hits: SignalHit[] = [];
  const withoutNegated =
    only && only !== "hiring" && only !== "recruiter" ? folded : folded.replace(NEGATED_HIRING, " ");
  const tiers = tiersOf(folded);
  for (const s of SIGNALS) {
    if (only && s.group !== only) continue;
    if (s.tier && !tiers.has(s.tier)) continue;
    const text = s.group === "hiring" || s.group === "recruiter" ? withoutNegated : folded;
    const m = s.re.exec(text);
    if (m) hits.push({ id: s.id, group: s.group, weight: s.weight, label: s.label, match: m[0].trim().slice(0, 40) });
  }
  return hits;
}

/** Sum of weights per group, each group capped to keep one kind of evidence from dominating. */
export const GROUP_CAPS: Record<SignalGroup, [number, number]> = {
  ask: [0, 4],
  purpose: [0, 4.5],
  connection: [0, 2],
  after: [0, 1],
  update: [0, 2],
  offer: [0, 2],
  hiring: [-6, 0],
  recruiter: [-5, 0],
  sales: [-5, 0],
  bulk: [-6, 0],
  event: [-2, 0],
  programme: [-2, 0],
  press: [-4, 0],
  work: [-2, 0],
};

export function groupTotals(hits: readonly SignalHit[]): Record<SignalGroup, number> {
  const totals = Object.fromEntries(Object.keys(GROUP_CAPS).map((k) => [k, 0])) as Record<SignalGroup, number>;
  for (const h of hits) totals[h.group] += h.weight;
  for (const k of Object.keys(totals) as SignalGroup[]) {
    const [lo, hi] = GROUP_CAPS[k];
    totals[k] = Math.max(lo, Math.min(hi, totals[k]));
  }
  return totals;
}

const TIME_OR_INTRO =
  /\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.)|\d{1,2}[:.h]\d{2}\b|\bnoon\b|\bmidday\b|\bat \d{1,2}\b|\b(intro|introduc|<>|e-?meet|meet each other|connect(ing)? you|looping in|cc'?ing|copying (in )?(him|her|them|you|both)\b|bcc'?ing me|moving (me|myself) to bcc)/;

/**
 * True when a message's text can influence an assessment: a positive signal (an ask, its purpose, a referral,
 * thanks afterwards, an update, an offer), a decline, a do-not-contact request, a cancellation, an acceptance,
 * a clock time or an introduction. Text that shows none of them is dropped before assessment (in the offline
 * scan and in the worker alike, so both decide from the same words): a thread without any positive cue is
 * not informational whatever else it says, and negatives are read from the messages that carry the cues.
 * Other languages' phrases are looked for only in text that shows another language (tiersOf): this runs on
 * every personal message of a mailbox.
 */
export function textMatters(folded: string): boolean {
  const tiers = tiersOf(folded);
  const latin = tiers.has("latin");
  const cue = (re: RegExp) => (latin ? re : englishAndJapanese(re)).test(folded);
  if (TIME_OR_INTRO.test(folded) || (latin && INTRODUCTION_CUE.test(folded))) return true;
  if (cue(DECLINE) || cue(DO_NOT_CONTACT)) return true;
  if (cue(CANCELLATION) || cue(ACCEPTANCE)) return true;
  return anySignal(folded, CUE_GROUPS, tiers);
}

/** The groups whose presence can make a thread informational (the cheap filter's). */
export const CUE_GROUPS: readonly SignalGroup[] = ["ask", "purpose", "connection", "after", "update", "offer"];

/** True when any signal of the given groups fires (stops at the first). */
export function anySignal(
  folded: string,
  groups: readonly SignalGroup[],
  tiers: ReadonlySet<Tier> = tiersOf(folded),
): boolean {
  return signalUnion(groups, tiers).some((re) => re.test(folded));
}

/**
 * The signals of some groups and tiers as few regexes (one alternation per flag set) that fire exactly when one
 * of the signals does: one call instead of dozens on each short text (most of a mailbox's are a subject line).
 * A signal whose regex cannot join an alternation unchanged (global or sticky, back-references, named groups)
 * is kept on its own. Built once per group list and tier set.
 */
function signalUnion(groups: readonly SignalGroup[], tiers: ReadonlySet<Tier>): readonly RegExp[] {
  const tierKey = [...tiers].sort().join(",");
  let byTiers = UNIONS.get(groups);
  if (!byTiers) {
    byTiers = new Map();
    UNIONS.set(groups, byTiers);
  }
  const hit = byTiers.get(tierKey);
  if (hit) return hit;
  const alone: RegExp[] = [];
  const sourcesByFlags = new Map<string, { atWord: string[]; other: string[] }>();
  for (const sig of SIGNALS) {
    if (!groups.includes(sig.group) || (sig.tier && !tiers.has(sig.tier))) continue;
    const { flags, source } = sig.re;
    if (/[gy]/.test(flags) || /\\[1-9]|\\k<|\(\?<[^=!]/.test(source)) {
      alone.push(sig.re);
      continue;
    }
    const lists = sourcesByFlags.get(flags) ?? { atWord: [], other: [] };
    for (const alt of topLevelAlternatives(source)) {
      if (alt.startsWith("\\b")) lists.atWord.push(alt.slice(2));
      else lists.other.push(alt);
    }
    sourcesByFlags.set(flags, lists);
  }
  // "\b(?:a…|b…)" rather than "\ba…|\bb…": inside a word the one boundary test fails at once, where the engine
  // would otherwise try every alternative's own (most positions of a text are inside a word)
  const union = [
    ...[...sourcesByFlags].map(([flags, { atWord, other }]) => {
      const parts = [...(atWord.length ? [`\\b(?:${byFirstLetter(atWord)})`] : []), ...other.map((o) => `(?:${o})`)];
      return new RegExp(parts.join("|"), flags);
    }),
    ...alone,
  ];
  byTiers.set(tierKey, union);
  return union;
}

/**
 * Alternatives joined so that those opening with the same plain letter share it: "c(?:offee…|an i…)|i(?:nfo…)|…".
 * At a word's start the engine then follows the one branch of its first letter instead of trying a few hundred
 * alternatives in turn (the union only answers whether something matches, so their order does not matter). An
 * alternative whose first letter carries a quantifier, or that opens with anything else, stays as it is.
 */
function byFirstLetter(alternatives: readonly string[]): string {
  const byLetter = new Map<string, string[]>();
  const rest: string[] = [];
  for (const alt of alternatives) {
    const first = alt[0] ?? "";
    if (/^[a-z]$/.test(first) && !/^[?*+{]/.test(alt.slice(1))) {
      byLetter.set(first, [...(byLetter.get(first) ?? []), alt.slice(1)]);
    } else rest.push(alt);
  }
  return [...[...byLetter].map(([letter, tails]) => `${letter}(?:${tails.join("|")})`), ...rest].join("|");
}

/** A regex source split at its top-level "|" (outside groups and classes), escapes left as written. */
function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") inClass = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "|" && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

const UNIONS = new WeakMap<readonly SignalGroup[], Map<string, readonly RegExp[]>>();
