/**
 * What bench:gmail and bench:outlook share: a fake provider in its own process (so this process's RSS is the
 * worker's: adapter, jobs and, on PGlite, the embedded database), a database (PGlite in a temporary data
 * directory, or a fresh Postgres database on the given server), and one backfill as the worker runs it — mail sync
 * (which assesses the threads it read in full), calendar sync, then the assessment of whatever is left — through
 * the composition root's real provider wiring and the default pacing. The backfill runs as the worker runs it: as
 * the cycle job of `rapport start`'s queue (pg-boss, on PGlite in the same embedded database), so the queue's
 * polling, heartbeats and memory are part of what is measured.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { createContext } from "../src/app/compose.js";
import { ManualClock } from "../src/clock.js";
import { makeConfig } from "../src/config.js";
import type { AppContext } from "../src/context.js";
import { upsertAccount } from "../src/db/accounts.js";
import { type DatabaseHandle, openDatabase } from "../src/db/database.js";
import type { Account } from "../src/db/schema.js";
import type { MailProvider, OAuthTokens } from "../src/domain/provider-port.js";
import { assessPendingThreads } from "../src/jobs/assess-threads.js";
import type { CycleReport } from "../src/jobs/run-cycle.js";
import { syncCalendar, syncMail } from "../src/jobs/sync.js";
import { silentLogger } from "../src/logger.js";
import { startWorker } from "../src/worker/worker.js";

export interface FakeProcess<T> {
  info: T;
  stop(): void;
}

/** Starts a fake's main.js with `args`; resolves with the JSON line it prints first. */
export async function startFake<T>(script: string, args: string[]): Promise<FakeProcess<T>> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`fake exited with ${code}`)));
  });
  return { info: JSON.parse(line) as T, stop: () => child.kill("SIGTERM") };
}

export interface BenchDatabase {
  handle: DatabaseHandle;
  /** The Postgres database's URL (the worker's queue joins it); null for PGlite. */
  url: string | null;
  label: string;
  drop(): Promise<void>;
}

/**
 * PGlite in a fresh temporary directory, or a fresh database on the Postgres server at `serverUrl`. The embedded
 * database is created first by `rapport migrate` in a process of its own, as `rapport connect` does before the
 * worker's first backfill: PGlite's initdb runs a second embedded server and peaks near 560 MB once, at creation.
 */
