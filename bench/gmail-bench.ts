/**
 * `npm run bench:gmail`: backfills generated mailboxes of 10,000 and 50,000 messages from the fake Google (run
 * in its own process, so this process's RSS is the adapter's) and reports quota units per message against the
 * lower bound (one threads.get per thread the user wrote in + list pages), wall time against the time the
 * quota alone imposes, and peak RSS. Pages are counted and dropped: the database side is the worker's.
 *   node --max-semi-space-size=16 dist/bench/gmail-bench.js [--sizes 10000,50000] [--units-per-minute 120000]
 *     [--error-rate 0] [--concurrency 8]
 * The live heap stays under ~90 MB; without the semi-space cap Node 24 grows its young generation to fit the
 * HTTP client's allocation rate and RSS peaks near 280 MB at 50,000 messages. The worker should run with it too.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { GmailProvider } from "../src/providers/gmail/gmail-provider.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,50000" },
    "units-per-minute": { type: "string", default: "120000" },
    "error-rate": { type: "string", default: "0" },
    concurrency: { type: "string", default: "8" },
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
  now: string;
  tokens: { accessToken: string; refreshToken: string; expiresIn: number };
  window: { messages: number; sentMessages: number; threads: number };
  lowerBoundUnits: number;
}

async function runOne(size: number): Promise<Record<string, string | number>> {
  const child = spawn(
    process.execPath,
    [
      FAKE,
      "--seed",
      `bench-${size}`,
      "--size",
      String(size),
      "--units-per-minute",
      String(unitsPerMinute),
      "--error-rate",
      values["error-rate"],
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`fake exited with ${code}`)));
    });
    const info = JSON.parse(line) as FakeInfo;
    const provider = new GmailProvider({
      endpoints: {
        clientId: info.clientId,
        clientSecret: info.clientSecret,
        apiRootUrl: info.url,
        authUrl: info.authUrl,
        tokenUrl: info.tokenUrl,
      },
      tokens: {
        accessToken: info.tokens.accessToken,
        refreshToken: info.tokens.refreshToken,
        expiresAt: Date.now() + info.tokens.expiresIn * 1000,
        scope: null,
      },
      unitsPerMinute,
      concurrency: Number(values.concurrency),
    });
    const now = new Date(info.now);
    const options = {
      since: new Date(now.getTime() - 365 * 86_400_000),
      until: now,
      signal: new AbortController().signal,
    };
    const seen = new Set<string>();
    const started = performance.now();
    for await (const page of provider.syncMail(null, options)) {
      for (const m of page.upserts) if (m.providerId) seen.add(m.providerId);
    }
    const seconds = (performance.now() - started) / 1000;
    const quotaBoundSeconds = info.lowerBoundUnits / (unitsPerMinute / 60);
    return {
      messages: size,
      "threads synced": info.window.threads,
      "messages synced": seen.size,
      units: provider.unitsSpent,
      "units/message": +(provider.unitsSpent / seen.size).toFixed(2),
      "units vs lower bound": +(provider.unitsSpent / info.lowerBoundUnits).toFixed(3),
      "wall s": +seconds.toFixed(1),
      "quota-bound s": +quotaBoundSeconds.toFixed(1),
      "wall vs quota-bound": +(seconds / quotaBoundSeconds).toFixed(3),
      retries: provider.retries,
      "peak RSS MB": Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    child.kill("SIGTERM");
  }
}

const rows = [];
for (const size of values.sizes.split(",").map(Number)) rows.push(await runOne(size));
process.stdout.write(`Gmail backfill, ${unitsPerMinute} units/min per user, error rate ${values["error-rate"]}\n`);
console.table(rows);
process.stdout.write("targets: units <= 1.2x lower bound, wall <= 1.2x quota-bound, peak RSS <= 250 MB\n");
