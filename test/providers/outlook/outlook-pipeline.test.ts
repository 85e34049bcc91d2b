/**
 * The worker's jobs over the real Outlook adapter and the fake Graph, on PGlite and Postgres: backfill → assess →
 * evaluate → drafts in the fake's Drafts (right conversation, right person) → re-running creates nothing new;
 * then incremental changes (new reply, deleted message, moved message, cancelled event, expired delta token)
 * and a revoked grant.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { createContext } from "../../../src/app/compose.js";
import { ManualClock } from "../../../src/clock.js";
import { makeConfig } from "../../../src/config.js";
import type { AppContext } from "../../../src/context.js";
import { upsertAccount } from "../../../src/db/accounts.js";
import type { Account } from "../../../src/db/schema.js";
import { assessPendingThreads } from "../../../src/jobs/assess-threads.js";
import { createDueDrafts, reconcileDrafts } from "../../../src/jobs/create-drafts.js";
import { evaluateAccount } from "../../../src/jobs/evaluate-account.js";
import { syncCalendar, syncMail } from "../../../src/jobs/sync.js";
import { silentLogger } from "../../../src/logger.js";
import { countRows, describeEachDatabase, openTestDatabase, type TestDatabase } from "../../support/database.js";
import { SCENARIO_NOW as NOW, startFake } from "./helpers.js";

const mailbox = generateMailbox({ seed: "pipeline-outlook", size: 400, informationalThreads: 14, now: NOW });

const counts = (ctx: AppContext, accountId: number) =>
  countRows(ctx.db, accountId, ["messages", "threads", "meetings", "drafts"]);

describeEachDatabase("worker pipeline on fake Outlook", (kind) => {
  let fake: FakeGraph;
  let database: TestDatabase;
  let ctx: AppContext;
  let account: Account;

  async function cycle() {
    // Re-read like run-cycle does: the sealed tokens rotate on every refresh.
    account = await ctx.db.selectFrom("accounts").selectAll().where("id", "=", account.id).executeTakeFirstOrThrow();
    const provider = ctx.providers(account);
    const mail = await syncMail(ctx, account, provider);
    const calendar = await syncCalendar(ctx, account, provider);
    const assessed = await assessPendingThreads(ctx, account, provider);
    const evaluation = await evaluateAccount(ctx, account);
    await reconcileDrafts(ctx, account);
    const drafts = await createDueDrafts(ctx, account, evaluation.due);
    return { mail, calendar, assessed, evaluation, drafts };
  }

  beforeAll(async () => {
    fake = await startFake({ mailbox });
    database = await openTestDatabase(kind);
    const config = makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      MICROSOFT_CLIENT_ID: fake.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: fake.state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
    });
    ctx = await createContext(config, {
      database,
      log: silentLogger(),
      clock: new ManualClock(NOW),
    });
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
          // Already expired: the first request refreshes, rotates, and the new pair must be sealed back.
          expiresAt: 1,
          scope: issued.scope,
        },
      },
      ctx.clock.now(),
    );
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });

  it("backfills, finds the informational threads, and drafts into the right conversations", async () => {
    // Each conversation query the assessment makes, by conversation.
    const queried = new Map<string, number>();
    fake.intercept = (req) => {
      const filter = req.query.get("$filter") ?? "";
      const match = /conversationId eq '([^']+)'/.exec(filter);
      if (req.method === "GET" && match?.[1]) queried.set(match[1], (queried.get(match[1]) ?? 0) + 1);
      return undefined;
    };
    let result: Awaited<ReturnType<typeof cycle>>;
    try {
      result = await cycle();
    } finally {
      fake.intercept = null;
    }
    const { mail, calendar, assessed, evaluation, drafts } = result;
    expect(mail.outcome).toBe("ok");
    expect(calendar.outcome).toBe("ok");
    // Read once each, and only the conversations the user wrote in (within the look-back): the rest by headers.
    const sinceMs = NOW.getTime() - 365 * 86_400_000;
    const userConversations = new Set(
      [...fake.state.store.messages.values()]
        .filter((m) => m.folder === "sentitems" && m.receivedAt.getTime() >= sinceMs)
        .map((m) => m.conversationId),
    );
    expect(new Set(queried.keys())).toEqual(userConversations);
    expect([...queried.values()].every((n) => n === 1)).toBe(true);
    // The default look-back is 365 days; the generated history spans 400.
    const since = NOW.getTime() - 365 * 86_400_000;
    const inWindow = [...fake.state.store.messages.values()].filter(
      (m) => (m.folder === "inbox" || m.folder === "sentitems") && m.receivedAt.getTime() >= since,
    );
    expect(mail.inserted).toBe(inWindow.length);
    expect(assessed.assessed).toBeGreaterThan(0);
    expect(fake.state.identity.stats.refreshes).toBe(1);

    const threads = await ctx.db.selectFrom("threads").selectAll().where("account_id", "=", account.id).execute();
    const byRoot = new Map(threads.map((t) => [t.root_message_id, t]));
    const seekerTruth = mailbox.truth.informational.filter((t) => t.kind !== "host");
    const found = seekerTruth.filter((t) => byRoot.get(t.rootMessageId)?.informational === true);
    expect(found.length / seekerTruth.length).toBeGreaterThanOrEqual(0.9);

    const nudges = evaluation.due.filter((d) => d.kind === "nudge").map((d) => d.to);
    for (const t of mailbox.truth.informational.filter((x) => x.kind === "nudge-due")) {
      expect(nudges).toContain(t.contact.address.toLowerCase());
    }
    const created = drafts.filter((d) => d.status === "created");
    expect(created.length).toBeGreaterThan(0);
    const fakeDrafts = fake.state.drafts();
    expect(fakeDrafts).toHaveLength(created.length);
    for (const outcome of created) {
      const draft = fake.state.message(outcome.draftId ?? "");
      // Addressed to the contact (never the user), in the conversation of the thread it follows up.
      expect(draft.to.map((a) => a.address.toLowerCase())).toEqual([outcome.to]);
      const conversation = fake.state.store
        .folderMessages("sentitems")
        .concat(fake.state.store.folderMessages("inbox"));
      expect(conversation.some((m) => m.conversationId === draft.conversationId)).toBe(true);
    }
    expect(fake.state.sentMail).toHaveLength(0);
  });

  it("running the same cycle again creates nothing new", async () => {
    const before = await counts(ctx, account.id);
    const draftsBefore = fake.state.drafts().length;
    const { mail, calendar, drafts } = await cycle();
    expect(mail.inserted + mail.deleted).toBe(0);
    expect(calendar.inserted + calendar.deleted).toBe(0);
    expect(drafts.filter((d) => d.status === "created")).toHaveLength(0);
    expect(fake.state.drafts()).toHaveLength(draftsBefore);
    expect(await counts(ctx, account.id)).toEqual(before);
  });

  it("incremental: a new reply, a deleted message, a moved message and a cancelled event", async () => {
    const nudge = mailbox.truth.informational.find((t) => t.kind === "nudge-due");
    const reply = fake.state.addReply(nudge?.rootMessageId ?? "", {
      text: "Happy to chat — does Thursday at 2pm work?",
      date: new Date(NOW.getTime() - 3600_000),
    });
    const inbox = fake.state.store.folderMessages("inbox").filter((m) => m.id !== reply.id);
    const [doomed, moved] = inbox.slice(-2);
    if (!doomed || !moved) throw new Error("seed too small");
    fake.state.deleteMessage(doomed.id);
    fake.state.moveMessage(moved.id, "archive");
    const meeting = [...fake.state.store.events.values()].find((e) => e.event.start > NOW);
    if (!meeting) throw new Error("no upcoming event in the seed");
    fake.state.cancelEvent(meeting.id);

    const before = await counts(ctx, account.id);
    const { mail, calendar } = await cycle();
    expect(mail.inserted).toBe(1);
    expect(mail.deleted).toBe(1);
    expect(calendar.deleted).toBe(0);
    const stored = await ctx.db
      .selectFrom("messages")
      .select(["provider_message_id", "labels"])
      .where("account_id", "=", account.id)
      .where("provider_message_id", "in", [reply.id, doomed.id, moved.id])
      .execute();
    const labels = new Map(stored.map((m) => [m.provider_message_id, m.labels]));
    expect(labels.has(doomed.id)).toBe(false);
    expect(labels.get(moved.id)?.[0]).toBe("ARCHIVE");
    expect(labels.get(reply.id)?.[0]).toBe("INBOX");
    const event = await ctx.db
      .selectFrom("meetings")
      .select("status")
      .where("account_id", "=", account.id)
      .where("provider_event_id", "=", meeting.id)
      .executeTakeFirstOrThrow();
    expect(event.status).toBe("cancelled");
    expect((await counts(ctx, account.id)).messages).toBe(before.messages);
  });

  it("an expired delta token resyncs without duplicating anything", async () => {
    const before = await counts(ctx, account.id);
    fake.state.expireDeltaTokens();
    const { mail, calendar, drafts } = await cycle();
    expect(mail.outcome).toBe("ok");
    expect(calendar.outcome).toBe("ok");
    expect(mail.inserted).toBe(0);
    expect(drafts.filter((d) => d.status === "created")).toHaveLength(0);
    expect(await counts(ctx, account.id)).toEqual(before);
  });

  it("a revoked grant marks the account as needing re-authorisation", async () => {
    fake.state.revokeRefreshTokens();
    fake.state.expireAccessTokens();
    const fresh = await ctx.db
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    const mail = await syncMail(ctx, fresh, ctx.providers(fresh));
    expect(mail.outcome).toBe("needs-reauth");
    const stored = await ctx.db
      .selectFrom("accounts")
      .select(["status"])
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("needs_reauth");
  });
});
