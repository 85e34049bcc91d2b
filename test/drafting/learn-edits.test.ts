/**
 * Drafts that learn from the user's edits, end to end through the worker cycle, the real adapters, the fake Gmail
 * and fake Graph servers and the real database: three nudges are sent with the same paragraph taken out; each send
 * leaves an edit record (a shape, no text); after the third the drafts page suggests dropping that paragraph; once
 * accepted there, the next nudge of this account is drafted without it, and another account's is not; undone, it is
 * back.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { SeedMailbox } from "../../sandbox/seed.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { droppedParts, templateSuggestions } from "../../src/db/draft-edits.js";
import type { Account } from "../../src/db/schema.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { startWebServer, type WebServer } from "../../src/web/server.js";
import { describeEachDatabase, openTestDatabase, type TestDatabase } from "../support/database.js";
import { Browser } from "../web/harness.js";
import { gmailWorld, type MailWorld, message, outlookWorld } from "../worker/mail-worlds.js";

const TZ = "America/Chicago";
const ME = { address: "alex.kim@example.com", name: "Alex Kim" };
const PEOPLE = ["maria", "tom", "priya", "lena"].map((n) => ({
  address: `${n}@org-${n}.example`,
  name: `${n[0]?.toUpperCase()}${n.slice(1)} Example`,
}));
/** The nudge's second paragraph ("If the timing isn't right…"), whatever its wording variant. */
const CLOSING = "if v1#2";

function mailbox(): SeedMailbox {
  // Three outreach messages on Monday 23 February, a fourth a week later: three nudges due on 4 March, one on 11 March.
  const dates = ["2026-02-23T16:00:00Z", "2026-02-23T16:10:00Z", "2026-02-23T16:20:00Z", "2026-03-02T16:00:00Z"];
  return {
    owner: ME,
    timeZone: TZ,
    messages: PEOPLE.map((p, i) =>
      message(
        ME,
        p,
        dates[i] as string,
        `Advice on moving into product analytics (${i + 1})`,
        `Hi ${p.name.split(" ")[0]},\n\nI'm moving from teaching into product analytics and would love to hear how you made the jump. Would you have 20 minutes for a short call in the next couple of weeks? I'm not asking about jobs, just your advice.\n\nThanks so much,\nAlex`,
        "sent",
        `<outreach-${i}@example.com>`,
      ),
    ),
    events: [],
  };
}

