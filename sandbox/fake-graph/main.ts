/**
 * Runs the fake Graph on its own, for the demo, browser tests and the bench. Prints one JSON line on stdout
 * (URLs, client credentials, a ready token pair, mailbox counts) and serves until SIGINT/SIGTERM.
 *   node dist/sandbox/fake-graph/main.js [--seed S] [--shape generated|real-inbox] [--size N] [--port P] [--fault-rate R]
 *     [--budget-requests N --budget-window-ms MS] [--latency-ms MS] [--retry-after S] [--time-zone Z]
 * Point Rapport at it with MICROSOFT_GRAPH_URL=<graphUrl> MICROSOFT_LOGIN_URL=<url>
 * MICROSOFT_CLIENT_ID=<clientId> MICROSOFT_CLIENT_SECRET=<clientSecret>; its authorize page redirects straight
 * back with a code, so `rapport connect outlook` completes in a browser (or with curl -L).
 */
import { parseArgs } from "node:util";
import { DEFAULT_SCENARIO_NOW, generateMailbox } from "../mailbox-generator.js";
import { generateRealInbox } from "../real-inbox-generator.js";
import { startFakeGraph } from "./server.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "demo" },
    /** generated (the default generator) or real-inbox (sandbox/real-inbox-generator.ts; --size is its total). */
    shape: { type: "string", default: "generated" },
    size: { type: "string", default: "500" },
    port: { type: "string", default: "0" },
    "fault-rate": { type: "string", default: "0" },
    "budget-requests": { type: "string" },
    "budget-window-ms": { type: "string", default: "600000" },
    "latency-ms": { type: "string", default: "0" },
    "retry-after": { type: "string", default: "1" },
    "time-zone": { type: "string" },
    now: { type: "string" },
  },
});

const now = values.now ? new Date(values.now) : undefined;
const mailbox =
  values.shape === "real-inbox"
    ? generateRealInbox({ seed: values.seed, size: Number(values.size), ...(now ? { now } : {}) })
    : generateMailbox({
        seed: values.seed,
        size: Number(values.size),
        ...(now ? { now } : {}),
        ...(values["time-zone"] ? { timeZone: values["time-zone"] } : {}),
      });
const faultRate = Number(values["fault-rate"]);
const fake = await startFakeGraph({
  mailbox,
  port: Number(values.port),
  faults: faultRate > 0 ? { rate: faultRate, seed: values.seed } : null,
  budget: values["budget-requests"]
    ? { requests: Number(values["budget-requests"]), windowMs: Number(values["budget-window-ms"]) }
    : null,
  latencyMs: Number(values["latency-ms"]),
  retryAfterSeconds: Number(values["retry-after"]),
});
const tokens = fake.state.issueTokens();
const count = (folder: "inbox" | "sentitems") => fake.state.store.folderMessages(folder).length;
// Conversations the user wrote in within a year of now: what a backfill must read in full (one query each).
const since = (now ?? DEFAULT_SCENARIO_NOW).getTime() - 365 * 86_400_000;
const userConversations = new Set(
  fake.state.store
    .folderMessages("sentitems")
    .filter((m) => m.sentAt.getTime() >= since)
    .map((m) => m.conversationId),
).size;
process.stdout.write(
  `${JSON.stringify({
    url: fake.url,
    graphUrl: fake.graphUrl,
    loginUrl: fake.url,
    clientId: fake.state.identity.clientId,
    clientSecret: fake.state.identity.clientSecret,
    owner: mailbox.owner,
    now: (now ?? DEFAULT_SCENARIO_NOW).toISOString(),
    tokens: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expires_in },
    counts: {
      inbox: count("inbox"),
      sent: count("sentitems"),
      events: fake.state.store.events.size,
      userConversations,
    },
  })}\n`,
);

const stop = () => {
  void fake.close();
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
