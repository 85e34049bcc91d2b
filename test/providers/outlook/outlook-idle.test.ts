/**
 * An idle cycle on the fake Graph, through the real Graph client: once caught up, a cycle with no new mail asks for
 * its mail delta links only — one per synced mail folder (Inbox, Sent Items: Graph has no delta across folders) —
 * never /me or mailboxSettings (the stored address serves the sync), and evaluates nothing. The calendar's delta is
 * read once an hour while nothing changes (jobs/run-cycle.ts calendarDue).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import type { InterceptedRequest } from "../../../sandbox/intercept.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { createContext } from "../../../src/app/compose.js";
import { ManualClock } from "../../../src/clock.js";
import { makeConfig } from "../../../src/config.js";
import type { AppContext } from "../../../src/context.js";
import { upsertAccount } from "../../../src/db/accounts.js";
import type { Account } from "../../../src/db/schema.js";
import { CALENDAR_CHECK_MS, runAccountCycle } from "../../../src/jobs/run-cycle.js";
import { silentLogger } from "../../../src/logger.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../../support/database.js";
import { SCENARIO_NOW as NOW, startFake } from "./helpers.js";

const mailbox = generateMailbox({ seed: "idle-outlook", size: 150, informationalThreads: 6, now: NOW });

describeEachDatabase("an idle Outlook cycle", (kind) => {
  let fake: FakeGraph;
  let database: TestDatabase;
  let ctx: AppContext;
  let account: Account;
  const clock = new ManualClock(NOW);
  const requests: InterceptedRequest[] = [];

  beforeAll(async () => {
    fake = await startFake({ mailbox });
    fake.intercept = (request) => {
      requests.push(request);
      return undefined;
    };
    database = await openTestDatabase(kind);
    const config = makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      MICROSOFT_CLIENT_ID: fake.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: fake.state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
    });
    ctx = await createContext(config, { database, log: silentLogger(), clock });
    const issued = fake.state.issueTokens();
    account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "outlook",
        address: mailbox.owner.address,
        displayName: mailbox.owner.name,
        timeZone: mailbox.timeZone,
        tokens: {
          accessToken: issued.access_token,
          refreshToken: issued.refresh_token ?? null,
          expiresAt: Date.now() + 3_600_000,
          scope: issued.scope,
        },
      },
      clock.now(),
    );
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });

  const paths = () => requests.map((r) => r.path.replace(/^\/v1\.0/, "")).sort();

  it("asks for the two mail delta links only, and stays within five database round trips", async () => {
    for (let i = 0; i < 3; i++) {
      expect((await runAccountCycle(ctx, account.id)).status).toBe("ok");
      await clock.advance(5 * 60_000);
    }
    requests.length = 0;
    const before = database.stats.queries;
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    expect(report.evaluated).toBe(false);
    expect(paths()).toEqual(["/me/mailFolders/inbox/messages/delta", "/me/mailFolders/sentitems/messages/delta"]);
    expect(database.stats.queries - before).toBeLessThanOrEqual(5);
  });

  it("reads the calendar's delta too once an hour has passed since it last did", async () => {
    await clock.advance(CALENDAR_CHECK_MS);
    requests.length = 0;
    expect((await runAccountCycle(ctx, account.id)).status).toBe("ok");
    expect(paths()).toEqual([
      "/me/calendarView/delta",
      "/me/mailFolders/inbox/messages/delta",
      "/me/mailFolders/sentitems/messages/delta",
    ]);
    await clock.advance(5 * 60_000);
    requests.length = 0;
    expect((await runAccountCycle(ctx, account.id)).status).toBe("ok");
    expect(paths()).toHaveLength(2);
  });
});