for (const makeWorld of [gmailWorld, outlookWorld]) {
  describeEachDatabase(`learning from edits on ${makeWorld === gmailWorld ? "Gmail" : "Outlook"}`, (kind) => {
    let world: MailWorld;
    let database: TestDatabase;
    let ctx: AppContext;
    let account: Account;
    let web: WebServer;
    let page: Browser;
    const clock = new ManualClock("2026-03-05T14:00:00Z"); // 08:00 in Chicago

    async function cycleAt(iso: string) {
      clock.set(iso);
      const report = await runAccountCycle(ctx, account.id);
      expect(report.status, report.reason ?? "").toBe("ok");
      return report;
    }

    const ledger = () =>
      ctx.db.selectFrom("drafts").selectAll().where("account_id", "=", account.id).orderBy("id").execute();

    /** The paragraphs of a ledger row's text that came from template part `key`. */
    const partOf = (row: { body_text: string | null; part_keys: string[] | null }, key: string) =>
      (row.body_text ?? "").split("\n\n").filter((_, i) => row.part_keys?.[i] === key);

    beforeAll(async () => {
      world = await makeWorld(mailbox());
      database = await openTestDatabase(kind);
      ctx = await createContext(world.config, { database, log: silentLogger(), clock });
      const details = { provider: world.provider, address: ME.address, displayName: ME.name, timeZone: TZ };
      account = await upsertAccount(ctx.db, ctx.sealer, { ...details, tokens: world.tokens() }, clock.now());
      web = await startWebServer(ctx, { port: 0 });
      page = new Browser(web.url);
      await page.fetch("/drafts"); // the browser id (CSRF token) cookie
    });
    afterAll(async () => {
      await web?.close();
      await database?.close();
      await world?.close();
    });

    it("three nudges sent without their closing paragraph leave three edit shapes and one suggestion", async () => {
      await cycleAt("2026-03-05T14:00:00Z");
      const drafted = await ledger();
      expect(drafted.map((d) => [d.kind, d.state])).toEqual([
        ["nudge", "created"],
        ["nudge", "created"],
        ["nudge", "created"],
      ]);
      for (const row of drafted) {
        expect(row.template_ref).toMatch(/^nudge\/en@[0-9a-f]{10}$/);
        expect(row.part_keys?.[0]).toBe("greeting");
        expect(partOf(row, CLOSING)).toHaveLength(1);
      }
      const sentAt = new Date("2026-03-05T16:00:00Z");
      for (const row of drafted) {
        world.userSendsWithout(row.provider_draft_id ?? "", sentAt, partOf(row, CLOSING)[0] as string);
      }
      await cycleAt("2026-03-05T17:00:00Z");
      expect((await ledger()).map((d) => d.state)).toEqual(["sent", "sent", "sent"]);

      const edits = await ctx.db.selectFrom("draft_edits").selectAll().where("account_id", "=", account.id).execute();
      expect(edits).toHaveLength(3);
      for (const edit of edits) {
        expect(edit.template_ref).toBe(drafted[0]?.template_ref);
        expect(edit.added).toBe(0);
        expect(edit.parts).toEqual([
          { part: "greeting", edit: "kept" },
          { part: "if v1", edit: "kept" },
          { part: CLOSING, edit: "deleted" },
          { part: "signoff", edit: "kept" },
        ]);
        // A shape, never text: nothing in the record but part names and edit kinds.
        expect(JSON.stringify(edit.parts)).not.toMatch(/timing|reply|busy|Alex/);
      }
      expect(await templateSuggestions(ctx.db, account.id)).toEqual([
        { templateRef: drafted[0]?.template_ref, part: CLOSING, had: 3, deleted: 3, rewritten: 0 },
      ]);
      const html = await (await page.fetch("/drafts")).text();
      expect(html).toContain(`data-part="${CLOSING}"`);
      expect(html).toContain("you deleted it 3 of the last 3 times");
    });

    const decide = (templateRef: string, decision: "accept" | "undo") =>
      page.post(`/drafts/templates/${account.id}`, {
        _csrf: page.csrf,
        template: templateRef,
        part: CLOSING,
        decision,
      });

    it("once accepted on the page, the next nudge of this account leaves the paragraph out; another account's keeps it", async () => {
      const [first] = await ledger();
      const templateRef = first?.template_ref as string;
      const accepted = await decide(templateRef, "accept");
      expect(accepted.status).toBe(303);
      expect(accepted.headers.get("location")).toBe("/drafts?notice=template-changed");
      expect(await templateSuggestions(ctx.db, account.id)).toEqual([]);

      await cycleAt("2026-03-12T13:00:00Z"); // business day 7 after the fourth outreach
      const rows = await ledger();
      const next = rows.at(-1);
      expect(next?.to_address).toBe(PEOPLE[3]?.address);
      expect(next?.state).toBe("created");
      expect(next?.part_keys).not.toContain(CLOSING);
      expect(next?.part_keys).toContain("if v1");
      expect(next?.body_text).not.toMatch(/no need to reply|no reply is needed|completely understand/);
      const inMailbox = world.drafts().find((d) => d.id === next?.provider_draft_id);
      expect(inMailbox).toBeDefined();

      const other = await upsertAccount(
        ctx.db,
        ctx.sealer,
        {
          provider: world.provider,
          address: "someone.else@example.com",
          displayName: "Someone",
          timeZone: TZ,
          tokens: world.tokens(),
        },
        clock.now(),
      );
      expect(await droppedParts(ctx.db, other.id, templateRef)).toEqual(new Set());
      expect(await droppedParts(ctx.db, account.id, templateRef)).toEqual(new Set([CLOSING]));
      await ctx.db.deleteFrom("accounts").where("id", "=", other.id).execute();

      // Undone: the template is whole again for this account, and the suggestion stands again.
      expect((await decide(templateRef, "undo")).headers.get("location")).toBe("/drafts?notice=template-restored");
      expect(await droppedParts(ctx.db, account.id, templateRef)).toEqual(new Set());
      expect(await templateSuggestions(ctx.db, account.id)).toHaveLength(1);
    });
  });
}
