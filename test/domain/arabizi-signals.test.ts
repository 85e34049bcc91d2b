/**
 * The Arabizi (Franco-Arabic) lexicon: each group on how people type it, read in the Arabizi tier (its own, so the
 * other Latin-script languages do not pay for its patterns), and English mail left alone.
 */
import { describe, expect, it } from "vitest";
import { tiersOf } from "../../src/domain/language-tiers.js";
import { ARABIZI_SIGNALS } from "../../src/domain/signals-arabizi.js";
import { findSignals, foldText } from "../../src/domain/text-signals.js";

const GROUPS: [id: string, text: string][] = [
  ["ask.arz", "Ezayak ya bashmohandes? momken a5od 10 d2aye2 men wa2tak el osbo3 el gay?"],
  ["ask.arz", "ana 3ayza as2alak kam so2al 3an el magal, law fadya ay wa2t ynasbek"],
  ["ask.arz", "salam, law 3andak wa2t ne2dar neshrab 2ahwa sawa"],
  ["ask.arz", "kifak? fik ne7ki shway 3an tajribtak? iza fik ta3tini 15 d2i2a"],
  ["ask.arz", "shlonak? abgha as2alk 3an 5ebretak"],
  ["purpose.arz", "3ayez a3raf menak ezay entaqalt men el handasa lel product"],
  ["purpose.arz", "ya reit a5od nasi7tak, ya3ni ezay bada2t fel magal da"],
  ["purpose.seeker.arz", "ana taleb fi handasa w bafakar anta2el le data analysis"],
  ["connection.arz", "Mona rasha7etak w 2aletli akalmak, 3ashan enta kont fi nafs el magal"],
  ["connection.arz", "et2abelna fi el conference bta3et el IEEE el sana elly fatet"],
  ["after.arz", "shokran 3ala wa2tak enaharda, et3alemt kteer menak"],
  ["after.arz", "el 2a3da kanet mofeeda awi, etsharraft b ma3reftak"],
  ["update.arz", "7abeit a2olak eni et2abelt fi Valeo, bfadl nasi7tak ba2eit sha8al product manager"],
  ["offer.arz", "akid ya 7abibi, kalemni bokra ay wa2t"],
  ["offer.arz", "ya reit! ana fadi yom el 7ad ba3d el 3asr"],
  ["hiring.arz", "bendawar 3ala candidates lel wazifa di, momken te3mel apply 3al link"],
  ["recruiter.arz", "el client bta3na 3ayez senior engineer, enta mohtam bel forsa?"],
  ["sales.arz", "3ayzin ne3mellak demo lel montag bta3na, fi tagroba maganiya 30 yom"],
];

describe.each(GROUPS)("%s", (id, text) => {
  it(`reads "${text.slice(0, 40)}…"`, () => {
    const folded = foldText(text);
    expect(tiersOf(folded).has("arabizi")).toBe(true);
    expect(findSignals(folded).map((h) => h.id)).toContain(id);
  });
});

const ENGLISH = [
  "Hi Ana, thanks for your time yesterday. I learned a lot about how you moved into product. See ya next week!",
  "Eh, no worries. The mesh network at the office is down again; I'll call you at 3am Seattle time if I have to.",
  "Hala and Ali said you'd be the right person to ask about BAs in economics. Could we chat for 15 minutes?",
  "We're hiring! Apply for the senior engineer role on our careers page. Salary is competitive.",
  "Book a demo of our platform today and get a free 30-day trial with 20% off.",
  "Let's catch up for coffee soon, my treat. I'd love to hear how the new job is going.",
  "Our B2B team moved to k8s on the 2nd; the 3rd floor has the MP3 files, the H2O tap and the web3 demo at 7pm.",
];

describe("English mail", () => {
  it.each(ENGLISH)("stays out of the other languages' tiers: %s", (text) => {
    const tiers = tiersOf(foldText(text));
    expect(tiers.has("latin") || tiers.has("arabizi")).toBe(false);
  });
  it.each(ENGLISH)("matches no Arabizi phrase even if read: %s", (text) => {
    const folded = foldText(text);
    expect(ARABIZI_SIGNALS.filter((s) => s.re.test(folded)).map((s) => s.id)).toEqual([]);
  });
});
