/**
 * Screenshots of drafts as a reader sees them (headless Debian chromium through playwright-core, never a downloaded
 * browser): one draft per kind and language, taken from the scenario runs, and the digest of a scenario.
 * A language and kind no scenario produced is rendered from written-out facts in that language instead.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import type { DueKind } from "../../src/domain/engine-types.js";
import { DRAFT_LANGUAGES, type DraftLanguage } from "../../src/domain/fact-language.js";
import { loadDraftTemplates } from "../../src/templates/catalog.js";
import type { DraftFacts } from "../../src/templates/draft-context.js";
import { fullFacts, renderDraft } from "../../src/templates/drafts.js";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ShownDraft {
  language: DraftLanguage;
  kind: DueKind;
  to: string;
  subject: string;
  text: string;
  /** Where it comes from: a scenario run, or written-out facts. */
  source: string;
}

const escapeHtml = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

function page(draft: ShownDraft): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
  body { margin: 0; background: #eef0f3; font: 14px/1.5 system-ui, sans-serif; color: #1d2330; }
  .mail { max-width: 720px; margin: 24px auto; background: #fff; border: 1px solid #d5dae3; border-radius: 8px; }
  .head { padding: 12px 18px; border-bottom: 1px solid #e3e6ec; color: #5a6475; }
  .head b { color: #1d2330; font-weight: 600; }
  pre { margin: 0; padding: 18px; white-space: pre-wrap; font: 15px/1.55 Georgia, "Times New Roman", serif; }
  .src { max-width: 720px; margin: 0 auto 24px; color: #8a93a3; font-size: 12px; }
  </style></head><body><div class="mail"><div class="head">Draft · ${escapeHtml(draft.language)} · ${escapeHtml(draft.kind)}<br>
  To: <b>${escapeHtml(draft.to)}</b><br>Subject: <b>${escapeHtml(draft.subject)}</b></div><pre>${escapeHtml(draft.text)}</pre></div>
  <div class="src">${escapeHtml(draft.source)}</div></body></html>`;
}

/** Facts written out in each language, for a kind no scenario drafted in it. */
function writtenFacts(kind: DueKind, language: DraftLanguage): DraftFacts {
  const base = fullFacts(kind, language);
  const by: Record<DraftLanguage, Partial<DraftFacts>> = {
    en: {},
    de: {
      ask: { kind: "clause", text: "wie Sie den Schritt aus der Kanzlei in die Beratung erlebt haben" },
      duration: { minutes: 30, text: "eine halbe Stunde" },
      askMedia: ["phone"],
      heldMedium: "phone",
      formal: true,
      contact: {
        ...base.contact,
        name: "Dr. Friederike Maaß",
        organisation: "Grünwert Advisory",
        greeting: "Sehr geehrte Frau Dr. Maaß",
      },
      me: { ...base.me, name: "Seraina Küng", signature: "", closing: "Freundliche Grüsse", signedAs: "Seraina Küng" },
      subject: "Vorstellung: Frau Dr. Seraina Küng",
      referredBy: "Prof. Dr. Urs Bachmann",
      introductions: [],
    },
    fr: {
      ask: { kind: "clause", text: "comment vous êtes passée de la restauration aux opérations" },
      duration: { minutes: 20, text: "une vingtaine de minutes" },
      askMedia: ["video"],
      heldMedium: "video",
      formal: true,
      contact: {
        ...base.contact,
        address: "nadia.benali@popote.example.fr",
        name: "Nadia Benali",
        organisation: "Popote",
        greeting: "Bonjour Madame Benali,",
      },
      me: {
        ...base.me,
        name: "Margaux Delorme",
        signature: "",
        closing: "Bien cordialement,",
        signedAs: "Margaux Delorme",
      },
      subject: "Votre interview dans FoodTech Mag — 20 minutes pour une cheffe en reconversion ?",
      referredBy: null,
      introductions: [],
    },
    es: {
      ask: { kind: "clause", text: "qué perfiles busca en su equipo" },
      duration: { minutes: 20, text: "veinte minutos" },
      askMedia: ["phone", "video"],
      heldMedium: "video",
      formal: true,
      contact: {
        ...base.contact,
        name: "Andrés Villalba",
        organisation: "Atalaya",
        greeting: "Estimado Sr. Villalba:",
      },
      me: { ...base.me, name: "Inés Carrasco Vidal", signature: "", closing: "Un cordial saludo,", signedAs: null },
      subject: "Consulta personal: su paso de la consultoría a la investigación de diseño",
      referredBy: null,
      introductions: [],
    },
    pt: {
      ask: { kind: "topic", text: "o papel de coordenador(a) de estudos num hospital" },
      duration: { minutes: 20, text: "20 minutos" },
      askMedia: ["phone"],
      heldMedium: "phone",
      formal: true,
      contact: {
        ...base.contact,
        name: "Filipa Guerreiro",
        organisation: null,
        greeting: "Exma. Senhora Dra. Filipa Guerreiro,",
      },
      me: {
        ...base.me,
        name: "Beatriz Amaral",
        signature: "",
        closing: "Com os melhores cumprimentos,",
        signedAs: null,
      },
      subject: "Pedido de conversa",
      referredBy: "Sofia Lourenço",
      introductions: [],
    },
    ja: {
      ask: { kind: "topic", text: "設計出身のPdMとして最初に苦労されたこと" },
      duration: { minutes: 30, text: "30分ほど" },
      askMedia: ["video"],
      heldMedium: "video",
      formal: true,
      contact: { ...base.contact, name: "高橋 誠", organisation: "ファクトリアル", greeting: "高橋 誠 様" },
      me: { ...base.me, name: "森下 健太", signature: "", closing: null, signedAs: null },
      subject: "PdMのお仕事について伺えないでしょうか",
      referredBy: null,
      introductions: [],
    },
    ko: {
      ask: { kind: "topic", text: "엔지니어에서 PM으로 옮기신 과정" },
      duration: { minutes: 20, text: "20분" },
      askMedia: ["video"],
      heldMedium: "video",
      formal: true,
      contact: { ...base.contact, name: "박서연", organisation: "한빛로보틱스", greeting: null },
      me: { ...base.me, name: "김민준", signature: "", closing: null, signedAs: null },
      subject: "PM 커리어에 대해 여쭙고 싶습니다",
      referredBy: null,
      introductions: [],
    },
    zh: {
      ask: { kind: "topic", text: "从审计转到ESG咨询的过程" },
      duration: { minutes: 30, text: "30分钟左右" },
      askMedia: ["video"],
      heldMedium: "video",
      formal: true,
      contact: { ...base.contact, name: "王小明", organisation: "汇绿咨询", greeting: "王先生您好，" },
      me: { ...base.me, name: "林佳慧", signature: "", closing: null, signedAs: null },
      subject: "很高兴认识您",
      referredBy: null,
      introductions: [],
    },
  };
  return { ...base, ...by[language], kind };
}

/** One draft per kind and language: the scenarios' first, else one rendered from written-out facts. */
export function pickDrafts(found: readonly ShownDraft[]): ShownDraft[] {
  const out: ShownDraft[] = [];
  for (const language of DRAFT_LANGUAGES) {
    for (const kind of ["thank_you", "nudge", "check_in"] as const) {
      const real = found.find((d) => d.language === language && d.kind === kind);
      if (real) {
        out.push(real);
        continue;
      }
      const facts = writtenFacts(kind, language);
      const draft = renderDraft(loadDraftTemplates({ templatesDir: null }, language), facts);
      out.push({
        language,
        kind,
        to: `${facts.contact.name ?? ""} <${facts.contact.address}>`,
        subject: draft.subject,
        text: draft.text,
        source: "rendered from written-out facts (no scenario drafted this kind in this language)",
      });
    }
  }
  return out;
}

/** Screenshots into `dir`: <language>-<kind>.png per draft, and digest.png. */
export async function screenshot(dir: string, drafts: readonly ShownDraft[], digestHtml: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const files: string[] = [];
  try {
    const tab = await browser.newPage({ viewport: { width: 800, height: 600 } });
    for (const draft of drafts) {
      await tab.setContent(page(draft), { waitUntil: "load" });
      const file = path.join(dir, `${draft.language}-${draft.kind.replace("_", "-")}.png`);
      await tab.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
    await tab.setViewportSize({ width: 700, height: 900 });
    await tab.setContent(digestHtml, { waitUntil: "load" });
    const digest = path.join(dir, "digest.png");
    await tab.screenshot({ path: digest, fullPage: true });
    files.push(digest);
  } finally {
    await browser.close();
  }
  return files;
}
