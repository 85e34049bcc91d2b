/**
 * The cost of an idle cycle, on the fake Google through the real clients, on PGlite and Postgres: once the mailbox
 * is caught up and its drafts are waiting, a cycle with no new mail asks Google for its two sync cursors only
 * (history.list, events.list: no profile, no drafts.get per waiting draft) and makes at most five database round
 * trips (db/query-count.ts), evaluating nothing. A sent draft, a timer coming due and the daily check still do their
 * work.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import type { InterceptedRequest } from "../../sandbox/intercept.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { getAccount, upsertAccount } from "../../src/db/accounts.js";
import type { Account } from "../../src/db/schema.js";
import { type CycleReport, runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { NOW, tokensOf } from "../providers/gmail/helpers.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

/** The budget of an idle cycle (issue 13). */
const IDLE_PROVIDER_CALLS = 2;
const IDLE_DB_QUERIES = 5;

const mailbox = generateMailbox({ seed: "idle", size: 200, informationalThreads: 10, now: NOW });

describeEachDatabase("an idle cycle", (kind) => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let ctx: AppContext;
  let account: Account;
  const clock = new ManualClock(NOW);
  const requests: InterceptedRequest[] = [];

  /** One cycle, with the provider requests and database round trips it made. */
  async function measured(): Promise<{ report: CycleReport; calls: string[]; queries: number }> {
    requests.length = 0;
    const before = database.stats.queries;
    const report = await runAccountCycle(ctx, account.id);
    const calls = requests.map((r) => `${r.method} ${r.path.replace(/^\/(gmail|calendar)\/v\d+/, "")}`);
    return { report, calls, queries: database.stats.queries - before };
  }

  beforeAll(async () => {
    fake = await startFakeGoogle({
      mailbox,
      intercept: (request) => {
        requests.push(request);
        return undefined;
      },
    });
    database = await openTestDatabase(kind);
    const config = makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      GOOGLE_CLIENT_ID: fake.oauth.clientId,
      GOOGLE_CLIENT_SECRET: fake.oauth.clientSecret,
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    });
    ctx = await createContext(config, { database, log: silentLogger(), clock });
    account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "gmail",
        address: mailbox.owner.address,
        displayName: mailbox.owner.name,
        timeZone: mailbox.timeZone,
        tokens: tokensOf(fake),
      },
      clock.now(),
    );
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });

  it("the first cycles backfill, draft, and see their own drafts arrive", async () => {
    const first = await runAccountCycle(ctx, account.id);
    expect(first.status).toBe("ok");
    expect(first.daily).toBe(true);
    expect(first.drafts.filter((d) => d.status === "created").length).toBeGreaterThan(1);
    await clock.advance(5 * 60_000);
    // The drafts just written are new mail in the history: this cycle evaluates and asks after them.
    const second = await measured();
    expect(second.report.evaluated).toBe(true);
    expect(second.calls.filter((c) => c.includes("/drafts/")).length).toBeGreaterThan(1);
  });

  it("an idle cycle asks for the two cursors only and stays within five round trips", async () => {
    await clock.advance(5 * 60_000);
    const { report, calls, queries } = await measured();
    expect(report.status).toBe("ok");
    expect(report.evaluated).toBe(false);
    expect(calls.sort()).toEqual(["GET /calendars/primary/events", "GET /users/me/history"]);
    expect(calls.length).toBeLessThanOrEqual(IDLE_PROVIDER_CALLS);
    expect(queries).toBeLessThanOrEqual(IDLE_DB_QUERIES);
    // …and so does the next one: nothing accumulates.
    await clock.advance(5 * 60_000);
    const again = await measured();
    expect(again.calls).toHaveLength(2);
    expect(again.queries).toBe(queries);
  });

  it("a draft the user sent is noticed by the next cycle, which then goes quiet again", async () => {
    const waiting = fake.state.drafts();
    expect(waiting.length).toBeGreaterThan(0);
    fake.state.userSendsDraft((waiting[0] as { draftId: string }).draftId);
    await clock.advance(5 * 60_000);
    const busy = await measured();
    expect(busy.report.evaluated).toBe(true);
    const states = await ctx.db
      .selectFrom("drafts")
      .select("state")
      .where("account_id", "=", account.id)
      .where("state", "=", "sent")
      .execute();
    expect(states).toHaveLength(1);
    await clock.advance(5 * 60_000);
    await measured(); // the sent message's own history entries, if any
    await clock.advance(5 * 60_000);
    const quiet = await measured();
    expect(quiet.calls).toHaveLength(2);
    expect(quiet.queries).toBeLessThanOrEqual(IDLE_DB_QUERIES);
  });

  it("a claim left by a run that died is settled by the next cycle, though nothing else changed", async () => {
    const row = await ctx.db
      .selectFrom("drafts")
      .select(["id", "attempts"])
      .where("account_id", "=", account.id)
      .where("state", "=", "created")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    // As a run leaves it when killed between claiming and recording (its draft did reach the mailbox).
    await ctx.db
      .updateTable("drafts")
      .set({ state: "claimed", claimed_at: new Date(clock.now().getTime() - 3600_000) })
      .where("id", "=", row.id)
      .execute();
    await clock.advance(5 * 60_000);
    const { report } = await measured();
    expect(report.evaluated).toBe(true);
    const after = await ctx.db.selectFrom("drafts").select("state").where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(after.state).toBe("created");
    await clock.advance(5 * 60_000);
    expect((await measured()).calls).toHaveLength(2);
  });

  it("a timer that comes due is evaluated without any new mail", async () => {
    const stored = await getAccount(ctx.db, account.id);
    const next = stored?.evaluate_after;
    expect(next).toBeInstanceOf(Date);
    await clock.set(new Date((next as Date).getTime() + 1000));
    const { report, calls } = await measured();
    expect(report.evaluated).toBe(true);
    expect(calls.filter((c) => !c.startsWith("GET /users/me/drafts") && !c.includes("history"))).not.toContain(
      "GET /users/me/profile",
    );
    const after = await getAccount(ctx.db, account.id);
    expect(after?.evaluate_after === null || (after?.evaluate_after as Date) > (next as Date)).toBe(true);
  });

  it("once a day the profile and the waiting drafts are checked in full", async () => {
    await clock.advance(24 * 3600_000);
    const { report, calls } = await measured();
    expect(report.daily).toBe(true);
    expect(calls).toEqual(expect.arrayContaining(["GET /users/me/profile", "GET /users/me/settings/sendAs"]));
    expect(calls.some((c) => c.startsWith("GET /users/me/drafts/"))).toBe(fake.state.drafts().length > 0);
  });
});