export async function openBenchDatabase(serverUrl: string | null): Promise<BenchDatabase> {
  if (!serverUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), "rapport-bench-"));
    const cli = path.resolve(import.meta.dirname, "../src/cli/main.js");
    const migrate = spawn(process.execPath, [cli, "migrate"], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { PATH: process.env.PATH ?? "", RAPPORT_DATA_DIR: dir, RAPPORT_LOG_LEVEL: "warn" },
    });
    const code = await new Promise<number | null>((resolve) => migrate.once("exit", resolve));
    if (code !== 0) throw new Error(`rapport migrate exited with ${code}`);
    const handle = await openDatabase({ url: null, dataDir: dir });
    return { handle, url: null, label: "PGlite", drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const name = `rapport_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), dataDir: "" });
  return {
    handle,
    url: url.toString(),
    label: "Postgres",
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface BackfillResult {
  seconds: number;
  /** CPU time of this process meanwhile (user + system, every thread: on PGlite the database's work included). */
  cpuSeconds: number;
  /** Of which mail and calendar sync (Gmail: with the assessment of what the sync read). */
  syncSeconds: number;
  messages: number;
  threads: number;
  assessed: number;
  informational: number;
  provider: MailProvider;
}

/** One account's backfill on `database`, at the scenario's `now`, with the given environment (endpoints). */
export async function runBackfill(
  database: BenchDatabase,
  env: Parameters<typeof makeConfig>[0],
  account: { provider: "gmail" | "outlook"; address: string; name: string; tokens: OAuthTokens },
  now: Date,
): Promise<BackfillResult> {
  const config = makeConfig({
    RAPPORT_SECRET_KEY: "b".repeat(64),
    RAPPORT_LOOKBACK_DAYS: "365",
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const controller = new AbortController();
  const ctx: AppContext = await createContext(config, {
    database: database.handle,
    log: silentLogger(),
    clock: new ManualClock(now),
    signal: controller.signal,
  });
  const stored = await upsertAccount(
    ctx.db,
    ctx.sealer,
    {
      provider: account.provider,
      address: account.address,
      displayName: account.name,
      timeZone: "America/Chicago",
      tokens: account.tokens,
    },
    now,
  );
  let result: Promise<BackfillResult> | undefined;
  let ran!: () => void;
  const done = new Promise<void>((resolve) => {
    ran = resolve;
  });
  // The worker's first tick queues the new account; its cycle job is the backfill, run once.
  const worker = await startWorker(ctx, controller, {
    cron: false,
    concurrency: 1,
    runCycle: async (jobCtx, accountId) => {
      result ??= backfill(jobCtx, stored);
      await result.catch(() => undefined).finally(ran);
      return cycleReport(accountId, stored.address);
    },
  });
  await done;
  await worker.stop();
  if (!result) throw new Error("the worker ran no cycle");
  return result;
}

/** What the bench's cycle reports to the queue (the backfill's own figures go back to the bench). */
function cycleReport(accountId: number, address: string): CycleReport {
  const nothing = { mail: null, calendar: null, assessed: null, digest: null };
  return { accountId, address, status: "ok", reason: null, due: 0, drafts: [], ...nothing };
}

async function backfill(ctx: AppContext, stored: Account): Promise<BackfillResult> {
  const provider = ctx.providers(stored);
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const trace = process.env.BENCH_TRACE_MEMORY
    ? setInterval(() => {
        if (process.env.BENCH_TRACE_MEMORY === "gc") (globalThis as { gc?: () => void }).gc?.();
        const m = process.memoryUsage();
        const mb = (n: number) => Math.round(n / 1048576);
        process.stderr.write(
          `${((performance.now() - started) / 1000).toFixed(0)}s rss ${mb(m.rss)} heap ${mb(m.heapUsed)}/${mb(m.heapTotal)} external ${mb(m.external)} buffers ${mb(m.arrayBuffers)}\n`,
        );
      }, 5_000)
    : undefined;
  const mail = await syncMail(ctx, stored, provider);
  const calendar = await syncCalendar(ctx, stored, provider);
  if (mail.outcome !== "ok" || calendar.outcome !== "ok") {
    throw new Error(`backfill did not finish: ${mail.error ?? calendar.error}`);
  }
  const syncSeconds = (performance.now() - started) / 1000;
  const rest = await assessPendingThreads(ctx, stored, provider, mail.unsure);
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(trace);
  const count = async (table: "messages" | "threads") =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("account_id", "=", stored.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    syncSeconds,
    messages: await count("messages"),
    threads: await count("threads"),
    assessed: (mail.assessed?.assessed ?? 0) + rest.assessed,
    informational: (mail.assessed?.informational ?? 0) + rest.informational,
    provider,
  };
}

/**
 * Peak resident set size of this process so far, in MB: the kernel's high-water mark of its memory (VmHWM), which
 * starts again at the in-place re-run with the worker's flags. getrusage's maxRSS, the fallback off Linux, keeps the
 * peak of the process image before that re-run too.
 */
export function peakRssMb(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm?.[1]) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/**
 * Runs one benchmark case in a fresh Node process of this same script (so it has its own peak RSS): `nodeFlags`
 * first, then `--case spec` and `args`; resolves with the JSON row the case prints last.
 */
export function spawnCase(nodeFlags: string, spec: string, args: readonly string[]): Promise<Record<string, unknown>> {
  const flags = nodeFlags.split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...flags, process.argv[1] ?? "", "--case", spec, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}")) : reject(new Error(`${spec}: ${code}`)),
    ),
  );
}
