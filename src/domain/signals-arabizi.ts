/**
 * The lexicon in Arabizi ("Franco-Arabic"): Arabic, mostly Egyptian but also Levantine and Gulf, typed in Latin
 * letters with digits for the sounds Latin lacks (2 = ء/ق, 3 = ع, 5/kh = خ, 7 = ح, 8/gh = غ, 9 = ص), often mixed
 * with English: asking for a conversation ("momken a5od 10 d2aye2 men wa2tak?", "law fadi", "3ayez as2alak"),
 * its purpose, a referral, thanks afterwards ("shokran 3ala wa2tak", "et3alemt kteer"), an update, an offer to
 * help ("kalemni", "ya reit", "3enaya"), and a formal hiring process, an agency's pitch or a sales demo. Written
 * from how people type these things, never from one message. Spelling is free, so each word lists its common
 * forms (3ayez/3ayz/3aiz, momken/mumkin, wa2tak/wa2tek/wa'tak/waqtak). Arabizi mail mixes in English words, so
 * every pattern holds an Arabizi word; like the other languages' entries they run only on text that shows a
 * language other than English (see ARABIZI_WORDS in text-signals.ts).
 */
import { lexiconEntry as E, type LexiconEntry, words } from "./signals-multilingual.js";

/** One word (digits are letters here). */
const W = "[a-z0-9'-]+";
/** "Your time" and "time". */
const WA2T = "(el ?)?(wa2t|wa'?t|waqt|wa2at)(ak|ek|ik|k|kom|ko|ku|kum|akom|etak)?";
/** "Your time" only ("men wa2t" alone is "from time to time"). */
const YOUR_WA2T = "(wa2t|wa'?t|waqt|wa2at)(ak|ek|ik|kom|ko|ku|kum|akom|etak)";
/** "Possible / may I". */
const MOMKEN = "(momken|mumkin|momkin|mumken|momkn|mmkn|mmken|mumkn|momkenn)";
/** "I want / I'd like" (Egyptian, Levantine, Gulf). */
const WANT =
  "(3ayez|3ayz|3aiz|3ayza|3ayzah|3aiza|3awez|3awza|3awz|bidi|biddi|beddi|baddi|widdi|wedi|wodi|abgha|ab8a|nefsi|nifsi|kont 3ayez|kont 3ayza|kont 3ayz|kunt 3ayez)";
/** "Minutes", "a minute", "an hour". */
const MINUTES = "(d2aye2|da2aye2|de2aye2|d2ay2|da2ay2|daqayeq|daqa2eq|dakayek|d2ayeq|de2i2a|da2i2a|d2i2a|daqiqa|dqiqa)";
/** To speak, ask, meet, take (some of your time). */
const TALK =
  "(as2al|as2alk|as2lk|as2alak|as2alek|as2alik|asa2lak|as'alak|asalak|es2alak|is2alak|atkalem|atkallem|atkalam|akalmak|akalmek|akalemak|akallmak|nekalem|netkalem|netkallem|nitkallam|netkalam|n?et2abel|n?it2abil|n?etqabel|net2abal|nitla2a|netla2a|neshrab|nshrab|nishrab|ne7ki|ni7ki|nehki|nihki|a7ki ma3ak|astashirak|astasheerak|asta4irak)";

