/**
 * One life of a chaos world: one or two `rapport` processes (the real CLI) started on the world, and — when the
 * n-th request of the chosen phase reaches the fake — one of them killed with SIGKILL: before the fake handled the
 * request, after it handled it but before the answer went back, or a moment after the answer. In slow mode some
 * answers come back later than the claim lease. Nothing here waits on the wall clock for correctness: kills are
 * placed by request count, and every check is made after all processes of the life have exited.
 */
import { type ChildProcess, spawn } from "node:child_process";
import type { InterceptAction } from "../intercept.js";
import type { Random } from "../random.js";
import { PHASES, type Phase } from "./phases.js";
import type { World } from "./world.js";

export type LifeMode = "plain" | "slow" | "overlap";

export interface KillPlan {
  phase: Phase;
  /** Kill at the n-th request of `phase` in this life. */
  nth: number;
  when: "before" | "after" | "soon";
}

export interface LifeResult {
  /** Requests per phase this life. */
  seen: Record<Phase, number>;
  killed: { phase: Phase; when: KillPlan["when"] } | null;
  slowAnswers: number;
  /** Exit codes and the tail of stderr of the processes that were not killed. */
  exits: { code: number | null; signal: string | null; stderr: string }[];
}

/** A second process on the embedded database is refused, cleanly: the only failure a life may end with. */
export function refusedAsBusy(exit: LifeResult["exits"][number]): boolean {
  return exit.code !== 0 && /is in use by/.test(exit.stderr);
}

function spawnRapport(
  cli: string,
  world: World,
  args: string[],
): { child: ChildProcess; exited: Promise<void>; stderr: () => string } {
  const child = spawn(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH ?? "", ...world.env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr = (stderr + String(d)).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited, stderr: () => stderr };
}

/** Long because one life is one story: start, watch the requests, kill, wind down; split, it reads worse. */
export async function runLife(
  cli: string,
  world: World,
  plan: KillPlan | null,
  mode: LifeMode,
  random: Random,
  slowMs: number,
): Promise<LifeResult> {
  const seen = Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;
  const result: LifeResult = { seen, killed: null, slowAnswers: 0, exits: [] };
  const procs = [spawnRapport(cli, world, ["run", "--once"])];
  if (mode === "overlap") {
    // A second worker at the same time: on Postgres a `rapport start` or another `run --once` (they share the
    // accounts through the per-account lock); on the embedded database, a second process that must be refused.
    const worker = world.options.database === "postgres" && random.chance(0.5);
    procs.push(spawnRapport(cli, world, worker ? ["start", "--concurrency", "2"] : ["run", "--once"]));
  }
  const kill = async (): Promise<void> => {
    const alive = procs.filter((p) => p.child.exitCode === null && p.child.signalCode === null);
    const victim = alive.length > 0 ? random.pick(alive) : null;
    if (!victim) return;
    victim.child.kill("SIGKILL");
    await victim.exited;
  };
  world.setIntercept((req): InterceptAction | undefined => {
    const phase = world.phaseOf(req);
    seen[phase] += 1;
    if (plan && !result.killed && phase === plan.phase && seen[phase] === plan.nth) {
      result.killed = { phase, when: plan.when };
      if (plan.when === "soon") {
        setTimeout(() => void kill(), random.int(0, 40));
        return undefined;
      }
      return { kind: "hold", until: kill(), when: plan.when };
    }
    const mutation = req.method !== "GET";
    if (mode === "slow" && result.slowAnswers < 2 && (mutation || phase === "assessment") && random.chance(0.3)) {
      result.slowAnswers += 1;
      return { kind: "hold", until: new Promise((r) => setTimeout(r, slowMs)), when: random.pick(["before", "after"]) };
    }
    return undefined;
  });
  await waitForLife(procs);
  world.setIntercept(null);
  for (const p of procs) {
    if (p.child.signalCode !== "SIGKILL")
      result.exits.push({ code: p.child.exitCode, signal: p.child.signalCode, stderr: p.stderr() });
  }
  return result;
}

/** Waits for the `run --once` processes to end; a `start` worker is then stopped gracefully once its queue is idle. */
async function waitForLife(procs: ReturnType<typeof spawnRapport>[]): Promise<void> {
  const once = procs.filter((p) => !p.child.spawnargs.includes("start"));
  await Promise.all(once.map((p) => p.exited));
  for (const worker of procs.filter((p) => p.child.spawnargs.includes("start"))) {
    if (worker.child.exitCode === null && worker.child.signalCode === null) {
      // Its first tick queued every account at start-up; give it those cycles, then ask it to stop.
      await Promise.race([worker.exited, new Promise((r) => setTimeout(r, 8_000))]);
      worker.child.kill("SIGTERM");
    }
    await worker.exited;
  }
}
