import { describe, expect, it } from "vitest";
import type { FakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { MirrorMailbox, NOW, providerFor, syncOptions, withFake } from "./helpers.js";

/** What a correct backfill holds: every message of every thread the user wrote in within the window. */
function expectedSnapshot(fake: FakeGoogle, since: Date): string[] {
  const threads = new Set<string>();
  for (const m of fake.state.gmail.messages.values()) {
    if (m.labelIds.includes("SENT") && m.internalDate > since.getTime()) threads.add(m.threadId);
  }
  const out: string[] = [];
  for (const threadId of threads) {
    for (const id of fake.state.gmail.threads.get(threadId) ?? []) {
      const m = fake.state.gmail.messages.get(id);
      const messageId = m?.headers.find((h) => h.name === "Message-ID")?.value;
      out.push(`${threadId}/${id}/${messageId}/${m?.labelIds.join(",")}`);
    }
  }
  return out.sort();
}

describe("Gmail backfill under faults and a tight quota", () => {
  it("backfills 10,000 messages through 20% injected errors, drops and slow answers to the same state", async () => {
    const mailbox = generateMailbox({ seed: "faults-10k", size: 10_000, now: NOW });
    await withFake(
      {
        mailbox,
        quota: { unitsPerMinute: 240_000, burstUnits: 2_000 },
        faults: { errorRate: 0.2, dropRate: 0.01, slowRate: 0.05, slowMs: 50, retryAfterSeconds: 0, seed: 1 },
      },
      async (fake) => {
        const options = syncOptions(365);
        const provider = providerFor(fake, {
          unitsPerMinute: 240_000,
          retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 500 },
        });
        const mirror = new MirrorMailbox();
        await mirror.syncAll(provider, options);
        expect(mirror.snapshot()).toEqual(expectedSnapshot(fake, options.since));
        expect(provider.retries).toBeGreaterThan(100);
        expect(JSON.parse(mirror.cursor ?? "{}").stage).toBe("incremental");
      },
    );
  }, 120_000);

  it("honours the server's rate-limit answers when it does not know the quota itself", async () => {
    const mailbox = generateMailbox({ seed: "quota", size: 600, now: NOW });
    await withFake(
      { mailbox, quota: { unitsPerMinute: 60_000, burstUnits: 300, refusalStatus: 403 } },
      async (fake) => {
        const options = syncOptions(365);
        // Patience of a few seconds a call, like the other quota tests here (the helpers' 100 ms ceiling is ~1 s).
        const provider = providerFor(fake, {
          unitsPerMinute: Number.POSITIVE_INFINITY,
          retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 500 },
        });
        const mirror = new MirrorMailbox();
        await mirror.syncAll(provider, options);
        expect(mirror.snapshot()).toEqual(expectedSnapshot(fake, options.since));
        expect(fake.state.quota.usage.refusals).toBeGreaterThan(0);
      },
    );
  }, 60_000);
});
