import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { DueKind } from "../../src/domain/engine-types.js";
import { TEMPLATES_DIR } from "../../src/paths.js";
import { buildDraftContext } from "../../src/templates/draft-context.js";
import { draftTemplateSpecs, fullFacts, renderDraft, sparseFacts } from "../../src/templates/drafts.js";
import { replySubject } from "../../src/templates/helpers.js";
import { loadTemplateSet, TemplateError } from "../../src/templates/template-set.js";
import { firstNameOf, whenPhrase } from "../../src/templates/wording.js";

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
    expect(draft.text.endsWith("Best,\nAlex Kim\nData analyst · Chicago")).toBe(true);
    expect(draft.text.split(/\s+/).length).toBeLessThan(130);
    expect(draft.text).not.toMatch(/\{\{|\}\}|undefined|null|\n{3}| [,.]/);
  });

  it.each(KINDS)("%s with nothing known still reads naturally", (kind) => {
    const draft = renderDraft(set, sparseFacts(kind));
    expect(draft.subject.length).toBeGreaterThan(3);
    expect(draft.text.startsWith("Hello,\n\n")).toBe(true);
    expect(draft.text.endsWith("Best,")).toBe(true);
    expect(draft.text).not.toMatch(/\{\{|\}\}|undefined|null|\n{3}| [,.]| {2}/);
  });

  it("a thank-you names the meeting day, the organisation, the introductions and the résumé", () => {
    const draft = renderDraft(set, fullFacts("thank_you"));
    expect(draft.text).toContain("talk with me yesterday");
    expect(draft.text).toContain("at Northwind");
    expect(draft.text).toContain("connect me with Priya Shah and Tom Lee");
    expect(draft.text).toContain("https://example.com/cv");
    expect(draft.html).toContain('<a href="https://example.com/cv">');
  });

  it("a nudge is easy to say no to and credits the referral", () => {
    const draft = renderDraft(set, fullFacts("nudge"));
    expect(draft.text).toContain("Sam Patel thought you'd be a great person to learn from");
    expect(draft.text).toContain("If the timing isn't right, no need to reply");
    expect(draft.text).toContain("the note I sent last week");
    expect(draft.text).not.toMatch(/sorry to bother|just checking in|per my last/i);
  });

  it("plain text is not HTML-escaped, HTML is", () => {
    const facts = {
      ...fullFacts("thank_you"),
      contact: { ...fullFacts("thank_you").contact, organisation: "Smith & O'Neil" },
    };
    const draft = renderDraft(set, facts);
    expect(draft.text).toContain("at Smith & O'Neil");
    expect(draft.html).toContain("Smith &amp; O&#x27;Neil");
  });
});

describe("draft context fallbacks", () => {
  it.each([
    ["Maria Lopez", "Maria"],
    ["Lopez, Maria", "Maria"],
    ["Dr. Jane Smith", "Jane"],
    ["MARIA LOPEZ", "Maria"],
    ["maria@example.com", null],
    ["", null],
    [null, null],
    ["J", null],
  ])("first name of %j is %j", (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });

  it("time phrases are judged in the account's zone", () => {
    const now = new Date("2026-03-12T03:00:00Z"); // 11 March 22:00 in Chicago
    expect(whenPhrase(new Date("2026-03-11T20:00:00Z"), now, "America/Chicago", "x")).toBe("today");
    expect(whenPhrase(new Date("2026-03-11T20:00:00Z"), now, "UTC", "x")).toBe("yesterday");
    expect(whenPhrase(new Date("2026-01-02T20:00:00Z"), now, "UTC", "x")).toBe("on 2 January");
    expect(whenPhrase(null, now, "UTC", "recently")).toBe("recently");
  });

  it("a signature replaces the bare first name", () => {
    expect(buildDraftContext(fullFacts("nudge")).signoff).toBe("Best,\nAlex Kim\nData analyst · Chicago");
    const noSignature = { ...fullFacts("nudge"), me: { displayName: "Alex Kim", signature: " ", resumeUrl: null } };
    expect(buildDraftContext(noSignature).signoff).toBe("Best,\nAlex");
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
      "nudge.text.hbs": `${nudgeText}\nP.S. {{me.firstName}}`,
    });
    expect(() => loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, dir)).toThrow(
      /nudge.text.hbs line 9: \{\{me.firstName\}\} may be unknown/,
    );
    const good = userDir({
      "nudge.subject.hbs": "Checking in",
      "nudge.text.hbs": "{{greeting}}\n\nStill keen to talk.\n\n{{signoff}}",
    });
    const set = loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, good);
    expect(renderDraft(set, fullFacts("nudge")).subject).toBe("Checking in");
    expect(renderDraft(set, fullFacts("thank_you")).subject).toBe("Re: Advice on moving into product analytics");
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
