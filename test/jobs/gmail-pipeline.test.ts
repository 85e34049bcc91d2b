/**
 * The worker's pipeline over a real adapter and the fake Google: sync → assess → evaluate, on PGlite and Postgres.
 * Re-running changes nothing; an expired history id resyncs without duplicates; a revoked grant marks the account.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import type { Account } from "../../src/db/schema.js";
import { type AssessReport, assessPendingThreads } from "../../src/jobs/assess-threads.js";
import { evaluateAccount } from "../../src/jobs/evaluate-account.js";
import { syncCalendar, syncMail } from "../../src/jobs/sync.js";
import { silentLogger } from "../../src/logger.js";
import { countThreadReads } from "../providers/gmail/helpers.js";
import { countRows, describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-04-15T17:30:00Z");
const mailbox = generateMailbox({ seed: "pipeline", size: 400, informationalThreads: 14, now: NOW });

const counts = (ctx: AppContext, accountId: number) =>
  countRows(ctx.db, accountId, ["messages", "threads", "meetings", "contacts"]);

describeEachDatabase("worker pipeline on fake Gmail", (kind) => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let ctx: AppContext;
  let account: Account;

  beforeAll(async () => {
    fake = await startFakeGoogle({ mailbox });
    database = await openTestDatabase(kind);
    const config = makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      GOOGLE_CLIENT_ID: fake.oauth.clientId,
      GOOGLE_CLIENT_SECRET: fake.oauth.clientSecret,
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    });
    ctx = await createContext(config, {
      database,
      log: silentLogger(),
      clock: new ManualClock(NOW),
    });
    const issued = fake.issueTokens();
    account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "gmail",
        address: mailbox.owner.address,
        displayName: mailbox.owner.name,
        timeZone: mailbox.timeZone,
        tokens: {
          accessToken: issued.access_token,
          refreshToken: issued.refresh_token ?? null,
          expiresAt: NOW.getTime() + 3600_000,
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

  it("backfills, assesses the threads the user took part in from that one read, and finds what is due", async () => {
    const provider = ctx.providers(account);
    const reads = countThreadReads(fake);
    let assessed: AssessReport;
    try {
      const mail = await syncMail(ctx, account, provider);
      const calendar = await syncCalendar(ctx, account, provider);
      expect(mail.outcome).toBe("ok");
      expect(calendar.outcome).toBe("ok");
      expect(mail.inserted).toBeGreaterThan(0);
      // The sync read each thread in full and handed the bodies over: assessed there, nothing left to fetch.
      expect(mail.assessed?.assessed).toBeGreaterThan(0);
      assessed = await assessPendingThreads(ctx, account, provider);
    } finally {
      fake.intercept = null;
    }
    expect(assessed).toMatchObject({ assessed: 0, fetched: 0 });
    expect(reads.size).toBeGreaterThan(0);
    for (const [thread, n] of reads) expect(`${thread} ${n}`).toMatch(/ full 1$/);

    const threads = await ctx.db.selectFrom("threads").selectAll().where("account_id", "=", account.id).execute();
    const byRoot = new Map(threads.map((t) => [t.root_message_id, t]));
    const seekerTruth = mailbox.truth.informational.filter((t) => t.kind !== "host");
    const found = seekerTruth.filter((t) => byRoot.get(t.rootMessageId)?.informational === true);
    expect(found.length / seekerTruth.length).toBeGreaterThanOrEqual(0.9);
    // No message body ever reaches the database: only the assessment's reasons and metadata.
    expect(JSON.stringify(threads)).not.toMatch(/bodyText/);

    const evaluation = await evaluateAccount(ctx, account);
    const nudges = evaluation.due.filter((d) => d.kind === "nudge").map((d) => d.to);
    for (const t of mailbox.truth.informational.filter((x) => x.kind === "nudge-due")) {
      expect(nudges).toContain(t.contact.address.toLowerCase());
    }
    const thanks = evaluation.due.filter((d) => d.kind === "thank_you").map((d) => d.to);
    for (const t of mailbox.truth.informational.filter((x) => x.kind === "thank-you-due")) {
      expect(thanks).toContain(t.contact.address.toLowerCase());
    }
    const staged = await ctx.db
      .selectFrom("threads")
      .select("stage")
      .where("account_id", "=", account.id)
      .where("informational", "=", true)
      .execute();
    expect(staged.every((t) => t.stage !== null)).toBe(true);
  });

  it("running the same sync again changes nothing", async () => {
    const before = await counts(ctx, account.id);
    const provider = ctx.providers(account);
    const mail = await syncMail(ctx, account, provider);
    const calendar = await syncCalendar(ctx, account, provider);
    expect(mail.inserted + mail.deleted).toBe(0);
    expect(calendar.inserted + calendar.deleted).toBe(0);
    expect((await assessPendingThreads(ctx, account, provider)).assessed).toBe(0);
    expect(await counts(ctx, account.id)).toEqual(before);
  });

  it("a new reply arrives incrementally and marks only its thread for assessment", async () => {
    const nudge = mailbox.truth.informational.find((t) => t.kind === "nudge-due");
    const root = fake.state.messageIdOf(nudge?.rootMessageId ?? "");
    fake.state.addReply(
      root,
      nudge?.contact ?? mailbox.owner,
      "Happy to chat — does Thursday at 2pm work?",
      new Date(NOW.getTime() - 3600_000),
    );
    const provider = ctx.providers(account);
    const reads = countThreadReads(fake);
    const mail = await syncMail(ctx, account, provider);
    fake.intercept = null;
    expect(mail.inserted).toBe(1);
    // Only its thread is read (once, in full) and assessed from that read; nothing is left pending.
    expect([...reads]).toEqual([[`${fake.state.gmail.messages.get(root)?.threadId} full`, 1]]);
    expect(mail.assessed).toMatchObject({ assessed: 1, fetched: 1 });
    const pending = await ctx.db
      .selectFrom("threads")
      .select("id")
      .where("account_id", "=", account.id)
      .where("needs_assessment", "=", true)
      .execute();
    expect(pending).toHaveLength(0);
    expect((await assessPendingThreads(ctx, account, provider)).fetched).toBe(0);
    const evaluation = await evaluateAccount(ctx, account);
    expect(evaluation.due.filter((d) => d.kind === "nudge").map((d) => d.to)).not.toContain(
      nudge?.contact.address.toLowerCase(),
    );
  });

  it("an expired history id resyncs the look-back window: no duplicates, and mail deleted meanwhile is gone", async () => {
    const before = await counts(ctx, account.id);
    // A message of a thread the user took part in is deleted while the history id is expired.
    const victim = await ctx.db
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
    const mail = await syncMail(ctx, account, ctx.providers(account));
    expect(mail.outcome).toBe("ok");
    expect(mail.resynced).toBe(true);
    expect(await counts(ctx, account.id)).toEqual({ ...before, messages: before.messages - 1 });
    const gone = await ctx.db
      .selectFrom("messages")
      .select("provider_message_id")
      .where("account_id", "=", account.id)
      .where("provider_message_id", "=", victim.provider_message_id)
      .execute();
    expect(gone).toEqual([]);
  });

  it("a revoked grant marks the account as needing re-authorisation", async () => {
    fake.oauth.revokeUser(mailbox.owner.address);
    fake.oauth.expireAccessTokens();
    const mail = await syncMail(ctx, account, ctx.providers(account));
    expect(mail.outcome).toBe("needs-reauth");
    const stored = await ctx.db
      .selectFrom("accounts")
      .select(["status", "status_reason"])
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("needs_reauth");
  });
});
