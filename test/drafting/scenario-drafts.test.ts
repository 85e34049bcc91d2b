/**
 * Drafts a person would send as they are (issue 11), checked on every draft of the shared dev corpus (read in
 * place, skipped when absent) and of the blind scenarios written by authors who never saw the templates, each
 * played end to end through the fake Gmail and the fake Graph: signed with the user's name; organisations only as
 * the thread writes them; the thread's language for German, French, Spanish, Portuguese, Japanese and Chinese
 * threads; durations as asked; relative dates true; at least 80% naming something specific from their thread (over
 * everything, and over the blind scenarios alone, which is all CI has); no two drafts to different people the same
 * after the greeting.
 */
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DRAFT_LANGUAGES, type DraftLanguage, detectLanguage } from "../../src/domain/fact-language.js";
import { discoverScenarios } from "../../training/scenario-corpus.js";
import {
  body,
  durationsAsAsked,
  inLanguage,
  namesSomethingSpecific,
  noDomainGuess,
  organisationsAsWritten,
  relativeDatesTrue,
  signedWithName,
  threadOf,
  threadText,
} from "./draft-checks.js";
import { CHROMIUM, pickDrafts, type ShownDraft, screenshot } from "./draft-screenshots.js";
import { runScenario, type ScenarioRun } from "./scenario-run.js";

const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts/drafts");

function shownLanguage(text: string): DraftLanguage {
  const found = detectLanguage(body(text));
  return (DRAFT_LANGUAGES as readonly string[]).includes(found ?? "") ? (found as DraftLanguage) : "en";
}

const BLIND = [
  "zrh-lawyer-to-sustainability",
  "lyon-chef-to-foodtech",
  "mad-journalist-to-ux",
  "mex-nurse-to-public-health",
  "lis-pharmacist-to-clinical-research",
  "poa-lawyer-to-compliance",
  "sg-accountant-to-esg",
  "tyo-engineer-to-pm",
];
const scenarios = discoverScenarios(["dev", "blind"]).filter((s) => s.set === "dev" || BLIND.includes(s.name));
const runs: { name: string; run: ScenarioRun; specific: boolean[] }[] = [];
const specific = { drafts: 0, specific: 0 };
const blindOnly = { drafts: 0, specific: 0 };

afterAll(() => {
  const out = runs.flatMap(({ name, run, specific: named }) =>
    run.drafts.map(
      (d, i) =>
        `### ${name} [${run.provider}] ${d.kind} → ${d.to}${named[i] ? "" : " (nothing specific)"}\n${d.subject}\n\n${d.text}\n`,
    ),
  );
  if (process.env.DRAFTS_OUT) writeFileSync(process.env.DRAFTS_OUT, out.join("\n"));
});

describe.each(scenarios.map((s) => [`${s.set}/${s.name}`, s] as const))("drafts of %s", (_name, scenario) => {
  it.each(["gmail", "outlook"] as const)("through the fake %s, every draft reads as sent", async (provider) => {
    const run = await runScenario(scenario, provider);
    const named: boolean[] = [];
    runs.push({ name: scenario.name, run, specific: named });
    expect(run.report.status, run.report.reason ?? "").toBe("ok");
    const now = new Date(scenario.truth.now);
    const userNames = [
      run.accountName,
      ...new Set(run.seed.messages.filter((m) => m.folder === "sent").map((m) => m.from.name)),
    ];
    const problems: string[] = [];
    for (const draft of run.drafts) {
      const messages = threadOf(run.seed, draft.targetKey, draft.to);
      const thread = threadText(run.seed, messages, draft.to);
      if (draft.dueSince) thread.dates.push(draft.dueSince);
      const people = [
        ...userNames,
        ...messages
          .flatMap((m) => [m.from, ...m.to])
          .filter((a) => a.address === draft.to)
          .map((a) => a.name),
      ];
      const expected = detectLanguage(thread.user) ?? detectLanguage(thread.all);
      const found = [
        ...signedWithName(draft.text, userNames),
        ...organisationsAsWritten(draft.text, organisationsIn(draft.text), thread),
        ...noDomainGuess(draft.text, draft.to, thread),
        ...inLanguage(draft.text, expected),
        ...durationsAsAsked(draft.text, thread),
        ...relativeDatesTrue(draft.text, thread, now, scenario.truth.tz),
      ];
      if (!draft.providerText.includes(body(draft.text).split("\n")[0] ?? "")) {
        found.push("the provider's draft does not hold the text Rapport wrote");
      }
      // the From header carries a name the user writes under (the profile's, or the one they used in this thread)
      if (provider === "gmail" && !userNames.includes(draft.fromName ?? "")) {
        found.push(`From carries "${draft.fromName}", none of the user's names`);
      }
      named.push(namesSomethingSpecific(draft.text, thread, people));
      for (const tally of scenario.set === "blind" ? [specific, blindOnly] : [specific]) {
        tally.drafts++;
        if (named.at(-1)) tally.specific++;
      }
      for (const f of found) problems.push(`${draft.kind} to ${draft.to}: ${f}\n${draft.text}`);
    }
    expect(problems).toEqual([]);
    const bodies = run.drafts.map((d) => d.text.split("\n").slice(1).join("\n"));
    expect(new Set(bodies).size).toBe(bodies.length);
  });
});

describe("across every scenario and provider", () => {
  it("screenshots one draft per kind and language, and a digest, into test-artifacts/drafts/", async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium; this test never downloads a browser`);
    }
    const found: ShownDraft[] = runs
      .filter(({ run }) => run.provider === "gmail")
      .flatMap(({ name, run }) =>
        run.drafts.map((d) => ({
          language: shownLanguage(d.text),
          kind: d.kind,
          to: d.to,
          subject: d.subject,
          text: d.text,
          source: `${name}, through the fake Gmail`,
        })),
      );
    const digest = runs.find(({ name, run }) => name === "lyon-chef-to-foodtech" && run.provider === "gmail");
    const files = await screenshot(ARTIFACTS, pickDrafts(found), digest?.run.digestHtml ?? "<p>no digest</p>");
    expect(files).toHaveLength(DRAFT_LANGUAGES.length * 3 + 1);
  }, 120_000);

  it("at least 80% of the drafts name something specific from their thread", () => {
    expect(specific.drafts).toBeGreaterThan(0);
    process.stderr.write(
      `${specific.specific} of ${specific.drafts} drafts name something specific from their thread` +
        ` (blind scenarios alone: ${blindOnly.specific} of ${blindOnly.drafts})\n`,
    );
    // The bar is issue 11's, over the shared dev corpus with the blind scenarios, and over the blind scenarios
    // alone (what CI sees without ../shared).
    expect(specific.specific / specific.drafts).toBeGreaterThanOrEqual(0.8);
    expect(blindOnly.specific / blindOnly.drafts).toBeGreaterThanOrEqual(0.8);
  });
});

/** Capitalised phrases a draft puts after "at", "bei", "chez", "en", "em": what it names as an organisation. */
function organisationsIn(text: string): string[] {
  const found = text.matchAll(
    /\b(?:at|bei|chez|en|em)\s+(\p{Lu}[\p{L}\p{N}'’&-]*(?:\s\p{Lu}[\p{L}\p{N}'’&-]*){0,3})/gu,
  );
  return [...found].map((m) => m[1] ?? "").filter((o) => o.length > 1);
}
