import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DueKind } from "../../src/domain/engine-types.js";
import { type DraftLanguage, detectLanguage } from "../../src/domain/fact-language.js";
import { TEMPLATES_DIR } from "../../src/paths.js";
import { loadDraftTemplates, loadTemplates } from "../../src/templates/catalog.js";
import { ofPhrase, whenPhrase } from "../../src/templates/dates.js";
import { fullDigestData } from "../../src/templates/digest.js";
import { buildDigestContext } from "../../src/templates/digest-context.js";
import { buildDraftContext } from "../../src/templates/draft-context.js";
import { draftTemplateSpecs, fullFacts, renderDraft, sparseFacts } from "../../src/templates/drafts.js";
import { replySubject } from "../../src/templates/helpers.js";
import { loadTemplateSet, TemplateError } from "../../src/templates/template-set.js";
import { cleanName, firstNameOf, greetingName } from "../../src/templates/wording.js";
import { body } from "../drafting/draft-checks.js";

const KINDS: DueKind[] = ["thank_you", "nudge", "check_in"];
const builtIn = () => loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, null);

function userDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "rapport-templates-"));
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(dir, name), body);
  return dir;
}

describe("draft templates", () => {
  const set = builtIn();

  it.each(KINDS)("%s with everything known is specific, brief and signed", (kind) => {
    const draft = renderDraft(set, fullFacts(kind));
    expect(draft.subject).toBe("Re: Advice on moving into product analytics");
    expect(draft.text.startsWith("Hi Maria,\n\n")).toBe(true);
    expect(draft.text.endsWith("Alex\n\n-- \nAlex Kim\nData analyst · Chicago")).toBe(true);
    expect(draft.text.split(/\s+/).length).toBeLessThan(150);
    expect(draft.text).not.toMatch(/\{\{|\}\}|undefined|null|\n{3}| [,.]/);
  });

  it.each(KINDS)("%s with nothing known still reads naturally and promises nothing", (kind) => {
    const draft = renderDraft(set, sparseFacts(kind));
    expect(draft.subject.length).toBeGreaterThan(3);
    expect(draft.text.startsWith("Hello,\n\n")).toBe(true);
    expect(draft.text).not.toMatch(/\{\{|\}\}|undefined|null|\n{3}| [,.]| {2}|update|news/i);
  });

  it("a thank-you names the meeting, what was asked, the organisation, the introductions and the résumé", () => {
    const draft = renderDraft(set, fullFacts("thank_you"));
    expect(draft.text).toMatch(/our video call yesterday/);
    expect(draft.text).toContain("how you moved from finance into product analytics");
    expect(draft.text).toContain("at Northwind");
    expect(draft.text).toContain("introducing me to Priya Shah and Tom Lee");
    expect(draft.text).toContain("https://example.com/cv");
    expect(draft.html).toBeNull();
  });

  it("a nudge is easy to say no to, credits the referral and asks for what the outreach asked", () => {
    const draft = renderDraft(set, fullFacts("nudge"));
    expect(draft.text).toContain("Sam Patel suggested you'd be a good person to ask");
    expect(draft.text).toContain("20 minutes by phone or video");
    expect(draft.text).toMatch(/I sent last week/);
    expect(draft.text).not.toMatch(/fifteen|sorry to bother|just checking in|per my last/i);
    const noLength = renderDraft(set, { ...fullFacts("nudge"), duration: null, askMedia: [] });
    expect(noLength.text).not.toMatch(/minutes/);
  });

  it("a check-in brings true news: a new role, introductions that happened, conversations since", () => {
    const draft = renderDraft(set, fullFacts("check_in"));
    expect(draft.text).toContain("I've started a new role — Junior Product Analyst, Northwind");
    expect(draft.text).toContain("I spoke with Priya Shah, whom you introduced me to");
    expect(draft.text).toContain("A conversation with Tom Lee is coming up soon, too.");
    // a new role is the news: the tally of conversations would only dilute it
    expect(draft.text).not.toMatch(/conversations like ours/);
    const noRole = renderDraft(set, { ...fullFacts("check_in"), update: { conversations: 3, newRole: null } });
    expect(noRole.text).toContain("a few more conversations like ours");
    expect(noRole.text).not.toMatch(/\d+ more conversations/);
    const quiet = renderDraft(set, {
      ...fullFacts("check_in"),
      introductions: [],
      update: { conversations: 0, newRole: null },
    });
    expect(quiet.text).not.toMatch(/news|update|since we spoke I've/i);
  });

  it("plain text is not HTML-escaped", () => {
    const facts = {
      ...fullFacts("thank_you"),
      contact: { ...fullFacts("thank_you").contact, organisation: "Smith & O'Neil" },
    };
    expect(renderDraft(set, facts).text).toContain("at Smith & O'Neil");
  });

  it("the wording varies between people and stays the same for one person", () => {
    const texts = "abcdefghi"
      .split("")
      .map((l) => `${l}@x.example`)
      .map((address) => {
        const facts = fullFacts("check_in");
        return renderDraft(set, { ...facts, contact: { ...facts.contact, address } }).text;
      });
    expect(new Set(texts).size).toBeGreaterThanOrEqual(3);
    const again = fullFacts("check_in");
    const first = renderDraft(set, { ...again, contact: { ...again.contact, address: "a@x.example" } }).text;
    expect(first).toBe(texts[0]);
  });
});

describe("drafts in the thread's language and register", () => {
  const cases: [DraftLanguage, DueKind, boolean, RegExp][] = [
    ["de", "thank_you", true, /Vielen Dank|Herzlichen Dank|bedanken/],
    ["de", "nudge", false, /\bdir\b|\bdu\b/],
    ["fr", "nudge", true, /\bvous\b/],
    ["fr", "check_in", false, /\b(te|tes|toi|ta)\b/],
    ["es", "nudge", true, /\ble\b/],
    ["es", "thank_you", false, /\b(tu|te)\b/],
    ["pt", "nudge", false, /\blhe\b/],
    ["ja", "thank_you", true, /誠にありがとうございました|本当にありがとうございました/],
    ["ja", "nudge", true, /何卒よろしくお願いいたします/],
    ["ja", "check_in", true, /ご無沙汰しております/],
    ["zh", "thank_you", true, /感谢|谢谢/],
    ["zh", "nudge", true, /您/],
    ["ko", "thank_you", true, /감사드립니다/],
    ["ko", "check_in", true, /오랜만에 인사드립니다/],
  ];
  it.each(cases)("%s %s (formal: %s)", (language, kind, formal, register) => {
    const set = loadDraftTemplates({ templatesDir: null }, language);
    const draft = renderDraft(set, { ...fullFacts(kind, language), formal, tu: false });
    expect(detectLanguage(body(draft.text))).toBe(language);
    expect(draft.text).toMatch(register);
    expect(draft.text).not.toMatch(/\{\{|undefined|null/);
  });

  it("keeps the greeting and closing the user wrote", () => {
    const set = loadDraftTemplates({ templatesDir: null }, "de");
    const facts = fullFacts("nudge", "de");
    const draft = renderDraft(set, {
      ...facts,
      formal: true,
      contact: { ...facts.contact, greeting: "Sehr geehrte Frau Dr. Maaß" },
      me: { ...facts.me, signature: "", closing: "Freundliche Grüsse", signedAs: "Seraina Küng" },
    });
    expect(draft.text.startsWith("Sehr geehrte Frau Dr. Maaß\n\n")).toBe(true);
    expect(draft.text.endsWith("Freundliche Grüsse\nSeraina Küng")).toBe(true);
  });
});

describe("names and dates as people write them", () => {
  it.each([
    ["Maria Lopez", "Maria"],
    ["Lopez, Maria", "Maria"],
    ["Dr. Jane Smith", "Jane"],
    ["MARIA LOPEZ", "Maria"],
    ["TANAKA Hiroshi", "Hiroshi"],
    ["Tanaka Hiroshi", "Hiroshi"],
    ["Hiroshi Tanaka", "Hiroshi"],
    ["Kim Min-jun", "Min-jun"],
    ["Wei Ling Tan", "Wei Ling"],
    ["WONG Ka Ho Kelvin", "Kelvin"],
    ["Dr. iur. Seraina Küng", "Seraina"],
    ["Marie-Ève Tremblay", "Marie-Ève"],
    ["王小明", null],
    ["maria@example.com", null],
    ["", null],
    [null, null],
    ["J", null],
  ])("the given name of %j is %j", (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });

  it("keeps apostrophes, hyphens and diacritics", () => {
    expect(cleanName("Tomás O'Brien")).toBe("Tomás O'Brien");
    expect(cleanName('"Élodie D\'Almeida"')).toBe("Élodie D'Almeida");
    expect(cleanName("Lefèvre-Santini, Hugo")).toBe("Hugo Lefèvre-Santini");
    expect(greetingName("高橋 誠")).toBe("高橋 誠");
  });

  it("says 'last week' only for the previous calendar week, otherwise the exact date", () => {
    const now = new Date("2026-04-15T17:30:00Z"); // Wednesday 15 April
    const tz = "America/Chicago";
    expect(whenPhrase(new Date("2026-04-15T14:00:00Z"), now, tz, "x")).toBe("today");
    expect(whenPhrase(new Date("2026-04-14T14:00:00Z"), now, tz, "x")).toBe("yesterday");
    expect(whenPhrase(new Date("2026-04-10T14:00:00Z"), now, tz, "x")).toBe("on Friday");
    expect(whenPhrase(new Date("2026-04-07T14:00:00Z"), now, tz, "x")).toBe("last week");
    expect(whenPhrase(new Date("2026-04-02T14:00:00Z"), now, tz, "x")).toBe("on 2 April");
    expect(whenPhrase(new Date("2025-12-02T14:00:00Z"), now, tz, "x")).toBe("on 2 December 2025");
    expect(whenPhrase(new Date("2026-04-02T14:00:00Z"), now, tz, "x", "de")).toBe("am 2. April");
    expect(whenPhrase(new Date("2026-04-02T14:00:00Z"), now, tz, "x", "fr")).toBe("le 2 avril");
    expect(whenPhrase(new Date("2026-04-02T14:00:00Z"), now, tz, "x", "es")).toBe("el 2 de abril");
    expect(whenPhrase(new Date("2026-04-02T14:00:00Z"), now, tz, "x", "pt")).toBe("no dia 2 de abril");
    expect(whenPhrase(new Date("2026-04-07T14:00:00Z"), now, tz, "x", "pt")).toBe("na semana passada");
    expect(whenPhrase(new Date("2026-04-10T14:00:00Z"), now, tz, "x", "es")).toBe("el viernes");
    expect(whenPhrase(null, now, tz, "recently")).toBe("recently");
    expect(ofPhrase("el viernes", "es")).toBe("del viernes");
    expect(ofPhrase("ayer", "es")).toBe("de ayer");
    expect(ofPhrase("no dia 2 de abril", "pt")).toBe("do dia 2 de abril");
    expect(ofPhrase("na quinta-feira", "pt")).toBe("de quinta-feira");
    expect(ofPhrase("le 2 avril", "fr")).toBe("du 2 avril");
    expect(ofPhrase("hier", "fr")).toBe("d'hier");
  });

  it("time phrases are judged in the account's zone", () => {
    const now = new Date("2026-03-12T03:00:00Z"); // 11 March 22:00 in Chicago
    expect(whenPhrase(new Date("2026-03-11T20:00:00Z"), now, "America/Chicago", "x")).toBe("today");
    expect(whenPhrase(new Date("2026-03-11T20:00:00Z"), now, "UTC", "x")).toBe("yesterday");
  });

  it("signs with the name, then the signature; a signature that starts with the name signs alone", () => {
    expect(buildDraftContext(fullFacts("nudge")).signoff).toMatch(/\nAlex\n\n-- \nAlex Kim\nData analyst · Chicago$/);
    const formal = { ...fullFacts("nudge"), formal: true };
    expect(buildDraftContext(formal).signoff).toMatch(/\nAlex Kim\nData analyst · Chicago$/);
    const noSignature = { ...fullFacts("nudge"), me: { ...fullFacts("nudge").me, signature: " " } };
    expect(buildDraftContext(noSignature).signoff).toMatch(/,\nAlex$/);
  });

  it("reply subjects keep an existing prefix", () => {
    expect(replySubject("Coffee chat?")).toBe("Re: Coffee chat?");
    expect(replySubject("RE: Coffee chat?")).toBe("RE: Coffee chat?");
  });
});

describe("user templates (RAPPORT_TEMPLATES_DIR)", () => {
  const nudgeText = readFileSync(path.join(TEMPLATES_DIR, "nudge.text.hbs"), "utf8");

  it("a user's copy of one template replaces the built-in one; the others stay built in", () => {
    const dir = userDir({
      "nudge.subject.hbs": "Checking in",
      "nudge.text.hbs": `${nudgeText}\nP.S. {{me.resumeUrl}}`,
    });
    const line = nudgeText.split("\n").length + 1;
    expect(() => loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, dir)).toThrow(
      new RegExp(`nudge.text.hbs line ${line}: \\{\\{me.resumeUrl\\}\\} may be unknown`),
    );
    const good = userDir({
      "nudge.subject.hbs": "Checking in",
      "nudge.text.hbs": "{{greeting}}\n\nStill keen to talk.\n\n{{signoff}}",
    });
    const set = loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, good);
    expect(renderDraft(set, fullFacts("nudge")).subject).toBe("Checking in");
    expect(renderDraft(set, fullFacts("thank_you")).subject).toBe("Re: Advice on moving into product analytics");
  });

  it("a language's templates come from the user's folder for that language, with the same checks", () => {
    const dir = userDir({});
    mkdirSync(path.join(dir, "de"));
    writeFileSync(path.join(dir, "de", "nudge.subject.hbs"), "Nachfrage");
    writeFileSync(path.join(dir, "de", "nudge.text.hbs"), "{{greeting}}\n\nNoch Interesse?\n\n{{signoff}}");
    const de = loadDraftTemplates({ templatesDir: dir }, "de");
    expect(renderDraft(de, fullFacts("nudge", "de")).subject).toBe("Nachfrage");
    expect(renderDraft(de, fullFacts("thank_you", "de")).text).toMatch(/Dank|bedanken/);
    writeFileSync(path.join(dir, "de", "nudge.text.hbs"), "{{greeting}} {{contact.organisation}}");
    const broken = userDir({});
    mkdirSync(path.join(broken, "fr"));
    writeFileSync(path.join(broken, "fr", "nudge.subject.hbs"), "Relance");
    writeFileSync(path.join(broken, "fr", "nudge.text.hbs"), "{{greeting}} {{contact.organisation}}");
    expect(() => loadTemplates({ templatesDir: broken })).toThrow(/fr\/nudge.text.hbs line 1/);
  });

  it.each([
    [
      { "nudge.text.hbs": "{{greeting}}" },
      /nudge.subject.hbs is missing: a nudge template needs subject and text parts/,
    ],
    [{ "nudge.subject.hbs": "Hi", "nudge.text.hbs": "{{#if greeting}}oops" }, /nudge.text.hbs does not compile/],
    [
      { "nudge.subject.hbs": "Hi", "nudge.text.hbs": "{{greting}}" },
      /nudge.text.hbs failed to render: "greting" not defined/,
    ],
    [{ "nudge.subject.hbs": "Hi", "nudge.text.hbs": "   " }, /nudge.text.hbs is empty/],
    [
      { "nudge.subject.hbs": "{{#if contact.firstName}}Hi{{/if}}", "nudge.text.hbs": "x" },
      /nudge.subject.hbs renders an empty subject/,
    ],
    [{ "nudges.text.hbs": "x" }, /nudges.text.hbs is not one Rapport knows/],
    [
      { "nudge.text.hbs": "Hi {{contact.organisation}}", "nudge.subject.hbs": "x" },
      /line 1: \{\{contact.organisation\}\} may be unknown/,
    ],
  ])("a broken user template stops start-up naming the file (%#)", (files, message) => {
    const dir = userDir(files);
    const load = () => loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, dir);
    expect(load).toThrow(TemplateError);
    expect(load).toThrow(message);
    expect(load).toThrow(dir);
  });

  it("a templates directory that does not exist is named", () => {
    expect(() => loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, "/nonexistent/templates")).toThrow(
      "RAPPORT_TEMPLATES_DIR /nonexistent/templates is not a directory",
    );
  });
});

describe("names in the digest", () => {
  it("keeps apostrophes and tells apart two people with one name", () => {
    const data = fullDigestData();
    data.draftsWaiting = [
      {
        name: "Tomás O'Brien",
        address: "tomas@harbor.example",
        organisation: null,
        kind: "nudge",
        createdAt: data.now,
      },
      {
        name: "Maria Lopez",
        address: "mlopez@contoso.example",
        organisation: "Contoso",
        kind: "check_in",
        createdAt: data.now,
      },
    ];
    const context = buildDigestContext(data);
    expect(context.drafts.map((d) => d.what)).toEqual([
      "Follow-up to Tomás O'Brien",
      "Check-in to Maria Lopez (mlopez@contoso.example)",
    ]);
    expect(context.held.items[0]?.who).toBe("Maria Lopez (maria@northwind.example)");
    expect(context.awaiting.map((a) => a.who)).toContain("Tom Lee");
  });
});
