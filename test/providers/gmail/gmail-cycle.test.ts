/**
 * End to end on the fake Google, on PGlite and Postgres: whole worker cycles over the real adapter. Threaded drafts
 * appear in the fake's Drafts with the right headers; a second cycle creates nothing; deletions, moved events,
 * an expired history id and an expired sync token are absorbed without duplicates.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { header } from "../../../sandbox/fake-google/message-format.js";
import { type FakeGoogle, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { createContext } from "../../../src/app/compose.js";
import { ManualClock } from "../../../src/clock.js";
import { makeConfig } from "../../../src/config.js";
import type { AppContext } from "../../../src/context.js";
import { upsertAccount } from "../../../src/db/accounts.js";
import type { Account } from "../../../src/db/schema.js";
import { runAccountCycle } from "../../../src/jobs/run-cycle.js";
import { silentLogger } from "../../../src/logger.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../../support/database.js";
import { NOW, tokensOf } from "./helpers.js";

const mailbox = generateMailbox({ seed: "cycle", size: 300, informationalThreads: 14, now: NOW });

describeEachDatabase("Gmail end to end", (kind) => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let ctx: AppContext;
  let account: Account;
  const clock = new ManualClock(NOW);

  const rows = async (table: "messages" | "meetings") =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("account_id", "=", account.id)
          .executeTakeFirstOrThrow()
      ).n,
    );

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
      ctx.clock.now(),
    );
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });

  it("a cycle leaves threaded drafts with the marker in the fake's Drafts folder", async () => {
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    const drafts = fake.state.drafts();
    expect(drafts.length).toBeGreaterThan(0);
    expect(report.drafts.filter((d) => d.status === "created")).toHaveLength(drafts.length);
    const thanked = mailbox.truth.informational.filter((t) => t.kind === "thank-you-due");
    for (const truth of thanked) {
      const draft = drafts.find((d) => d.header("To")?.includes(truth.contact.address));
      expect(draft, `thank-you to ${truth.contact.address}`).toBeDefined();
    }
    for (const draft of drafts) {
      const thread = fake.state.gmail
        .threadMessages(draft.message.threadId)
        .filter((m) => !m.labelIds.includes("DRAFT"));
      expect(thread.length).toBeGreaterThan(0); // it sits in an existing conversation
      const parent = thread.find((m) => header(m, "Message-ID") === draft.header("In-Reply-To"));
      expect(parent).toBeDefined();
      expect(draft.header("References")?.split(" ").at(-1)).toBe(draft.header("In-Reply-To"));
      expect(draft.header("Subject")?.replace(/^Re: /, "")).toBe(
        header(thread[0] ?? parent!, "Subject")?.replace(/^Re: /, ""),
      );
      expect(draft.header("X-Rapport-Draft")).toMatch(/\S/);
    }
  });

  it("a second cycle creates nothing new", async () => {
    const before = fake.state.drafts().map((d) => d.draftId);
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    expect(report.drafts.filter((d) => d.status === "created")).toHaveLength(0);
    expect(fake.state.drafts().map((d) => d.draftId)).toEqual(before);
  });

  it("absorbs a deleted message, a moved event, an expired history id and an expired sync token", async () => {
    const messagesBefore = await rows("messages");
    const meetingsBefore = await rows("meetings");
    const received = await ctx.db
      .selectFrom("messages")
      .select(["provider_message_id", "labels"])
      .where("account_id", "=", account.id)
      .where("sent_by_user", "=", false)
      .execute();
    const victim = received.find((m) => m.labels.includes("INBOX"));
    if (!victim) throw new Error("no received message to delete");
    fake.state.deleteMessage(victim.provider_message_id);
    const scheduled = mailbox.truth.informational.find((t) => t.kind === "scheduled");
    const eventId = fake.state.eventIdOf(scheduled?.meetingUid ?? "");
    const newStart = new Date(NOW.getTime() + 5 * 86_400_000);
    fake.state.moveEvent(eventId, newStart, new Date(newStart.getTime() + 1_800_000));

    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    expect(await rows("messages")).toBe(messagesBefore - 1);
    const moved = await ctx.db
      .selectFrom("meetings")
      .select("start_at")
      .where("account_id", "=", account.id)
      .where("provider_event_id", "=", eventId)
      .executeTakeFirstOrThrow();
    expect(new Date(moved.start_at)).toEqual(newStart);

    fake.state.expireHistory();
    fake.state.expireSyncTokens();
    const draftsBefore = fake.state.drafts().length;
    const resync = await runAccountCycle(ctx, account.id);
    expect(resync.status).toBe("ok");
    expect(await rows("messages")).toBe(messagesBefore - 1);
    expect(await rows("meetings")).toBe(meetingsBefore);
    expect(fake.state.drafts()).toHaveLength(draftsBefore);
  });

  it("a draft the user deleted is not made again", async () => {
    const [first] = fake.state.drafts();
    if (!first) throw new Error("no draft");
    fake.state.userDeletesDraft(first.draftId);
    const count = fake.state.drafts().length;
    clock.advance(3_600_000);
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    expect(fake.state.drafts()).toHaveLength(count);
    const ledger = await ctx.db
      .selectFrom("drafts")
      .select("state")
      .where("account_id", "=", account.id)
      .where("provider_draft_id", "=", first.draftId)
      .executeTakeFirstOrThrow();
    expect(ledger.state).toBe("deleted");
  });
});
