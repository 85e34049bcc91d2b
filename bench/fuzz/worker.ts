/**
 * A fuzz worker process: receives input numbers (or whole inputs) from the pool, runs each through its target
 * and answers with the outcome and the CPU time it took. Generation is not timed; only the target is.
 *   argv: <campaign seed> <peers folder or "-">
 */
import { loadCorpus } from "./corpus.js";
import { type FuzzInput, generateInput } from "./inputs.js";
import { runTarget } from "./target.js";

export type WorkerRequest = { index: number } | { input: FuzzInput };

export interface WorkerReply {
  index: number;
  kind: FuzzInput["kind"];
  label: string;
  seed: string;
  cpuMs: number;
  wallMs: number;
  outcome: Awaited<ReturnType<typeof runTarget>>;
}

const [campaignSeed = "rapport", peers = "-"] = process.argv.slice(2);
const corpus = loadCorpus(peers === "-" ? null : peers);

process.on("message", async (request: WorkerRequest) => {
  // A generator fault ends this worker, and the pool reports the input as lost with the error's text.
  const input = "input" in request ? request.input : generateInput(corpus, campaignSeed, request.index);
  const cpu = process.cpuUsage();
  const wall = performance.now();
  const outcome = await runTarget(input);
  const used = process.cpuUsage(cpu);
  const reply: WorkerReply = {
    index: input.index,
    kind: input.kind,
    label: input.label,
    seed: input.seed,
    cpuMs: (used.user + used.system) / 1000,
    wallMs: performance.now() - wall,
    outcome,
  };
  process.send?.(reply);
});
