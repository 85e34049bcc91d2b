/**
 * Sync cursors under overlap and interruption, through the real Gmail adapter against the fake: two overlapping runs
 * never move a cursor backwards; a resync that ends in a later run still sweeps the mail deleted while the cursor was
 * expired; a backfill resumed on a later day keeps listing the window it began with.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import type { InterceptAction } from "../../sandbox/intercept.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import type { Account } from "../../src/db/schema.js";
import { syncMail } from "../../src/jobs/sync.js";
import { silentLogger } from "../../src/logger.js";
import { providerFor } from "../providers/gmail/helpers.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-04-15T17:30:00Z");
const DAY = 86_400_000;

describeEachDatabase("sync cursors", (kind) => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let clock: ManualClock;
  let account: Account;
  const mailbox = generateMailbox({ seed: "cursor-cas", size: 1500, informationalThreads: 6, now: NOW });

  const context = (signal?: AbortSignal): Promise<AppContext> =>
    createContext(
      makeConfig({
        RAPPORT_SECRET_KEY: "e".repeat(64),
        GOOGLE_CLIENT_ID: fake.oauth.clientId,
        GOOGLE_CLIENT_SECRET: fake.oauth.clientSecret,
        GOOGLE_API_ROOT_URL: fake.url,
        GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
        GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      }),
      {
        database,
        log: silentLogger(),
        clock,
        migrate: false,
        ...(signal ? { signal } : {}),
        // The real adapter, unpaced (the fake's quota is unlimited): the test is about cursors, not quota.
        providers: () => (_account, jobSignal) => providerFor(fake, jobSignal ? { signal: jobSignal } : {}),
      },
    );
  const sync = async (ctx: AppContext) => syncMail(ctx, account, ctx.providers(account, ctx.signal));
  const stored = async () =>
    database.db
      .selectFrom("sync_state")
      .selectAll()
      .where("account_id", "=", account.id)
      .where("resource", "=", "mail")
      .executeTakeFirstOrThrow();
  const historyOf = async () => BigInt(JSON.parse((await stored()).cursor ?? "{}").historyId ?? 0);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    fake = await startFakeGoogle({ mailbox, quota: { unitsPerMinute: Number.POSITIVE_INFINITY } });
    clock = new ManualClock(NOW);
    await database.db.deleteFrom("accounts").execute();
    const issued = fake.issueTokens();
    account = await upsertAccount(
      database.db,
      (await context()).sealer,
      {
        provider: "gmail",
        address: mailbox.owner.address,
        displayName: mailbox.owner.name,
        timeZone: "UTC",
        tokens: {
          accessToken: issued.access_token,
          refreshToken: issued.refresh_token ?? null,
          expiresAt: NOW.getTime() + 3600_000,
          scope: issued.scope,
        },
      },
      clock.now(),
    );
    return () => fake.close();
  });

  it("two overlapping runs: the one that read an older cursor cannot move it back", async () => {
    expect((await sync(await context())).outcome).toBe("ok");
    const start = await historyOf();
    // Run A asks for the history; the provider does the work but its answer is slow to come back.
    let answer!: () => void;
    const late = new Promise<void>((r) => {
      answer = r;
    });
    let heldOnce = false;
    fake.intercept = (req): InterceptAction | undefined => {
      if (heldOnce || !req.path.endsWith("/history")) return undefined;
      heldOnce = true;
      return { kind: "hold", until: late, when: "after" };
    };
    const a = sync(await context());
    while (!heldOnce) await new Promise((r) => setImmediate(r));
    // Meanwhile new mail arrives and run B, starting from the same cursor, syncs it all.
    const sent = [...fake.state.gmail.messages.values()].find((m) => m.labelIds.includes("SENT"));
    if (!sent) throw new Error("seed has no sent mail");
    fake.state.addReply(sent.id, { address: "late@example.org", name: "Late Reply" }, "Yes, happy to chat.");
    expect((await sync(await context())).outcome).toBe("ok");
    const ahead = await historyOf();
    expect(ahead).toBeGreaterThan(start);
    answer();
    const slow = await a;
    expect(slow.outcome).toBe("aborted");
    expect(slow.error).toMatch(/another run moved the mail sync cursor/);
    expect(await historyOf()).toBe(ahead);
  });

  it("a resync interrupted part-way and finished by a later run still sweeps the mail deleted meanwhile", async () => {
    expect((await sync(await context())).outcome).toBe("ok");
    const victim = await database.db
      .selectFrom("messages")
      .select("provider_message_id")
      .where("account_id", "=", account.id)
      .where("sent_by_user", "=", false)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom("messages as mine")
            .select("mine.provider_message_id")
            .whereRef("mine.thread_id", "=", "messages.thread_id")
            .where("mine.sent_by_user", "=", true),
        ),
      )
      .executeTakeFirstOrThrow();
    fake.state.expireHistory();
    fake.state.deleteMessage(victim.provider_message_id);
    // The first run starts the resync and is stopped (its job given up) once it has saved a page or two.
    const stop = new AbortController();
    let fetched = 0;
    fake.intercept = (req) => {
      if (req.path.includes("/threads/") && ++fetched === 150) stop.abort(new Error("job given up"));
      return undefined;
    };
    const first = await sync(await context(stop.signal));
    expect(first.resynced).toBe(true);
    expect(first.pages).toBeGreaterThan(0);
    expect((await stored()).stage).toBe("resync");
    fake.intercept = null;
    await clock.advance(7 * 3600_000); // past any back-off the interruption caused
    const second = await sync(await context());
    expect(second.outcome).toBe("ok");
    expect(second.resynced).toBe(false); // nothing expired in this run: it carries the resync on
    const gone = await database.db
      .selectFrom("messages")
      .select("provider_message_id")
      .where("account_id", "=", account.id)
      .where("provider_message_id", "=", victim.provider_message_id)
      .execute();
    expect(gone).toEqual([]);
    expect((await stored()).resync_from_version).toBeNull();
  });

  it("a backfill resumed days later lists the window it began with", async () => {
    const queries = new Set<string>();
    const stop = new AbortController();
    let fetched = 0;
    fake.intercept = (req) => {
      if (req.path.endsWith("/messages") && req.query.has("q")) queries.add(req.query.get("q") ?? "");
      if (req.path.includes("/threads/") && ++fetched === 120) stop.abort(new Error("job given up"));
      return undefined;
    };
    await sync(await context(stop.signal));
    expect((await stored()).stage).toBe("backfill");
    await clock.advance(3 * DAY);
    expect((await sync(await context())).outcome).toBe("ok");
    expect([...queries]).toEqual([`after:${Math.floor((NOW.getTime() - 365 * DAY) / 1000)}`]);
  });
});
