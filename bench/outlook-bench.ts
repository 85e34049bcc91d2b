/**
 * `npm run bench:outlook`: backfills generated mailboxes of 10,000 and 50,000 messages from the fake Graph (run
 * in its own process, so this process's RSS is the adapter's) and reports requests per message against the lower
 * bound (one delta page per `pageSize` messages per folder, plus the profile), wall time against what Outlook's
 * published limit of 10,000 requests per 10 minutes per mailbox alone imposes, and peak RSS. Pages are counted
 * and dropped: the database side is the worker's.
 *   node dist/bench/outlook-bench.js [--sizes 10000,50000] [--page-size 100] [--fault-rate 0] [--latency-ms 0]
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { OutlookProvider } from "../src/providers/outlook/outlook-provider.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,50000" },
    "page-size": { type: "string", default: "100" },
    "fault-rate": { type: "string", default: "0" },
    "latency-ms": { type: "string", default: "0" },
  },
});
const pageSize = Number(values["page-size"]);
const FAKE = path.resolve(import.meta.dirname, "../sandbox/fake-graph/main.js");
/** Outlook's per app and mailbox limit: 10,000 requests per 10 minutes. */
const REQUESTS_PER_SECOND = 10_000 / 600;

interface FakeInfo {
  graphUrl: string;
  now: string;
  tokens: { accessToken: string; refreshToken: string; expiresIn: number };
  counts: { inbox: number; sent: number };
}

async function runOne(size: number): Promise<Record<string, string | number>> {
  const args = [FAKE, "--seed", `bench-${size}`, "--size", String(size), "--retry-after", "0.05"];
  args.push("--fault-rate", values["fault-rate"], "--latency-ms", values["latency-ms"]);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", (code) => reject(new Error(`fake exited with ${code}`)));
    });
    const info = JSON.parse(line) as FakeInfo;
    const token = info.tokens.accessToken;
    const provider = new OutlookProvider({
      graphUrl: info.graphUrl,
      tokens: { getAccessToken: async () => token },
      pageSize,
    });
    const now = new Date(info.now);
    // The whole generated history (400 days) is inside the window, so every message is synced.
    const options = {
      since: new Date(now.getTime() - 500 * 86_400_000),
      until: now,
      signal: new AbortController().signal,
    };
    const seen = new Set<string>();
    const started = performance.now();
    for await (const page of provider.syncMail(null, options)) {
      for (const m of page.upserts) if (m.providerId) seen.add(m.providerId);
    }
    const seconds = (performance.now() - started) / 1000;
    const lowerBound = Math.ceil(info.counts.inbox / pageSize) + Math.ceil(info.counts.sent / pageSize) + 2;
    const requests = provider.requestCount;
    return {
      messages: size,
      "messages synced": seen.size,
      requests,
      "requests/message": +(requests / seen.size).toFixed(4),
      "requests vs lower bound": +(requests / lowerBound).toFixed(3),
      "wall s": +seconds.toFixed(1),
      "limit-bound s": +(lowerBound / REQUESTS_PER_SECOND).toFixed(1),
      "peak RSS MB": Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    child.kill("SIGTERM");
  }
}

const rows = [];
for (const size of values.sizes.split(",").map(Number)) rows.push(await runOne(size));
process.stdout.write(
  `Outlook backfill (delta, Inbox + Sent Items), page size ${pageSize}, fault rate ${values["fault-rate"]}\n`,
);
console.table(rows);
process.stdout.write(
  "limit-bound s: time Outlook's 10,000 requests / 10 min alone would impose for the lower-bound requests\n",
);
