/**
 * The fake provider for `npm run bench:fleet`, in a process of its own (so the workers' memory is theirs alone): N
 * small generated mailboxes, one per account, on the fake Google (`--provider gmail`) or on the fake Graph serving
 * them all from one URL (`--provider outlook`), and a count of every API request per account (who asks is read from
 * the fake's own access tokens; bench/fleet-providers.ts). Prints one JSON line (the variables pointing Rapport at the
 * fake, each account's address and tokens), then answers commands on stdin, one JSON line each on stdout:
 *   counts       → { "<address>": { calls, history, first, last } } since the last reset (first/last: epoch ms;
 *                  history: the mail sync rounds the account opened, the most of any one kind of round-opening request)
 *   cpu          → { seconds } of CPU this process spent since the last reset
 *   reset        → {}
 *   mail N       → a reply arrives in each of the first N accounts' inboxes: { touched: [addresses] }
 *   node dist/bench/fleet-fakes.js --accounts 1000 --size 40 [--provider gmail|outlook]
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { generateMailbox } from "../sandbox/mailbox-generator.js";
import { startGoogleFleet, startGraphFleet } from "./fleet-providers.js";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    size: { type: "string", default: "40" },
    provider: { type: "string", default: "gmail" },
    now: { type: "string" },
  },
});
const accounts = Number(values.accounts);
const now = values.now ? new Date(values.now) : new Date();
if (values.provider !== "gmail" && values.provider !== "outlook") throw new Error("--provider: gmail or outlook");

const mailboxes = Array.from({ length: accounts }, (_, i) =>
  generateMailbox({
    seed: `fleet-${i}`,
    size: Number(values.size),
    informationalThreads: 2,
    now,
    spanDays: 60,
    owner: { address: `member${i + 1}@fleet.example`, name: `Member ${i + 1}` },
  }),
);

interface Count {
  calls: number;
  /** Requests that open a mail sync round, by kind. */
  rounds: Record<string, number>;
  first: number;
  last: number;
}
let counts = new Map<string, Count>();
let cpuAtReset = process.cpuUsage();

function tally(who: string, round: string | null): void {
  const at = Date.now();
  const c = counts.get(who) ?? { calls: 0, rounds: {}, first: at, last: at };
  c.calls += 1;
  if (round !== null) c.rounds[round] = (c.rounds[round] ?? 0) + 1;
  c.last = at;
  counts.set(who, c);
}

const fake = await (values.provider === "outlook" ? startGraphFleet : startGoogleFleet)(mailboxes, tally);
process.stdout.write(`${JSON.stringify({ provider: values.provider, env: fake.env, accounts: fake.accounts })}\n`);

function countsLine(): string {
  const entries = [...counts].map(([who, c]) => [
    who,
    { calls: c.calls, history: Math.max(0, ...Object.values(c.rounds)), first: c.first, last: c.last },
  ]);
  return JSON.stringify(Object.fromEntries(entries));
}

for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === "counts") process.stdout.write(`${countsLine()}\n`);
  else if (command === "cpu") {
    const used = process.cpuUsage(cpuAtReset);
    process.stdout.write(`${JSON.stringify({ seconds: (used.user + used.system) / 1e6 })}\n`);
  } else if (command === "reset") {
    counts = new Map();
    cpuAtReset = process.cpuUsage();
    process.stdout.write("{}\n");
  } else if (command === "mail") process.stdout.write(`${JSON.stringify({ touched: fake.newMail(Number(arg)) })}\n`);
}
await fake.close();
