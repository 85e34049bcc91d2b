/**
 * An idle cycle on the fake Graph, through the real Graph client: once caught up, a cycle with no new mail asks one
 * question — the mailbox's change probe (providers/outlook/change-probe.ts) — never the delta links of Inbox and Sent
 * Items (Graph has no delta across folders: that would be two), /me or mailboxSettings (the stored address serves the
 * sync), and evaluates nothing. The calendar's delta is read once an hour while nothing changes (jobs/run-cycle.ts
 * calendarDue). A change anywhere moves the probe's mark and the delta links are read; the daily check reads them
 * whatever the mark, since a message deleted outright further down moves no stamp.
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

  // The change probe is told from other message lists (the daily check's draft lookups) by its order.
  const paths = () =>
    requests.map((r) => r.path.replace(/^\/v1\.0/, "") + (r.query.has("$orderby") ? "?probe" : "")).sort();

  const PROBE = "/me/messages?probe";
  const DELTAS = ["/me/mailFolders/inbox/messages/delta", "/me/mailFolders/sentitems/messages/delta"];
  const tick = async () => {
    requests.length = 0;
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    await clock.advance(5 * 60_000);
    return report;
  };
  const stored = async (providerId: string) =>
    ctx.db
      .selectFrom("messages")
      .select(["provider_message_id", "labels"])
      .where("account_id", "=", account.id)
      .where("provider_message_id", "=", providerId)
      .executeTakeFirst();

  it("asks the change probe only, and stays within five database round trips", async () => {
    for (let i = 0; i < 3; i++) await tick();
    requests.length = 0;
    const before = database.stats.queries;
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    expect(report.evaluated).toBe(false);
    expect(paths()).toEqual([PROBE]);
    expect(database.stats.queries - before).toBeLessThanOrEqual(5);
    await clock.advance(5 * 60_000);
  });

  it("reads the calendar's delta too once an hour has passed since it last did: two calls", async () => {
    await clock.advance(CALENDAR_CHECK_MS);
    await tick();
    expect(paths()).toEqual(["/me/calendarView/delta", PROBE]);
    await tick();
    expect(paths()).toEqual([PROBE]);
  });

  it("reads the delta links when mail arrives, and is idle again the cycle after", async () => {
    const [sent] = fake.state.store.folderMessages("sentitems");
    if (!sent) throw new Error("the mailbox has no sent mail");
    const reply = fake.state.addReply(sent.internetMessageId, { text: "Happy to help, Thursday works." });
    const report = await tick();
    expect(paths()).toEqual(expect.arrayContaining([PROBE, ...DELTAS]));
    expect(report.mail?.inserted).toBe(1);
    expect(await stored(reply.id)).toBeDefined();
    await tick();
    expect(paths()).toEqual([PROBE]);
  });

  it("sees a message read, moved or deleted outright at the top of the mailbox", async () => {
    const newest = () =>
      [...fake.state.store.messages.values()].sort((a, b) => b.lastModified.getTime() - a.lastModified.getTime());
    const inbox = newest().filter((m) => m.folder === "inbox");
    const [first, second] = inbox;
    if (!first || !second) throw new Error("the inbox is too small");
    fake.state.markRead(second.id, !second.isRead);
    await tick();
    expect(paths()).toEqual(expect.arrayContaining(DELTAS));
    fake.state.moveMessage(second.id, "archive");
    await tick();
    expect(paths()).toEqual(expect.arrayContaining(DELTAS));
    expect((await stored(second.id))?.labels).toContain("ARCHIVE");
    // The newest message gone for good: no stamp moves, but it leaves the probe's page.
    const top = newest()[0];
    if (!top) throw new Error("no message");
    fake.state.deleteMessage(top.id);
    const report = await tick();
    expect(paths()).toEqual(expect.arrayContaining(DELTAS));
    expect(report.mail?.deleted).toBeGreaterThanOrEqual(top.folder === "inbox" || top.folder === "sentitems" ? 1 : 0);
    await tick();
    expect(paths()).toEqual([PROBE]);
  });

  it("reads the delta links at the daily check whatever the mark: a message deleted outright further down", async () => {
    // Well below the probe's ten newest, yet within the look-back window.
    const old = [...fake.state.store.folderMessages("inbox")].sort(
      (a, b) => b.lastModified.getTime() - a.lastModified.getTime(),
    )[15];
    if (!old) throw new Error("the inbox is too small");
    expect(await stored(old.id)).toBeDefined();
    fake.state.deleteMessage(old.id);
    await tick();
    expect(paths()).toEqual([PROBE]);
    expect(await stored(old.id)).toBeDefined();
    await clock.advance(24 * 3600_000);
    const report = await tick();
    expect(report.daily).toBe(true);
    expect(paths()).toEqual(expect.arrayContaining(DELTAS));
    expect(paths()).not.toContain(PROBE);
    expect(await stored(old.id)).toBeUndefined();
    await tick();
    expect(paths()).toEqual([PROBE]);
  });

  it("falls back on the delta links when the server refuses the probe's query", async () => {
    let refused = 0;
    fake.intercept = (request) => {
      requests.push(request);
      if (!request.query.has("$orderby")) return undefined;
      refused++;
      return { kind: "error", status: 400 };
    };
    try {
      const [sent] = fake.state.store.folderMessages("sentitems");
      if (!sent) throw new Error("the mailbox has no sent mail");
      const reply = fake.state.addReply(sent.internetMessageId, { text: "Sorry for the slow answer." });
      const report = await tick();
      expect(refused).toBe(1);
      expect(paths()).toEqual(expect.arrayContaining(DELTAS));
      expect(await stored(reply.id)).toBeDefined();
      expect(report.mail?.outcome).toBe("ok");
    } finally {
      fake.intercept = (request) => {
        requests.push(request);
        return undefined;
      };
    }
    await tick();
    await tick();
    expect(paths()).toEqual([PROBE]);
  });

  it("costs at most two calls a cycle over an idle day, between daily checks", async () => {
    const calls: number[] = [];
    await clock.advance(3600_000);
    for (let i = 0; i < 12 * 20; i++) {
      await tick();
      calls.push(requests.length);
    }
    expect(Math.max(...calls)).toBeLessThanOrEqual(2);
    const average = calls.reduce((a, b) => a + b, 0) / calls.length;
    expect(average).toBeLessThan(1.1);
  });
});
