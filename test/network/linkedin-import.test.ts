/**
 * Importing LinkedIn's Connections.csv into an account: people matched to contacts by address and then by name,
 * re-imports that update instead of duplicating, and the organisation and position reaching the pipeline, the
 * digest and drafts. Every query stays within its account.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import { loadDigestData } from "../../src/db/digest-data.js";
import { loadPipeline } from "../../src/db/pipeline.js";
import type { Account } from "../../src/db/schema.js";
import type { ThreadAssessment } from "../../src/domain/engine-types.js";
import { linkContacts } from "../../src/jobs/contacts.js";
import { createDueDrafts } from "../../src/jobs/create-drafts.js";
import { importLinkedIn } from "../../src/jobs/import-linkedin.js";
import { planDraft } from "../../src/jobs/plan-draft.js";
import { silentLogger } from "../../src/logger.js";
import { buildDigestContext } from "../../src/templates/digest-context.js";
import { RecordingProvider } from "../drafting/recording-provider.js";
import { seedAccount, seedThread } from "../drafting/seed.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const FIXTURE = readFileSync(path.resolve(import.meta.dirname, "../fixtures/linkedin/Connections.csv"));
const NOW = new Date("2026-03-16T15:00:00Z");

describeEachDatabase("linkedin import", (kind) => {
  let database: TestDatabase;
  let account: Account;
  let other: Account;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    await database.db.deleteFrom("accounts").execute();
    account = await seedAccount(database.db);
    other = await seedAccount(database.db, { address: "someone-else@example.com" });
  });

  const contact = (a: Account, address: string, name: string, organisation: string | null = null) =>
    database.db
      .insertInto("contacts")
      .values({ account_id: a.id, address, name, organisation, stage: "outreach_sent" })
      .returning("id")
      .executeTakeFirstOrThrow();
  const connections = (a: Account) =>
    database.db.selectFrom("linkedin_connections").selectAll().where("account_id", "=", a.id).orderBy("id").execute();

  it("matches by address, then by a name one contact alone carries; a re-import changes nothing", async () => {
    const maria = await contact(account, "maria@northwind.example", "Maria L.");
    const chen = await contact(account, "chen.wei@sunrise.example", "Chen Wei");
    await contact(account, "dana@acme.example", "Dana Ruiz");
    await contact(account, "druiz@other.example", "Dana Ruiz"); // two Danas: which one is on LinkedIn is unknown
    const lena = await contact(account, "lena@harborlight.example", "Lena Fairbanks", "Harborlight Partners");
    await contact(other, "bjorn@fabrikam.example", "Björn Åkesson"); // another account's contact: never matched

    const first = await importLinkedIn(database.db, account, FIXTURE, NOW);
    expect(first).toMatchObject({ rows: 7, added: 7, updated: 0, unchanged: 0, matchedByAddress: 2, matchedByName: 1 });
    expect(first.problems.filter((p) => p.skipped).map((p) => p.line)).toEqual([9, 12]);
    const rows = await connections(account);
    const byContact = new Map(rows.map((r) => [r.contact_id, r]));
    expect(byContact.get(maria.id)).toMatchObject({ matched_by: "address", organisation: "Northwind Traders, Inc." });
    expect(byContact.get(chen.id)).toMatchObject({ matched_by: "name", position: "Director, Public Policy" });
    expect(byContact.get(lena.id)?.matched_by).toBe("address");
    expect(rows.find((r) => r.last_name === "Ruiz")?.contact_id).toBeNull();
    expect(await connections(other)).toEqual([]);

    const again = await importLinkedIn(database.db, account, FIXTURE, new Date(NOW.getTime() + 60_000));
    expect(again).toMatchObject({ rows: 7, added: 0, updated: 0, unchanged: 7, matchedByAddress: 2, matchedByName: 1 });
    expect(await connections(account)).toEqual(rows);

    // Chen changed jobs: the next export updates the same row.
    const moved = FIXTURE.toString("utf8").replace('"Director, Public Policy"', "Chief of Staff");
    const third = await importLinkedIn(database.db, account, Buffer.from(moved), NOW);
    expect(third).toMatchObject({ added: 0, updated: 1, unchanged: 6 });
    const after = await connections(account);
    expect(after).toHaveLength(7);
    expect(after.find((r) => r.contact_id === chen.id)?.position).toBe("Chief of Staff");
  });

  it("links a contact mail brings in later, by name when LinkedIn has no address", async () => {
    await importLinkedIn(database.db, account, FIXTURE, NOW);
    const assessment = {
      informational: true,
      direction: "seeker",
      confidence: 0.9,
      category: "informational",
      reasons: [],
      contacts: ["bjorn.akesson@fabrikam.example"],
      contactNames: { "bjorn.akesson@fabrikam.example": "Bjorn Akesson" },
      declined: false,
      doNotContact: false,
      meetingCancelled: false,
      agreedMeetings: [],
      requestMessageId: null,
    } satisfies ThreadAssessment;
    const id = await linkContacts(database.db, account.id, assessment, [{ sent_at: NOW }], NOW);
    const row = await database.db
      .selectFrom("linkedin_connections")
      .select(["contact_id", "matched_by", "organisation"])
      .where("account_id", "=", account.id)
      .where("last_name", "=", "Åkesson")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ contact_id: id, matched_by: "name", organisation: "Fabrikam" });
  });

  it("lends organisation and position to the pipeline, the digest and drafts, after what mail says", async () => {
    const sentAt = new Date("2026-03-02T15:00:00Z");
    const thread = await seedThread(database.db, account, {
      n: 1,
      sentAt,
      contactName: "María López",
      organisation: null,
    });
    await seedThread(database.db, account, {
      n: 2,
      sentAt,
      contactName: "Lena Fairbanks",
      organisation: "Harborlight",
    });
    const csv = FIXTURE.toString("utf8")
      .replace("Maria@Northwind.example", "contact1@northwind.example")
      .replace("lena@harborlight.example", "contact2@northwind.example");
    await importLinkedIn(database.db, account, Buffer.from(csv), NOW);
    await database.db
      .updateTable("contacts")
      .set({ stage: "outreach_sent" })
      .where("account_id", "=", account.id)
      .execute();

    const pipeline = await loadPipeline(database.db, NOW, { accountId: account.id });
    expect(pipeline.find((e) => e.address === "contact1@northwind.example")).toMatchObject({
      organisation: "Northwind Traders, Inc.",
      position: "Senior UX Researcher",
    });
    // The organisation mail gave wins over LinkedIn's.
    expect(pipeline.find((e) => e.address === "contact2@northwind.example")?.organisation).toBe("Harborlight");

    const digest = buildDigestContext(await loadDigestData(database.db, account, NOW));
    expect(digest.awaiting.map((a) => [a.who, a.organisation])).toEqual([
      ["María López", "Senior UX Researcher, Northwind Traders, Inc."],
      ["Lena Fairbanks", "Partner, Strategy & Operations, Harborlight"],
    ]);

    const plan = await planDraft(
      database.db,
      account,
      {
        kind: "nudge",
        to: "contact1@northwind.example",
        inReplyTo: thread.rootMessageId,
        threadId: thread.rootMessageId,
        subject: "Advice on product analytics",
        dueSince: "2026-03-11T15:00:00Z",
        reason: "test",
      },
      NOW,
    );
    expect("plan" in plan && plan.plan.facts.contact.organisation).toBe("Northwind Traders, Inc.");

    // The check-in Rapport writes into the Drafts folder says it.
    const provider = new RecordingProvider();
    const ctx = await createContext(makeConfig(), {
      database,
      log: silentLogger(),
      clock: new ManualClock(NOW),
      migrate: false,
      providers: () => () => provider,
    });
    const [outcome] = await createDueDrafts(ctx, account, [
      {
        kind: "check_in",
        to: "contact1@northwind.example",
        inReplyTo: thread.rootMessageId,
        threadId: thread.rootMessageId,
        subject: "Advice on product analytics",
        dueSince: "2026-03-16T15:00:00Z",
        reason: "test",
      },
    ]);
    expect(outcome?.status).toBe("created");
    expect(provider.drafts[0]?.text).toContain("I hope all is well at Northwind Traders, Inc.\n");
    expect(provider.drafts[0]?.text).not.toContain("Inc..");
  });
});
