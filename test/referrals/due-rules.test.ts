/**
 * When referral drafts are due (jobs/referral-drafts.ts), on PGlite and Postgres: a reply to a cc-introduction until
 * the user answers in its thread; a first note to someone named with an address until mail goes either way; neither
 * for an old introduction, for someone without an address, nor ever to the user or the introducer.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { recordReferrals } from "../../src/db/referrals.js";
import type { Account } from "../../src/db/schema.js";
import type { DueDraft } from "../../src/domain/engine-types.js";
import type { FoundIntroduction } from "../../src/domain/introductions.js";
import { planDraft } from "../../src/jobs/plan-draft.js";
import { dueReferralDrafts } from "../../src/jobs/referral-drafts.js";
import { seedAccount } from "../drafting/seed.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const D = new Date("2026-03-02T15:00:00Z");
const HOUR = 3_600_000;
const ANA = { address: "ana@harborlight.example", name: "Ana Lopez" };
const at = (hours: number) => new Date(D.getTime() + hours * HOUR);

describeEachDatabase("referral drafts due", (kind) => {
  let database: TestDatabase;
  let account: Account;
  let n = 0;

  async function thread(subject: string, from: string, to: string[], sentAt: Date): Promise<number> {
    n++;
    const row = await database.db
      .insertInto("threads")
      .values({ account_id: account.id, thread_key: `t${n}`, root_message_id: `<root${n}@x>`, subject })
      .returning("id")
      .executeTakeFirstOrThrow();
    await mail(row.id, from, to, sentAt, `<root${n}@x>`);
    return row.id;
  }
  async function mail(threadId: number, from: string, to: string[], sentAt: Date, id = `<m${++n}@x>`) {
    await database.db
      .insertInto("messages")
      .values({
        account_id: account.id,
        provider_message_id: `p${n}-${id}`,
        thread_id: threadId,
        message_id: id,
        from_address: from,
        to_addresses: JSON.stringify(to.map((address) => ({ address, name: "" }))),
        sent_at: sentAt,
        sent_by_user: from === account.address,
        labels: from === account.address ? ["SENT"] : ["INBOX"],
      })
      .execute();
  }
  const found = (kind: FoundIntroduction["kind"], address: string | null, name: string): FoundIntroduction => ({
    kind,
    referrer: ANA,
    referred: { address, name, organisation: null },
    messageId: null,
    at: D,
  });
  const due = async (hours: number) =>
    (await dueReferralDrafts(database.db, account, at(hours))).map((d) => `${d.kind}:${d.to}`);

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    account = await seedAccount(database.db, { aliases: ["alex.kim@work.example"] });
  });
  afterAll(async () => database.close());

  it("a reply to a cc-introduction is due in its thread until the user answers there", async () => {
    const intro = await thread("Intro: Alex <> Sam", ANA.address, [account.address, "sam@tidewater.example"], D);
    await recordReferrals(database.db, account.id, intro, [found("cc", "sam@tidewater.example", "Sam Okafor")], D);
    const [reply] = await dueReferralDrafts(database.db, account, at(1));
    expect(reply).toMatchObject({
      kind: "intro_reply",
      to: "sam@tidewater.example",
      threadId: `<root${n}@x>`,
      inReplyTo: `<root${n}@x>`,
      subject: "Intro: Alex <> Sam",
      dueSince: D.toISOString(),
    });
    await mail(intro, account.address, ["sam@tidewater.example"], at(2));
    expect(await due(3)).toEqual([]);
  });

  it("a first note to someone named with an address is due until mail goes either way", async () => {
    const named = await thread("Re: Thanks", ANA.address, [account.address], D);
    await recordReferrals(
      database.db,
      account.id,
      named,
      [
        found("named", "priya@northwind.example", "Priya Shah"),
        found("named", null, "Ken Ito"),
        found("named", account.address, "Alex Kim"),
        found("named", "alex.kim@work.example", "Alex Kim"),
        found("forward", ANA.address, "Ana Lopez"),
      ],
      D,
    );
    expect(await due(1)).toEqual(["referral_outreach:priya@northwind.example"]);
    // after fourteen days, an introduction is not followed up any more
    expect(await due(15 * 24)).toEqual([]);
    const other = await thread("Hello", "priya@northwind.example", [account.address], at(2));
    expect(other).toBeGreaterThan(0);
    expect(await due(3)).toEqual([]);
  });

  it("a reply to two people introduced at once goes to the first, the other in Cc, the introducer in Bcc", async () => {
    const both = ["sam2@tidewater.example", "lee@tidewater.example"];
    const intro = await thread("Intro: Alex, Sam and Lee", ANA.address, [account.address, ...both], at(4));
    await recordReferrals(
      database.db,
      account.id,
      intro,
      [
        { ...found("cc", both[0] ?? "", "Sam Two"), at: at(4) },
        { ...found("cc", both[1] ?? "", "Lee Park"), at: at(4) },
      ],
      at(4),
    );
    const replies = (await dueReferralDrafts(database.db, account, at(5))).filter((d) => d.threadId === `<root${n}@x>`);
    expect(replies.map((d) => d.to)).toEqual([both[0]]);
    const planned = await planDraft(database.db, account, replies[0] as DueDraft, at(5));
    if (!("plan" in planned)) throw new Error(planned.skip);
    expect(planned.plan.cc).toEqual([{ address: both[1], name: "Lee Park" }]);
    expect(planned.plan.bcc).toEqual([ANA]);
    expect(planned.plan.facts.referredBy).toBe("Ana Lopez");
    expect(planned.plan.replyTo?.messageId).toBe(`<root${n}@x>`);
  });

  it("credits the introducer as a contact, once per referred person and thread", async () => {
    const rows = await database.db
      .selectFrom("referrals")
      .select(["referred_key"])
      .where("account_id", "=", account.id)
      .execute();
    expect(rows.map((r) => r.referred_key).sort()).toEqual([
      "alex.kim@work.example",
      "alex@example.com",
      ANA.address,
      "ken ito",
      "lee@tidewater.example",
      "priya@northwind.example",
      "sam2@tidewater.example",
      "sam@tidewater.example",
    ]);
    const contacts = await database.db
      .selectFrom("contacts")
      .select(["address", "name"])
      .where("account_id", "=", account.id)
      .execute();
    expect(contacts).toEqual([{ address: ANA.address, name: "Ana Lopez" }]);
  });
});
