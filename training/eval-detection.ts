/**
 * `npm run eval:detection`: leave-one-scenario-out cross-validation of the detector. For each labelled
 * scenario, fit the weights on all the others, run the whole offline engine (`rapport scan`'s code) on the one
 * left out with those weights, and score threads, meetings and due drafts as ../shared/tools/corpus.py does.
 * The cross-validated figure is the honest one; the full-set figure (trained on everything, scored on the same)
 * is printed beside it as a training score.
 *
 *   npm run eval:detection [-- --sets dev,real,ours,heldout,blind] [--lambda N] [--json] [--misses]
 */
import { crossValidate, total } from "./cross-validate.js";
import { DEFAULT_LAMBDA } from "./fit.js";
import { type Counts, discoverScenarios, precision, recall, type Scenario, type ScenarioScore } from "./scenario-corpus.js";

interface Args {
  sets?: string[];
  trainSets?: string[];
  lambda: number;
  json: boolean;
  misses: boolean;
}

function parseArgs(argv: string[]): Args {
  const a: Args = { lambda: DEFAULT_LAMBDA, json: false, misses: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    if (v === "--sets") a.sets = (argv[++i] ?? "").split(",").filter(Boolean);
    else if (v === "--lambda") a.lambda = Number(argv[++i]);
    else if (v === "--json") a.json = true;
    else if (v === "--misses") a.misses = true;
    else throw new Error(`unknown argument ${v}`);
  }
  if (!Number.isFinite(a.lambda) || a.lambda < 0) throw new Error("--lambda takes a number >= 0");
  return a;
}

const f3 = (n: number): string => n.toFixed(2);
const pr = (c: Counts): string => `${f3(precision(c))}/${f3(recall(c))}`;

function line(label: string, s: ScenarioScore): string {
  return `${label.padEnd(44)} ${pr(s.threads).padEnd(10)} ${pr(s.meetings).padEnd(10)} ${pr(s.due).padEnd(10)} ${`${s.threads.tp}/${s.threads.tp + s.threads.fn}`.padStart(7)}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const scenarios = discoverScenarios(args.sets);
  process.stderr.write(`eval:detection: ${scenarios.length} scenarios; extracting features\n`);
  const e = await crossValidate(scenarios, args.lambda, (s) => process.stderr.write(`  fold ${s.set}/${s.name}\n`));
  const cv = e.crossValidated;
  const full = e.fullSet;
  const quickMisses = e.quickMisses;
  const sum = (m: typeof cv, pick: (s: Scenario) => boolean): ScenarioScore =>
    total(e, m === cv ? "crossValidated" : "fullSet", pick);
  const sets = [...new Set(scenarios.map((s) => s.set))];
  if (args.json) {
    const counts = (x: ScenarioScore) => ({ threads: x.threads, meetings: x.meetings, due: x.due });
    process.stdout.write(
      `${JSON.stringify(
        {
          lambda: args.lambda,
          scenarios: scenarios.map((s) => ({
            name: s.name,
            set: s.set,
            crossValidated: counts(cv.get(s.dir) as ScenarioScore),
            fullSet: counts(full.get(s.dir) as ScenarioScore),
          })),
          crossValidated: counts(sum(cv, () => true)),
          fullSet: counts(sum(full, () => true)),
        },
        null,
        2,
      )}\n`,
    );
    return;
  }
  const out: string[] = [];
  out.push(`Leave-one-scenario-out cross-validation over ${scenarios.length} scenarios (L2 ${args.lambda}).`);
  out.push("precision/recall per scenario, each scored with weights fitted on all the other scenarios:");
  out.push(`${"scenario".padEnd(44)} ${"threads".padEnd(10)} ${"meetings".padEnd(10)} ${"due".padEnd(10)} ${"found".padStart(7)}`);
  for (const s of scenarios) out.push(line(`${s.set}/${s.name}`, cv.get(s.dir) as ScenarioScore));
  out.push("");
  for (const set of sets) out.push(line(`cross-validated, ${set}`, sum(cv, (s) => s.set === set)));
  out.push(line("CROSS-VALIDATED, ALL", sum(cv, () => true)));
  out.push("");
  for (const set of sets) out.push(line(`full set (training score), ${set}`, sum(full, (s) => s.set === set)));
  out.push(line("FULL SET (training score), ALL", sum(full, () => true)));
  const qm = [...quickMisses.values()].flat().length;
  if (qm > 0) {
    out.push(`\n${qm} informational thread(s) never reach the model (nothing asks, offers or thanks):`);
    for (const s of scenarios)
      for (const m of quickMisses.get(s.dir) ?? []) out.push(`  ${s.set}/${s.name} ${m}: ${s.truth.threads[m]?.note ?? ""}`);
  }
  if (args.misses) {
    for (const s of scenarios) {
      const c = cv.get(s.dir) as ScenarioScore;
      for (const m of c.missed) out.push(`  missed ${s.set}/${s.name} ${m}: ${s.truth.threads[m]?.note ?? ""}`);
      for (const m of c.extra) out.push(`  extra  ${s.set}/${s.name} ${m}: ${s.truth.threads[m]?.note ?? ""}`);
      for (const m of c.dueMissed) out.push(`  due missed ${s.set}/${s.name} ${m}`);
      for (const m of c.dueExtra) out.push(`  due extra  ${s.set}/${s.name} ${m}`);
    }
  }
  process.stdout.write(`${out.join("\n")}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`eval:detection: ${(e as Error).message}\n`);
  process.exit(1);
});
