/**
 * `npm run train:detection`: fits the detector on every labelled scenario available and writes
 * src/domain/detection-weights.ts. Run `npm run eval:detection` for the honest (cross-validated) figures.
 */
import path from "node:path";
import { type Row, scenarioRows } from "./features.js";
import { DEFAULT_LAMBDA, fitModel, writeWeights } from "./fit.js";
import { discoverScenarios } from "./scenario-corpus.js";

async function main(): Promise<void> {
  const i = process.argv.indexOf("--sets");
  const sets = i >= 0 ? (process.argv[i + 1] ?? "").split(",").filter(Boolean) : undefined;
  const scenarios = discoverScenarios(sets);
  const rows: Row[] = [];
  for (const s of scenarios) rows.push(...(await scenarioRows(s)).rows);
  const used = [...new Set(scenarios.map((s) => s.set))].join(", ");
  const positives = rows.filter((r) => r.label === 1).length;
  const model = fitModel(
    rows,
    DEFAULT_LAMBDA,
    `${scenarios.length} scenarios (${used}); ${rows.length} threads past the cheap filter, ${positives} informational; L2 ${DEFAULT_LAMBDA}`,
  );
  const file = path.resolve(import.meta.dirname, "../../src/domain/detection-weights.ts");
  writeWeights(file, model);
  process.stderr.write(`wrote ${file}: ${model.trainedOn}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`train:detection: ${(e as Error).message}\n`);
  process.exit(1);
});
