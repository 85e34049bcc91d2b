#!/usr/bin/env node
/**
 * `npm run chaos`: the full chaos suite (sandbox/chaos/chaos.ts), printing its figures. By default 200 kill points:
 * 25 in each of eight worlds: the fake Gmail and the fake Graph; on PGlite alone and with a second process beside
 * the first (which must be refused); on Postgres with two workers at once and with answers slower than the lease. Postgres comes from TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test);
 * without one the Postgres worlds are skipped and the output says so.
 *   node dist/sandbox/chaos/main.js [--kills N] [--seed S]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { runChaos, type WorldFigures, type WorldPlan } from "./chaos.js";
import { PHASES } from "./phases.js";

const { values } = parseArgs({
  options: { kills: { type: "string", default: "200" }, seed: { type: "string", default: "chaos" } },
});

async function postgresUrl(): Promise<string | null> {
  const url = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.end();
    return url;
  } catch {
    return null;
  }
}

const pgUrl = await postgresUrl();
const plans: WorldPlan[] = [];
for (const provider of ["gmail", "outlook"] as const) {
  // PGlite: alone, and with a second process that must be refused; Postgres: two workers at once, and slow answers.
  plans.push({ provider, database: "pglite", mode: "plain" }, { provider, database: "pglite", mode: "overlap" });
  if (pgUrl)
    plans.push({ provider, database: "postgres", mode: "overlap" }, { provider, database: "postgres", mode: "slow" });
}
const kills = Number(values.kills);
const started = performance.now();
const figures = await runChaos({
  cli: path.resolve(import.meta.dirname, "../../src/cli/main.js"),
  postgresUrl: pgUrl,
  worlds: plans,
  killsPerWorld: Math.ceil(kills / plans.length),
  maxLivesPerWorld: Math.ceil(kills / plans.length) * 3,
  slowMs: 65_000,
  gmailAccounts: 4,
  seed: values.seed,
  log: (line) => process.stderr.write(`${line}\n`),
});

const sum = (f: (w: WorldFigures) => number) => figures.reduce((a, w) => a + f(w), 0);
const lines = [
  `worlds: ${figures.length}${pgUrl ? "" : " (no Postgres reachable: Postgres worlds skipped)"}`,
  ...figures.map(
    (w) =>
      `  ${w.plan.provider.padEnd(7)} ${w.plan.database.padEnd(8)} ${w.plan.mode.padEnd(7)} kills ${String(w.kills).padStart(3)} ` +
      `(${PHASES.map((p) => `${p} ${w.killsByPhase[p]}`).join(", ")}), lives ${w.lives}, slow answers ${w.slowAnswers}, ` +
      `refused second processes ${w.busyRefusals}, drafts ${w.expectedDrafts}, digests ${w.expectedDigests}, ${w.seconds} s`,
  ),
  `kill points: ${sum((w) => w.kills)} (${PHASES.map((p) => `${p} ${sum((w) => w.killsByPhase[p])}`).join(", ")})`,
  `duplicate drafts: ${sum((w) => w.duplicateDrafts)}, duplicate digests: ${sum((w) => w.duplicateDigests)}`,
  `missing drafts: ${sum((w) => w.missingDrafts)} of ${sum((w) => w.expectedDrafts)}, missing digests: ${sum((w) => w.missingDigests)} of ${sum((w) => w.expectedDigests)}`,
  `cursors behind where they stood: ${sum((w) => w.cursorRegressions)}`,
  `unexpected process failures: ${sum((w) => w.unexpectedFailures.length)}`,
  `wall time: ${Math.round((performance.now() - started) / 1000)} s`,
];
process.stdout.write(`${lines.join("\n")}\n`);
for (const w of figures) {
  const where = `${w.plan.provider}/${w.plan.database}/${w.plan.mode}`;
  for (const f of [...w.unexpectedFailures, ...w.findings]) process.stderr.write(`  ${where}: ${f}\n`);
}
const bad = sum(
  (w) => w.duplicateDrafts + w.duplicateDigests + w.missingDrafts + w.missingDigests + w.cursorRegressions,
);
process.exitCode = bad + sum((w) => w.unexpectedFailures.length) > 0 ? 1 : 0;
