/**
 * Every draft template, in every language, with every wording variant and with facts fully known or unknown, is
 * split into parts whose texts put together are exactly the draft; the part names do not depend on the variant or
 * the facts; and leaving a part out for an account removes that part only.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeConfig } from "../../src/config.js";
import { DRAFT_LANGUAGES } from "../../src/domain/fact-language.js";
import { loadDraftTemplates } from "../../src/templates/catalog.js";
import { buildDraftContext } from "../../src/templates/draft-context.js";
import {
  DRAFT_KINDS,
  draftTemplateOf,
  fullFacts,
  renderDraftForAccount,
  sparseFacts,
} from "../../src/templates/drafts.js";

describe("draft template parts", () => {
  for (const language of DRAFT_LANGUAGES) {
    const templates = loadDraftTemplates(makeConfig({}), language);
    for (const kind of DRAFT_KINDS) {
      it(`${kind} in ${language}: the parts make up the text, with a greeting, and the sign-off last when there is one`, () => {
        const template = templates[draftTemplateOf(kind)];
        for (const facts of [fullFacts(kind, language), sparseFacts(kind, language)]) {
          for (const formal of [false, true]) {
            for (const variant of [1, 2, 3]) {
              const context = {
                ...buildDraftContext({ ...facts, formal, tu: !formal }),
                v1: variant === 1,
                v2: variant === 2,
                v3: variant === 3,
              };
              const { parts } = template.textParts(context);
              expect(parts, `${kind}/${language} variant ${variant}`).not.toBeNull();
              expect(parts?.map((p) => p.text).join("\n\n")).toBe(template.render(context).text);
              // (an introduction's reply opens with a line to the introducer, before the greeting)
              expect(parts?.map((p) => p.key)).toContain("greeting");
              // (Japanese signs with the name alone: without a name there is no sign-off paragraph)
              if ((context as { signoff?: string }).signoff) expect(parts?.at(-1)?.key).toBe("signoff");
              else expect(parts?.map((p) => p.key)).not.toContain("signoff");
              expect(new Set(parts?.map((p) => p.key)).size).toBe(parts?.length);
            }
          }
        }
      });
    }
  }

  it("a thank-you's résumé paragraph has one name whatever the variant, and dropping it removes only it", async () => {
    const templates = loadDraftTemplates(makeConfig({}), "en");
    const facts = fullFacts("thank_you");
    const whole = await renderDraftForAccount(templates, facts, async () => new Set());
    expect(whole.partKeys).toContain("if me.resumeUrl");
    expect(whole.templateRef).toMatch(/^thank-you\/en@[0-9a-f]{10}$/);
    expect(whole.message.text).toContain("my résumé is here");
    const asked: string[] = [];
    const dropped = await renderDraftForAccount(templates, facts, async (ref) => {
      asked.push(ref);
      return new Set(["if me.resumeUrl"]);
    });
    expect(asked).toEqual([whole.templateRef]);
    expect(dropped.message.text).not.toContain("résumé");
    expect(dropped.partKeys).toEqual(whole.partKeys?.filter((k) => k !== "if me.resumeUrl"));
    expect(dropped.message.text.split("\n\n")).toEqual(
      whole.message.text.split("\n\n").filter((_, i) => whole.partKeys?.[i] !== "if me.resumeUrl"),
    );
  });

  it("a user's own template, with standalone blocks and ~ whitespace control, is split the same way", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "rapport-parts-"));
    writeFileSync(path.join(dir, "nudge.subject.hbs"), "Following up");
    writeFileSync(
      path.join(dir, "nudge.text.hbs"),
      [
        "{{greeting}}",
        "",
        "{{#if v1}}",
        "A first way to say it.",
        "{{else}}",
        "Another way to say it.",
        "{{/if}}",
        "",
        "{{#if me.resumeUrl}}",
        "My résumé: {{me.resumeUrl}}",
        "{{/if}}",
        "{{~#if v2}} (and more){{/if}}",
        "",
        "Thanks for reading.",
        "",
        "{{signoff}}",
        "",
      ].join("\n"),
    );
    const templates = loadDraftTemplates(makeConfig({ RAPPORT_TEMPLATES_DIR: dir }), "en");
    for (const variant of [1, 2, 3]) {
      const context = {
        ...buildDraftContext(fullFacts("nudge")),
        v1: variant === 1,
        v2: variant === 2,
        v3: variant === 3,
      };
      const { parts } = templates.nudge.textParts(context);
      expect(parts?.map((p) => p.text).join("\n\n")).toBe(templates.nudge.render(context).text);
      expect(parts?.map((p) => p.key)).toEqual(["greeting", "if v1", "if me.resumeUrl", "text#4", "signoff"]);
    }
  });
});
