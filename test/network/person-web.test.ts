/** The pipeline page's per-person forms over HTTP, on both databases: saved, refused in words, scoped to the account. */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Account, Contact } from "../../src/db/schema.js";
import { requireContact } from "../../src/jobs/people.js";
import { seedAccount } from "../drafting/seed.js";
import { describeEachDatabase } from "../support/database.js";
import { Browser, type Harness, startHarness } from "../web/harness.js";
import { MARIA, seedOutreach } from "./seed-outreach.js";

describeEachDatabase("per-person controls on the web page", (kind) => {
  let h: Harness;
  let browser: Browser;
  let account: Account;
  let other: Account;
  let maria: Contact;
  beforeAll(async () => {
    h = await startHarness(kind);
    browser = new Browser(h.web.url);
    account = await seedAccount(h.ctx.db);
    other = await seedAccount(h.ctx.db, { address: "someone-else@example.com" });
    await seedOutreach(h.ctx.db, account);
    maria = await requireContact(h.ctx.db, account, MARIA);
    await browser.follow(await browser.fetch("/"));
  });
  afterAll(async () => h.close());

  const stored = () => requireContact(h.ctx.db, account, MARIA);

  it("shows each person's controls and saves them", async () => {
    const html = await (await browser.fetch("/pipeline")).text();
    expect(html).toContain(`action="/people/${account.id}/${maria.id}/controls"`);
    expect(html).toContain(`action="/people/${account.id}/${maria.id}/touches"`);
    const res = await browser.post(`/people/${account.id}/${maria.id}/controls`, {
      _csrf: browser.csrf,
      snoozed_until: "2099-01-31",
      do_not_contact: "1",
      check_in_after_days: "30",
      nudge_after_business_days: "",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/pipeline?notice=person-saved#contact-${maria.id}`);
    expect(await stored()).toMatchObject({
      snoozed_until: "2099-01-31",
      do_not_contact: true,
      check_in_after_days: 30,
      nudge_after_business_days: null,
    });
    const page = await (await browser.fetch("/pipeline")).text();
    expect(page).toContain("snoozed until 2099-01-31");
    expect(page).toContain('value="2099-01-31"');
    const touch = await browser.post(`/people/${account.id}/${maria.id}/touches`, {
      _csrf: browser.csrf,
      kind: "coffee",
      on: "",
      note: "met at the meetup",
    });
    expect(touch.status).toBe(303);
    const touches = await h.ctx.db.selectFrom("contact_touches").selectAll().execute();
    expect(touches).toMatchObject([
      { account_id: account.id, contact_id: maria.id, kind: "coffee", note: "met at the meetup" },
    ]);
  });

  it("refuses bad values in words, a stale form, and a contact of another account", async () => {
    const bad = await browser.post(`/people/${account.id}/${maria.id}/controls`, {
      _csrf: browser.csrf,
      snoozed_until: "",
      check_in_after_days: "-3",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(`${MARIA}: check in after: expected a whole number from 1 to 730`);
    expect((await stored()).check_in_after_days).toBe(30);
    const noCsrf = await browser.post(`/people/${account.id}/${maria.id}/controls`, { do_not_contact: "1" });
    expect(noCsrf.status).toBe(403);
    const crossed = await browser.post(`/people/${other.id}/${maria.id}/controls`, { _csrf: browser.csrf });
    expect(crossed.status).toBe(404);
    const crossedTouch = await browser.post(`/people/${other.id}/${maria.id}/touches`, {
      _csrf: browser.csrf,
      kind: "call",
    });
    expect(crossedTouch.status).toBe(404);
  });
});
