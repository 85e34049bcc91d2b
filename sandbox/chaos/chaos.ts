/**
 * The chaos suite: `rapport` (the real CLI, in its own process) SIGKILLed at chosen points across sync, assessment,
 * drafting and the digest, on the fake Gmail and the fake Graph, on PGlite and on Postgres, with slow answers and two
 * workers at once; restarted each time; then settled and checked against a world that was never disturbed:
 * 0 duplicate drafts or digests, 0 missing, and no sync cursor ever behind where it stood before a kill.
 */
import { spawn } from "node:child_process";
import { RETRY_AFTER_MAX_ATTEMPTS_MS } from "../../src/db/draft-ledger.js";
import { CLAIM_LEASE_MS } from "../../src/domain/time-budget.js";
import { createRandom, type Random } from "../random.js";
import { type KillPlan, type LifeMode, type LifeResult, refusedAsBusy, runLife } from "./lives.js";
import { PHASES, type Phase } from "./phases.js";
import { behind, mailPosition } from "./positions.js";
import { createWorld, type DatabaseKind, type ProviderKind, readCursors, readLedgers, type World } from "./world.js";

export interface WorldPlan {
  provider: ProviderKind;
  database: DatabaseKind;
  mode: LifeMode;
}

export interface ChaosOptions {
  /** dist/src/cli/main.js */
  cli: string;
  postgresUrl: string | null;
  worlds: WorldPlan[];
  killsPerWorld: number;
  maxLivesPerWorld: number;
  /** How late a slow answer comes (slow mode). */
  slowMs: number;
  gmailAccounts: number;
  seed: string;
  log?: (line: string) => void;
}

export interface WorldFigures {
  plan: WorldPlan;
  lives: number;
  kills: number;
  killsByPhase: Record<Phase, number>;
  slowAnswers: number;
  busyRefusals: number;
  expectedDrafts: number;
  expectedDigests: number;
  duplicateDrafts: number;
  missingDrafts: number;
  duplicateDigests: number;
  missingDigests: number;
  cursorRegressions: number;
  unexpectedFailures: string[];
  /** What was duplicated or missing, one line each (empty when all is well). */
  findings: string[];
  seconds: number;
}

const emptyPhases = () => Object.fromEntries(PHASES.map((p) => [p, 0])) as Record<Phase, number>;

/** Runs `rapport` to its end, unkilled (the control world, and the settling runs). */
function runToEnd(cli: string, world: World, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? "", ...world.env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr = (stderr + String(d)).slice(-4000);
    });
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

/**
 * When the settling runs happen, in the world's own time: later than any claim a killed process left (its lease) and
 * than the hourly retry of a row that failed too often, the same for the control world and the disturbed one.
 */
const SETTLE_AFTER_MS = RETRY_AFTER_MAX_ATTEMPTS_MS + CLAIM_LEASE_MS + 60_000;

/** Two runs "later" (--now): the first settles what is left, the second must find nothing to do. */
async function settle(cli: string, world: World): Promise<string[]> {
  const later = new Date(world.createdAt.getTime() + SETTLE_AFTER_MS).toISOString();
  const failures: string[] = [];
  for (let i = 0; i < 2; i++) {
    const run = await runToEnd(cli, world, ["run", "--once", "--now", later]);
    if (run.code !== 0) failures.push(`settling run: ${run.stderr.trim().split("\n").at(-1)}`);
  }
  return failures;
}

type Ledger = Awaited<ReturnType<typeof readLedgers>>;
const draftKey = (d: Ledger["drafts"][number]) => `${d.address}|${d.kind}|${d.to_address}`;

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/** The undisturbed world: what every chaos world of the same seed must end with, and its request counts. */
async function control(options: ChaosOptions, plan: WorldPlan, seed: string) {
  const world = await createWorld({ ...plan, postgresUrl: options.postgresUrl, accounts: options.gmailAccounts, seed });
  try {
    const life = await runLife(options.cli, world, null, "plain", createRandom(seed), 0);
    if (life.exits.some((e) => e.code !== 0)) throw new Error(`the control run failed: ${life.exits[0]?.stderr}`);
    const failures = await settle(options.cli, world);
    if (failures.length > 0) throw new Error(`the control world did not settle: ${failures[0]}`);
    const ledger = await readLedgers(world);
    return {
      seen: life.seen,
      drafts: countBy(
        ledger.drafts.filter((d) => d.state === "created"),
        draftKey,
      ),
    };
  } finally {
    await world.close();
  }
}

/** A kill in the phase this world has been killed in least so far (of those with work left), at a random request. */
function choosePlan(random: Random, bounds: Record<Phase, number>, done: Record<Phase, number>): KillPlan | null {
  const phases = PHASES.filter((p) => bounds[p] > 0);
  if (phases.length === 0) return null;
  const least = Math.min(...phases.map((p) => done[p]));
  const phase = random.pick(phases.filter((p) => done[p] === least));
  return { phase, nth: random.int(1, bounds[phase]), when: random.pick(["before", "after", "soon"] as const) };
}

/** Cursor positions before a life, compared with after: any step back is counted. */
async function cursorSnapshot(world: World) {
  const rows = await readCursors(world);
  return new Map(
    rows
      .filter((r) => r.resource === "mail")
      .map((r) => [
        r.account_id,
        { position: mailPosition(world.options.provider, r.cursor), version: r.cursor_version },
      ]),
  );
}

