/** The three draft templates, the sample contexts that validate them, and rendering a draft from facts. */
import type { DueKind } from "../domain/engine-types.js";
import { buildDraftContext, type DraftFacts } from "./draft-context.js";
import type { RenderedMessage, TemplateSet, TemplateSpec } from "./template-set.js";

export type DraftTemplateName = "thank-you" | "nudge" | "check-in";

const DRAFT_TEMPLATE_FOR: Readonly<Record<DueKind, DraftTemplateName>> = {
  thank_you: "thank-you",
  nudge: "nudge",
  check_in: "check-in",
};

const NOW = new Date("2026-03-12T15:00:00Z");

/** Everything known: names, organisation, referral, résumé link, a thread to reply in. */
export function fullFacts(kind: DueKind): DraftFacts {
  return {
    kind,
    now: NOW,
    timeZone: "America/Chicago",
    me: { displayName: "Alex Kim", signature: "Alex Kim\nData analyst · Chicago", resumeUrl: "https://example.com/cv" },
    contact: { address: "maria@example.com", name: "Maria Lopez", organisation: "Northwind" },
    subject: "Advice on moving into product analytics",
    referredBy: "Sam Patel",
    introductions: ["Priya Shah", "Tom Lee"],
    meetingEnd: new Date("2026-03-11T20:30:00Z"),
    outreachAt: new Date("2026-03-02T15:00:00Z"),
    lastMessageAt: new Date("2026-01-20T15:00:00Z"),
  };
}

/** Nothing known beyond the address: every fallback shows. */
export function sparseFacts(kind: DueKind): DraftFacts {
  return {
    kind,
    now: NOW,
    timeZone: "UTC",
    me: { displayName: "", signature: "", resumeUrl: null },
    contact: { address: "someone@example.com", name: null, organisation: null },
    subject: null,
    referredBy: null,
    introductions: [],
    meetingEnd: null,
    outreachAt: null,
    lastMessageAt: null,
  };
}

function spec(kind: DueKind): TemplateSpec {
  return {
    required: ["subject", "text"],
    optional: ["html"],
    samples: [buildDraftContext(fullFacts(kind)), buildDraftContext(sparseFacts(kind))],
  };
}

export function draftTemplateSpecs(): Record<DraftTemplateName, TemplateSpec> {
  return { "thank-you": spec("thank_you"), nudge: spec("nudge"), "check-in": spec("check_in") };
}

export function renderDraft(templates: TemplateSet<DraftTemplateName>, facts: DraftFacts): RenderedMessage {
  return templates[DRAFT_TEMPLATE_FOR[facts.kind]].render(buildDraftContext(facts));
}
