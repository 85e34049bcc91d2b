/**
 * Leave-one-scenario-out cross-validation of the detector, as a function (the eval script prints it; a test
 * holds it to the targets). For each labelled scenario: fit on all the others, run the whole offline engine
 * on the one left out with those weights, score it as ../shared/tools/corpus.py does.
 */
import type { DetectionModel } from "../src/domain/index.js";
import { scanMailbox } from "../src/scan/scan-mailbox.js";
import { type Row, scenarioRows } from "./features.js";
import { fitModel } from "./fit.js";
import {
  addScores,
  emptyScore,
  type Scenario,
  type ScenarioScore,
  scoreEvaluation,
  truthRoots,
} from "./scenario-corpus.js";

export interface Evaluation {
  scenarios: Scenario[];
  crossValidated: Map<string, ScenarioScore>;
  fullSet: Map<string, ScenarioScore>;
  quickMisses: Map<string, string[]>;
  rows: Row[];
}

export async function scoreWith(s: Scenario, model: DetectionModel): Promise<ScenarioScore> {
  const result = await scanMailbox({
    mail: s.mbox,
    ...(s.ics ? { ics: s.ics } : {}),
    me: s.truth.me,
    now: new Date(s.truth.now),
    timeZone: s.truth.tz,
    model,
  });
  return scoreEvaluation(s.truth, await truthRoots(s.mbox), result.evaluation);
}

export async function crossValidate(
  scenarios: Scenario[],
  lambda: number,
  onFold: (s: Scenario) => void = () => {},
): Promise<Evaluation> {
  if (scenarios.length < 2) throw new Error("cross-validation needs at least two labelled scenarios");
  const rowsBy = new Map<string, Row[]>();
  const quickMisses = new Map<string, string[]>();
  for (const s of scenarios) {
    const r = await scenarioRows(s);
    rowsBy.set(s.dir, r.rows);
    quickMisses.set(s.dir, r.quickMisses);
  }
  const crossValidated = new Map<string, ScenarioScore>();
  for (const s of scenarios) {
    onFold(s);
    const train = scenarios.filter((o) => o !== s).flatMap((o) => rowsBy.get(o.dir) ?? []);
    crossValidated.set(s.dir, await scoreWith(s, fitModel(train, lambda)));
  }
  const rows = scenarios.flatMap((o) => rowsBy.get(o.dir) ?? []);
  const all = fitModel(rows, lambda);
  const fullSet = new Map<string, ScenarioScore>();
  for (const s of scenarios) fullSet.set(s.dir, await scoreWith(s, all));
  return { scenarios, crossValidated, fullSet, quickMisses, rows };
}

/** Sum of the scores of the scenarios `pick` selects. */
export function total(e: Evaluation, which: "crossValidated" | "fullSet", pick: (s: Scenario) => boolean = () => true): ScenarioScore {
  const m = e[which];
  return e.scenarios.filter(pick).reduce((acc, s) => addScores(acc, m.get(s.dir) ?? emptyScore()), emptyScore());
}
