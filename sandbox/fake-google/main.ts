#!/usr/bin/env node
/**
 * Runs the fake Google on its own, for the sandbox demo, browser tests and the bench:
 *   node dist/sandbox/fake-google/main.js [--seed S] [--shape generated|real-inbox] [--size N] [--port P] [--units-per-minute U]
 *     [--error-rate R] [--consent-page] [--lookback-days D]
 * Prints one JSON line on stdout (url, OAuth endpoints and client, the owner, ready-made tokens, and the backfill
 * lower bound for the look-back window), then serves until SIGINT/SIGTERM.
 */
import { parseArgs } from "node:util";
import { DEFAULT_SCENARIO_NOW, generateMailbox } from "../mailbox-generator.js";
import { generateRealInbox } from "../real-inbox-generator.js";
import { startFakeGoogle } from "./server.js";

const { values } = parseArgs({
  options: {
    seed: { type: "string", default: "demo" },
    /** generated (the default generator) or real-inbox (sandbox/real-inbox-generator.ts; --size is its total). */
    shape: { type: "string", default: "generated" },
    size: { type: "string", default: "2000" },
    port: { type: "string", default: "0" },
    "units-per-minute": { type: "string", default: "15000" },
    "error-rate": { type: "string", default: "0" },
    "consent-page": { type: "boolean", default: false },
    "lookback-days": { type: "string", default: "365" },
  },
});

const mailbox =
  values.shape === "real-inbox"
    ? generateRealInbox({ seed: values.seed, size: Number(values.size) })
    : generateMailbox({ seed: values.seed, size: Number(values.size) });
const fake = await startFakeGoogle({
  mailbox,
  port: Number(values.port),
  quota: { unitsPerMinute: Number(values["units-per-minute"]) },
  faults: { errorRate: Number(values["error-rate"]) },
  consentPage: values["consent-page"],
});

// What a perfect backfill of the window costs: one threads.get per thread the user wrote in, plus list pages.
const since = DEFAULT_SCENARIO_NOW.getTime() - Number(values["lookback-days"]) * 86_400_000;
const sent = [...fake.state.gmail.messages.values()].filter(
  (m) => m.labelIds.includes("SENT") && m.internalDate > since,
);
const threads = new Set(sent.map((m) => m.threadId));
const tokens = fake.issueTokens();
process.stdout.write(
  `${JSON.stringify({
    url: fake.url,
    authUrl: fake.authUrl,
    tokenUrl: fake.tokenUrl,
    clientId: fake.oauth.clientId,
    clientSecret: fake.oauth.clientSecret,
    owner: mailbox.owner,
    now: DEFAULT_SCENARIO_NOW.toISOString(),
    tokens: { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expires_in },
    window: { messages: fake.state.gmail.messages.size, sentMessages: sent.length, threads: threads.size },
    lowerBoundUnits: 10 * threads.size + 5 * Math.ceil(sent.length / 500),
  })}\n`,
);

const stop = () => void fake.close(); // nothing else keeps the process alive
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
