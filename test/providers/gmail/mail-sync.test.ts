import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { ProviderError } from "../../../src/domain/provider-port.js";
import { countThreadReads, MirrorMailbox, NOW, providerFor, syncOptions } from "./helpers.js";

const mailbox = generateMailbox({ seed: "mail-sync", size: 1200, now: NOW });

/** Threads with a SENT message inside the look-back window: what a backfill must bring in, whole. */
function expectedThreads(fake: FakeGoogle, since: Date): Set<string> {
  const out = new Set<string>();
  for (const m of fake.state.gmail.messages.values()) {
    if (m.labelIds.includes("SENT") && m.internalDate > since.getTime()) out.add(m.threadId);
  }
  return out;
}

describe("Gmail mail sync against the fake", () => {
  let fake: FakeGoogle;
  beforeAll(async () => {
    fake = await startFakeGoogle({ mailbox });
  });
  afterAll(() => fake.close());

  it("backfills whole threads the user wrote in, each read once and in full, near the unit lower bound", async () => {
    const provider = providerFor(fake);
    const mirror = new MirrorMailbox();
    const options = syncOptions(365);
    const usageBefore = fake.state.quota.usage.unitsCharged;
    const reads = countThreadReads(fake);
    try {
      await mirror.syncAll(provider, options);
    } finally {
      fake.intercept = null;
    }
    const threads = expectedThreads(fake, options.since);
    const synced = new Set([...mirror.messages.values()].map((m) => m.providerThreadId));
    expect(synced).toEqual(threads);
    for (const threadId of threads) {
      expect([...mirror.messages.values()].filter((m) => m.providerThreadId === threadId)).toHaveLength(
        fake.state.gmail.threads.get(threadId)?.length ?? -1,
      );
    }
    // Every thread read exactly once, in full, and the pages say so: the bodies are there for the assessment.
    expect([...reads.keys()].sort()).toEqual([...threads].map((t) => `${t} full`).sort());
    expect([...reads.values()].every((n) => n === 1)).toBe(true);
    expect(mirror.readInFull.sort()).toEqual([...threads].sort());
    expect([...mirror.messages.values()].some((m) => (m.bodyText ?? "").length > 0)).toBe(true);
    const sent = [...mirror.messages.values()].filter((m) => m.labels.includes("SENT"));
    expect(sent.every((m) => m.sentByUser)).toBe(true);
    const listPages = Math.ceil(
      [...fake.state.gmail.messages.values()].filter(
        (m) => m.labelIds.includes("SENT") && m.internalDate > options.since.getTime(),
      ).length / 500,
    );
    const lowerBound = 10 * threads.size + 5 * listPages;
    // The adapter's own count agrees with the fake's accounting (the profile read is not part of a page).
    expect(provider.unitsSpent).toBe(fake.state.quota.usage.unitsCharged - usageBefore);
    // the profile the adapter reads first (users.getProfile and users.settings.sendAs.list, 1 unit each) is not a page's
    expect(mirror.cost).toBe(provider.unitsSpent - 2);
    expect(mirror.cost).toBeLessThanOrEqual(Math.ceil(lowerBound * 1.2));
    expect(JSON.parse(mirror.cursor ?? "{}").stage).toBe("incremental");
  });

  it("follows history: a reply arrives, a message is deleted, a stranger's newsletter is ignored", async () => {
    const provider = providerFor(fake);
    const mirror = new MirrorMailbox();
    await mirror.syncAll(provider);
    const cursorBefore = JSON.parse(mirror.cursor ?? "{}").historyId as string;

    const info = mailbox.truth.informational.find((t) => t.kind === "nudge-due");
    const outreachId = fake.state.messageIdOf(info?.rootMessageId ?? "");
    const reply = fake.state.addReply(
      outreachId,
      info?.contact ?? { name: "", address: "x@example.com" },
      "Happy to talk — how about Tuesday?",
    );
    const victim = [...mirror.messages.values()].find((m) => !m.labels.includes("SENT"));
    fake.state.deleteMessage(victim?.providerId ?? "");
    const newsletter = fake.state.gmail.addSeedMessage({
      messageId: "<news.1@weeklybyte.example.com>",
      inReplyTo: null,
      references: [],
      from: { name: "News", address: "news@weeklybyte.example.com" },
      to: [mailbox.owner],
      cc: [],
      subject: "Weekly",
      date: new Date(),
      text: "hi",
      folder: "inbox",
      headers: {},
      attachments: [],
      unread: true,
    });

    const unitsBefore = fake.state.quota.usage.unitsCharged;
    await mirror.syncAll(provider);
    expect(mirror.messages.get(reply.id)?.inReplyTo).toEqual([info?.rootMessageId]);
    expect(mirror.messages.get(reply.id)?.from?.address).toBe(info?.contact.address);
    expect(mirror.messages.has(victim?.providerId ?? "")).toBe(false);
    expect(mirror.messages.has(newsletter.id)).toBe(false);
    // one history page (2) and one thread (10); the newsletter, new in the primary tab, has its headers read once to
    // see whether it introduces the user to someone (5: it does not, so it is not read further); the deletion is free
    expect(fake.state.quota.usage.unitsCharged - unitsBefore).toBe(17);
    const cursorAfter = JSON.parse(mirror.cursor ?? "{}").historyId as string;
    expect(BigInt(cursorAfter) > BigInt(cursorBefore)).toBe(true);

    // Applying the same history again changes nothing (idempotent).
    const snapshot = mirror.snapshot();
    mirror.cursor = JSON.stringify({ stage: "incremental", historyId: cursorBefore });
    await mirror.syncAll(provider);
    expect(mirror.snapshot()).toEqual(snapshot);
    expect(JSON.parse(mirror.cursor ?? "{}").historyId).toBe(cursorAfter);
  });

  it("reports an expired history id as cursor-expired, and a resync of the window duplicates nothing", async () => {
    const provider = providerFor(fake);
    const mirror = new MirrorMailbox();
    await mirror.syncAll(provider);
    const before = mirror.snapshot();
    fake.state.expireHistory();
    await expect(mirror.syncAll(provider)).rejects.toSatisfy(
      (e) => e instanceof ProviderError && e.code === "cursor-expired",
    );
    mirror.cursor = null;
    await mirror.syncAll(provider);
    expect(mirror.snapshot()).toEqual(before);
  });

  it("resumes a crashed backfill from its checkpoint without refetching finished threads", async () => {
    const options = syncOptions(365);
    const full = new MirrorMailbox();
    await full.syncAll(providerFor(fake), options);

    const threadCalls = () => fake.state.quota.usage.calls["users.threads.get"] ?? 0;
    const callsBefore = threadCalls();
    const crashed = new MirrorMailbox();
    await crashed.syncAll(providerFor(fake), options, 3);
    const checkpoint = JSON.parse(crashed.cursor ?? "{}");
    expect(checkpoint.stage).toBe("backfill");
    expect(Object.keys(checkpoint.pending).length).toBeLessThan(50); // small, whatever the mailbox size
    await crashed.syncAll(providerFor(fake), options);
    expect(crashed.snapshot()).toEqual(full.snapshot());
    // Every thread fetched once, apart from the one chunk that was in flight when the first run stopped.
    const threads = expectedThreads(fake, options.since).size;
    expect(threadCalls() - callsBefore).toBeGreaterThanOrEqual(threads);
    expect(threadCalls() - callsBefore).toBeLessThanOrEqual(threads + 100);
  });
});
