import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { loadDigestData } from "../../src/db/digest-data.js";
import { claimDigest, DIGEST_LEASE_MS } from "../../src/db/digest-ledger.js";
import type { Account } from "../../src/db/schema.js";
import { sendDigestIfDue } from "../../src/jobs/send-digest.js";
import { silentLogger } from "../../src/logger.js";
import { RecordingProvider } from "../drafting/recording-provider.js";
import { seedAccount, seedThread } from "../drafting/seed.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { counterDeltas } from "../support/metrics.js";

describeEachDatabase("weekly digest", (kind) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let provider: RecordingProvider;
  let ctx: AppContext;
  let account: Account;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    clock = new ManualClock("2026-03-02T10:00:00Z");
    provider = new RecordingProvider();
    ctx = await createContext(makeConfig(), {
      database,
      log: silentLogger(),
      clock,
      migrate: false,
      providers: () => () => provider,
    });
    await database.db.deleteFrom("accounts").execute();
    account = await seedAccount(database.db);
  });

  it("goes out once each Monday 08:00 in the account's zone, across the DST change", async () => {
    const sentAt: string[] = [];
    // Every hour for three weeks around the US spring-forward (8 March 2026).
    for (let t = clock.now().getTime(); t < Date.parse("2026-03-21T00:00:00Z"); t += 60 * 60_000) {
      clock.set(new Date(t));
      if ((await sendDigestIfDue(ctx, account)) === "sent") sentAt.push(clock.now().toISOString());
    }
    expect(sentAt).toEqual(["2026-03-02T14:00:00.000Z", "2026-03-09T13:00:00.000Z", "2026-03-16T13:00:00.000Z"]);
    expect(provider.sentToSelf).toHaveLength(3);
    expect(provider.sentToSelf[0]?.subject).toMatch(
      /^Your networking week \(24 February – 2 March\): 0 conversations$/,
    );
  });

  it("racing senders send one digest per period", async () => {
    clock.set("2026-03-09T13:05:00Z");
    const other = await createContext(makeConfig(), {
      database,
      log: silentLogger(),
      clock,
      migrate: false,
      providers: () => () => provider,
    });
    const results = await Promise.all([
      sendDigestIfDue(ctx, account),
      sendDigestIfDue(other, account),
      sendDigestIfDue(ctx, account),
    ]);
    expect(results.filter((r) => r === "sent")).toHaveLength(1);
    expect(results.filter((r) => r !== "sent").every((r) => r === "already-sent" || r === "in-progress")).toBe(true);
    expect(await sendDigestIfDue(ctx, account)).toBe("already-sent");
    expect(provider.sentToSelf).toHaveLength(1);
  });

  it("a crashed sender's claim is taken over after its lease, unless its digest was delivered", async () => {
    clock.set("2026-03-09T13:05:00Z");
    await claimDigest(database.db, account.id, "2026-03-09", clock.now()); // the crashed run
    expect(await sendDigestIfDue(ctx, account)).toBe("in-progress");
    clock.advance(DIGEST_LEASE_MS + 1000);
    expect(await sendDigestIfDue(ctx, account)).toBe("sent");
    expect(provider.sentToSelf).toHaveLength(1);

    // Next week the crashed run did reach the mailbox: the sync saw the message to self.
    clock.set("2026-03-16T13:05:00Z");
    await claimDigest(database.db, account.id, "2026-03-16", clock.now());
    const thread = await seedThread(database.db, account, { n: 1, sentAt: clock.now() });
    await database.db
      .updateTable("messages")
      .set({
        to_addresses: JSON.stringify([{ address: account.address, name: "" }]),
        sent_at: new Date("2026-03-16T13:05:02Z"),
      })
      .where("thread_id", "=", thread.threadId)
      .execute();
    clock.advance(DIGEST_LEASE_MS + 1000);
    expect(await sendDigestIfDue(ctx, account)).toBe("recovered");
    expect(await sendDigestIfDue(ctx, account)).toBe("already-sent");
    expect(provider.sentToSelf).toHaveLength(1);
  });

  it("collects the week: conversations, goal, drafts, waiting replies, upcoming, referrals, quiet contacts", async () => {
    const now = new Date("2026-03-09T13:00:00Z");
    const waiting = await seedThread(database.db, account, { n: 1, sentAt: new Date("2026-02-27T15:00:00Z") });
    const met = await seedThread(database.db, account, {
      n: 2,
      sentAt: new Date("2026-02-20T15:00:00Z"),
      stage: "thanked",
    });
    const quiet = await seedThread(database.db, account, {
      n: 3,
      sentAt: new Date("2026-01-05T15:00:00Z"),
      stage: "in_touch",
    });
    await database.db
      .updateTable("contacts")
      .set({ stage: "in_touch", last_message_at: new Date("2026-01-05T15:00:00Z") })
      .where("id", "=", quiet.contactId)
      .execute();
    const meeting = (
      id: string,
      start: string,
      contactId: number,
      status: "confirmed" | "cancelled" = "confirmed",
    ) => ({
      account_id: account.id,
      provider_event_id: id,
      summary: "Coffee chat",
      start_at: new Date(start),
      end_at: new Date(Date.parse(start) + 30 * 60_000),
      status,
      contact_id: contactId,
      informational: true,
    });
    await database.db
      .insertInto("meetings")
      .values([
        meeting("e1", "2026-03-05T17:00:00Z", met.contactId),
        meeting("e2", "2026-03-06T17:00:00Z", met.contactId, "cancelled"),
        meeting("e3", "2026-01-20T17:00:00Z", quiet.contactId),
        meeting("e4", "2026-03-11T17:00:00Z", waiting.contactId),
      ])
      .execute();
    await database.db
      .insertInto("contacts")
      .values({
        account_id: account.id,
        address: "priya@example.org",
        name: "Priya Shah",
        referred_by_contact_id: met.contactId,
        first_seen_at: new Date("2026-03-06T10:00:00Z"),
      })
      .execute();
    await database.db
      .insertInto("drafts")
      .values({
        account_id: account.id,
        target_key: "<x@y>",
        kind: "thank_you",
        state: "created",
        to_address: "contact2@northwind.example",
        created_at: new Date("2026-03-07T10:00:00Z"),
      })
      .execute();
    await database.db.updateTable("accounts").set({ status: "needs_reauth" }).where("id", "=", account.id).execute();

    const data = await loadDigestData(database.db, account, now);
    expect(data.held.map((h) => h.name)).toEqual(["Maria2 Lopez"]);
    expect(data.goal).toEqual({ target: 12, period: "quarter", count: 2 }); // 20 January is in this quarter too
    expect(data.quarterCount).toBe(2);
    expect(data.weekly.map((w) => w.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(data.draftsWaiting).toMatchObject([{ kind: "thank_you", name: "Maria2 Lopez" }]);
    expect(data.awaitingReply).toMatchObject([{ name: "Maria1 Lopez", since: new Date("2026-02-27T15:00:00Z") }]);
    expect(data.upcoming).toMatchObject([{ name: "Maria1 Lopez" }]);
    expect(data.referrals).toMatchObject([{ name: "Priya Shah", referrer: "Maria2 Lopez" }]);
    expect(data.quiet).toMatchObject([{ name: "Maria3 Lopez" }]);
    expect(data.reauth).toEqual([{ address: "alex@example.com", provider: "gmail" }]);
  });

  it("names the owner's own accounts that need re-authorisation (linked by alias), never another person's", async () => {
    const sibling = await seedAccount(database.db, { provider: "outlook", address: "alex.kim@outlook.example" });
    // Another person who happens to share the display name, on the same install (a career centre).
    const namesake = await seedAccount(database.db, { address: "alex.kim@other.example", display_name: "Alex Kim" });
    const stranger = await seedAccount(database.db, { address: "sam@example.org", display_name: "Sam Ortiz" });
    await database.db
      .updateTable("accounts")
      .set({ status: "needs_reauth" })
      .where("id", "in", [sibling.id, namesake.id, stranger.id])
      .execute();
    const mine = await database.db
      .updateTable("accounts")
      .set({ aliases: ["alex.kim@outlook.example"] })
      .where("id", "=", account.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const data = await loadDigestData(database.db, mine, clock.now());
    expect(data.reauth).toEqual([{ address: "alex.kim@outlook.example", provider: "outlook" }]);
    const theirs = await loadDigestData(database.db, namesake, clock.now());
    expect(theirs.reauth).toEqual([{ address: "alex.kim@other.example", provider: "gmail" }]);
    const strangers = await loadDigestData(database.db, stranger, clock.now());
    expect(strangers.reauth).toEqual([{ address: "sam@example.org", provider: "gmail" }]);
  });

  it("counts the sends, failures and dry-run skips for /metrics (rapport_digest_sends_total)", async () => {
    const grown = await counterDeltas("rapport_digest_sends_total", {
      sent: { result: "sent" },
      failed: { result: "failed" },
      skipped: { result: "skipped" },
    });
    clock.set("2026-03-09T13:05:00Z");
    const dry = await createContext(makeConfig({ RAPPORT_DRY_RUN: "1" }), {
      database,
      log: silentLogger(),
      clock,
      migrate: false,
      providers: () => () => provider,
    });
    expect(await sendDigestIfDue(dry, account)).toBe("dry-run");
    provider.sendFailures.push(new Error("503 from provider"));
    await expect(sendDigestIfDue(ctx, account)).rejects.toThrow("503 from provider");
    expect(await sendDigestIfDue(ctx, account)).toBe("sent");
    expect(await sendDigestIfDue(ctx, account)).toBe("already-sent");
    expect(await grown()).toEqual({ sent: 1, failed: 1, skipped: 1 });
  });
});
