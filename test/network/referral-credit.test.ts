/** The digest credits who made this quarter's introductions ("3 introductions this quarter: 2 from Ana Lopez, …"). */
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeConfig } from "../../src/config.js";
import { loadDigestData } from "../../src/db/digest-data.js";
import type { Account } from "../../src/db/schema.js";
import { loadTemplates } from "../../src/templates/catalog.js";
import { renderDigest } from "../../src/templates/digest.js";
import { seedAccount } from "../drafting/seed.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-05-11T13:00:00Z"); // a Monday in the second quarter

describeEachDatabase("referral credit in the digest", (kind) => {
  let database: TestDatabase;
  let account: Account;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    account = await seedAccount(database.db);
    const other = await seedAccount(database.db, { address: "other@example.com" });
    const person = async (
      a: Account,
      address: string,
      name: string,
      firstSeen: string,
      referrer: number | null = null,
    ) =>
      (
        await database.db
          .insertInto("contacts")
          .values({
            account_id: a.id,
            address,
            name,
            first_seen_at: new Date(firstSeen),
            referred_by_contact_id: referrer,
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    const ana = await person(account, "ana@example.org", "Ana Lopez", "2026-01-10T00:00:00Z");
    const ken = await person(account, "ken@example.org", "", "2026-02-10T00:00:00Z");
    await person(account, "p1@example.org", "Priya Shah", "2026-04-03T00:00:00Z", ana);
    await person(account, "p2@example.org", "Sam Okafor", "2026-05-04T00:00:00Z", ana);
    await person(account, "p3@example.org", "Lena Fairbanks", "2026-04-20T00:00:00Z", ken);
    await person(account, "p4@example.org", "Old Friend", "2026-03-20T00:00:00Z", ana); // last quarter
    const theirs = await person(other, "ana@example.org", "Ana Lopez", "2026-01-10T00:00:00Z");
    await person(other, "x@example.org", "Someone", "2026-04-10T00:00:00Z", theirs); // another account's
  });
  afterAll(async () => database.close());

  it("counts this quarter's introductions by who made them, and says so in the digest", async () => {
    const data = await loadDigestData(database.db, account, NOW);
    expect(data.introductions).toEqual({
      total: 3,
      byReferrer: [
        { name: "Ana Lopez", address: "ana@example.org", count: 2 },
        { name: null, address: "ken@example.org", count: 1 },
      ],
    });
    const digest = renderDigest(loadTemplates(makeConfig()), data);
    expect(digest.text).toContain("3 introductions this quarter: 2 from Ana Lopez, 1 from ken@example.org.\n");
    expect(digest.html).toContain("3 introductions this quarter: 2 from Ana Lopez, 1 from ken@example.org.");
  });
});
