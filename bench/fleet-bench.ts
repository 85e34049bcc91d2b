/**
 * `npm run bench:fleet`: a thousand accounts on one Postgres, one scheduled tick each, on the worker's real path —
 * `rapport start` processes (pg-boss queue, account locks, cycles) against the fake Google, or with `--provider
 * outlook` the fake Graph serving every mailbox from one URL, in a process of its own (bench/fleet-fakes.ts). Set-up connects the accounts and runs their first cycles (backfill, drafts, digest) until
 * they are caught up; then three measured runs, each one tick of every account (the start-up tick):
 *   1. one worker, every account idle: provider calls and database round trips per idle account;
 *   2. one worker, a few accounts with new mail: wall time and peak RSS;
 *   3. three replicas (separate processes) sharing the queue, a few accounts with new mail: which replica processed
 *      which account, and whether any account was processed twice.
 * Provider calls are counted by the fake per account; database round trips by bench/fleet-count.ts inside each worker
 * (Rapport's apart from the queue's). Runs start just after a minute boundary, so no cron tick falls inside one.
 * Each run also reports the CPU time the fake and the Postgres server spent in it (the server's when it runs on this
 * machine and /proc shows it: every client's work, other users' included), so designs can be compared on a machine
 * whose load varies.
 *   node dist/bench/fleet-bench.js [--provider gmail|outlook] [--accounts 1000] [--active 10] [--replicas 3] [--concurrency 16] [--size 40]
 *     [--database-url postgres://postgres@127.0.0.1:5432/test] [--runs idle,mail,replicas]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface, type Interface } from "node:readline";
import { parseArgs } from "node:util";
import pg from "pg";
import { createContext } from "../src/app/compose.js";
import { makeConfig } from "../src/config.js";
import type { AppContext } from "../src/context.js";
import { upsertAccount } from "../src/db/accounts.js";
import { runAccountCycle } from "../src/jobs/run-cycle.js";
import { silentLogger } from "../src/logger.js";

const { values } = parseArgs({
  options: {
    /** Whose accounts the fleet is: gmail (the fake Google) or outlook (the fake Graph). */
    provider: { type: "string", default: "gmail" },
    accounts: { type: "string", default: "1000" },
    active: { type: "string", default: "10" },
    replicas: { type: "string", default: "3" },
    concurrency: { type: "string", default: "16" },
    size: { type: "string", default: "40" },
    "database-url": { type: "string", default: "postgres://postgres@127.0.0.1:5432/test" },
    /** A folder: the workers write V8 CPU profiles there. */
    "cpu-prof": { type: "string" },
    /** Which of the three runs to make. */
    runs: { type: "string", default: "idle,mail,replicas" },
    /** Other builds' dist/ folders (comma-separated: earlier commits): the idle run is made with each one's too, first. */
    compare: { type: "string" },
  },
});
const ACCOUNTS = Number(values.accounts);
const ACTIVE = Number(values.active);
const DIST = path.resolve(import.meta.dirname, "..");
const CLI = path.join(DIST, "src/cli/main.js");
const COUNTER = path.join(DIST, "bench/fleet-count.js");

interface FakeInfo {
  provider: "gmail" | "outlook";
  /** The variables pointing Rapport at the fake. */
  env: Record<string, string>;
  accounts: { address: string; name: string; timeZone: string; access_token: string; refresh_token?: string }[];
}
type Counts = Record<string, { calls: number; history: number; first: number; last: number }>;

/** The fakes' process: its first line, then one answer line per command. */
class Fakes {
  private constructor(
    private readonly child: ChildProcess,
    private readonly lines: AsyncIterator<string>,
  ) {}
  static async start(): Promise<{ fakes: Fakes; info: FakeInfo }> {
    const script = path.join(DIST, "bench/fleet-fakes.js");
    const args = ["--accounts", String(ACCOUNTS), "--size", values.size, "--provider", values.provider];
    const child = spawn(process.execPath, [script, ...args], { stdio: ["pipe", "pipe", "inherit"] });
    const lines = (createInterface({ input: child.stdout as NonNullable<ChildProcess["stdout"]> }) as Interface)[
      Symbol.asyncIterator
    ]();
    const fakes = new Fakes(child, lines);
    return { fakes, info: JSON.parse(await fakes.next()) as FakeInfo };
  }
  private async next(): Promise<string> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error("the fakes' process ended");
    return value;
  }
  async ask<T>(command: string): Promise<T> {
    this.child.stdin?.write(`${command}\n`);
    return JSON.parse(await this.next()) as T;
  }
  stop(): void {
    this.child.stdin?.end();
    this.child.kill("SIGTERM");
  }
}

