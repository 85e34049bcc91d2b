/**
 * On PGlite (no autovacuum) `threads` is analyzed as a backfill writes mail (db/table-statistics.ts), so the
 * foreign-key check of each message written is planned on its statistics, not on the empty table of the first page:
 * nothing before 1,000 messages, then again each time the messages written since reach both 1,000 and the rows it
 * held.
 * On Postgres autovacuum does it, and the call does nothing.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMailChanges } from "../../src/db/mail-store.js";
import { analyzeAsMailGrows } from "../../src/db/table-statistics.js";
import type { MailMessage } from "../../src/domain/mail.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

const NOW = new Date("2026-04-15T17:30:00Z");

function message(n: number): MailMessage {
  return {
    providerId: `m-${n}`,
    providerThreadId: `t-${Math.floor(n / 2)}`,
    messageId: `<${n}@example.com>`,
    inReplyTo: [],
    references: [],
    subject: `Hello ${n}`,
    from: { address: `p${n % 50}@example.com`, name: "" },
    to: [{ address: "me@example.com", name: "Me" }],
    cc: [],
    date: new Date(NOW.getTime() - n * 60_000),
    sentByUser: false,
    labels: ["INBOX"],
    headers: {},
  };
}

describeEachDatabase("table statistics as mail grows", (kind) => {
  let database: TestDatabase;
  let accountId: number;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    const { rows } = await sql<{ id: number }>`INSERT INTO accounts (provider, address)
      VALUES ('outlook', 'me@example.com') RETURNING id`.execute(database.db);
    accountId = Number(rows[0]?.id);
  });
  afterAll(async () => {
    await database.close();
  });

  const threadRows = async () =>
    Number(
      (
        await sql<{ n: number }>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'threads'::regclass`.execute(
          database.db,
        )
      ).rows[0]?.n,
    );

  /** Writes messages [from, to) in pages of 200, noting each page as the sync job does. */
  async function write(from: number, to: number): Promise<void> {
    for (let start = from; start < to; start += 200) {
      const page = Array.from({ length: Math.min(200, to - start) }, (_, i) => message(start + i));
      const applied = await applyMailChanges(database.db, accountId, page, [], NOW);
      await analyzeAsMailGrows(database, applied.inserted);
    }
  }

  it("analyzes threads once 1,000 messages are written, then as they reach both 1,000 and its rows (PGlite only)", async () => {
    await write(0, 800);
    if (kind === "pglite") expect(await threadRows()).toBe(-1); // never analyzed yet
    await write(800, 1_000);
    if (kind === "pglite") expect(await threadRows()).toBe(500);
    await write(1_000, 1_800); // 800 written since: more than the 500 rows it held, fewer than 1,000
    if (kind === "pglite") expect(await threadRows()).toBe(500);
    await write(1_800, 2_000);
    if (kind === "pglite") expect(await threadRows()).toBe(1_000);
    await write(2_000, 2_800); // 800 since: fewer than the 1,000 rows it held
    if (kind === "pglite") expect(await threadRows()).toBe(1_000);
    const stored = await database.db
      .selectFrom("messages")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("account_id", "=", accountId)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(2_800);
  });
});
