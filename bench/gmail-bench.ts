/**
 * `npm run bench:gmail`: a whole Gmail backfill (mail sync with its hand-over to the assessment, calendar sync, the
 * rest of the assessment) through the real googleapis client and the default pacing, against the fake Google in
 * its own process, on two mailbox shapes and two databases, each case in a fresh process of its own so its peak RSS
 * is its own (on PGlite that includes the embedded database). Reports quota units against the lower bound (one
 * threads.get per thread the user wrote in within the look-back + the SENT list pages), wall time against the
 * time the fake's quota alone imposes on that bound, and peak RSS.
 *   node --max-semi-space-size=16 dist/bench/gmail-bench.js [--shapes generated:10000,real-inbox:22000]
 *     [--units-per-minute 20100] [--databases pglite,postgres] [--postgres postgres://postgres@127.0.0.1:5432/postgres]
 *     [--node-flags="..."]  (none by default: a case re-runs itself with the flags `rapport start` gives itself
 *     on its database, src/cli/embedded-flags.ts)
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { reexecWithEmbeddedFlags } from "../src/cli/embedded-flags.js";
import type { GmailProvider } from "../src/providers/gmail/gmail-provider.js";
import { openBenchDatabase, peakRssMb, runBackfill, spawnCase, startFake } from "./backfill-run.js";

const { values } = parseArgs({
  options: {
    shapes: { type: "string", default: "generated:10000,real-inbox:22000" },
    "units-per-minute": { type: "string", default: "20100" },
    databases: { type: "string", default: "pglite,postgres" },
    postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
    /** Node flags of each case's process (see the README: V8's optimising tier and PGlite's WebAssembly). */
    "node-flags": { type: "string", default: "" },
    case: { type: "string" },
  },
});
const unitsPerMinute = Number(values["units-per-minute"]);
const FAKE = path.resolve(import.meta.dirname, "../sandbox/fake-google/main.js");

interface FakeInfo {
  url: string;
  authUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  owner: { name: string; address: string };
  now: string;
  tokens: { accessToken: string; refreshToken: string; expiresIn: number };
  window: { messages: number; sentMessages: number; threads: number };
  lowerBoundUnits: number;
}

/** One case, in this process: prints one JSON line. */
async function runCase(shape: string, size: number, database: string): Promise<void> {
  const fake = await startFake<FakeInfo>(FAKE, [
    ...["--seed", "bench", "--shape", shape, "--size", String(size)],
    ...["--units-per-minute", String(unitsPerMinute)],
  ]);
  const db = await openBenchDatabase(database === "postgres" ? values.postgres : null);
  try {
    const { info } = fake;
    const result = await runBackfill(
      db,
      {
        GOOGLE_CLIENT_ID: info.clientId,
        GOOGLE_CLIENT_SECRET: info.clientSecret,
        GOOGLE_API_ROOT_URL: info.url,
        GOOGLE_OAUTH_AUTH_URL: info.authUrl,
        GOOGLE_OAUTH_TOKEN_URL: info.tokenUrl,
      },
      {
        provider: "gmail",
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
    const provider = result.provider as GmailProvider;
    const quotaBound = info.lowerBoundUnits / (unitsPerMinute / 60);
    const row = {
      shape,
      database: db.label,
      messages: info.window.messages,
      "user threads": info.window.threads,
      "messages stored": result.messages,
      assessed: result.assessed,
      informational: result.informational,
      units: provider.unitsSpent,
      "lower bound": info.lowerBoundUnits,
      "units vs bound": +(provider.unitsSpent / info.lowerBoundUnits).toFixed(3),
      "wall s": +result.seconds.toFixed(1),
      "of which sync s": +result.syncSeconds.toFixed(1),
      "quota-bound s": +quotaBound.toFixed(1),
      "wall vs quota-bound": +(result.seconds / quotaBound).toFixed(3),
      "peak rate": Math.round(provider.pacing.peakRate),
      refusals: provider.pacing.refusals,
      retries: provider.retries,
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
    "--units-per-minute",
    String(unitsPerMinute),
    "--postgres",
    values.postgres,
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
    `Gmail backfill, fake quota ${unitsPerMinute} units/min per user, default pacing, node flags ${values["node-flags"] || "none"} (each case: the worker's own, in the "node flags" column)\n`,
  );
  console.table(rows);
  process.stdout.write("targets: units <= 1.10x lower bound, wall <= 1.20x quota-bound, peak RSS <= 250 MB\n");
}
