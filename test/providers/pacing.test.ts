/**
 * Pacing follows the quota: the rate starts where it is told, is cut when the server refuses for rate (once per
 * episode, never below its floor), climbs back additively while the server accepts (never above its ceiling), and
 * a Retry-After holds every caller. Checked on the pacer's arithmetic with a manual clock, then through the real
 * googleapis and Graph clients against the fakes refusing like Google (403 userRateLimitExceeded) and Outlook (429
 * with Retry-After).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { RequestPacer } from "../../src/providers/request-pacer.js";
import { MirrorMailbox, NOW, providerFor, syncOptions } from "./gmail/helpers.js";
import { connect, syncOptions as graphSyncOptions, startFake as startFakeGraph } from "./outlook/helpers.js";

describe("the pacer's arithmetic", () => {
  it("cuts once per episode down to its floor, climbs by a step per second's worth spent, up to its ceiling", async () => {
    let now = 0;
    const pacer = new RequestPacer({
      startPerMinute: 6_000,
      ceilingPerMinute: 6_300,
      floorPerMinute: 2_000,
      stepPerSecond: 60,
      concurrency: 1,
      now: () => now,
    });
    pacer.refused();
    pacer.refused(); // the same episode: requests in flight refused together
    expect(pacer.rate).toBeCloseTo(5_100);
    now += 1_500;
    pacer.refused();
    expect(pacer.rate).toBeCloseTo(4_335);
    for (let i = 0; i < 20; i++) {
      now += 1_000;
      pacer.refused();
    }
    expect(pacer.rate).toBe(2_000);
    expect(pacer.stats).toMatchObject({ refusals: 23, cuts: 22 });
    // One second's worth of quota at 2,000/min is 33.3 units: spending it raises the rate by one step.
    now += 60_000;
    (await pacer.acquire(2_000 / 60))();
    expect(pacer.rate).toBeCloseTo(2_060);
    for (let i = 0; i < 400; i++) {
      now += 60_000;
      (await pacer.acquire(30))();
    }
    expect(pacer.rate).toBe(6_300);
  });

  it("a Retry-After holds every caller until it has passed", async () => {
    const pacer = new RequestPacer({ startPerMinute: 600_000, concurrency: 4 });
    pacer.refused(200);
    const started = performance.now();
    (await pacer.acquire(1))();
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  it("a Retry-After holds the callers already waiting for their turn, and lets them go at the rate, not at once", async () => {
    // 600 a minute: one request every 100 ms, a second's worth (10) saved up at the start.
    const pacer = new RequestPacer({ startPerMinute: 600, concurrency: 16 });
    const started = performance.now();
    for (let i = 0; i < 10; i++) (await pacer.acquire(1))();
    const waiting = [0, 1, 2].map(async () => {
      (await pacer.acquire(1))();
      return performance.now() - started;
    });
    // The server refuses while they wait off their turn (the first is due at 100 ms): all three wait for the pause.
    await new Promise((resolve) => setTimeout(resolve, 20));
    pacer.refused(300);
    const times = await Promise.all(waiting);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(310);
    // Nothing saved up during the pause: after it, they are spread at the (cut) rate.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(150);
  });
});

describe("Gmail pacing against a fake that refuses like Google", () => {
  const mailbox = generateMailbox({ seed: "pacing", size: 300, now: NOW });
  let fake: FakeGoogle;
  beforeAll(async () => {
    // 30,000 units a minute with little burst, refused with 403 userRateLimitExceeded and no Retry-After.
    fake = await startFakeGoogle({
      mailbox,
      quota: { unitsPerMinute: 30_000, burstUnits: 200, refusalStatus: 403, retryAfter: false },
    });
  });
  afterAll(() => fake.close());

  it("backs off when refused, finishes the backfill, then climbs back while Google accepts", async () => {
    const start = 240_000;
    // Patience scaled like production's (DEFAULT_RETRY waits up to 8 s, the pacer cuts at most once a second):
    // a call waits up to a second between attempts, so the pacer is cut while it waits. The helpers' 100 ms
    // ceiling gave one call ~1 s of patience against eight times the quota, and a loaded CI machine saw one
    // thread refused twelve times in a row.
    const provider = providerFor(fake, {
      unitsPerMinute: start,
      unitsPerMinuteCeiling: start,
      retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 1_000 },
    });
    const mirror = new MirrorMailbox();
    await mirror.syncAll(provider, syncOptions(365));
    expect(mirror.readInFull.length).toBeGreaterThan(20);
    const afterRefusals = provider.pacing;
    expect(afterRefusals.refusals).toBeGreaterThan(0);
    expect(afterRefusals.cuts).toBeGreaterThan(0);
    expect(afterRefusals.rate).toBeLessThan(start);

    // The quota is lifted: the same adapter's rate climbs back, step by step, without a refusal.
    fake.state.quota.setUnitsPerMinute(Number.POSITIVE_INFINITY);
    const again = new MirrorMailbox();
    await again.syncAll(provider, syncOptions(365));
    expect(provider.pacing.refusals).toBe(afterRefusals.refusals);
    expect(provider.pacing.rate).toBeGreaterThan(afterRefusals.rate);
  });
});

describe("Graph pacing against a fake that throttles like Outlook", () => {
  it("is cut on 429, waits out the Retry-After, and completes the sync with few refused requests", async () => {
    const fake = await startFakeGraph({ budget: { requests: 5, windowMs: 500 }, retryAfterSeconds: 0.05 });
    try {
      const { provider } = connect(fake, { pageSize: 5 });
      const seen = new Set<string>();
      for await (const page of provider.syncMail(null, graphSyncOptions())) {
        for (const m of page.upserts) if (m.providerId) seen.add(m.providerId);
      }
      expect(seen.size).toBe(
        fake.state.store.folderMessages("inbox").length + fake.state.store.folderMessages("sentitems").length,
      );
      const { refusals, cuts } = provider.session.pacer.stats;
      expect(refusals).toBeGreaterThan(0);
      expect(cuts).toBeGreaterThan(0);
      expect(provider.session.pacer.rate).toBeLessThan(1_000);
      // Refused requests are a small share of all: the pacing, not the server, sets the pace.
      expect(refusals).toBeLessThan(provider.requestCount * 0.25);
    } finally {
      await fake.close();
    }
  });
});
