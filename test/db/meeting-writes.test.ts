/**
 * A calendar page is written a chunk of events per statement (db/mail-store.ts applyEventChanges): what it stores
 * and counts is what one statement per event stored and counted — an event listed twice in a page is written once,
 * as last listed; a page applied again only updates; more events than one statement takes still all land.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyEventChanges } from "../../src/db/mail-store.js";
import type { CalendarEvent } from "../../src/domain/mail.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-04-15T17:30:00Z");

function event(n: number, summary = `Coffee ${n}`): CalendarEvent {
  const start = new Date(NOW.getTime() + n * 3_600_000);
  return {
    uid: `uid-${n}`,
    providerId: `event-${n}`,
    summary,
    description: "x".repeat(5000),
    location: "Room 1",
    start,
    end: new Date(start.getTime() + 1_800_000),
    allDay: false,
    status: "confirmed",
    organizer: { address: "host@example.com", name: "Host" },
    attendees: [{ address: "me@example.com", name: "Me", response: "accepted", organizer: false, self: true }],
    recurrenceId: null,
  };
}

describeEachDatabase("meeting writes", (kind) => {
  let database: TestDatabase;
  let accountId: number;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const { rows } = await sql<{
      id: number;
    }>`INSERT INTO accounts (provider, address) VALUES ('outlook', 'me@example.com')
      RETURNING id`.execute(database.db);
    accountId = Number(rows[0]?.id);
  });
  afterAll(async () => {
    await database.close();
  });

  const stored = () =>
    database.db
      .selectFrom("meetings")
      .select(["provider_event_id", "summary", "description"])
      .where("account_id", "=", accountId)
      .orderBy("provider_event_id")
      .execute();

  it("stores a page's events, one listed twice written once as last listed, and counts as before", async () => {
    const page = [event(1), event(2), event(1, "Coffee, moved")];
    const result = await applyEventChanges(database.db, accountId, page, [], false, NOW);
    expect(result).toEqual({ inserted: 2, updated: 1, deleted: 0 });
    const rows = await stored();
    expect(rows.map((r) => [r.provider_event_id, r.summary])).toEqual([
      ["event-1", "Coffee, moved"],
      ["event-2", "Coffee 2"],
    ]);
    expect(rows[0]?.description).toHaveLength(4000);
    const again = await applyEventChanges(database.db, accountId, page, ["event-9"], false, NOW);
    expect(again).toEqual({ inserted: 0, updated: 3, deleted: 0 });
  });

  it("writes more events than one statement takes, and a reset replaces what was stored", async () => {
    const many = Array.from({ length: 1_203 }, (_, i) => event(100 + i));
    const result = await applyEventChanges(database.db, accountId, many, ["event-2"], true, NOW);
    expect(result).toEqual({ inserted: 1_203, updated: 0, deleted: 2 });
    expect(await stored()).toHaveLength(1_203);
  });
});
