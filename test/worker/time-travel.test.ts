/**
 * Ten weeks of a job seeker's mailbox, in time-travel, through the whole worker cycle (sync → assess → evaluate →
 * reconcile → draft → digest) over the real adapters and the fake Gmail and fake Graph servers, on PGlite and
 * Postgres. The clock ticks every morning at 08:00 in the account's zone (America/Chicago, which moves to
 * daylight time on 8 March 2026) and at the moments the story needs.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SeedMailbox } from "../../sandbox/seed.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import type { Account } from "../../src/db/schema.js";
import { fromLocal, toLocal } from "../../src/domain/time-zone.js";
import { type CycleReport, runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { gmailWorld, type MailWorld, meeting, message, outlookWorld } from "./mail-worlds.js";

const TZ = "America/Chicago";
const ME = { address: "alex.kim@example.com", name: "Alex Kim" };
const MARIA = { address: "maria.lopez@northwind.example", name: "Maria Lopez" };
const TOM = { address: "tom.lee@contoso.example", name: "Tom Lee" };
const OUTREACH_A = "<outreach-maria@example.com>";
const OUTREACH_B = "<outreach-tom@example.com>";

function mailbox(): SeedMailbox {
  return {
    owner: ME,
    timeZone: TZ,
    messages: [
      message(
        ME,
        MARIA,
        "2026-02-23T16:00:00Z",
        "Advice on moving into product analytics",
        "Hi Maria,\n\nSam Patel suggested I reach out. I'm moving from teaching into product analytics and would love to hear how you made the jump. Would you have 20 minutes for a short call in the next couple of weeks? I'm not asking about jobs, just your advice.\n\nThanks so much,\nAlex",
        "sent",
        OUTREACH_A,
      ),
      message(
        ME,
        TOM,
        "2026-02-24T16:00:00Z",
        "Quick question about your path into data engineering",
        "Hi Tom,\n\nI found your talk on pipelines really useful. I'm exploring a move into data engineering and would be grateful for 20 minutes of your advice on how you got started. Would you be open to a quick call?\n\nBest,\nAlex",
        "sent",
        OUTREACH_B,
      ),
    ],
    events: [],
  };
}

for (const makeWorld of [gmailWorld, outlookWorld]) {
  describeEachDatabase(`time travel on ${makeWorld === gmailWorld ? "Gmail" : "Outlook"}`, (kind) => {
    let world: MailWorld;
    let database: TestDatabase;
    let ctx: AppContext;
    let account: Account;
    const clock = new ManualClock("2026-02-23T13:00:00Z"); // 07:00 in Chicago
    const reports: CycleReport[] = [];

    async function cycleAt(iso: string | Date): Promise<CycleReport> {
      clock.set(iso);
      const report = await runAccountCycle(ctx, account.id);
      expect(report.status, report.reason ?? "").toBe("ok");
      reports.push(report);
      return report;
    }

    /** Every morning at 08:00 local from the clock's day up to (not including) `until`, then a cycle at `until`. */
    async function liveUntil(until: string): Promise<void> {
      const end = new Date(until).getTime();
      let day = toLocal(clock.now(), TZ);
      for (;;) {
        const morning = fromLocal({ year: day.year, month: day.month, day: day.day, hour: 8, minute: 0 }, TZ);
        if (morning.getTime() >= end) break;
        if (morning.getTime() > clock.now().getTime()) await cycleAt(morning);
        day = toLocal(new Date(morning.getTime() + 26 * 3600_000), TZ);
      }
      await cycleAt(until);
    }

    const draftsTo = (who: { address: string }) =>
      world.drafts().filter((d) => d.to.toLowerCase().includes(who.address));

    beforeAll(async () => {
      world = await makeWorld(mailbox());
      database = await openTestDatabase(kind);
      ctx = await createContext(world.config, {
        database,
        log: silentLogger(),
        clock,
      });
      account = await upsertAccount(
        ctx.db,
        ctx.sealer,
        {
          provider: world.provider,
          address: ME.address,
          displayName: ME.name,
          timeZone: TZ,
          tokens: world.tokens(),
        },
        ctx.clock.now(),
      );
      await ctx.db
        .updateTable("accounts")
        .set({ signature: "Alex Kim", resume_url: "https://example.com/alex-cv" })
        .execute();
    });
    afterAll(async () => {
      await database?.close();
      await world?.close();
    });

    it("outreach → nothing on business day 6 → one nudge on business day 7", async () => {
      await cycleAt("2026-02-23T13:00:00Z");
      // Tom answers quickly and they agree on a time.
      world.deliver(
        message(
          TOM,
          ME,
          "2026-02-25T15:00:00Z",
          "Re: Quick question about your path into data engineering",
          "Hi Alex,\n\nHappy to help. Tuesday March 10 at noon Central works for me, I'll send an invite.\n\nTom",
          "inbox",
          "<tom-reply@contoso.example>",
          OUTREACH_B,
          [OUTREACH_B],
        ),
      );
      world.addEvent(meeting("tom-chat@contoso.example", ME, TOM, "2026-03-10T17:00:00Z", 30));
      await liveUntil("2026-03-03T22:00:00Z"); // business day 6, late afternoon
      expect(world.drafts()).toEqual([]);
      await cycleAt("2026-03-04T15:55:00Z");
      expect(world.drafts()).toEqual([]);
      await cycleAt("2026-03-04T16:05:00Z"); // seven business days after Monday 10:00 CST
      const nudges = draftsTo(MARIA);
      expect(nudges).toHaveLength(1);
      expect(nudges[0]?.thread).toBe(world.threadOf(OUTREACH_A));
      expect(nudges[0]?.subject).toMatch(/^Re: Advice on moving into product analytics$/i);
      await cycleAt("2026-03-04T18:00:00Z");
      expect(world.drafts()).toHaveLength(1);
    });

    it("a thank-you the user wrote themselves means none is drafted", async () => {
      // Tom's meeting, 10 March 12:00–12:30 CDT; the user thanks him within the tick interval.
      await liveUntil("2026-03-10T17:25:00Z");
      world.deliver(
        message(
          ME,
          TOM,
          "2026-03-10T17:40:00Z",
          "Re: Quick question about your path into data engineering",
          "Tom, thank you so much for your time today. The advice on starting with a small pipeline project was exactly what I needed.\n\nAlex",
          "sent",
          "<alex-thanks-tom@example.com>",
          "<tom-reply@contoso.example>",
          [OUTREACH_B, "<tom-reply@contoso.example>"],
        ),
      );
      await cycleAt("2026-03-10T17:45:00Z");
      await cycleAt("2026-03-11T13:00:00Z");
      expect(draftsTo(TOM)).toEqual([]);
    });

    it("contact replies → meeting → a thank-you in the right thread within one tick after it ends", async () => {
      world.deliver(
        message(
          MARIA,
          ME,
          "2026-03-11T15:00:00Z",
          "Re: Advice on moving into product analytics",
          "Hi Alex,\n\nSorry for the slow reply! Happy to chat. How about Thursday March 12 at 2pm Central? I'll send an invite.\n\nMaria",
          "inbox",
          "<maria-reply@northwind.example>",
          OUTREACH_A,
          [OUTREACH_A],
        ),
      );
      world.addEvent(meeting("maria-chat@northwind.example", ME, MARIA, "2026-03-12T19:00:00Z", 30));
      await cycleAt("2026-03-11T16:00:00Z");
      await cycleAt("2026-03-12T19:25:00Z"); // the meeting is still on
      const before = draftsTo(MARIA).length;
      await cycleAt("2026-03-12T19:35:00Z"); // the first tick after it ended
      const after = draftsTo(MARIA);
      expect(after).toHaveLength(before + 1);
      const row = await ctx.db
        .selectFrom("drafts")
        .selectAll()
        .where("kind", "=", "thank_you")
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ state: "created", to_address: MARIA.address, cycle: 1 });
      const thankYou = after.find((d) => d.id === row.provider_draft_id);
      expect(thankYou?.thread).toBe(world.threadOf(OUTREACH_A));
    });

    it("the user sends it; six weeks of silence bring one check-in; a deleted draft is not recreated", async () => {
      const thankYouRow = await ctx.db
        .selectFrom("drafts")
        .selectAll()
        .where("kind", "=", "thank_you")
        .executeTakeFirstOrThrow();
      world.userSends(thankYouRow.provider_draft_id ?? "", new Date("2026-03-12T21:00:00Z"));
      await cycleAt("2026-03-13T13:00:00Z");
      expect(
        (await ctx.db.selectFrom("drafts").select("state").where("id", "=", thankYouRow.id).executeTakeFirstOrThrow())
          .state,
      ).toBe("sent");

      await liveUntil("2026-04-19T13:00:00Z"); // five weeks and a bit: not yet
      // Tom's conversation goes quiet too (he gets his own check-in); these are Maria's.
      const checkIns = () =>
        ctx.db
          .selectFrom("drafts")
          .selectAll()
          .where("kind", "=", "check_in")
          .where("to_address", "=", MARIA.address)
          .execute();
      expect(await checkIns()).toEqual([]);
      await liveUntil("2026-04-27T13:00:00Z");
      const [checkIn, ...more] = await checkIns();
      expect(more).toEqual([]);
      expect(checkIn).toMatchObject({ state: "created", to_address: MARIA.address, cycle: 1 });
      expect(world.drafts().find((d) => d.id === checkIn?.provider_draft_id)?.thread).toBe(world.threadOf(OUTREACH_A));

      world.userDeletes(checkIn?.provider_draft_id ?? "");
      await liveUntil("2026-05-05T13:00:00Z");
      const after = await checkIns();
      expect(after).toHaveLength(1);
      expect(after[0]?.state).toBe("deleted");
      expect(world.drafts().some((d) => d.id === checkIn?.provider_draft_id)).toBe(false);
      // Every draft Rapport ever made is accounted for once in the ledger.
      const all = await ctx.db.selectFrom("drafts").select(["kind", "to_address"]).orderBy("id").execute();
      expect(all.map((d) => `${d.kind}:${d.to_address}`)).toEqual([
        `nudge:${MARIA.address}`,
        `thank_you:${MARIA.address}`,
        `check_in:${TOM.address}`,
        `check_in:${MARIA.address}`,
      ]);
    });

    it("the digest arrived once each Monday at 08:00 Chicago time, across the DST change", async () => {
      const sent = await ctx.db.selectFrom("digests").selectAll().orderBy("period_start").execute();
      expect(sent.map((d) => [d.period_start, d.state, d.sent_at?.toISOString()])).toEqual(
        ["02-23", "03-02", "03-09", "03-16", "03-23", "03-30", "04-06", "04-13", "04-20", "04-27", "05-04"].map(
          (day) => {
            const date = `2026-${day}`;
            const cst = date < "2026-03-09";
            return [date, "sent", `${date}T${cst ? "14" : "13"}:00:00.000Z`];
          },
        ),
      );
      expect(world.digestSubjects()).toHaveLength(11);
    });
  });
}
