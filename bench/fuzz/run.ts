/**
 * `npm run fuzz`: 10,000 generated hostile messages and calendars through `rapport scan`'s code and the adapters'
 * converters, in worker processes; prints the figures and exits non-zero on any crash, hang, input over the CPU
 * limit or unreadable skip reason. Failing inputs are written under the system's temporary folder.
 *   node dist/bench/fuzz/run.js [--count N] [--seed S] [--workers N] [--limit-ms N] [--peers DIR|none] [--only I,J]
 */

import { formatReport, runCampaign } from "./campaign.js";
import { DEFAULT_PEERS } from "./corpus.js";

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? (process.argv[at + 1] ?? fallback) : fallback;
}

const peersOption = option("peers", DEFAULT_PEERS);
const only = option("only", "");
const opts = {
  count: Number(option("count", "10000")),
  seed: option("seed", "rapport-fuzz-1"),
  peers: peersOption === "none" ? null : peersOption,
  workers: Number(option("workers", "2")),
  limitMs: Number(option("limit-ms", "2000")),
  hardLimitMs: Number(option("hard-limit-ms", "60000")),
  ...(only ? { only: only.split(",").map(Number) } : {}),
  onResult: (_: unknown, done: number) => {
    if (done % 500 === 0) process.stderr.write(`fuzz: ${done} inputs done\n`);
  },
};

const report = await runCampaign(opts);
for (const line of formatReport(report, opts)) process.stdout.write(`${line}\n`);
process.exitCode = report.failures.length === 0 ? 0 : 1;
