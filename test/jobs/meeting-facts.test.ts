/**
 * What the meeting rules read reaches them from storage: whether an event lasts all day (an all-day "Coffee with
 * Tom" is a reminder, not a conversation), its description and location (a self-made event naming the contact), and
 * a Gmail all-day date begins at midnight where the user lives, not at midnight UTC.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import type { SeedMailbox } from "../../sandbox/seed.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import type { Account } from "../../src/db/schema.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { providerFor, tokensOf } from "../providers/gmail/helpers.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { message } from "../worker/mail-worlds.js";

const NOW = new Date("2026-04-15T17:30:00Z");
const me = { address: "sam@example.com", name: "Sam Seeker" };
const tom = { address: "tom@contoso.example", name: "Tom Met" };
const ask = "<ask-tom@example.com>";

const mailbox: SeedMailbox = {
  owner: me,
  timeZone: "America/Los_Angeles",
  messages: [
    message(
      me,
      tom,
      "2026-03-20T16:00:00Z",
      "Quick question about your path into data engineering",
      "Hi Tom,\n\nI'm exploring a move into data engineering and would be grateful for 20 minutes of your advice on how you got started. Would you be open to a quick call?\n\nBest,\nSam",
      "sent",
      ask,
    ),
    message(
      tom,
      me,
      "2026-03-21T16:00:00Z",
      "Re: Quick question about your path into data engineering",
      "Hi Sam,\n\nHappy to help. Let's talk next week.\n\nTom",
      "inbox",
      "<reply-tom@contoso.example>",
      ask,
      [ask],
    ),
  ],
  events: [
    {
      uid: "all-day-coffee@example.com",
      providerId: null,
      summary: "Coffee with Tom",
      description: "",
      location: "",
      start: new Date("2026-04-10T00:00:00Z"),
      end: new Date("2026-04-11T00:00:00Z"),
      allDay: true,
      status: "confirmed",
      organizer: me,
      attendees: [
        { ...me, response: "accepted", organizer: true, self: true },
        { ...tom, response: "accepted", organizer: false, self: false },
      ],
      recurrenceId: null,
    },
    {
      uid: "self-made-call@example.com",
      providerId: null,
      summary: "Call",
      description: "Career chat, dial in. Contact: tom@contoso.example",
      location: "Phone",
      start: new Date("2026-04-14T17:00:00Z"),
      end: new Date("2026-04-14T17:30:00Z"),
      allDay: false,
      status: "confirmed",
      organizer: me,
      attendees: [],
      recurrenceId: null,
    },
  ],
};

describeEachDatabase("meeting facts", (kind) => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let ctx: AppContext;
  let account: Account;

  beforeAll(async () => {
    fake = await startFakeGoogle({ mailbox, quota: { unitsPerMinute: Number.POSITIVE_INFINITY } });
    database = await openTestDatabase(kind);
    ctx = await createContext(makeConfig({ RAPPORT_SECRET_KEY: "a".repeat(64) }), {
      database,
      log: silentLogger(),
      clock: new ManualClock(NOW),
      migrate: false,
      providers: () => (_account, signal) => providerFor(fake, signal ? { signal } : {}),
    });
    account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "gmail",
        address: me.address,
        displayName: me.name,
        timeZone: mailbox.timeZone,
        tokens: tokensOf(fake),
      },
      NOW,
    );
    expect((await runAccountCycle(ctx, account.id)).status).toBe("ok");
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });

  const meeting = (uid: string) =>
    ctx.db
      .selectFrom("meetings")
      .selectAll()
      .where("account_id", "=", account.id)
      .where("ical_uid", "=", uid)
      .executeTakeFirstOrThrow();

  it("an all-day event is stored as one, from local midnight, and is not taken for a conversation", async () => {
    const row = await meeting("all-day-coffee@example.com");
    expect(row.all_day).toBe(true);
    expect(row.start_at.toISOString()).toBe("2026-04-10T07:00:00.000Z"); // midnight in Los Angeles (PDT)
    expect(row.informational).toBe(false);
    expect((row.assessment as { reasons: string[] }).reasons).toContain("all-day event");
  });

  it("a self-made event that names the contact only in its description is linked to them", async () => {
    const row = await meeting("self-made-call@example.com");
    expect(row.description).toContain("tom@contoso.example");
    expect(row.location).toBe("Phone");
    expect((row.assessment as { contacts: string[] }).contacts).toEqual(["tom@contoso.example"]);
  });
});
