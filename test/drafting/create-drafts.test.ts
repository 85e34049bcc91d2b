import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { CLAIM_LEASE_MS, claimSlot, draftMarker, RETRY_AFTER_MAX_ATTEMPTS_MS } from "../../src/db/draft-ledger.js";
import type { Account } from "../../src/db/schema.js";
import type { DueDraft } from "../../src/domain/engine-types.js";
import { ProviderError } from "../../src/domain/provider-port.js";
import { createDueDrafts, reconcileDrafts } from "../../src/jobs/create-drafts.js";
import { silentLogger } from "../../src/logger.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { counterDeltas } from "../support/metrics.js";
import { RecordingProvider } from "./recording-provider.js";
import { type SeededThread, seedAccount, seedThread, seedUserMessage } from "./seed.js";

const SENT = new Date("2026-03-02T15:00:00Z"); // Monday 09:00 in Chicago
const DUE = "2026-03-11T15:00:00Z"; // seven business days later

describeEachDatabase("createDueDrafts and reconcileDrafts", (kind) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let provider: RecordingProvider;
  let ctx: AppContext;
  let account: Account;
  let n = 0;

  const context = (dryRun = false) =>
    createContext(makeConfig(dryRun ? { RAPPORT_DRY_RUN: "1" } : {}), {
      database,
      log: silentLogger(),
      clock,
      migrate: false,
      providers: () => () => provider,
    });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });
  beforeEach(async () => {
    clock = new ManualClock("2026-03-11T16:00:00Z");
    provider = new RecordingProvider();
    ctx = await context();
    await database.db.deleteFrom("accounts").execute();
    account = await seedAccount(database.db);
  });

  async function outreach(): Promise<{ thread: SeededThread; due: DueDraft }> {
    n++;
    const thread = await seedThread(database.db, account, { n, sentAt: SENT });
    const due: DueDraft = {
      kind: "nudge",
      to: `contact${n}@northwind.example`,
      inReplyTo: thread.rootMessageId,
      threadId: thread.rootMessageId,
      subject: "Advice on product analytics",
      dueSince: DUE,
      reason: "no reply after 7 business days",
    };
    return { thread, due };
  }

  const rows = () => database.db.selectFrom("drafts").selectAll().orderBy("id").execute();

  it("creates one threaded draft, addressed to the contact, marked with its ledger row", async () => {
    const { due } = await outreach();
    const [outcome] = await createDueDrafts(ctx, account, [due]);
    expect(outcome).toMatchObject({ status: "created", cycle: 1, draftId: "d1" });
    const [draft] = provider.drafts;
    expect(draft?.to.address).toBe(due.to);
    expect(draft?.from).toEqual({ address: "alex@example.com", name: "Alex Kim" });
    expect(draft?.subject).toBe("Re: Advice on product analytics");
    expect(draft?.replyTo).toMatchObject({
      providerMessageId: `gmsg-${n}-1`,
      providerThreadId: `gthread-${n}`,
      messageId: due.inReplyTo,
      references: [due.inReplyTo],
    });
    expect(draft?.text).toMatch(/^Hi Maria\d+,\n\n.* I sent last week/);
    const [row] = await rows();
    expect(row).toMatchObject({ state: "created", provider_draft_id: "d1", attempts: 1, target_key: due.threadId });
    // the ledger keeps the text Rapport wrote, for `rapport drafts` and the page
    expect(row?.body_text).toBe(draft?.text);
    expect(draft?.marker).toBe(`${account.id}.${row?.id}`);
  });

  it("never makes a second draft for the same thing, even when runs race", async () => {
    const { due } = await outreach();
    const other = await context();
    const results = await Promise.all([
      createDueDrafts(ctx, account, [due]),
      createDueDrafts(other, account, [due]),
      createDueDrafts(ctx, account, [due]),
    ]);
    expect(results.flat().filter((o) => o.status === "created")).toHaveLength(1);
    expect(provider.createCalls).toBe(1);
    expect((await createDueDrafts(ctx, account, [due]))[0]?.status).toBe("exists");
    expect(provider.drafts).toHaveLength(1);
  });

  it("a crash after the provider call is reconciled by marker, not drafted again", async () => {
    const { due, thread } = await outreach();
    // The run claimed the row and the provider created the draft, then the process died before recording it.
    const slot = await claimSlot(database.db, {
      accountId: account.id,
      targetKey: due.threadId!,
      kind: "nudge",
      dueSince: new Date(DUE),
      threadId: thread.threadId,
      contactId: thread.contactId,
      toAddress: due.to,
      inReplyTo: due.inReplyTo,
      subject: "Re: x",
      now: clock.now(),
      dryRun: false,
    });
    if (!slot.owned) throw new Error("expected to own the slot");
    await provider.createDraft({
      replyTo: null,
      to: { address: due.to, name: "" },
      from: { address: "a", name: "" },
      subject: "Re: x",
      text: "x",
      marker: draftMarker(slot.row),
    });
    // Within the lease, nobody touches it (the first run might still be working).
    expect((await createDueDrafts(ctx, account, [due]))[0]).toMatchObject({
      status: "exists",
      reason: "already claimed",
    });
    expect(await reconcileDrafts(ctx, account)).toMatchObject({ recovered: 0 });
    clock.advance(CLAIM_LEASE_MS + 1000);
    expect(await reconcileDrafts(ctx, account)).toMatchObject({ recovered: 1, interrupted: 0 });
    expect((await createDueDrafts(ctx, account, [due]))[0]?.status).toBe("exists");
    expect(provider.drafts).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ state: "created", provider_draft_id: "d1" });
  });

  it("a provider slower than the lease: the holder renews its claim, and a second run never makes a second draft", async () => {
    const { due } = await outreach();
    const release = provider.hold();
    const first = createDueDrafts(ctx, account, [due]);
    while (provider.waiting === 0) await new Promise((r) => setImmediate(r));
    // Two leases pass while the provider sits on the request; the holder renews as the clock moves.
    await clock.advance(2 * CLAIM_LEASE_MS + 1000);
    const other = await context();
    expect(await reconcileDrafts(other, account)).toMatchObject({ recovered: 0, interrupted: 0 });
    expect((await createDueDrafts(other, account, [due]))[0]).toMatchObject({ status: "exists" });
    release();
    expect((await first)[0]).toMatchObject({ status: "created" });
    expect(provider.createCalls).toBe(1);
    expect(provider.drafts).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ state: "created", attempts: 1 });
  });

  it("a crash before the provider call is retried while still due", async () => {
    const { due, thread } = await outreach();
    await claimSlot(database.db, {
      accountId: account.id,
      targetKey: due.threadId!,
      kind: "nudge",
      dueSince: new Date(DUE),
      threadId: thread.threadId,
      contactId: thread.contactId,
      toAddress: due.to,
      inReplyTo: due.inReplyTo,
      subject: "Re: x",
      now: clock.now(),
      dryRun: false,
    });
    clock.advance(CLAIM_LEASE_MS + 1000);
    expect(await reconcileDrafts(ctx, account)).toMatchObject({ recovered: 0, interrupted: 1 });
    expect((await createDueDrafts(ctx, account, [due]))[0]).toMatchObject({ status: "created", cycle: 1 });
    expect(provider.drafts).toHaveLength(1);
    expect((await rows())[0]).toMatchObject({ state: "created", attempts: 3 });
  });

  it("a draft the user deleted is not recreated; a sent one moves the cadence to a new cycle", async () => {
    const { due } = await outreach();
    await createDueDrafts(ctx, account, [due]);
    provider.settle("d1", "deleted");
    clock.advance(3600_000);
    expect(await reconcileDrafts(ctx, account)).toMatchObject({ deleted: 1 });
    expect((await createDueDrafts(ctx, account, [due]))[0]).toMatchObject({
      status: "exists",
      reason: "already deleted",
    });

    const checkIn: DueDraft = { ...due, kind: "check_in", dueSince: "2026-03-12T00:00:00Z" };
    clock.set("2026-03-12T01:00:00Z");
    expect((await createDueDrafts(ctx, account, [checkIn]))[0]).toMatchObject({ status: "created", cycle: 1 });
    provider.settle("d2", "sent");
    clock.set("2026-03-13T00:00:00Z");
    expect(await reconcileDrafts(ctx, account)).toMatchObject({ sent: 1 });
    // Same occasion (the sent message is not synced yet): nothing.
    expect((await createDueDrafts(ctx, account, [checkIn]))[0]?.status).toBe("exists");
    // Six weeks after the sent check-in, the engine reports a new occasion: cycle 2.
    clock.set("2026-04-25T00:00:00Z");
    const next = { ...checkIn, dueSince: "2026-04-24T00:00:00Z" };
    expect((await createDueDrafts(ctx, account, [next]))[0]).toMatchObject({ status: "created", cycle: 2 });
    expect(provider.drafts).toHaveLength(3);
  });

  it("respects the user: do-not-contact, declined, already written, never the owner", async () => {
    const a = await outreach();
    await database.db
      .updateTable("contacts")
      .set({ do_not_contact: true })
      .where("id", "=", a.thread.contactId)
      .execute();
    const b = await outreach();
    await database.db.updateTable("threads").set({ stage: "declined" }).where("id", "=", b.thread.threadId).execute();
    const c = await outreach();
    await seedUserMessage(database.db, account, c.thread, n, new Date("2026-03-11T15:30:00Z"));
    const d = await outreach();
    const self = { ...d.due, to: "ALEX@example.com" };
    const outcomes = await createDueDrafts(ctx, account, [a.due, b.due, c.due, self]);
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([
      ["skipped", "the contact is marked do-not-contact"],
      ["skipped", "the contact declined or asked not to be contacted"],
      ["skipped", "the user already wrote in this thread"],
      ["skipped", "the recipient is the account owner"],
    ]);
    expect(provider.createCalls).toBe(0);
    expect(await rows()).toHaveLength(0);
  });

  it("dry run logs what would be drafted without touching the mailbox, then drafts when live", async () => {
    const { due } = await outreach();
    const dry = await context(true);
    expect((await createDueDrafts(dry, account, [due]))[0]?.status).toBe("dry_run");
    expect((await createDueDrafts(dry, account, [due]))[0]?.status).toBe("exists");
    expect(provider.createCalls).toBe(0);
    expect((await createDueDrafts(ctx, account, [due]))[0]?.status).toBe("created");
    expect(provider.drafts).toHaveLength(1);
  });

  it("a refused draft is retried on the next run; an auth failure stops the pass", async () => {
    const { due } = await outreach();
    const second = await outreach();
    provider.failures.push(new ProviderError("temporary", "503 from provider"));
    expect((await createDueDrafts(ctx, account, [due]))[0]).toMatchObject({
      status: "failed",
      reason: "503 from provider",
    });
    expect((await createDueDrafts(ctx, account, [due]))[0]).toMatchObject({ status: "created", cycle: 1 });
    provider.failures.push(new ProviderError("auth", "invalid_grant"));
    await expect(createDueDrafts(ctx, account, [second.due])).rejects.toThrow("invalid_grant");
    expect(provider.drafts).toHaveLength(1);
  });

  it("a draft that failed five times is not given up for good: it is tried again an hour later", async () => {
    const { due } = await outreach();
    for (let i = 0; i < 5; i++) {
      provider.failures.push(new ProviderError("temporary", "timeout"));
      expect((await createDueDrafts(ctx, account, [due]))[0]?.status).toBe("failed");
    }
    expect((await createDueDrafts(ctx, account, [due]))[0]).toMatchObject({
      status: "exists",
      reason: "already failed",
    });
    await clock.advance(RETRY_AFTER_MAX_ATTEMPTS_MS);
    expect((await createDueDrafts(ctx, account, [due]))[0]).toMatchObject({ status: "created" });
    expect(provider.drafts).toHaveLength(1);
  });

  it("counts every draft by kind and resulting state for /metrics (rapport_draft_events_total)", async () => {
    const states = ["created", "dry_run", "failed", "deleted"] as const;
    const grown = await counterDeltas(
      "rapport_draft_events_total",
      Object.fromEntries(states.map((state) => [state, { kind: "nudge", state }])),
    );
    const dryRun = await outreach();
    expect((await createDueDrafts(await context(true), account, [dryRun.due]))[0]?.status).toBe("dry_run");
    const refused = await outreach();
    provider.failures.push(new ProviderError("temporary", "503 from provider"));
    expect((await createDueDrafts(ctx, account, [refused.due]))[0]?.status).toBe("failed");
    const { due } = await outreach();
    expect((await createDueDrafts(ctx, account, [due]))[0]?.status).toBe("created");
    provider.settle("d1", "deleted");
    expect(await reconcileDrafts(ctx, account)).toMatchObject({ deleted: 1 });
    expect(await grown()).toEqual({ created: 1, dry_run: 1, failed: 1, deleted: 1 });
  });
});
