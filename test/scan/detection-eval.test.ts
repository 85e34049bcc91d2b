/**
 * The detector's honest figures, held to their targets: leave-one-scenario-out cross-validation over every
 * labelled scenario in the repository (and the shared dev/real corpora when they sit beside the checkout),
 * and the committed weights are what training produces from those scenarios (never edited by hand).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_MODEL, FEATURES } from "../../src/domain/index.js";
import { crossValidate, type Evaluation, total } from "../../training/cross-validate.js";
import { DEFAULT_LAMBDA, fitModel } from "../../training/fit.js";
import { type Counts, discoverScenarios, precision, recall } from "../../training/scenario-corpus.js";

const scenarios = discoverScenarios();
const shared = scenarios.some((s) => s.set === "dev") && scenarios.some((s) => s.set === "real");
let evaluation: Evaluation | null = null;
async function evaluate(): Promise<Evaluation> {
  evaluation ??= await crossValidate(scenarios, DEFAULT_LAMBDA);
  return evaluation;
}
const pr = (c: Counts) => ({ precision: precision(c), recall: recall(c) });

describe("detection, cross-validated by scenario", () => {
  it("has at least 14 labelled scenarios in the repository", () => {
    expect(scenarios.filter((s) => s.set !== "dev" && s.set !== "real").length).toBeGreaterThanOrEqual(14);
  });

  it("scores threads >= 0.92, meetings >= 0.95 and due drafts >= 0.90 in precision and recall", async () => {
    const all = total(await evaluate(), "crossValidated");
    for (const [what, floor] of [
      ["threads", 0.92],
      ["meetings", 0.95],
      ["due", 0.9],
    ] as const) {
      const got = pr(all[what]);
      expect(got.precision, `${what} precision ${JSON.stringify(all[what])}`).toBeGreaterThanOrEqual(floor);
      expect(got.recall, `${what} recall ${JSON.stringify(all[what])}`).toBeGreaterThanOrEqual(floor);
    }
  }, 300_000);

  it.runIf(shared)(
    "keeps the shared dev corpus at 0.97 or better on all three",
    async () => {
      const dev = total(await evaluate(), "crossValidated", (s) => s.set === "dev");
      for (const what of ["threads", "meetings", "due"] as const) {
        expect(Math.min(precision(dev[what]), recall(dev[what])), what).toBeGreaterThanOrEqual(0.97);
      }
    },
    300_000,
  );

  it.runIf(shared)(
    "ships the weights that training produces from these scenarios",
    async () => {
      const fresh = fitModel((await evaluate()).rows, DEFAULT_LAMBDA);
      expect(DEFAULT_MODEL.bias).toBeCloseTo(fresh.bias, 3);
      for (const f of FEATURES) expect(DEFAULT_MODEL.weights[f], f).toBeCloseTo(fresh.weights[f] ?? 0, 3);
    },
    300_000,
  );
});
