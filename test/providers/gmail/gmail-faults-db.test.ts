/**
 * The robustness bar at the database level: a 10,000-message backfill through 20% injected faults and a
 * tight quota leaves exactly the rows a clean backfill leaves (same seed, so the fakes hand out the same ids).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, type FakeGoogleOptions, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { createContext } from "../../../src/app/compose.js";
import { ManualClock } from "../../../src/clock.js";
import { makeConfig } from "../../../src/config.js";
import type { AppContext } from "../../../src/context.js";
import { upsertAccount } from "../../../src/db/accounts.js";
import type { Account } from "../../../src/db/schema.js";
import { syncCalendar, syncMail } from "../../../src/jobs/sync.js";
import { silentLogger } from "../../../src/logger.js";
import { GmailProvider } from "../../../src/providers/gmail/gmail-provider.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../../support/database.js";
import { endpointsOf, NOW, tokensOf } from "./helpers.js";

const mailbox = generateMailbox({ seed: "faults-db", size: 10_000, now: NOW });

async function backfill(kind: "pglite" | "postgres", options: FakeGoogleOptions, unitsPerMinute: number) {
  const fake: FakeGoogle = await startFakeGoogle({ ...options, mailbox });
  const database: TestDatabase = await openTestDatabase(kind);
  try {
    const config = makeConfig({ RAPPORT_SECRET_KEY: randomBytes(32).toString("hex") });
    const ctx: AppContext = await createContext(config, {
      database,
      log: silentLogger(),
      clock: new ManualClock(NOW),
      providers: () => () => {
        throw new Error("the test builds its own provider");
      },
    });
    const account: Account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "gmail",
        address: mailbox.owner.address,
        displayName: mailbox.owner.name,
        timeZone: mailbox.timeZone,
        tokens: tokensOf(fake),
      },
      ctx.clock.now(),
    );
    const provider = new GmailProvider({
      endpoints: endpointsOf(fake),
      tokens: tokensOf(fake),
      unitsPerMinute,
      retry: { maxAttempts: 12, baseDelayMs: 20, maxDelayMs: 500 },
    });
    const mail = await syncMail(ctx, account, provider);
    const calendar = await syncCalendar(ctx, account, provider);
    const messages = await ctx.db
      .selectFrom("messages")
      .innerJoin("threads", (j) => j.onRef("threads.id", "=", "messages.thread_id"))
      .select([
        "messages.provider_message_id",
        "threads.thread_key",
        "messages.message_id",
        "messages.labels",
        "messages.sent_by_user",
      ])
      .where("messages.account_id", "=", account.id)
      .orderBy("messages.provider_message_id")
      .execute();
    const meetings = await ctx.db
      .selectFrom("meetings")
      .select(["provider_event_id", "start_at", "status"])
      .where("account_id", "=", account.id)
      .orderBy("provider_event_id")
      .execute();
    return { mail, calendar, messages, meetings, retries: provider.retries, refusals: fake.state.quota.usage.refusals };
  } finally {
    await database.close();
    await fake.close();
  }
}

describeEachDatabase("Gmail backfill under faults, in the database", (kind) => {
  let clean: Awaited<ReturnType<typeof backfill>>;
  let faulty: Awaited<ReturnType<typeof backfill>>;
  beforeAll(async () => {
    clean = await backfill(kind, {}, Number.POSITIVE_INFINITY);
    faulty = await backfill(
      kind,
      {
        quota: { unitsPerMinute: 40_000, burstUnits: 300 },
        faults: { errorRate: 0.2, dropRate: 0.01, slowRate: 0.05, slowMs: 40, seed: "db" },
      },
      Number.POSITIVE_INFINITY, // the client does not know the quota: the server's refusals have to pace it
    );
  }, 300_000);
  afterAll(() => undefined);

  it("ends with the same rows as a clean backfill", () => {
    expect(clean.mail.outcome).toBe("ok");
    expect(faulty.mail.outcome).toBe("ok");
    expect(clean.messages.length).toBeGreaterThan(4000);
    expect(faulty.messages).toEqual(clean.messages);
    expect(faulty.meetings).toEqual(clean.meetings);
    expect(faulty.retries).toBeGreaterThan(100);
    expect(faulty.refusals).toBeGreaterThan(0);
  });
});
