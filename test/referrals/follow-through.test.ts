/**
 * Referral follow-through end to end (issue 15, item 1), through the whole worker cycle over the real adapters and the
 * fake Gmail and fake Graph: Ana, met and thanked, names Priya (with her address) and Ken (without one) in a reply, and
 * introduces Sam by copying him in. Rapport leaves exactly two drafts — a reply in the introduction's thread to Sam with
 * Ana in Bcc, and a first note to Priya naming Ana — never anything to anyone else, and never again on later cycles.
 * Sam's conversation happens; Ana's next check-in says so; the digest credits Ana and lists Ken as "no address yet".
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SeedMailbox, SeedMessage } from "../../sandbox/seed.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { loadDigestData } from "../../src/db/digest-data.js";
import { loadPipeline } from "../../src/db/pipeline.js";
import type { Account } from "../../src/db/schema.js";
import type { EmailAddress } from "../../src/domain/mail.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { loadTemplates } from "../../src/templates/catalog.js";
import { renderDigest } from "../../src/templates/digest.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { gmailWorld, type MailWorld, meeting, message, outlookWorld } from "../worker/mail-worlds.js";

const TZ = "America/Chicago";
const ME = { address: "alex.kim@example.com", name: "Alex Kim" };
const ANA = { address: "ana.lopez@harborlight.example", name: "Ana Lopez" };
const SAM = { address: "sam.okafor@tidewater.example", name: "Sam Okafor" };
const PRIYA = { address: "priya.shah@northwind.example", name: "Priya Shah" };
const OUTREACH = "<outreach-ana@example.com>";
const ANA_YES = "<ana-yes@harborlight.example>";
const THANKS = "<alex-thanks-ana@example.com>";
const NAMED = "<ana-names@harborlight.example>";
const INTRO = "<ana-intro@harborlight.example>";
const SUBJECT = "Advice on moving into UX research";

function to(m: SeedMessage, ...people: EmailAddress[]): SeedMessage {
  return { ...m, to: people };
}

function mailbox(): SeedMailbox {
  return {
    owner: ME,
    timeZone: TZ,
    messages: [
      message(
        ME,
        ANA,
        "2026-01-05T15:00:00Z",
        SUBJECT,
        "Hi Ana,\n\nI'm a science teacher moving into UX research and would love to hear how you made the move. Would you have 20 minutes for a call next week? I'm not asking about jobs, only for your advice.\n\nThanks so much,\nAlex",
        "sent",
        OUTREACH,
      ),
      message(
        ANA,
        ME,
        "2026-01-06T15:00:00Z",
        `Re: ${SUBJECT}`,
        "Hi Alex,\n\nHappy to help. Thursday January 8 at 2pm Central works for me, I'll send an invite.\n\nAna",
        "inbox",
        ANA_YES,
        OUTREACH,
        [OUTREACH],
      ),
      message(
        ME,
        ANA,
        "2026-01-08T21:00:00Z",
        `Re: ${SUBJECT}`,
        "Ana, thank you so much for your time today. Hearing how you moved into research operations was exactly what I needed.\n\nAlex",
        "sent",
        THANKS,
        ANA_YES,
        [OUTREACH, ANA_YES],
      ),
    ],
    events: [meeting("ana-chat@harborlight.example", ME, ANA, "2026-01-08T20:00:00Z", 30)],
  };
}

const named = message(
  ANA,
  ME,
  "2026-01-09T15:00:00Z",
  `Re: ${SUBJECT}`,
  "Glad it helped, Alex! You should also talk to Priya Shah at Northwind, priya.shah@northwind.example — tell her I sent you. I'd reach out to Ken Ito at Contoso too, though I don't have his address to hand.\n\nAna",
  "inbox",
  NAMED,
  THANKS,
  [OUTREACH, ANA_YES, THANKS],
);
const intro = to(
  message(
    ANA,
    ME,
    "2026-01-09T16:00:00Z",
    "Intro: Alex <> Sam",
    "Hi both,\n\nAlex, meet Sam Okafor, who leads research at Tidewater. Sam, Alex is a science teacher moving into UX research, and I think you two would have a great conversation.\n\nI'll let you take it from here!\nAna",
    "inbox",
    INTRO,
  ),
  ME,
  SAM,
);

for (const makeWorld of [gmailWorld, outlookWorld]) {
  const providerName = makeWorld === gmailWorld ? "Gmail" : "Outlook";
  describeEachDatabase(`referral follow-through on ${providerName}`, (kind) => {
    let world: MailWorld;
    let database: TestDatabase;
    let ctx: AppContext;
    let account: Account;
    const clock = new ManualClock("2026-01-09T13:00:00Z");

    async function cycleAt(iso: string): Promise<void> {
      clock.set(iso);
      const report = await runAccountCycle(ctx, account.id);
      expect(report.status, report.reason ?? "").toBe("ok");
    }
    const ledger = () =>
      ctx.db
        .selectFrom("drafts")
        .select(["kind", "to_address", "state", "provider_draft_id"])
        .where("account_id", "=", account.id)
        .orderBy("id")
        .execute();

    beforeAll(async () => {
      world = await makeWorld(mailbox());
      database = await openTestDatabase(kind);
      ctx = await createContext(world.config, { database, log: silentLogger(), clock });
      account = await upsertAccount(
        ctx.db,
        ctx.sealer,
        { provider: world.provider, address: ME.address, displayName: ME.name, timeZone: TZ, tokens: world.tokens() },
        clock.now(),
      );
    });
    afterAll(async () => {
      await database?.close();
      await world?.close();
    });

    it("a cc-introduction and a named one bring exactly two drafts, to the right people, in the right threads", async () => {
      await cycleAt("2026-01-09T13:00:00Z");
      expect(world.drafts()).toEqual([]);
      world.deliver(named);
      world.deliver(intro);
      await cycleAt("2026-01-09T17:00:00Z");

      const drafts = await world.envelopes();
      expect(drafts.map((d) => d.to).sort()).toEqual([PRIYA.address, SAM.address]);
      const reply = drafts.find((d) => d.to === SAM.address);
      const outreach = drafts.find((d) => d.to === PRIYA.address);
      // the thank-and-Bcc reply: in the introduction's thread, to Sam, Ana moved to Bcc
      expect(reply?.thread).toBe(world.threadOf(INTRO));
      expect(reply?.subject).toMatch(/^re: intro: alex <> sam$/i);
      expect(reply?.bcc).toEqual([ANA.address]);
      expect(reply?.cc).toEqual([]);
      expect(reply?.text).toMatch(/introduction, Ana|for connecting us, Ana/);
      expect(reply?.text).toMatch(/Bcc/);
      expect(reply?.text).toContain("Hi Sam,");
      // the first note to Priya: a new thread that names Ana
      expect(outreach?.thread).not.toBe(world.threadOf(INTRO));
      expect(outreach?.thread).not.toBe(world.threadOf(OUTREACH));
      expect(outreach?.subject).toBe("Ana Lopez suggested I get in touch");
      expect(outreach?.text).toContain("Ana Lopez");
      expect(outreach?.text).toContain("Hi Priya,");
      expect([...(outreach?.cc ?? []), ...(outreach?.bcc ?? [])]).toEqual([]);
      // never to the user, never to Ken (no address), never to anyone not introduced
      for (const d of drafts) {
        for (const address of [d.to, ...d.cc, ...d.bcc]) {
          expect([SAM.address, PRIYA.address, ANA.address]).toContain(address);
        }
      }
      const referrals = await ctx.db
        .selectFrom("referrals")
        .select(["kind", "referred_address", "referred_name", "referred_organisation"])
        .where("account_id", "=", account.id)
        .orderBy("referred_key")
        .execute();
      expect(referrals).toEqual([
        { kind: "named", referred_address: null, referred_name: "Ken Ito", referred_organisation: "Contoso" },
        {
          kind: "named",
          referred_address: PRIYA.address,
          referred_name: "Priya Shah",
          referred_organisation: "Northwind",
        },
        { kind: "cc", referred_address: SAM.address, referred_name: "Sam Okafor", referred_organisation: null },
      ]);
    });

    it("later cycles make no second draft", async () => {
      await cycleAt("2026-01-09T18:00:00Z");
      await cycleAt("2026-01-10T14:00:00Z");
      expect(await world.envelopes()).toHaveLength(2);
      expect((await ledger()).map((d) => `${d.kind}:${d.to_address}:${d.state}`).sort()).toEqual([
        `intro_reply:${SAM.address}:created`,
        `referral_outreach:${PRIYA.address}:created`,
      ]);
    });

    it("the pipeline shows who introduced Sam", async () => {
      const pipeline = await loadPipeline(ctx.db, clock.now(), { accountId: account.id });
      expect(pipeline.find((p) => p.address === SAM.address)?.referredBy).toBe("Ana Lopez");
    });

    it("Sam's conversation happens, and Ana's next check-in says so", async () => {
      const rows = await ledger();
      const replyId = rows.find((r) => r.kind === "intro_reply")?.provider_draft_id ?? "";
      const outreachId = rows.find((r) => r.kind === "referral_outreach")?.provider_draft_id ?? "";
      world.userSends(replyId, new Date("2026-01-10T15:00:00Z"));
      world.userSends(outreachId, new Date("2026-01-10T15:05:00Z"));
      world.deliver(
        message(
          SAM,
          ME,
          "2026-01-11T15:00:00Z",
          "Re: Intro: Alex <> Sam",
          "Hi Alex,\n\nLovely to meet you. Wednesday January 14 at 2pm Central works, I'll send an invite.\n\nSam",
          "inbox",
          "<sam-yes@tidewater.example>",
          INTRO,
          [INTRO],
        ),
      );
      world.addEvent(meeting("sam-chat@tidewater.example", ME, SAM, "2026-01-14T20:00:00Z", 30));
      await cycleAt("2026-01-11T16:00:00Z");
      await cycleAt("2026-01-14T20:45:00Z");
      const thankYou = (await world.envelopes()).find((d) => d.to === SAM.address);
      // the thank-you after Sam's conversation goes to Sam alone, in the introduction's thread
      expect(thankYou?.thread).toBe(world.threadOf(INTRO));
      expect([...(thankYou?.cc ?? []), ...(thankYou?.bcc ?? [])]).toEqual([]);
      world.userSends(thankYou?.id ?? "", new Date("2026-01-14T21:30:00Z"));

      await cycleAt("2026-02-01T14:00:00Z");
      expect((await world.envelopes()).filter((d) => d.to === ANA.address)).toEqual([]);
      await cycleAt("2026-02-21T15:00:00Z");
      await cycleAt("2026-02-22T15:00:00Z");
      const checkIns = (await world.envelopes()).filter((d) => d.to === ANA.address);
      expect(checkIns).toHaveLength(1);
      expect(checkIns[0]?.thread).toBe(world.threadOf(OUTREACH));
      expect(checkIns[0]?.text).toContain("I spoke with Sam Okafor, whom you introduced me to");
      const all = await ledger();
      expect(all.filter((d) => d.kind === "intro_reply" || d.kind === "referral_outreach")).toHaveLength(2);
      // every draft Rapport ever made here went to Sam, Priya or Ana, and the user never received one
      expect(new Set(all.map((d) => d.to_address))).toEqual(new Set([SAM.address, PRIYA.address, ANA.address]));
    });

    it("the digest credits Ana and lists Ken as introduced, no address yet", async () => {
      const data = await loadDigestData(ctx.db, account, clock.now());
      expect(data.introductions).toEqual({
        total: 3,
        byReferrer: [{ name: "Ana Lopez", address: ANA.address, count: 3 }],
      });
      const digest = renderDigest(loadTemplates(ctx.config), data);
      expect(digest.text).toContain("3 introductions this quarter: 3 from Ana Lopez.");
      expect(digest.text).toContain("Ken Ito (Contoso), introduced by Ana Lopez — no address yet");
    });
  });
}
