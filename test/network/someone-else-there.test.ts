/**
 * The digest's "try someone else there" on a scenario: an outreach to Maria at Northwind Traders unanswered for four
 * business days, where the user met Sam (calendar, mail) and is connected to Priya on LinkedIn. The digest suggests
 * both with the reason, not the colleague marked do-not-contact nor anyone at another organisation, and stops once
 * someone there answers.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { makeConfig } from "../../src/config.js";
import { loadDigestData } from "../../src/db/digest-data.js";
import type { Account } from "../../src/db/schema.js";
import { importLinkedIn } from "../../src/jobs/import-linkedin.js";
import { loadTemplates } from "../../src/templates/catalog.js";
import { renderDigest } from "../../src/templates/digest.js";
import { seedAccount, seedThread } from "../drafting/seed.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const SENT = new Date("2026-03-02T15:00:00Z"); // Monday 09:00 in Chicago
const FRIDAY = new Date("2026-03-06T16:00:00Z");
const CSV = [
  "Notes:",
  '"When exporting your connection data, you may notice that some of the email addresses are missing."',
  "",
  "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
  'Priya,Shah,https://www.linkedin.com/in/priyashah,,"Northwind Traders, Inc.",Data Scientist,14 May 2024',
  "Dana,Ruiz,https://www.linkedin.com/in/danaruiz,,Acme,Head of Research,7 Nov 2021",
  "",
].join("\n");

describeEachDatabase("try someone else there, in the digest", (kind) => {
  let database: TestDatabase;
  let account: Account;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.close());

  const contact = (address: string, name: string, organisation: string, extra: Record<string, unknown> = {}) =>
    database.db
      .insertInto("contacts")
      .values({ account_id: account.id, address, name, organisation, ...extra })
      .returning("id")
      .executeTakeFirstOrThrow();

  beforeEach(async () => {
    await database.db.deleteFrom("accounts").execute();
    account = await seedAccount(database.db);
    await seedThread(database.db, account, {
      n: 1,
      sentAt: SENT,
      contactName: "Maria Lopez",
      organisation: "Northwind Traders",
    });
    await database.db
      .updateTable("contacts")
      .set({ stage: "outreach_sent" })
      .where("account_id", "=", account.id)
      .execute();
    const sam = await contact("sam@northwind.example", "Sam Okafor", "Northwind Traders", {
      stage: "in_touch",
      last_message_at: new Date("2025-11-01T15:00:00Z"),
    });
    await database.db
      .insertInto("meetings")
      .values({
        account_id: account.id,
        provider_event_id: "evt-sam",
        summary: "Coffee with Sam",
        start_at: new Date("2025-10-20T14:00:00Z"),
        end_at: new Date("2025-10-20T15:00:00Z"),
        status: "confirmed",
        contact_id: sam.id,
        informational: true,
      })
      .execute();
    await contact("lena@northwind.example", "Lena Fairbanks", "Northwind", { stage: "thanked", do_not_contact: true });
    await importLinkedIn(database.db, account, Buffer.from(CSV), SENT);
  });

  const digestText = async (now: Date) =>
    renderDigest(loadTemplates(makeConfig()), await loadDigestData(database.db, account, now)).text;

  it("suggests the two people the user knows there, with the reason, after three business days", async () => {
    expect(await digestText(new Date("2026-03-04T16:00:00Z"))).not.toContain("TRY SOMEONE ELSE THERE");
    const text = await digestText(FRIDAY);
    expect(text).toContain(
      [
        "TRY SOMEONE ELSE THERE",
        "- No reply from Maria Lopez at Northwind Traders for 4 business days. You also know:",
        "  - Sam Okafor: you met on 20 October 2025",
        "  - Priya Shah (Data Scientist): a LinkedIn connection since May 2024",
        "",
      ].join("\n"),
    );
    expect(text).not.toMatch(/Lena|Dana/);
    const html = renderDigest(loadTemplates(makeConfig()), await loadDigestData(database.db, account, FRIDAY)).html;
    expect(html).toContain("Try someone else there");
  });

  it("stops suggesting once someone there answers", async () => {
    const thread = await database.db
      .insertInto("threads")
      .values({
        account_id: account.id,
        thread_key: "gthread-sam",
        subject: "Re: catching up",
        last_message_at: FRIDAY,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto("messages")
      .values({
        account_id: account.id,
        provider_message_id: "gmsg-sam-1",
        thread_id: thread.id,
        message_id: "<sam-1@northwind.example>",
        from_address: "sam@northwind.example",
        to_addresses: JSON.stringify([{ address: account.address, name: "" }]),
        sent_at: new Date("2026-03-05T18:00:00Z"),
        sent_by_user: false,
      })
      .execute();
    expect((await loadDigestData(database.db, account, FRIDAY)).suggestions).toEqual([]);
    expect(await digestText(FRIDAY)).not.toContain("TRY SOMEONE ELSE THERE");
  });
});