function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}

async function admin<R = unknown>(sqlText: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: values["database-url"] });
  await client.connect();
  try {
    return (await client.query(sqlText)).rows as R[];
  } finally {
    await client.end();
  }
}

/** The Postgres server's process (the parent of a backend, read while that backend lives), when on this machine. */
async function postmasterPid(): Promise<number | null> {
  const client = new pg.Client({ connectionString: values["database-url"] });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    const stat = readFileSync(`/proc/${rows[0]?.pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** CPU seconds of the Postgres server so far: its own, its exited backends' (reaped) and its live ones'. */
function serverCpuSeconds(pid: number): number | null {
  const ticks = (p: number, withChildren: boolean) => {
    const stat = readFileSync(`/proc/${p}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14–17 of proc(5) (utime, stime, cutime, cstime); f[0] is field 3.
    const own = Number(f[11]) + Number(f[12]);
    return withChildren ? own + Number(f[13]) + Number(f[14]) : own;
  };
  try {
    let total = ticks(pid, true);
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    for (const child of children) {
      try {
        total += ticks(Number(child), false);
      } catch {
        // exited meanwhile: counted in the parent's cutime once reaped
      }
    }
    return total / 100; // USER_HZ
  } catch {
    return null;
  }
}

/** Runs `fn` over the items, `width` at a time. */
async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++] as T);
    }),
  );
}

