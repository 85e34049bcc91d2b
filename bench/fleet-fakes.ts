/**
 * The fake Google for `npm run bench:fleet`, in a process of its own (so the workers' memory is theirs alone): N
 * small generated mailboxes, one per account, and a count of every API request per account (who asks is read from
 * the fake's own access tokens). Prints one JSON line (endpoints, client, each account's address and tokens), then
 * answers commands on stdin, one JSON line each on stdout:
 *   counts       → { "<address>": { calls, history, first, last } } since the last reset (first/last: epoch ms)
 *   cpu          → { seconds } of CPU this process spent since the last reset
 *   reset        → {}
 *   mail N       → a reply arrives in each of the first N accounts' inboxes: { touched: [addresses] }
 *   node dist/bench/fleet-fakes.js --accounts 1000 --size 40
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { startFakeGoogle } from "../sandbox/fake-google/server.js";
import { generateMailbox } from "../sandbox/mailbox-generator.js";

const { values } = parseArgs({
  options: {
    accounts: { type: "string", default: "1000" },
    size: { type: "string", default: "40" },
    now: { type: "string" },
  },
});
const accounts = Number(values.accounts);
const now = values.now ? new Date(values.now) : new Date();

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
  history: number;
  first: number;
  last: number;
}
let counts = new Map<string, Count>();
let cpuAtReset = process.cpuUsage();

const fake = await startFakeGoogle({
  mailboxes,
  quota: { unitsPerMinute: 15_000 },
  oauth: { accessTokenSeconds: 24 * 3600 },
  intercept: (request) => {
    const who = fake.oauth.userFor(request.authorization) ?? "?";
    const at = Date.now();
    const c = counts.get(who) ?? { calls: 0, history: 0, first: at, last: at };
    c.calls += 1;
    if (request.path.endsWith("/history")) c.history += 1;
    c.last = at;
    counts.set(who, c);
    return undefined;
  },
});

const issued = mailboxes.map((m) => {
  const t = fake.issueTokens(m.owner.address);
  return { address: m.owner.address, name: m.owner.name, timeZone: m.timeZone, ...t };
});
process.stdout.write(
  `${JSON.stringify({
    url: fake.url,
    authUrl: fake.authUrl,
    tokenUrl: fake.tokenUrl,
    clientId: fake.oauth.clientId,
    clientSecret: fake.oauth.clientSecret,
    accounts: issued,
  })}\n`,
);

function newMail(n: number): string[] {
  const touched: string[] = [];
  for (const m of mailboxes.slice(0, n)) {
    const user = fake.user(m.owner.address);
    const sent = [...user.gmail.messages.values()].find((x) => x.labelIds.includes("SENT"));
    if (!sent) continue;
    user.addReply(sent.id, { address: "someone@elsewhere.example", name: "Someone" }, "Thanks, talk soon.");
    touched.push(m.owner.address);
  }
  return touched;
}

for await (const line of createInterface({ input: process.stdin })) {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === "counts") process.stdout.write(`${JSON.stringify(Object.fromEntries(counts))}\n`);
  else if (command === "cpu") {
    const used = process.cpuUsage(cpuAtReset);
    process.stdout.write(`${JSON.stringify({ seconds: (used.user + used.system) / 1e6 })}\n`);
  } else if (command === "reset") {
    counts = new Map();
    cpuAtReset = process.cpuUsage();
    process.stdout.write("{}\n");
  } else if (command === "mail") process.stdout.write(`${JSON.stringify({ touched: newMail(Number(arg)) })}\n`);
}
await fake.close();
