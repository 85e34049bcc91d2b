/**
 * A fuzz campaign: `count` generated inputs through the pool, judged against the suite's bar — no crash (an
 * exception, an invalid result, a dead or hung worker), no input over the time limit (CPU time), every skip
 * reason readable — and summarised in figures. Failing inputs are written outside the project (they may be
 * derived from the peers' files, which must not be copied into it), for turning into regression fixtures.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Corpus, loadCorpus } from "./corpus.js";
import { type FuzzInput, generateInput, type InputKind } from "./inputs.js";
import { type PoolResult, runPool } from "./pool.js";

export interface CampaignOptions {
  count: number;
  seed: string;
  peers: string | null;
  workers: number;
  /** CPU milliseconds one input may take. */
  limitMs: number;
  /** Wall-clock milliseconds after which an input counts as hung. */
  hardLimitMs: number;
  /** Only these input numbers (to re-run failures). */
  only?: number[];
  onResult?: (r: PoolResult, done: number) => void;
}

export interface Failure {
  index: number;
  kind: InputKind | "unknown";
  what: "crash" | "hang" | "slow" | "unreadable reason";
  detail: string;
  label: string;
  seed: string;
  /** Where the input was written. */
  file?: string;
}

export interface CampaignReport {
  inputs: number;
  byKind: Map<string, { count: number; maxCpuMs: number; totalCpuMs: number }>;
  seeds: { mail: number; ics: number; sources: string[] };
  crashes: number;
  hangs: number;
  slow: number;
  unreadable: number;
  reasons: number;
  /** Distinct skip reasons by how often they were given (numbers folded into N). */
  reasonKinds: Map<string, number>;
  cpuMs: number[];
  slowest: { index: number; kind: string; cpuMs: number; label: string }[];
  failures: Failure[];
  wallMs: number;
}

function failuresOf(r: PoolResult, limitMs: number): Omit<Failure, "label" | "seed" | "kind">[] {
  if (!r.reply) return [{ index: r.index, what: r.lost?.startsWith("hung") ? "hang" : "crash", detail: r.lost ?? "" }];
  const out: Omit<Failure, "label" | "seed" | "kind">[] = [];
  const { outcome, cpuMs } = r.reply;
  if (outcome.failure) out.push({ index: r.index, what: "crash", detail: outcome.failure });
  if (cpuMs > limitMs) {
    const runs = (r.timings ?? [cpuMs]).map((t) => Math.round(t)).join(", ");
    out.push({ index: r.index, what: "slow", detail: `${Math.round(cpuMs)} ms of CPU at least (runs: ${runs} ms)` });
  }
  for (const u of outcome.unreadable.slice(0, 3))
    out.push({ index: r.index, what: "unreadable reason", detail: u.slice(0, 300) });
  return out;
}