/** Connects every account and cycles them until caught up (their drafts written and seen, digests sent). */
async function setUp(ctx: AppContext, info: FakeInfo): Promise<number[]> {
  const ids: number[] = [];
  for (const a of info.accounts) {
    const account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: info.provider,
        address: a.address,
        displayName: a.name,
        timeZone: a.timeZone,
        tokens: {
          accessToken: a.access_token,
          refreshToken: a.refresh_token ?? null,
          expiresAt: Date.now() + 23 * 3600_000,
          scope: null,
        },
      },
      new Date(),
    );
    ids.push(account.id);
  }
  for (let round = 1; round <= 3; round += 1) {
    const started = performance.now();
    let evaluated = 0;
    await pool(ids, 16, async (id) => {
      const r = await runAccountCycle(ctx, id);
      if (r.status !== "ok") throw new Error(`set-up cycle of account ${id}: ${r.status} ${r.reason}`);
      if (r.evaluated) evaluated += 1;
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stderr.write(`set-up round ${round}: ${ids.length} cycles in ${seconds} s, ${evaluated} evaluated\n`);
  }
  return ids;
}

interface Worker {
  child: ChildProcess;
  countFile: string;
  /** account id → times of its "cycle finished" lines, and whether it evaluated. */
  finished: Map<number, { time: number; evaluated: boolean }[]>;
  exited: Promise<void>;
}

function startWorker(env: NodeJS.ProcessEnv, cwd: string, index: number, cli: string): Worker {
  const countFile = path.join(cwd, `count-${index}.json`);
  const child = spawn(process.execPath, ["--import", COUNTER, cli, "start", "--concurrency", values.concurrency], {
    cwd,
    env: { ...env, FLEET_COUNT_FILE: countFile },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const finished = new Map<number, { time: number; evaluated: boolean }[]>();
  createInterface({ input: child.stderr as NonNullable<ChildProcess["stderr"]> }).on("line", (line) => {
    if (!line.startsWith("{")) return process.stderr.write(`worker ${index}: ${line}\n`);
    const entry = JSON.parse(line) as { msg?: string; account?: number; time?: number; evaluated?: boolean };
    if (entry.msg === "cycle finished" && entry.account !== undefined) {
      const list = finished.get(entry.account) ?? [];
      list.push({ time: entry.time ?? Date.now(), evaluated: entry.evaluated ?? false });
      finished.set(entry.account, list);
    } else if (typeof entry.msg === "string" && /fail|error/i.test(entry.msg)) {
      process.stderr.write(`worker ${index}: ${line.slice(0, 300)}\n`);
    }
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, countFile, finished, exited };
}

/**
 * Waits for the next minute to begin: a run has the minute to itself (no cron tick falls inside it), and its start-up
 * tick is not the previous run's minute (scheduled ticks queue each account once a minute, whichever replica asks).
 */
async function nextMinute(): Promise<void> {
  const now = new Date();
  await new Promise((r) => setTimeout(r, (60 - now.getSeconds()) * 1000 - now.getMilliseconds() + 500));
}

interface RunResult {
  label: string;
  workers: number;
  wallSeconds: number;
  callsPerAccount: { mean: number; max: number; idleMean: number; idleMax: number };
  appQueriesPerAccount: number;
  queueQueriesPerAccount: number;
  peakRssMb: number[];
  /** CPU seconds of each worker process, start-up and shutdown included. */
  cpuSeconds: number[];
  /** CPU seconds of the fake provider, and of the Postgres server (null when not visible), during the run. */
  fakeCpuSeconds: number;
  serverCpuSeconds: number | null;
  evaluated: number;
  /** Seconds from the first request until 10%, 50%, 90% and all of the accounts had finished their cycle. */
  finishedBySecond: number[];
  perWorker: number[];
  processedTwice: number;
  historyTwice: number;
}

function finishQuantiles(workers: Worker[], first: number): number[] {
  const times = workers
    .flatMap((w) => [...w.finished.values()].map((list) => list[0]?.time ?? first))
    .sort((a, b) => a - b);
  const at = (q: number) => Math.round(((times[Math.ceil(q * times.length) - 1] ?? first) - first) / 100) / 10;
  return [0.1, 0.5, 0.9, 1].map(at);
}

/** One tick of every account on `replicas` workers; stops them once every account has finished its cycle. */
async function measure(
  label: string,
  replicas: number,
  fakes: Fakes,
  env: NodeJS.ProcessEnv,
  active: Set<string>,
  cli = CLI,
) {
  const cwd = await mkdtemp(path.join(tmpdir(), "rapport-fleet-"));
  await nextMinute();
  await fakes.ask("reset");
  const serverBefore = server === null ? null : serverCpuSeconds(server);
  const workers = Array.from({ length: replicas }, (_, i) => startWorker(env, cwd, i, cli));
  const deadline = Date.now() + 300_000;
  const done = () => new Set(workers.flatMap((w) => [...w.finished.keys()])).size;
  while (done() < ACCOUNTS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  const counts = await fakes.ask<Counts>("counts");
  for (const w of workers) w.child.kill("SIGTERM");
  await Promise.all(workers.map((w) => w.exited));
  const fakeCpu = await fakes.ask<{ seconds: number }>("cpu");
  // The workers' backends exit with them; give the server a moment to reap them.
  await new Promise((r) => setTimeout(r, 500));
  const serverAfter = server === null ? null : serverCpuSeconds(server);
  const files = await Promise.all(
    workers.map(async (w) => JSON.parse(await readFile(w.countFile, "utf8")) as Record<string, number>),
  );
  await rm(cwd, { recursive: true, force: true });
  const perAccount = new Map<number, number>();
  let last = 0;
  let evaluated = 0;
  for (const w of workers)
    for (const [id, list] of w.finished) {
      perAccount.set(id, (perAccount.get(id) ?? 0) + list.length);
      for (const f of list) {
        last = Math.max(last, f.time);
        if (f.evaluated) evaluated += 1;
      }
    }
  const entries = Object.entries(counts).filter(([who]) => who !== "?");
  const first = Math.min(...entries.map(([, c]) => c.first));
  const calls = entries.map(([, c]) => c.calls);
  const idle = entries.filter(([who]) => !active.has(who)).map(([, c]) => c.calls);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const result: RunResult = {
    label,
    workers: replicas,
    wallSeconds: (last - first) / 1000,
    callsPerAccount: {
      mean: sum(calls) / ACCOUNTS,
      max: Math.max(...calls),
      idleMean: sum(idle) / Math.max(1, idle.length),
      idleMax: Math.max(...idle),
    },
    appQueriesPerAccount: sum(files.map((f) => f.app ?? 0)) / ACCOUNTS,
    queueQueriesPerAccount: sum(files.map((f) => f.queue ?? 0)) / ACCOUNTS,
    peakRssMb: files.map((f) => Math.round((f.maxRssKb ?? 0) / 1024)),
    cpuSeconds: files.map((f) => Math.round((f.cpuSeconds ?? 0) * 10) / 10),
    fakeCpuSeconds: Math.round(fakeCpu.seconds * 10) / 10,
    serverCpuSeconds:
      serverBefore === null || serverAfter === null ? null : Math.round((serverAfter - serverBefore) * 10) / 10,
    evaluated,
    perWorker: workers.map((w) => w.finished.size),
    finishedBySecond: finishQuantiles(workers, first),
    processedTwice: [...perAccount.values()].filter((n) => n > 1).length,
    historyTwice: entries.filter(([, c]) => c.history > 1).length,
  };
  process.stderr.write(`${label}: ${JSON.stringify(result)}\n`);
  return result;
}

function table(results: RunResult[]): string {
  const rows = results.map((r) =>
    [
      r.label,
      r.wallSeconds.toFixed(1),
      `${r.callsPerAccount.idleMean.toFixed(2)} (max ${r.callsPerAccount.idleMax})`,
      r.appQueriesPerAccount.toFixed(2),
      r.queueQueriesPerAccount.toFixed(2),
      r.peakRssMb.join(" / "),
      r.cpuSeconds.join(" / "),
      `${r.fakeCpuSeconds} / ${r.serverCpuSeconds ?? "?"}`,
      r.perWorker.join(" / "),
      `${r.processedTwice} (fake: ${r.historyTwice})`,
    ].join(" | "),
  );
  return [
    "run | wall s | provider calls per idle account | app queries per account | queue queries per account | peak RSS MB | worker CPU s | fake / Postgres CPU s | accounts per worker | processed twice",
    ...rows,
  ].join("\n");
}

const runs = new Set(values.runs.split(","));
const server = await postmasterPid();
const { fakes, info } = await Fakes.start();
const schema = `fleet_${randomBytes(4).toString("hex")}`;
await admin(`CREATE SCHEMA ${schema}`);
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATABASE_URL: withSearchPath(values["database-url"], schema),
  // As the Docker image runs the worker (Dockerfile): a small young generation.
  NODE_OPTIONS: [
    "--max-semi-space-size=16",
    ...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(values["cpu-prof"])}`] : []),
  ].join(" "),
  RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
  RAPPORT_LOG_LEVEL: "info",
  RAPPORT_PORT: "0",
  // One cycle per account per day from the cron: nothing but the start-up tick falls inside a run.
  RAPPORT_SYNC_INTERVAL_MINUTES: "1440",
  ...info.env,
};
const ctx = await createContext(makeConfig(env), { log: silentLogger() });
try {
  await setUp(ctx, info);
  const results: RunResult[] = [];
  for (const dist of values.compare?.split(",") ?? []) {
    const other = path.join(path.resolve(dist), "src/cli/main.js");
    results.push(await measure(`1 worker, all idle (${dist})`, 1, fakes, env, new Set(), other));
  }
  if (runs.has("idle")) results.push(await measure("1 worker, all idle", 1, fakes, env, new Set()));
  if (runs.has("mail")) {
    const some = new Set((await fakes.ask<{ touched: string[] }>(`mail ${ACTIVE}`)).touched);
    results.push(await measure(`1 worker, ${some.size} with new mail`, 1, fakes, env, some));
  }
  if (runs.has("replicas")) {
    const more = new Set((await fakes.ask<{ touched: string[] }>(`mail ${ACTIVE}`)).touched);
    const label = `${values.replicas} workers, ${more.size} with new mail`;
    results.push(await measure(label, Number(values.replicas), fakes, env, more));
  }
  process.stdout.write(`${table(results)}\n`);
  process.stdout.write(
    `${JSON.stringify({ provider: info.provider, accounts: ACCOUNTS, concurrency: Number(values.concurrency), results })}\n`,
  );
} finally {
  await ctx.database.close();
  fakes.stop();
  await admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
}
