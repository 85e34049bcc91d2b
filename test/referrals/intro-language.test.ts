/**
 * A cc-introduction written in German, through the fake Gmail and the fake Graph: the thank-and-Bcc reply is drafted
 * in German (templates/de/intro-reply.*), in the introduction's thread, to the person introduced, with the introducer
 * in Bcc.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import type { Account } from "../../src/db/schema.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { openTestDatabase, type TestDatabase } from "../support/database.js";
import { gmailWorld, type MailWorld, message, outlookWorld } from "../worker/mail-worlds.js";

const TZ = "Europe/Berlin";
const ME = { address: "lena.vogt@example.de", name: "Lena Vogt" };
const KATRIN = { address: "katrin.huber@nordlicht.example", name: "Katrin Huber" };
const JONAS = { address: "jonas.weber@siemens.example", name: "Jonas Weber" };
const INTRO = "<katrin-intro@nordlicht.example>";

for (const makeWorld of [gmailWorld, outlookWorld]) {
  const name = makeWorld === gmailWorld ? "Gmail" : "Outlook";
  let world: MailWorld;
  let database: TestDatabase;
  let ctx: AppContext;
  let account: Account;
  const clock = new ManualClock("2026-05-04T08:00:00Z");

  beforeAll(async () => {
    world = await makeWorld({ owner: ME, timeZone: TZ, messages: [], events: [] });
    database = await openTestDatabase("pglite");
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

  it(`a German cc-introduction brings a German thank-and-Bcc reply (${name})`, async () => {
    expect((await runAccountCycle(ctx, account.id)).status).toBe("ok");
    world.deliver({
      ...message(
        KATRIN,
        ME,
        "2026-05-04T09:00:00Z",
        "Vorstellung: Lena und Jonas",
        "Liebe Lena, lieber Jonas,\n\nich möchte euch gerne miteinander bekannt machen. Jonas leitet bei Siemens das UX-Research-Team, Lena ist Lehrerin und möchte in die UX-Forschung wechseln. Ich glaube, ein Gespräch würde euch beiden Freude machen.\n\nHerzliche Grüße\nKatrin",
        "inbox",
        INTRO,
      ),
      to: [ME, JONAS],
    });
    clock.set("2026-05-04T10:00:00Z");
    expect((await runAccountCycle(ctx, account.id)).status).toBe("ok");
    const drafts = await world.envelopes();
    expect(drafts.map((d) => [d.to, d.cc, d.bcc])).toEqual([[JONAS.address, [], [KATRIN.address]]]);
    expect(drafts[0]?.thread).toBe(world.threadOf(INTRO));
    expect(drafts[0]?.text).toContain("Vielen Dank für die Vorstellung, Katrin");
    expect(drafts[0]?.text).toMatch(/Hätten Sie|Hättest du/);
  });
}
