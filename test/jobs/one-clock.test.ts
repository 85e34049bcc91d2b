/**
 * One clock: a whole cycle (sync, assessment, evaluation, drafts, digest) on the fake Google, run by a clock set
 * months away from the machine's, stamps every row it writes with that clock's time — never the database's
 * `now()`, never the process's `Date.now()`.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { tokensOf } from "../providers/gmail/helpers.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";

/** A Monday afternoon, so the weekly digest (Mondays 08:00 local) is due in the same cycle. */
const NOW = new Date("2025-06-16T15:00:00Z");
const mailbox = generateMailbox({ seed: "one-clock", size: 150, informationalThreads: 8, now: NOW });

/** Every column that records when Rapport wrote or decided something (not when mail was sent or a meeting is). */
const STAMPS: Record<string, string[]> = {
  accounts: ["created_at", "updated_at"],
  sync_state: ["last_attempt_at", "last_success_at", "updated_at"],
  threads: ["created_at", "updated_at", "assessed_at"],
  messages: ["created_at", "updated_at"],
  meetings: ["created_at", "updated_at"],
  contacts: ["created_at", "updated_at"],
  drafts: ["claimed_at", "created_at", "updated_at"],
  digests: ["claimed_at", "sent_at"],
};

describeEachDatabase("one clock", (kind) => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let ctx: AppContext;

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
    ctx = await createContext(config, { database, log: silentLogger(), clock: new ManualClock(NOW) });
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });

  it("stamps every row a cycle writes with the context's clock", async () => {
    const account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider: "gmail",
        address: mailbox.owner.address,
        displayName: mailbox.owner.name,
        timeZone: "Europe/Berlin",
        tokens: tokensOf(fake),
      },
      ctx.clock.now(),
    );
    const report = await runAccountCycle(ctx, account.id);
    expect(report.status).toBe("ok");
    expect(report.digest).toBe("sent");
    const seen: Record<string, number> = {};
    for (const [table, columns] of Object.entries(STAMPS)) {
      const owner = sql.ref(table === "accounts" ? "id" : "account_id");
      const { rows } = await sql<Record<string, Date | null>>`
        SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)} WHERE ${owner} = ${account.id}`.execute(
        ctx.db,
      );
      seen[table] = rows.length;
      for (const row of rows) {
        for (const column of columns) {
          const value = row[column];
          if (value !== null && value !== undefined)
            expect(`${table}.${column} ${value.toISOString()}`).toBe(`${table}.${column} ${NOW.toISOString()}`);
        }
      }
    }
    expect(seen.messages).toBeGreaterThan(0);
    expect(seen.threads).toBeGreaterThan(0);
    expect(seen.contacts).toBeGreaterThan(0);
    expect(seen.digests).toBe(1);
  });
});
