import { describe, expect, test } from "vitest";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { connect, MailReplica, SCENARIO_NOW, startFake, syncOptions } from "./helpers.js";

const mailbox = generateMailbox({ seed: "outlook-faults", size: 10_000, now: SCENARIO_NOW, spanDays: 300 });

async function backfill(faulty: boolean) {
  const fake = await startFake({
    mailbox,
    faults: faulty ? { rate: 0.2, seed: "faults", replayRate: 0.1 } : null,
    budget: faulty ? { requests: 5, windowMs: 100 } : null,
    latencyMs: faulty ? 1 : 0,
  });
  try {
    // The delta pages alone (conversation reads beside a backfill: outlook-sync.test.ts).
    const { provider } = connect(fake, { pageSize: 100, readConversationsInSync: false });
    const replica = new MailReplica();
    const restarts = await replica.syncResuming(provider, syncOptions());
    // Then an incremental round under the same conditions: a reply and a deletion.
    const sent = fake.state.store.folderMessages("sentitems")[5];
    const doomed = fake.state.store.folderMessages("inbox")[7];
    if (!sent || !doomed) throw new Error("seed too small");
    fake.state.addReply(sent.internetMessageId, { text: "Yes, let's talk.", date: SCENARIO_NOW });
    fake.state.deleteMessage(doomed.id);
    await replica.syncResuming(provider, syncOptions());
    return { replica, restarts, stats: fake.state.traffic.stats, violations: fake.state.violations };
  } finally {
    await fake.close();
  }
}

describe("Outlook backfill under faults", () => {
  test("10,000 messages with 20% injected faults and throttling end in the same state as without", async () => {
    const clean = await backfill(false);
    const faulty = await backfill(true);
    // Faults include 429 + Retry-After (throttling) whatever the machine's speed; the budget may bite as well.
    expect(faulty.stats.faults).toBeGreaterThan(10);
    expect(faulty.violations.missingImmutableId).toBe(0);
    expect(clean.replica.messages.size).toBeGreaterThan(9_000);
    expect(faulty.replica.snapshot()).toEqual(clean.replica.snapshot());
  }, 120_000);
});
