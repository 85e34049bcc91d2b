/**
 * Per-person controls through the database: stored by jobs/people.ts, read by the evaluation (what is due), the
 * pipeline (the next step) and the digest (waiting for a reply, gone quiet, conversations held).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { loadDigestData } from "../../src/db/digest-data.js";
import { loadPipeline } from "../../src/db/pipeline.js";
import type { Account, Contact } from "../../src/db/schema.js";
import { evaluateAccount } from "../../src/jobs/evaluate-account.js";
import { PersonInputError, requireContact, updatePerson } from "../../src/jobs/people.js";
import { silentLogger } from "../../src/logger.js";
import { seedAccount } from "../drafting/seed.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { MARIA, seedOutreach } from "./seed-outreach.js";

const NUDGE_DUE = "2026-03-11T16:00:00Z"; // seven business days later, and an hour

describeEachDatabase("per-person controls", (kind) => {
  let database: TestDatabase;
  let clock: ManualClock;
  let ctx: AppContext;
  let account: Account;
  let contact: Contact;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
  });
  afterAll(async () => database.close());
  beforeEach(async () => {
    clock = new ManualClock(NUDGE_DUE);
    ctx = await createContext(makeConfig(), { database, log: silentLogger(), clock, migrate: false });
    await database.db.deleteFrom("accounts").execute();
    account = await seedAccount(database.db);
    await seedOutreach(database.db, account);
    contact = await requireContact(database.db, account, MARIA);
  });

  const due = async () => (await evaluateAccount(ctx, account)).due.map((d) => d.kind);
  const change = (c: Parameters<typeof updatePerson>[3]) => updatePerson(database.db, account, contact, c, clock.now());
  const next = async () => (await loadPipeline(database.db, clock.now(), { accountId: account.id }))[0]?.next;
  const awaiting = async () => (await loadDigestData(database.db, account, clock.now())).awaitingReply.length;

  it("a snooze holds the nudge back until its date, in the pipeline and the digest too", async () => {
    expect(await due()).toEqual(["nudge"]);
    expect(await awaiting()).toBe(1);
    const view = await change({ controls: { snoozedUntil: "2026-03-20" } });
    expect(view.snoozedUntil).toBe("2026-03-20");
    expect(await due()).toEqual([]);
    expect(await awaiting()).toBe(0);
    expect(await next()).toEqual({
      what: "a soft nudge if there is still no reply, once the snooze ends (2026-03-20)",
      at: new Date("2026-03-20T05:00:00Z"), // midnight in Chicago
    });
    clock.set("2026-03-20T05:00:00Z");
    expect(await due()).toEqual(["nudge"]);
    expect(await awaiting()).toBe(1);
  });

  it("do-not-contact stops the nudge; clearing it brings it back", async () => {
    await change({ controls: { doNotContact: true } });
    expect(await due()).toEqual([]);
    expect(await awaiting()).toBe(0);
    expect((await next())?.what).toBe("nothing (asked not to be contacted)");
    await change({ controls: { doNotContact: false } });
    expect(await due()).toEqual(["nudge"]);
  });

  it("a cadence of one's own makes the nudge due sooner, for this person only", async () => {
    clock.set("2026-03-05T16:00:00Z");
    expect(await due()).toEqual([]);
    await change({ controls: { nudgeAfterBusinessDays: 3 } });
    expect(await due()).toEqual(["nudge"]);
    expect((await next())?.at).toEqual(new Date("2026-03-05T15:00:00Z"));
  });

  it("a logged touch answers the outreach and counts as a conversation in the digest", async () => {
    const view = await change({ touch: { kind: "Call", on: "2026-03-09", note: "  phoned me back,\nvery kind " } });
    expect(view.touches).toEqual([
      { at: new Date("2026-03-09T17:00:00Z"), on: "2026-03-09", kind: "call", note: "phoned me back, very kind" },
    ]);
    const evaluation = await evaluateAccount(ctx, account);
    expect(evaluation.due).toEqual([]);
    expect(evaluation.threads[0]?.stage).toBe("thanked");
    const digest = await loadDigestData(database.db, account, clock.now());
    expect(digest.awaitingReply).toEqual([]);
    expect(digest.held).toMatchObject([
      { name: "Maria Lopez", summary: "Call (logged)", at: new Date("2026-03-09T17:00:00Z") },
    ]);
    expect(digest.goal.count).toBe(1);
    // Six weeks of silence after the call, the person has gone quiet (their own cadence: three weeks).
    clock.set("2026-04-21T16:00:00Z");
    await evaluateAccount(ctx, account);
    expect((await loadDigestData(database.db, account, clock.now())).quiet.map((q) => q.address)).toEqual([
      contact.address,
    ]);
    await change({ controls: { checkInAfterDays: 60 } });
    expect((await loadDigestData(database.db, account, clock.now())).quiet).toEqual([]);
  });

  it("refuses what cannot be meant, in words", async () => {
    await expect(change({ touch: { kind: "telepathy" } })).rejects.toThrow(
      /^touch: expected one of call, coffee, video, event, other \(got "telepathy"\)$/,
    );
    await expect(change({ touch: { kind: "call", on: "2026-03-12" } })).rejects.toThrow(/is in the future/);
    await expect(change({ touch: { kind: "call", on: "9 March" } })).rejects.toThrow(PersonInputError);
    await expect(requireContact(database.db, account, "nobody@example.org")).rejects.toThrow(/^no contact nobody@/);
  });
});
