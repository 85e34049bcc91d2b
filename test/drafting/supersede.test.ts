import { afterAll, beforeAll, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import type { Account } from "../../src/db/schema.js";
import { supersedeMovedOn } from "../../src/jobs/create-drafts.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { counterDeltas } from "../support/metrics.js";
import { type SeededThread, seedAccount, seedThread } from "./seed.js";

const T0 = new Date("2026-03-02T15:00:00Z");
const DAY = 86_400_000;

describeEachDatabase("waiting drafts the conversation moved past", (kind) => {
  let database: TestDatabase;
  let account: Account;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    account = await seedAccount(database.db);
  });
  afterAll(async () => database.close());

  async function nudgeDraft(thread: SeededThread) {
    return database.db
      .insertInto("drafts")
      .values({
        account_id: account.id,
        target_key: thread.rootMessageId,
        thread_id: thread.threadId,
        kind: "nudge",
        state: "created",
        to_address: "someone@northwind.example",
        created_at: new Date(T0.getTime() + 10 * DAY),
        provider_draft_id: `d-${thread.threadId}`,
      })
      .returning(["id", "account_id"])
      .executeTakeFirstOrThrow();
  }

  async function reply(thread: SeededThread, n: number, at: Date, marker: string | null = null) {
    await database.db
      .insertInto("messages")
      .values({
        account_id: account.id,
        provider_message_id: `reply-${n}`,
        thread_id: thread.threadId,
        message_id: `<reply-${n}@northwind.example>`,
        from_address: marker ? account.address : `contact${n}@northwind.example`,
        sent_at: at,
        sent_by_user: marker !== null,
        labels: marker ? ["SENT"] : ["INBOX"],
        rapport_marker: marker,
      })
      .execute();
  }

  const stateOf = async (id: number) =>
    (await database.db.selectFrom("drafts").select("state").where("id", "=", id).executeTakeFirstOrThrow()).state;

  it("marks superseded only drafts whose thread moved on and that are no longer due", async () => {
    const replied = await seedThread(database.db, account, { n: 1, sentAt: T0 });
    const quiet = await seedThread(database.db, account, { n: 2, sentAt: T0 });
    const stillDue = await seedThread(database.db, account, { n: 3, sentAt: T0 });
    const sentByUser = await seedThread(database.db, account, { n: 4, sentAt: T0 });
    const drafts = await Promise.all([replied, quiet, stillDue, sentByUser].map(nudgeDraft));
    const later = new Date(T0.getTime() + 11 * DAY);
    await reply(replied, 1, later);
    await reply(stillDue, 3, later);
    // The user sent Rapport's own draft: that is the draft's fate (sent), not a reason to supersede it.
    await reply(sentByUser, 4, later, `${drafts[3]?.account_id}.${drafts[3]?.id}`);

    const grown = await counterDeltas("rapport_draft_events_total", {
      superseded: { kind: "nudge", state: "superseded" },
    });
    const due = [{ kind: "nudge" as const, threadId: stillDue.rootMessageId, to: "someone@northwind.example" }];
    const ctx = { db: database.db, clock: new ManualClock(later) };
    expect(await supersedeMovedOn(ctx, account, due)).toBe(1);
    expect(await grown()).toEqual({ superseded: 1 });
    expect(await Promise.all(drafts.map((d) => stateOf(d.id)))).toEqual([
      "superseded",
      "created",
      "created",
      "created",
    ]);
  });
});