async function regressions(world: World, before: Awaited<ReturnType<typeof cursorSnapshot>>): Promise<number> {
  const after = await cursorSnapshot(world);
  let n = 0;
  for (const [account, was] of before) {
    const now = after.get(account);
    if (!now || now.version < was.version || behind(now.position, was.position)) n++;
  }
  return n;
}

/** Long because it is the whole life cycle of one world, in order: control, lives, settling, checks. */
export async function runWorld(options: ChaosOptions, plan: WorldPlan, index: number): Promise<WorldFigures> {
  const started = performance.now();
  const seed = `${options.seed}-${index}`;
  const random = createRandom(`${seed}-kills`);
  const expected = await control(options, plan, seed);
  const world = await createWorld({ ...plan, postgresUrl: options.postgresUrl, accounts: options.gmailAccounts, seed });
  const figures: WorldFigures = {
    plan,
    lives: 0,
    kills: 0,
    killsByPhase: emptyPhases(),
    slowAnswers: 0,
    busyRefusals: 0,
    expectedDrafts: [...expected.drafts.values()].reduce((a, b) => a + b, 0),
    expectedDigests: world.addresses.length,
    duplicateDrafts: 0,
    missingDrafts: 0,
    duplicateDigests: 0,
    missingDigests: 0,
    cursorRegressions: 0,
    unexpectedFailures: [],
    findings: [],
    seconds: 0,
  };
  try {
    let last: LifeResult | null = null;
    while (figures.kills < options.killsPerWorld && figures.lives < options.maxLivesPerWorld) {
      const bounds = last && !last.killed ? last.seen : expected.seen;
      const kill = choosePlan(random, bounds, figures.killsByPhase);
      if (!kill) break;
      const before = await cursorSnapshot(world);
      last = await runLife(options.cli, world, kill, plan.mode, random, options.slowMs);
      figures.lives += 1;
      figures.slowAnswers += last.slowAnswers;
      if (last.killed) {
        figures.kills += 1;
        figures.killsByPhase[last.killed.phase] += 1;
      }
      for (const exit of last.exits) {
        if (refusedAsBusy(exit)) figures.busyRefusals += 1;
        else if (exit.code !== 0) figures.unexpectedFailures.push(exit.stderr.trim().split("\n").at(-1) ?? "");
      }
      figures.cursorRegressions += await regressions(world, before);
      options.log?.(
        `  life ${figures.lives}: ${last.killed ? `killed in ${last.killed.phase} (${last.killed.when})` : "ran to its end"}`,
      );
    }
    await settleAndCheck(options, world, expected.drafts, figures);
  } finally {
    await world.close();
  }
  figures.seconds = Math.round((performance.now() - started) / 1000);
  return figures;
}

/** Settles the world, then compares its ledgers and the provider's drafts and digests with the control's. */
async function settleAndCheck(
  options: ChaosOptions,
  world: World,
  expected: Map<string, number>,
  figures: WorldFigures,
): Promise<void> {
  const before = await cursorSnapshot(world);
  figures.unexpectedFailures.push(...(await settle(options.cli, world)));
  figures.cursorRegressions += await regressions(world, before);
  const ledger = await readLedgers(world);
  const created = ledger.drafts.filter((d) => d.state === "created");
  const got = countBy(created, draftKey);
  const states = ledger.drafts.map((d) => `${draftKey(d)} ${d.state}`).join("; ");
  for (const [key, n] of expected) {
    const missing = Math.max(0, n - (got.get(key) ?? 0));
    figures.missingDrafts += missing;
    if (missing > 0) figures.findings.push(`missing draft ${key} (ledger: ${states})`);
  }
  for (const [key, n] of got) {
    const extra = Math.max(0, n - (expected.get(key) ?? 0));
    figures.duplicateDrafts += extra;
    if (extra > 0) figures.findings.push(`extra draft ${key}`);
  }
  // The provider's side: one draft per ledger row, found by the marker it carries.
  const markers = countBy(world.providerDrafts(), (d) => d.marker ?? "(none)");
  for (const d of created) {
    const n = markers.get(`${d.account_id}.${d.id}`) ?? 0;
    if (n !== 1) figures.findings.push(`ledger row ${d.account_id}.${d.id} has ${n} drafts at the provider`);
    if (n === 0) figures.missingDrafts += 1;
    if (n > 1) figures.duplicateDrafts += n - 1;
  }
  const known = new Set(ledger.drafts.map((d) => `${d.account_id}.${d.id}`));
  for (const [marker, n] of markers) {
    if (known.has(marker)) continue;
    figures.duplicateDrafts += n;
    figures.findings.push(`provider draft ${marker} has no ledger row`);
  }
  for (const [address, n] of world.providerDigests()) {
    if (n !== 1) figures.findings.push(`${address} received ${n} digests`);
    if (n > 1) figures.duplicateDigests += n - 1;
    if (n < 1) figures.missingDigests += 1;
    if (!ledger.digests.some((g) => g.address === address && g.state === "sent")) figures.missingDigests += 1;
  }
}

export async function runChaos(options: ChaosOptions): Promise<WorldFigures[]> {
  const figures: WorldFigures[] = [];
  for (const [i, plan] of options.worlds.entries()) {
    options.log?.(`world ${i + 1}/${options.worlds.length}: ${plan.provider} on ${plan.database}, ${plan.mode}`);
    figures.push(await runWorld(options, plan, i));
  }
  return figures;
}