export const ARABIZI_SIGNALS: readonly LexiconEntry[] = [
  E(
    "ask.arz",
    "ask",
    1.5,
    "asks for a short conversation (Arabizi)",
    words(
      `${MOMKEN} (${W} ){0,3}${TALK}`,
      `${WANT} (${W} ){0,2}${TALK}`,
      `(fik|feek|fiki|feeki|fikon|fekon|te2dar|ti2dar|teqdar|tigdar|tegdar|t2dar) (${W} ){0,2}(${TALK}|ta3tini|t3tini|te3tini|tedini|teddini|tiddini)`,
      `(\\d{1,2}|5amas|khamas|3ashar|3ashr|rob3|ro3|nos|noss|nuss|shwayet|shwayt|kam) ?(${MINUTES}|min|mins|minute|minutes|sa3a|sa3ah) (${W} ){0,1}(men|min|mn|mni|mnel) ?${WA2T}`,
      `(men|min|mn) ${YOUR_WA2T}`,
      `(a5od|akhod|akhud|a5ud|aa5od|na5od|nakhod) (${W} ){0,2}(shwaya|shwayet|shwayt|shewaya|${MINUTES}|min|mins|minutes|sa3a|ra2yak|ra2yek|nasi7tak|nasihtak|5ebretak|khebretak)`,
      `(law|lw|iza|eza|itha|etha|ize) (${W} ){0,1}(fadi|fady|fadya|fadia|faadi|fa4i|fadyin|fadyeen|3andak wa2t|3andek wa2t|3andik wa2t|3ndak wa2t|3andak wa'?t|3andkom wa2t|3ndk wa2t|3andak shwayet wa2t|ma3ak wa2t|ma3ak shwaya|m3ak wa2t|feek|fik|fiki|ma fi 2aza|mafi 2aza|mesh hayda2a2ak|msh hyda2a2ak|mesh hay2a5rak|msh hy2a5rak)`,
      `(fengan|fongan|fingan|fenjan|fnjan|kobayet|kobbayet) (2ahwa|ahwa|qahwa|kahwa|ahwe|2ahwe|qahwe|shay|shai)`,
      `(n?ashrab|nishrab|a3zemak|a3zmak|a3zemek|a3zmek|ne23od|n2od|no23od|nu23od) (${W} ){0,1}(2ahwa|ahwa|qahwa|kahwa|ahwe|2ahwe|qahwe|coffee|shay|shai|chai|ma3 ba3d|sawa|m3 ba3d)`,
      `(mokalma|mukalma|mukalama|mkalma|mokalama|2a3da|ka3da|ga3da|call|zoom|meeting) (sree3a|sari3a|saree3a|sree3|saree3|so8ayara|soghayara|sghayra|soghayar|so8ayar|sghir|zghire|z8ire|5afifa|khafifa|5afeefa|2osayara|osayara|2asira|qasira|qaseera)`,
      `(kam|kaza|kaam|kza|shwayet|shwayt|shwaiet|ba3d el) (so2al|su2al|so2aal|as2ela|as2ila|asila|es2ela|so2alat|asaela)`,
      `(ay |fi ay |fe ay |el )?(wa2t|wa'?t|waqt|ma3ad|mi3ad|me3ad|yom|youm) (${W} ){0,1}(yenasbak|ynasbak|yinasbak|yenasbek|ynasbek|yenasbik|yenasbko|ynasbko|yenasbkom|ynasbkom|yonasbak|yunasbak|yrayy?7ak|yerayy?7ak)`,
    ),
  ),
  E(
    "purpose.arz",
    "purpose",
    1.5,
    "is about the contact's path or advice (Arabizi)",
    words(
      "(tagrobtak|tagrebtak|tagrobtik|tagrobtek|tagrobetak|tajrobtak|tajribtak|tajrubtak|tagrobetko|5ebretak|5ebrtak|5bretak|khebretak|khebrtak|khibrtak|khebretek|5ebretek|5ebretko|khebretko|nasi7tak|nasi7tek|nas7ak|nas7ek|nasihtak|nasee7tak|nasay7ak|nasay7ek|nasa2e7ak|nasa2ehak|nasaye7ak|ra2yak|ra2yek|ra2yik|ra'?yak|ra2yko|ra2ykom|tawgeehak|tawgihak|tawgee7ak|mashwarak|mashwarek|mshwarak|masarak|masarek|mesiretak|masiretak|masirtak)",
      `(ezay|ezzay|izay|izzay|ezai|kif|keef|kaif|kef|shlon|chlon|shloun) (${W} ){0,2}(entaqalt|entaalt|ente2alt|ent2alt|et7awelt|etha?welt|it7awalt|da5alt|dakhalt|d5lt|bada2t|bade2t|bdeit|bdit|badeet|bda2t|wesselt|wesilt|wselt|w9lt|wasalt|2arrart|arrart|qarrart|et3alemt|et3allemt|it3allamt|ghayyart|ghayart|8ayart|8ayyart|nagaht|naga7t|naja7t|etnaqalt|e5tart|ekhtart|5tart|sheghelt|shte8elt|eshta8alt|eshtaghalt|ishtaghalt)`,
      `(a8ayar|aghayar|a8ayyar|aghayyar|ta8yeer|taghyeer|taghyir|t8yeer|tghyeer|anta2el|ante2el|antaqel|ant2el|entiqal|enteqal|ente2al|el ente2al|intiqal|at7awel|athawel|et7awel|ta7awol|tahawol|a5osh|adkhol|ad5ol|ad5ul|adkhul) (${W} ){0,1}(le|li|l|lel|lil|ila|ela|2ela|men|min|mn|fi|fe|f|el|career|karier|magal|majal|mgal|mehna|mihna|masar|track)`,
      `(a3raf|a3rf|afham|asma3|asm3|at3alem|at3allam|at3alam|asta?fid|astafeed|asstafid) (${W} ){0,2}(menak|mennak|minak|menek|mennek|minek|menko|mennko|minkon|menk|mink|mnk|mnak|mnik|mn 5ebretak|men 5ebretak|men tagrobtak)`,
      `(shoghlak|sho8lak|shughlak|shoghlek|sho8lek|youmak|yomak|yawmak|dawrak|dawrek|rolak|el role|el sho8l|el shoghl|el shughl|el 3amal|el magal|el majal) (${W} ){0,3}(3amel ezay|3aml ezay|3amla ezay|shaklo eh|shaklo ezay|3ebara 3an eh|3bara 3n eh|keef|kif|shlon|kifo|kefo|zay eh)`,
    ),
  ),
  E(
    "purpose.seeker.arz",
    "purpose",
    1,
    "the writer is a student, graduate or career changer (Arabizi)",
    words(
      `(ana|ena|2ana) (${W} ){0,1}(taleb|talib|taleba|taliba|talba|5areeg|khareeg|5areg|khareg|5rig|kharij|5arij|khirrij|mota5arreg|mot5arreg|mot5arg|motakharej|fresh grad|freshgrad|lessa mot5arreg|lessa 5areg|lessa 5areeg)`,
      `(ba|b|be|bi)?(fakar|fakkar|faker|fakker|fakkir|5atat|khatat|5attat|khattat|fakker) (${W} ){0,2}(anta2el|ante2el|antaqel|ant2el|a8ayar|aghayar|a8ayyar|aghayyar|ad5ol|adkhol|adkhul|ad5ul|at7awel|athawel|a3mel switch|a3ml switch|a3mel shift|a3ml shift|a switch|a shift)`,
      `(nawi|nawy|nawya|naweya|nawiya|nawye|nefsi|nifsi|7ases|7asis|hases) (${W} ){0,1}(anta2el|ante2el|antaqel|ant2el|a8ayar|aghayar|a8ayyar|aghayyar|ad5ol|adkhol|ad5ul|at7awel|a3mel switch|a3ml switch|a3mel shift)`,
      `(et5arragt|et5aragt|it5arragt|etkharragt|etkharagt|ta5arragt|takharajt|takharragt|et5arrgt|lessa mot5arreg|lessa mot5arega|sana (ola|tanya|talta|rab3a|5amsa|a5ira|a5eera|akhira) (${W} ){0,1}(kolleya|kolleyet|kollia|kolleyya|gam3a|game3a|jam3a|handasa|tegara|teb))`,
    ),
  ),
  E(
    "connection.arz",
    "connection",
    1.25,
    "mentions a referral or where the two met (Arabizi)",
    words(
      `(rasha7ak|rasha7ek|rash7ak|rasha7lak|rashahak|rashahlak|rasha7etak|rasha7itak|rasha7ni|eddani|eddany|edani|edany|iddani|a3tani|a3tany|3tani|2alli|2aly|2alaly|2alet?li|aletli|e2tara7|i2tara7|e2tara7et|e2tar7et|eqtara7|nasa7ni|nas7ni|nasahni|nasa7etni|nasa7itni|nasa7tni|na9a7ni) (${W} ){0,3}(akalmak|akalmek|akalemak|akalmk|akallmak|atwasal|atwaasal|atawasal|at?wasal ma3ak|ab3atlak|ab3tlak|ab3atlek|ab3atlik|as2alak|as2alek|raqamak|ra2mak|rakamak|nemretak|nemrtak|nemritak|nemretek|emailak|emailek|el email bta3ak|el mail bta3ak|el ra2am|el rakam|3annak|3anak|3annek|3anek)`,
      "(a3arrafak|a3arafak|a3arfak|a3rafak|a3arrfak|a3arrafek|a3arfek|a3arrafko|a3arafko|a3arafkom|a3arfkom|3arraftak|3araftak|3arrafni|3arafni|3arafetni|3arrafetni|3arafny|3rfni|ye3arrafak|ye3arafak)",
      `(et2abelna|et2ablna|et2abalna|it2abilna|etqabelna|etqabilna|ta3arafna|et3arafna|et3arrafna|it3arrafna|et3rfna|shoftak|sheftak|shoftek|sheftek|shoftik|shoftko|shoftkom|sheftko|ta3rrafna) (${W} ){0,2}(fi|fe|f|ba3d|sa3et|3and|lama|lamma|at|in|mn|men|yom|youm)`,
      `(gebt|gibt|geebt|5adt|akhadt|a5adt|a5dt|la2eit|la2et|l2eet) (${W} ){0,1}(emailak|emailek|email|el email|el mail|nemretak|nemrtak|nemretek|ra2mak|raqmak|rakamak|el ra2am|el rakam|contactak|esmak|esmek) (men|min|mn|3an tare2|3an tari2|3n tare2|3and)`,
    ),
  ),
  E(
    "after.arz",
    "after",
    1,
    "thanks the other person for a conversation (Arabizi)",
    words(
      `(shokran|shukran|shokrn|shkran|shokraan|shokrann|shoukran|merci|mersi|thanks|thank you|tislam|teslam|teslamy|tislami|teslami|tislamo|yeslamo|mamnoon|mamnoun|mamnon|mamnona|mamnouna|motshakker|motashakker|mutashakker|metshakker) (${W} ){0,3}(3ala|3la|3al|ala|3an|on|for|3l) (${W} ){0,1}(${WA2T}|el meeting|el mokalma|el mukalma|el call|el 2ahwa|el ahwa|el kalam|el 7adis|el hadis|el 2a3da|el a3da|el ka3da|el nasay7|el nasa2e7|el nasa2eh|nasay7ak|nasa2e7ak|nasi7tak|nasihtak|ra2yak|el dardasha|el zoom|mosa3detak|mosa3dtak|msa3dtak|musa3adtak|el mosa3da|ta3awonak|el lo2a|el liqa2|el le2a|kol 7aga|kol haga|koll 7aga)`,
      `(estafadt|estfadt|istafadt|estafadet|estafatt|esstafadt|et3alemt|et3alamt|et3allemt|it3allimt|it3alamt|et3lmt|et3alemna|t3allamt|ta3allamt|t3lmt|t3alamt) (${W} ){0,2}(kteer|kter|ktir|ktiir|kteeer|keteer|ketir|katheer|kaseer|awi|2awi|gedan|giddan|jidan|jiddan|geddan|bgad|begad|menak|mennak|minak|mink|menek|mennek|mnk|mnak|men kalamak|mn kalamak)`,
      `(kan|kanet|kaan|kant|kaanat|kanit|kanat) (${W} ){0,1}(mofeed|mufeed|mofid|mufid|mofeeda|mufeeda|mofida|mufida|momte3|mumte3|momt3a|momte3a|helpful|useful|insightful) (awi|2awi|geddan|gedan|jiddan|jidan|kteer|ktir|kter|bgad|begad|fa3lan|fe3lan|3an gad|3n gad)`,
      `(el kalam|el 2a3da|el a3da|el mokalma|el call|el meeting|el zoom|el 2ahwa|el ahwa|kalamak|nasay7ak|nasa2e7ak) (${W} ){0,1}(mofeed|mufeed|mofid|mufid|mofeeda|mufeeda|mofida|mufida|helw|7elw|7elwa|helwa|7lwa|momte3|mumte3|momt3a|momte3a|helpful|useful|insightful) (awi|2awi|geddan|gedan|jiddan|jidan|kteer|ktir|kter|bgad|begad|fa3lan|fe3lan|3an gad|3n gad)`,
      `(sa3eed|sa3id|sa3ida|sa3eeda|mabsoot|mabsout|mabsut|mabsota|mabsoota|far7an|farhan|far7ana|farhana|etsharraft|etsharaft|tsharraft|itsharraft|tsharaft|etshraft|stanast|estanast|istanast|ensha?ra7t|etbasatt) (${W} ){0,2}(ma3reftak|ma3reftek|ma3rftak|m3rftak|m3rftk|ma3reftko|lo2ak|le2ak|liqa2ak|kalamna|etkalemna|itkallemna|etkalmna|et2abelna|it2abilna|et2ablna|el kalam ma3ak|bel kalam|bil kalam|bel 2a3da|bil 2a3da|bel mokalma)`,
    ),
  ),
  E(
    "update.arz",
    "update",
    1.5,
    "shares progress or keeps in touch (Arabizi)",
    words(
      `(7abeit|habeit|7abbet|7abet|habet|7abbeit|7abeet|7ebbet|7abbayt|habbayt|7abbit|kont 3ayez|kont 3ayz|kont 3aiz|kont 3ayza|kunt 3ayez|kont 3awez|widdi|hbet|7bet) (${W} ){0,2}(a2olak|a2ollak|a2oolak|aolak|a2ullak|a2ulak|a2olek|a2ollek|aolek|a2oolek|a2ulek|a7kilak|a7kelak|a7kilek|a7kelek|a5abbarak|a5barak|akhbarak|a5brak|a5abarak|akhabbarak|a5barek|a5abbarek|a5abrek|a2tamnak|atamnak|a3mellak update|a3mlak update|a3millak update|adilak update|addilak update|a3teek update|a3tik update|a7otak|a7ottak|a7otek|a7ottek|atamenak|at6amnak|at6amnek|2atamnak)`,
      "(a5er|akher|a5r|akhir|2a5er|2akher|a5ir) (el |al )?(a5bar|akhbar|2a5bar|mostagaddat|mustajaddat|tatawworat|tatawourat)",
      `(akhadt|a5adt|a5dt|5adt|geletli|geletly|gatli|gatly|jatni|jatli) (${W} ){0,1}(el offer|offer|el 3ard|el job|el wazifa|el wazeefa|wazifa|wazeefa|el position|el role|promotion|el promotion|tar2eya|tarqeya)`,
      `(et2abelt|etqabelt|et2ebelt|itqbalt|et2belt|et3ayent|et3ayyent|it3ayyant|etwazaft|etwazzaft) (${W} ){0,1}(fi|fe|f|3and|ka|k|bel|bil|el)`,
      `(ba2eit|ba2et|b2eet|b2et|sert|9irt|seret|sirt) (${W} ){0,1}(sha8al|shaghal|sha8ala|shaghala|sha8ghal|shaghghal|bashta8al|bashtaghal|bashte8el|bashtaghel)`,
      `(bfadl|befadl|bi fadl|b fadl) (${W} ){0,1}(nasi7tak|nasihtak|nasa2e7ak|nasay7ak|nasa2ehak|nas7ak|mosa3detak|musa3adtak|msa3dtak|mosa3dtak|ta3awonak|kalamak|ra2yak)`,
      "(bsababak|bsabbabak|besababak|bsbabak|bsababek|bsabab nasi7tak|bsabab nasihtak)",
      `(2a5bar|a5bar|akhbar|khabar|5abar) (${W} ){0,1}(7elwa|helwa|7lwa|7elw|helw|gamila|gameela|gamela|sa3eeda|sa3ida|mofri7a)`,
    ),
  ),
  E(
    "offer.arz",
    "offer",
    1,
    "offers to talk or help (Arabizi)",
    words(
      "(kalemni|kallemni|kalimni|kalemny|kallimni|kalmni|kalmny|kellemni|klmni|kalemeeni|kallemeeni|kalmini|kalmeeni|ettesel biya|etasel biya|ettisel biya|ettasel bia|etasal biya|ettasel beya|tewasal ma3aya|twasal ma3aya|tawasal ma3i|tawasal m3i|rasselni|rasilni|rasalni|whatsappni|wtsappni|e7kini|i7kini|ehkini|ihkini|daggli|da22li|da2li|di22li|di2li)",
      `(eb3atli|ib3atli|eb3atly|ib3tli|eb3tli|ib3atli|ib3atlie) (${W} ){0,1}(message|msg|mail|email|whatsapp|wats|text|resala|risala|ressala|el ma3ad|el me3ad|el wa2t|wa2t|mawa3id|el mawa3id|slots)`,
      "(ya reit|ya ret|yareit|yarait|yarit|yareet|ya rait|ya reet|3enaya|3eneya|3enaia|3enya|3eeni|3youni|3ayoni|3ala rasi|3ala rasy|3la rasi|3al rasi|bkol sorour|bkol soror|bekol soror|b kol sorour|bikol siroor|ta7t amrak|ta7t amrek|t7t amrak|ta7t amrk|fe 5edmetak|fi 5edmetak|fe khedmetak|fi khidmtak|f 5edmtak|fe 5dmtak|fi 5dmtak)",
      `(akid|akeed|2akid|2akeed|tab3an|taba3an|tab3n|taba3n|tab3a|mafish moshkela|mafish moshkla|mafeesh moshkela|mafesh moshkla|mish moshkela|msh moshkla|mesh moshkela) (${W} ){0,2}(momken|mumkin|momkin|fadi|fady|fadya|nekalem|netkalem|netkallem|net2abel|netqabel|nitla2a|n?ashrab|yareit|ya reit|nerteb|nrteb|nrattab|nerattab)`,
      `(ana|2ana|ena) (kaman |brdo |bardo |3omoman |3amatan )?(fadi|fady|fadya|fadia|mawgood|mawgoud|mawgooda|mawgouda|mawjood|mota7|motaa7|mota7a|faadi|faadya) (${W} ){0,2}(yom|youm|ba3d|bokra|bukra|bokrah|ay wa2t|ay wa'?t|ay waqt|ay yom|el osbo3|el esbo3|el 2osbo3|el sabt|el 7ad|el etnein|el talat|el arba3|el 5amis|el khamis|el gom3a)`,
      `(yes3edni|yis3idni|ys3dni|yesa3edni|yas3dni|yis3edni|yesharrafni|ysharafni|yesharafni) (${W} ){0,2}(asa3dak|asa3ed|asa3dek|asa3edak|asa3edek|asa3dko|atkalem|atkallem|akalmak|akalmek|a2ablak|aqablak|a2ablek|a7ki ma3ak|ashare?klak|asharkak|aredd)`,
    ),
  ),
  E(
    "hiring.arz",
    "hiring",
    -2,
    "talks about a formal hiring process (Arabizi)",
    words(
      "(a3mel apply|a3ml apply|a3mil apply|3amalt apply|3malt apply|3amlt apply|te3mel apply|t3ml apply|ne3mel apply|e3mel apply|i3mel apply|ya3mel apply|y3ml apply|3amel apply|3amla apply)",
      `(2addamt|2adamt|addamt|adamt|2oddamt|qaddamt|2addemt|2ademt|2adimt|2addem|2oddem|2odem|oddem|2adem|qadem|qaddem|et2adem|it2addim|etqadem|tet2adem|tetqadem|taqdeem|ta2deem|ta2dim) (${W} ){0,1}(3al|3ala|3la|fe|fi|f|ala|lel|lil|le)? ?(el )?(wazifa|wazeefa|wazefa|wazeefah|wazyfa|wazayef|wazaef|el job|position|el position|el role|el vacancy|el sho8l|el shoghl)`,
      `(eb3atlna|ib3atilna|eb3atlena|eb3atelna|ib3atlna|ersel lena|arsil lana|ersel lna) (${W} ){0,1}(el )?(cv|resume|si ?vi|sv)`,
      `(moqablet|mo2ablet|mu2ablet|mqablet|mo2ablat|moqabla|mo2abla|mu2abla|mukabla|mo2abalet|moqablat|interview) (${W} ){0,1}(3amal|3mal|sho8l|shoghl|el sho8l|el shoghl|shakhsiya|sha5seya|sha5sya|shakhseya|el hr|fanniya|fanneya|nehaeya|nihaiya|el oula|el ola|el ula|el tanya|el awla)`,
      `(wazayef|wazaef|wazayf|wazaif|wazifa|wazeefa|wazefa|wazyfa|wazifah|wazeefah) (${W} ){0,1}(5alya|khalya|khalia|5alia|shagra|shaghra|sha8ra|mota7a|motaha|matroo7a|metaha|mt7a|mota7ah|fadya)`,
      `(bendawar|bndawar|bindawar|binedawwar|bnedawar|bnedawwar|mendawar|3am nfattesh|3am ndawer|3am ndawwer|bnd?awer) (${W} ){0,1}(3ala|3la|3al|ala)? ?(${W} ){0,1}(candidates|candidate|mowazafin|mowazafeen|muwazafin|mowazzafeen|ashkhas|ash5as|7ad|employees|mota2addemin|motaqaddemin|engineers|mohandesin|mohandeseen)`,
      `(mortab|mortabb|morattab|murattab|mortabat|ratib|rateb|ra?wateb|salary) (${W} ){0,1}(mogzi|mogzy|mojzi|mugzi|kwayes|kwayyes|kowayes|3ali|3aly|3aaly|momtaz|yebda2|ybda2)`,
    ),
  ),
  E(
    "recruiter.arz",
    "recruiter",
    -2,
    "reads like a recruiter or agency pitch (Arabizi)",
    words(
      "(3amil|3ameel|client|el client|clients|el clients|3omala2|3omala) (bta3na|bta3etna|btoo3na|lina|lena|3ndna|3andna|3andena|3andina)",
      `(sherket|sherkat|sharikat|shariket|sharket|sherka|shirka|sharika) (${W} ){0,1}(tawzif|tawzeef|ta3yeen|ta3yin|recruitment|recruiting|staffing|headhunting|tawzeef)`,
      `(enta|enti|ento|hadretak|7adretak|hadretek|7adretek|7adritak|hdrtk|7drtk|7adretko|hadretko) (${W} ){0,1}(mohtamm|mohtam|mehtam|mihtamm|mohtama|mohtamma|mehtamma|interested|mehtamm) (${W} ){0,1}(b|bi|be|bel|bil|fi|fe)? ?(el )?(forsa|fursa|wazifa|wazeefa|position|el position|role|el role|el job|offer|3ard|el 3ard)`,
      `(te7eb|t7eb|tehib|t7ebb|te7ebbi|t7bi|tehebbi|btehebb) (${W} ){0,1}(tet2adem|t2adem|tqaddem|tetqadem|ta3mel apply|t3ml apply|te3mel apply|nerasha7ak|nrash7ak|nerash7ak)`,
      `(forsa|fursa|forset|fursat|forsat) (${W} ){0,1}(3amal|3mal|sho8l|shoghl|mumayaza|momayaza|momayyaza|momtaza|mumtaza|gamda|da5ma|dakhma|3azima|fi sherka|f sherka|fe sherka)`,
    ),
  ),
  E(
    "sales.arz",
    "sales",
    -2,
    "reads like a sales pitch (Arabizi)",
    words(
      `(demo|3ard|3rd) (${W} ){0,1}(le|li|l|lel|lil|3an|3n|ll)? ?(el )?(montag|mountag|muntaj|montagna|montgna|el software bta3na|barnameg|barnamegna|5edmetna|khedmetna|khidmatna|5admatna|khadamatna|tatbee2na|tatbeeqna)`,
      `(tagroba|tagreba|tajroba|tajriba|trial) (${W} ){0,1}(maggania|maganeya|maganiya|majjaniya|majaniya|mgganeya|magganeya|magganiya|majaneya|b?balash|ballash|bebalash|bbalash)`,
      "(montagna|montgna|montagatna|montgatna|muntajna|5edmetna|khedmetna|5admatna|khadamatna|barnamegna|tatbee2na|(el )?(software|system|platform|app|tool|solution|montag|barnameg) (bta3na|bta3etna|btaa3na|bta3tna))",
      `(5asm|khasm|5osoomat|khosomat|5osomat|takhfid|ta5fid|ta5feed|takhfeed) (${W} ){0,1}(5as|khas|khaas|5aas|7asry|hasry|7asri|hasri|\\d{1,2} ?%)`,
    ),
  ),
];
