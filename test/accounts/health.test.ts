import { sql } from "kysely";
import { afterAll, beforeAll, expect, it } from "vitest";
import { accountHealth, formatDuration } from "../../src/db/account-health.js";
import { loadPipeline, nextAction } from "../../src/db/pipeline.js";
import { DEFAULT_CADENCE_RULES } from "../../src/domain/index.js";
import { renderMetrics } from "../../src/web/metrics.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { NOW, type Seeded, seedTwoAccounts } from "./fixtures.js";

describeEachDatabase("account health, metrics and pipeline", (kind) => {
  let database: TestDatabase;
  let seeded: Seeded;
  beforeAll(async () => {
    database = await openTestDatabase(kind);
    seeded = await seedTwoAccounts(database);
  });
  afterAll(async () => database.close());

  it("reports the revoked account as needing re-authorisation without hiding the healthy one", async () => {
    const health = await accountHealth(database.db, NOW);
    expect(health.map((h) => [h.address, h.state])).toEqual([
      ["ada@example.com", "healthy"],
      ["ada@outlook.example", "needs_reauth"],
    ]);
    const [ok, bad] = health;
    // The account is as fresh as its stalest resource (calendar, 7 minutes).
    expect(ok?.lagSeconds).toBe(7 * 60);
    expect(ok?.draftsWaiting).toBe(1);
    expect(ok?.lastError).toBeNull();
    expect(bad?.lagSeconds).toBe(3 * 24 * 3600);
    expect(bad?.lastError).toMatch(/^invalid_grant: .*revoked\.$/);
    expect(bad?.lastError).not.toContain("\n");
  });

  it("calls an account with a failing sync 'failing' and keeps the error to one line", async () => {
    await database.db
      .updateTable("sync_state")
      .set({ failure_count: 2, last_error: "Gmail 503\nbackend error" })
      .where("account_id", "=", seeded.healthyId)
      .where("resource", "=", "mail")
      .execute();
    const [ok] = await accountHealth(database.db, NOW);
    expect(ok?.state).toBe("failing");
    expect(ok?.lastError).toBe("mail: Gmail 503 backend error");
    await database.db
      .updateTable("sync_state")
      .set({ failure_count: 0, last_error: null })
      .where("account_id", "=", seeded.healthyId)
      .execute();
  });

  it("/metrics text carries both accounts, lag, drafts by kind and state, digests and quota", async () => {
    const text = await renderMetrics(database.db, NOW);
    const a = String(seeded.healthyId);
    const b = String(seeded.revokedId);
    expect(text).toContain(
      `rapport_account_healthy{account="${a}",address="ada@example.com",provider="gmail",state="healthy"} 1`,
    );
    expect(text).toContain(
      `rapport_account_healthy{account="${b}",address="ada@outlook.example",provider="outlook",state="needs_reauth"} 0`,
    );
    expect(text).toContain(
      `rapport_account_needs_reauth{account="${b}",address="ada@outlook.example",provider="outlook"} 1`,
    );
    expect(text).toContain(`rapport_sync_lag_seconds{account="${a}"} 420`);
    expect(text).toContain(`rapport_drafts{kind="thank_you",state="created"} 1`);
    expect(text).toContain(`rapport_drafts{kind="nudge",state="sent"} 1`);
    expect(text).toContain(`rapport_digests{state="sent"} 1`);
    expect(text).toContain(`rapport_quota_units_spent{account="${a}",resource="mail"} 120`);
    expect(text).toMatch(/# TYPE rapport_queue_depth gauge/);
    expect(text).toMatch(/# TYPE rapport_sync_duration_seconds histogram/);
  });

  it("reports queue depth from the worker's source, or from pg-boss's table in the shared database", async () => {
    const fromWorker = async () => ({ "account-cycle": 3 });
    expect(await renderMetrics(database.db, NOW, fromWorker)).toContain('rapport_queue_depth{queue="account-cycle"} 3');
    const current = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(database.db)).rows[0]?.s;
    const schema = current === "public" ? "rapport_queue" : `${current}_queue`;
    await sql.raw(`CREATE SCHEMA ${schema}`).execute(database.db);
    await sql.raw(`CREATE TABLE ${schema}.job (name text, state text)`).execute(database.db);
    await sql
      .raw(
        `INSERT INTO ${schema}.job VALUES ('account-cycle', 'created'), ('account-cycle', 'retry'), ('account-cycle', 'active')`,
      )
      .execute(database.db);
    const text = await renderMetrics(database.db, NOW);
    await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(database.db);
    expect(text).toContain('rapport_queue_depth{queue="account-cycle"} 2');
  });

  it("lists the pipeline with each contact's next step", async () => {
    const all = await loadPipeline(database.db, NOW);
    expect(all.map((e) => e.address)).toEqual([
      "maria@northwind.example",
      "li@contoso.example",
      "sam@fabrikam.example",
      "jo@tailspin.example",
    ]);
    const [maria, li, sam] = all;
    expect(maria?.next.what).toBe("Thank-you draft waiting in Drafts");
    expect(li?.next.what).toMatch(/nudge/);
    expect(li?.next.at?.getTime()).toBeGreaterThan(NOW.getTime());
    expect(sam?.next.what).toMatch(/check-in/);
    const met = await loadPipeline(database.db, NOW, { stage: "met" });
    expect(met.map((e) => e.name)).toEqual(["Maria Lopez"]);
    const other = await loadPipeline(database.db, NOW, { accountId: seeded.revokedId });
    expect(other.map((e) => e.stage)).toEqual(["scheduling"]);
  });
});

it("next actions follow the cadence rules in the user's time zone", () => {
  const facts = {
    lastMessageAt: new Date("2026-04-10T15:00:00Z"), // a Friday
    nextMeetingAt: new Date("2026-04-20T14:00:00Z"),
    rules: { ...DEFAULT_CADENCE_RULES },
    timeZone: "America/New_York",
  };
  expect(nextAction("outreach_sent", facts).at?.toISOString()).toBe("2026-04-21T15:00:00.000Z");
  expect(nextAction("meeting_scheduled", facts)).toEqual({
    what: "a thank-you after the meeting",
    at: facts.nextMeetingAt,
  });
  expect(nextAction("thanked", facts).at?.toISOString()).toBe("2026-05-22T15:00:00.000Z");
  expect(nextAction("declined", facts).at).toBeNull();
  expect(formatDuration(null)).toBe("never");
  expect(formatDuration(59)).toBe("59 s");
  expect(formatDuration(3 * 3600 + 5 * 60)).toBe("3 h 5 min");
  expect(formatDuration(3 * 86400)).toBe("3 d");
});
