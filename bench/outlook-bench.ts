/**
 * `npm run bench:outlook`: a whole Outlook backfill (delta sync of Inbox and Sent Items, calendar delta, the
 * assessment reading each conversation the user wrote in once) through the real Graph client and the default pacing,
 * against the fake Graph in its own process throttling like Outlook, on two mailbox shapes and two databases, each
 * case in a fresh process of its own (its peak RSS includes the embedded database on PGlite). Reports requests
 * (every attempt, 429s included) against the lower bound (delta pages of `pageSize` per folder and for the calendar
 * + one conversation query per conversation the user wrote in within the look-back), wall time against the time the
 * fake's request budget alone imposes on that bound, and peak RSS.
 *   node dist/bench/outlook-bench.js [--shapes generated:10000,real-inbox:22000] [--databases pglite,postgres]
 *     [--budget-requests 150 --budget-window-ms 10000] [--postgres URL] [--node-flags="..."]
 *   (no node flags by default: a case re-runs itself with the flags `rapport start` gives itself on its database,
 *   src/cli/embedded-flags.ts)
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { reexecWithEmbeddedFlags } from "../src/cli/embedded-flags.js";
import type { OutlookProvider } from "../src/providers/outlook/outlook-provider.js";
import { openBenchDatabase, peakRssMb, runBackfill, spawnCase, startFake } from "./backfill-run.js";

const { values } = parseArgs({
  options: {
    shapes: { type: "string", default: "generated:10000,real-inbox:22000" },
    databases: { type: "string", default: "pglite,postgres" },
    "budget-requests": { type: "string", default: "150" },
    "budget-window-ms": { type: "string", default: "10000" },
    postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    "node-flags": { type: "string", default: "" },
    case: { type: "string" },
  },
});
const PAGE_SIZE = 100;
const FAKE = path.resolve(import.meta.dirname, "../sandbox/fake-graph/main.js");
const budget = { requests: Number(values["budget-requests"]), windowMs: Number(values["budget-window-ms"]) };

interface FakeInfo {
  url: string;
  graphUrl: string;
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  owner: { name: string; address: string };
  now: string;
  tokens: { accessToken: string; refreshToken: string; expiresIn: number };
  counts: { inbox: number; sent: number; events: number; userConversations: number };
}

async function runCase(shape: string, size: number, database: string): Promise<void> {
  const fake = await startFake<FakeInfo>(FAKE, [
    ...["--seed", "bench", "--shape", shape, "--size", String(size)],
    ...["--budget-requests", String(budget.requests), "--budget-window-ms", String(budget.windowMs)],
  ]);
  const db = await openBenchDatabase(database === "postgres" ? values.postgres : null);
  try {
    const { info } = fake;
    const result = await runBackfill(
      db,
      {
        MICROSOFT_CLIENT_ID: info.clientId,
        MICROSOFT_CLIENT_SECRET: info.clientSecret,
        MICROSOFT_GRAPH_URL: info.graphUrl,
        MICROSOFT_LOGIN_URL: info.loginUrl,
      },
      {
        provider: "outlook",
        address: info.owner.address,
        name: info.owner.name,
        tokens: {
          accessToken: info.tokens.accessToken,
          refreshToken: info.tokens.refreshToken,
          expiresAt: Date.now() + info.tokens.expiresIn * 1000,
          scope: null,
        },
      },
      new Date(info.now),
    );
    const provider = result.provider as OutlookProvider;
    const pages = (n: number) => Math.ceil(n / PAGE_SIZE);
    const { inbox, sent, events, userConversations } = info.counts;
    const bound = pages(inbox) + pages(sent) + pages(events) + userConversations;
    const budgetBound = bound / (budget.requests / (budget.windowMs / 1000));
    const row = {
      shape,
      database: db.label,
      messages: inbox + sent,
      "user conversations": userConversations,
      "messages stored": result.messages,
      assessed: result.assessed,
      informational: result.informational,
      requests: provider.requestCount,
      "lower bound": bound,
      "requests vs bound": +(provider.requestCount / bound).toFixed(3),
      "wall s": +result.seconds.toFixed(1),
      "of which sync s": +result.syncSeconds.toFixed(1),
      "CPU s": +result.cpuSeconds.toFixed(1),
      "budget-bound s": +budgetBound.toFixed(1),
      "wall vs budget-bound": +(result.seconds / budgetBound).toFixed(3),
      refusals: provider.session.pacer.stats.refusals,
      "peak RSS MB": peakRssMb(),
      "node flags": process.execArgv.join(" ") || "none",
    };
    process.stdout.write(`${JSON.stringify(row)}\n`);
  } finally {
    await db.handle.close();
    await db.drop();
    fake.stop();
  }
}

function benchCase(spec: string): Promise<Record<string, unknown>> {
  return spawnCase(values["node-flags"], spec, [
    "--postgres",
    values.postgres,
    "--budget-requests",
    String(budget.requests),
    "--budget-window-ms",
    String(budget.windowMs),
  ]);
}

if (values.case) {
  const [shape = "generated", size = "10000", database = "pglite"] = values.case.split(":");
  // The case runs as the worker would: with the V8 flags `rapport start` gives itself on that database.
  if (database === "postgres") process.env.DATABASE_URL = values.postgres;
  reexecWithEmbeddedFlags(process.argv, "start");
  await runCase(shape, Number(size), database);
} else {
  const rows = [];
  for (const shape of values.shapes.split(",")) {
    for (const database of values.databases.split(",")) rows.push(await benchCase(`${shape}:${database}`));
  }
  process.stdout.write(
    `Outlook backfill, fake Graph allowing ${budget.requests} requests per ${budget.windowMs / 1000} s and 4 at once, default pacing, node flags ${values["node-flags"] || "none"} (each case: the worker's own, in the "node flags" column)\n`,
  );
  console.table(rows);
  process.stdout.write("targets: requests <= 1.10x lower bound, wall <= 1.20x budget-bound, peak RSS <= 250 MB\n");
}
