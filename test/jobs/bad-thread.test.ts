/**
 * One thread the provider will not serve must not block its account: the cycle sets it aside with a back-off, goes
 * on to drafts and the digest, counts it where an operator looks (`rapport status`, /metrics), and tries it again
 * once the back-off has passed.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { createContext } from "../../src/app/compose.js";
import { statusJson } from "../../src/cli/commands/status.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { accountHealth } from "../../src/db/account-health.js";
import { upsertAccount } from "../../src/db/accounts.js";
import type { Account } from "../../src/db/schema.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { renderMetrics } from "../../src/web/metrics.js";
import { providerFor, tokensOf } from "../providers/gmail/helpers.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

/** A Monday afternoon: the weekly digest (Mondays 08:00 local) is due in the first cycle. */
const NOW = new Date("2025-06-16T15:00:00Z");
const mailbox = generateMailbox({ seed: "bad-thread", size: 200, informationalThreads: 8, now: NOW });

describeEachDatabase("a thread the provider will not serve", (kind) => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let ctx: AppContext;
  let clock: ManualClock;
  let account: Account;
  let badThread = "";
  let asked = 0;

  beforeAll(async () => {
    fake = await startFakeGoogle({ mailbox, quota: { unitsPerMinute: Number.POSITIVE_INFINITY } });
    database = await openTestDatabase(kind);
    clock = new ManualClock(NOW);
    ctx = await createContext(makeConfig({ RAPPORT_SECRET_KEY: "f".repeat(64) }), {
      database,
      log: silentLogger(),
      clock,
      migrate: false,
      providers: () => (_account, signal) => providerFor(fake, signal ? { signal } : {}),
    });
    account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "gmail",
        address: mailbox.owner.address,
        displayName: mailbox.owner.name,
        timeZone: "Europe/Berlin",
        tokens: tokensOf(fake),
      },
      clock.now(),
    );
    // The first thread the classifier asks for in full always fails.
    fake.intercept = (req) => {
      if (!req.path.includes("/threads/") || req.query.get("format") !== "full") return undefined;
      badThread ||= req.path.split("/").at(-1) ?? "";
      if (req.path.endsWith(`/threads/${badThread}`)) {
        asked++;
        return { kind: "error", status: 400 };
      }
      return undefined;
    };
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });

  it("the cycle sets it aside and still evaluates, drafts and sends the digest", async () => {
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    expect(report.assessed).toMatchObject({ failed: 1 });
    expect(report.assessed?.assessed).toBeGreaterThan(10);
    expect(report.digest).toBe("sent");
    expect(asked).toBe(1);
    const [health] = await accountHealth(ctx.db, clock.now());
    expect(health?.threadsSetAside).toBe(1);
    expect(JSON.stringify(statusJson([health!], clock.now()))).toContain('"threadsSetAside":1');
    expect(await renderMetrics(ctx.db, clock.now(), null)).toContain(
      `rapport_threads_set_aside{account="${account.id}"} 1`,
    );
  });

  it("is left alone during its back-off, then tried again; once readable it is assessed and the count clears", async () => {
    await clock.advance(60_000);
    expect((await runAccountCycle(ctx, account.id)).assessed).toMatchObject({ failed: 0 });
    expect(asked).toBe(1);
    await clock.advance(5 * 60_000);
    fake.intercept = null;
    const later = await runAccountCycle(ctx, account.id);
    expect(later.assessed).toMatchObject({ failed: 0, assessed: 1 });
    const [health] = await accountHealth(ctx.db, clock.now());
    expect(health?.threadsSetAside).toBe(0);
  });
});
