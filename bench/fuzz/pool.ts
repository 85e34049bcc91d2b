/**
 * Runs fuzz inputs in worker processes, a few at a time, each under a hard wall-clock limit: an input that never
 * returns (a hang) or kills its worker (a crash of the process: stack, memory) is recorded as such and the
 * worker replaced. The judged time is the CPU time the worker reports, so a busy machine does not make inputs
 * look slow; the hard limit only catches inputs that never finish.
 */
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PROJECT_ROOT } from "./corpus.js";
import type { FuzzInput } from "./inputs.js";
import type { WorkerReply, WorkerRequest } from "./worker.js";

export interface PoolResult {
  index: number;
  /** The worker's answer; null when the input hung or its worker died. */
  reply: WorkerReply | null;
  /** Why there is no answer. */
  lost?: string;
  /** CPU milliseconds of every run of the input, when it was timed again (see PoolOptions.retimeOverMs). */
  timings?: number[];
}

export interface PoolOptions {
  seed: string;
  /** Folder of the peers' inputs, or null to mutate the project's own fixtures only. */
  peers: string | null;
  workers: number;
  /** Wall-clock milliseconds after which an input counts as hung and its worker is killed. */
  hardLimitMs: number;
  /**
   * An input whose CPU time passes this is run twice more in its worker and judged on its least time. CPU time
   * is not free of the machine's load (cores shared with other processes, their caches, clock speed): on a busy
   * machine one run of a 500 ms input has measured over 2,000 ms. The least of three runs is the usual estimate
   * of what the input costs; an input that is really slow is slow every time.
   */
  retimeOverMs?: number;
  onResult?: (r: PoolResult) => void;
}

/** The built worker (the pool may itself run from source, under the test runner). */
const WORKER = import.meta.url.endsWith(".ts")
  ? path.join(PROJECT_ROOT, "dist/bench/fuzz/worker.js")
  : fileURLToPath(new URL("./worker.js", import.meta.url));

interface Slot {
  child: ChildProcess;
  stderr: string;
}

function start(opts: PoolOptions): Slot {
  const child = fork(WORKER, [opts.seed, opts.peers ?? "-"], {
    serialization: "advanced",
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  const slot: Slot = { child, stderr: "" };
  child.on("error", () => {
    // a failed send to a dying worker: its exit is reported by runOne
  });
  child.stderr?.on("data", (d: Buffer) => {
    slot.stderr = (slot.stderr + d.toString()).slice(-2000);
  });
  return slot;
}

/** Sends one request and waits for its answer, the hard limit, or the worker's death. */
function runOne(slot: Slot, request: WorkerRequest, hardLimitMs: number): Promise<WorkerReply | string> {
  return new Promise((resolve) => {
    const done = (value: WorkerReply | string): void => {
      clearTimeout(timer);
      slot.child.off("message", onMessage);
      slot.child.off("exit", onExit);
      resolve(value);
    };
    const onMessage = (reply: WorkerReply): void => done(reply);
    const onExit = (code: number | null, signal: string | null): void =>
      done(`worker died (${signal ?? `exit ${code}`}): ${slot.stderr.trim().split("\n").slice(-3).join(" | ")}`);
    const timer = setTimeout(() => {
      slot.child.kill("SIGKILL");
      done(`hung: no answer after ${hardLimitMs} ms`);
    }, hardLimitMs);
    slot.child.on("message", onMessage);
    slot.child.on("exit", onExit);
    slot.child.send(request);
  });
}

/** The input's result, timed twice more when its first run took longer than opts.retimeOverMs. */
async function retimed(slot: Slot, request: WorkerRequest, first: WorkerReply, opts: PoolOptions): Promise<PoolResult> {
  if (opts.retimeOverMs === undefined || first.cpuMs <= opts.retimeOverMs) return { index: first.index, reply: first };
  let best = first;
  const timings = [first.cpuMs];
  for (let run = 0; run < 2; run++) {
    const again = await runOne(slot, request, opts.hardLimitMs);
    // an input that kills its worker on a later run is lost like one that kills it on the first
    if (typeof again === "string") return { index: first.index, reply: null, lost: again, timings };
    timings.push(again.cpuMs);
    if (again.cpuMs < best.cpuMs) best = again;
  }
  return { index: first.index, reply: best, timings };
}

/** Runs every request; results come back in completion order through onResult and in index order at the end. */
export async function runPool(requests: WorkerRequest[], opts: PoolOptions): Promise<PoolResult[]> {
  const results: PoolResult[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    let slot = start(opts);
    try {
      while (next < requests.length) {
        const request = requests[next++] as WorkerRequest;
        const index = "input" in request ? request.input.index : request.index;
        const answer = await runOne(slot, request, opts.hardLimitMs);
        const result: PoolResult =
          typeof answer === "string"
            ? { index, reply: null, lost: answer }
            : await retimed(slot, request, answer, opts);
        if (result.lost) slot = start(opts);
        results.push(result);
        opts.onResult?.(result);
      }
    } finally {
      slot.child.kill("SIGKILL");
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.workers) }, lane));
  return results.sort((a, b) => a.index - b.index);
}

/** Whole inputs (regression fixtures) through the pool. */
export function runInputs(inputs: FuzzInput[], opts: Omit<PoolOptions, "seed" | "peers">): Promise<PoolResult[]> {
  return runPool(
    inputs.map((input) => ({ input })),
    { ...opts, seed: "fixtures", peers: null },
  );
}
