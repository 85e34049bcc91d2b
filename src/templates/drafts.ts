/**
 * The draft templates (thank-you, nudge, check-in; intro-reply and referral-outreach for referrals) in each draft
 * language, the sample contexts that validate them at start-up, and rendering a draft from facts. English lives in templates/, the other languages in
 * templates/<language>/; a language without its files falls back to English.
 */
import type { DueKind } from "../domain/engine-types.js";
import type { DraftLanguage } from "../domain/fact-language.js";
import { buildDraftContext, type DraftFacts } from "./draft-context.js";
import type { RenderedMessage, TemplateSet, TemplateSpec } from "./template-set.js";

export type DraftTemplateName = "thank-you" | "nudge" | "check-in" | "intro-reply" | "referral-outreach";

const DRAFT_TEMPLATE_FOR: Readonly<Record<DueKind, DraftTemplateName>> = {
  thank_you: "thank-you",
  nudge: "nudge",
  check_in: "check-in",
  intro_reply: "intro-reply",
  referral_outreach: "referral-outreach",
};

const NOW = new Date("2026-03-12T15:00:00Z");

/** Everything known: names, organisation, referral, résumé link, what was asked, a thread to reply in. */
export function fullFacts(kind: DueKind, language: DraftLanguage = "en"): DraftFacts {
  return {
    kind,
    now: NOW,
    timeZone: "America/Chicago",
    language,
    formal: false,
    tu: false,
    me: {
      name: "Alex Kim",
      signature: "Alex Kim\nData analyst · Chicago",
      resumeUrl: "https://example.com/cv",
      closing: null,
      signedAs: null,
    },
    contact: {
      address: "maria@example.com",
      name: "Maria Lopez",
      organisation: "Northwind",
      greeting: null,
      signedName: null,
    },
    subject: "Advice on moving into product analytics",
    referredBy: "Sam Patel",
    introductions: [
      { name: "Priya Shah", state: "met" },
      { name: "Tom Lee", state: "scheduled" },
    ],
    ask: { kind: "clause", text: "how you moved from finance into product analytics" },
    field: "product analytics",
    duration: { minutes: 20, text: "20 minutes" },
    askMedia: ["phone", "video"],
    heldMedium: "video",
    meetingEnd: new Date("2026-03-11T20:30:00Z"),
    outreachAt: new Date("2026-03-02T15:00:00Z"),
    lastMessageAt: new Date("2026-01-20T15:00:00Z"),
    update: { conversations: 3, newRole: "Junior Product Analyst, Northwind" },
  };
}

/** Nothing known beyond the address: every fallback shows. */
export function sparseFacts(kind: DueKind, language: DraftLanguage = "en"): DraftFacts {
  return {
    kind,
    now: NOW,
    timeZone: "UTC",
    language,
    formal: false,
    tu: false,
    me: { name: "", signature: "", resumeUrl: null, closing: null, signedAs: null },
    contact: { address: "someone@example.com", name: null, organisation: null, greeting: null, signedName: null },
    subject: null,
    referredBy: null,
    introductions: [],
    ask: null,
    field: null,
    duration: null,
    askMedia: [],
    heldMedium: null,
    meetingEnd: null,
    outreachAt: null,
    lastMessageAt: null,
    update: { conversations: 0, newRole: null },
  };
}

/** Every wording variant in every register, fully known and with nothing known, so each branch is checked. */
function samples(kind: DueKind, language: DraftLanguage): object[] {
  const out: object[] = [];
  for (const formal of [false, true]) {
    for (const variant of [1, 2, 3]) {
      const pick = { v1: variant === 1, v2: variant === 2, v3: variant === 3 };
      const topic: DraftFacts = { ...fullFacts(kind, language), ask: { kind: "topic", text: "product analytics" } };
      for (const facts of [fullFacts(kind, language), topic, sparseFacts(kind, language)]) {
        out.push({ ...buildDraftContext({ ...facts, formal, tu: !formal }), ...pick });
      }
    }
  }
  return out;
}

export function draftTemplateSpecs(language: DraftLanguage = "en"): Record<DraftTemplateName, TemplateSpec> {
  const spec = (kind: DueKind): TemplateSpec => ({
    required: ["subject", "text"],
    optional: ["html"],
    samples: samples(kind, language),
  });
  return {
    "thank-you": spec("thank_you"),
    nudge: spec("nudge"),
    "check-in": spec("check_in"),
    "intro-reply": spec("intro_reply"),
    "referral-outreach": spec("referral_outreach"),
  };
}

export function renderDraft(templates: TemplateSet<DraftTemplateName>, facts: DraftFacts): RenderedMessage {
  return templates[DRAFT_TEMPLATE_FOR[facts.kind]].render(buildDraftContext(facts));
}

/** A draft as written for one account: its message, and which template part each of its paragraphs came from. */
export interface DraftWithParts {
  message: RenderedMessage;
  /** "<template>/<language>@<source hash>": edits and adjustments are counted per template source. */
  templateRef: string;
  /** One key per paragraph of message.text; null when the parts could not be told apart. */
  partKeys: string[] | null;
}

/** Every draft kind, each with its own template. */
export const DRAFT_KINDS = Object.keys(DRAFT_TEMPLATE_FOR) as DueKind[];

/** The template a draft kind is written from. */
export function draftTemplateOf(kind: DueKind): DraftTemplateName {
  return DRAFT_TEMPLATE_FOR[kind];
}

/** The template reference of a draft kind in a language, for a template source hash. */
export function draftTemplateRef(kind: DueKind, language: DraftLanguage, sourceHash: string): string {
  return `${DRAFT_TEMPLATE_FOR[kind]}/${language}@${sourceHash}`;
}

/**
 * Renders a draft, leaving out the parts this account chose to drop (`dropFor(templateRef)`, see
 * db/template-adjustments.ts). A template with an HTML part is never adjusted (its HTML would still hold the part).
 */
export async function renderDraftForAccount(
  templates: TemplateSet<DraftTemplateName>,
  facts: DraftFacts,
  dropFor: (templateRef: string) => Promise<ReadonlySet<string>>,
): Promise<DraftWithParts> {
  const template = templates[DRAFT_TEMPLATE_FOR[facts.kind]];
  const context = buildDraftContext(facts);
  const message = template.render(context);
  const { sourceHash, parts } = template.textParts(context);
  const templateRef = draftTemplateRef(facts.kind, facts.language, sourceHash);
  if (!parts) return { message, templateRef, partKeys: null };
  const drop = message.html === null ? await dropFor(templateRef) : new Set<string>();
  const kept = parts.filter((p) => !drop.has(p.key));
  if (kept.length === 0 || kept.length === parts.length) {
    return { message, templateRef, partKeys: splitParagraphKeys(parts) };
  }
  return {
    message: { ...message, text: kept.map((p) => p.text).join("\n\n") },
    templateRef,
    partKeys: splitParagraphKeys(kept),
  };
}

/** One key per paragraph (a part such as the sign-off may span several paragraphs). */
function splitParagraphKeys(parts: readonly { key: string; text: string }[]): string[] {
  return parts.flatMap((p) => p.text.split("\n\n").map(() => p.key));
}