/** Writes a failing input where a developer can pick it up (never inside the project). */
function saveInput(input: FuzzInput, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${input.index}-${input.kind}`);
  if ("value" in input) {
    let json: string;
    try {
      json = JSON.stringify(input.value);
    } catch (e) {
      json = JSON.stringify({ notSaved: (e as Error).message, label: input.label });
    }
    writeFileSync(`${base}.json`, json);
    return `${base}.json`;
  }
  writeFileSync(`${base}.eml`, input.mail);
  if (input.ics !== null) writeFileSync(`${base}.ics`, input.ics);
  return input.ics !== null ? `${base}.ics` : `${base}.eml`;
}

/** The failing input, regenerated and written out (or why that was not possible: a fault of the generator). */
function described(
  corpus: Corpus,
  seed: string,
  index: number,
  dir: string,
): Pick<Failure, "kind" | "label" | "seed" | "file"> {
  try {
    const input = generateInput(corpus, seed, index);
    return { kind: input.kind, label: input.label, seed: input.seed, file: saveInput(input, dir) };
  } catch (e) {
    return { kind: "unknown", label: `the generator failed: ${(e as Error).message}`, seed: "" };
  }
}

export function reasonKind(reason: string): string {
  return reason
    .replace(/event .*? (skipped|could|:)/, "event X $1")
    .replace(/\d+/g, "N")
    .replace(/"[^"]*"/g, '"…"')
    .slice(0, 120);
}

export async function runCampaign(opts: CampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const corpus = loadCorpus(opts.peers);
  const indexes = opts.only ?? Array.from({ length: opts.count }, (_, i) => i);
  const report: CampaignReport = {
    inputs: indexes.length,
    byKind: new Map(),
    seeds: { mail: corpus.mail.length, ics: corpus.ics.length, sources: corpus.sources },
    crashes: 0,
    hangs: 0,
    slow: 0,
    unreadable: 0,
    reasons: 0,
    reasonKinds: new Map(),
    cpuMs: [],
    slowest: [],
    failures: [],
    wallMs: 0,
  };
  const failDir = path.join(os.tmpdir(), "rapport-fuzz", opts.seed);
  let done = 0;
  await runPool(
    indexes.map((index) => ({ index })),
    {
      ...opts,
      retimeOverMs: opts.limitMs,
      onResult: (r) => {
        done++;
        const reply = r.reply;
        if (reply) {
          const k = report.byKind.get(reply.kind) ?? { count: 0, maxCpuMs: 0, totalCpuMs: 0 };
          k.count++;
          k.maxCpuMs = Math.max(k.maxCpuMs, reply.cpuMs);
          k.totalCpuMs += reply.cpuMs;
          report.byKind.set(reply.kind, k);
          report.cpuMs.push(reply.cpuMs);
          report.slowest.push({ index: r.index, kind: reply.kind, cpuMs: reply.cpuMs, label: reply.label });
          report.slowest = report.slowest.sort((a, b) => b.cpuMs - a.cpuMs).slice(0, 5);
          report.reasons += reply.outcome.reasons.length;
          for (const reason of reply.outcome.reasons) {
            const kind = reasonKind(reason);
            report.reasonKinds.set(kind, (report.reasonKinds.get(kind) ?? 0) + 1);
          }
        }
        for (const f of failuresOf(r, opts.limitMs)) {
          if (f.what === "crash") report.crashes++;
          else if (f.what === "hang") report.hangs++;
          else if (f.what === "slow") report.slow++;
          else report.unreadable++;
          report.failures.push({ ...f, ...described(corpus, opts.seed, r.index, failDir) });
        }
        opts.onResult?.(r, done);
      },
    },
  );
  report.wallMs = performance.now() - started;
  return report;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0);
}

/** The figures, as lines for a terminal or the README. */
export function formatReport(r: CampaignReport, opts: Pick<CampaignOptions, "limitMs" | "seed">): string[] {
  const sorted = [...r.cpuMs].sort((a, b) => a - b);
  const ms = (n: number) => `${Math.round(n)} ms`;
  const lines = [
    `fuzz: ${r.inputs} inputs (seed "${opts.seed}") from ${r.seeds.mail} messages and ${r.seeds.ics} calendars (${r.seeds.sources.join(", ")})`,
    `  crashes ${r.crashes}, hangs ${r.hangs}, over ${ms(opts.limitMs)} of CPU ${r.slow}, unreadable reasons ${r.unreadable} (of ${r.reasons} reasons given)`,
    `  CPU per input: median ${ms(percentile(sorted, 0.5))}, p99 ${ms(percentile(sorted, 0.99))}, max ${ms(sorted[sorted.length - 1] ?? 0)}; wall time ${(r.wallMs / 1000).toFixed(0)} s`,
  ];
  for (const [kind, k] of [...r.byKind].sort()) {
    lines.push(
      `  ${kind.padEnd(14)} ${String(k.count).padStart(5)} inputs, mean ${ms(k.totalCpuMs / k.count)}, max ${ms(k.maxCpuMs)}`,
    );
  }
  lines.push("  slowest:");
  for (const s of r.slowest) lines.push(`    #${s.index} ${s.kind} ${ms(s.cpuMs)}: ${s.label.slice(0, 110)}`);
  lines.push("  most frequent skip reasons:");
  for (const [reason, n] of [...r.reasonKinds].sort((a, b) => b[1] - a[1]).slice(0, 8))
    lines.push(`    ${String(n).padStart(6)}  ${reason}`);
  for (const f of r.failures.slice(0, 30)) {
    lines.push(`  FAIL #${f.index} ${f.kind} ${f.what}: ${f.detail.slice(0, 200)}`);
    lines.push(`       input: ${f.label.slice(0, 160)} (from ${f.seed}) -> ${f.file}`);
  }
  return lines;
}
