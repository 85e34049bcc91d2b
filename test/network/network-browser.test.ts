/**
 * The network features in a real browser (Debian's chromium through playwright-core, as test/web/browser.test.ts):
 * upload LinkedIn's Connections.csv on the pipeline page, then snooze, mark do-not-contact, give a cadence of one's
 * own and log a touch for one person — and what the worker finds due follows each change. Screenshots go to
 * test-artifacts/web/ (git-ignored).
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Account } from "../../src/db/schema.js";
import { evaluateAccount } from "../../src/jobs/evaluate-account.js";
import { seedAccount } from "../drafting/seed.js";
import { type Harness, startHarness } from "../web/harness.js";
import { MARIA, seedOutreach } from "./seed-outreach.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts/web");
const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/linkedin/Connections.csv");

describe("people on the pipeline page, in chromium", () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let account: Account;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  /** What the worker would draft now (the harness runs on the real clock: the March outreach is long unanswered). */
  const due = async () => (await evaluateAccount(h.ctx, account)).due.map((d) => `${d.kind} ${d.to}`);
  const row = () => page.locator(`tr[data-address="${MARIA}"]`);
  const controls = async () => {
    const details = page.locator(`tr[data-address="${MARIA}"] + tr details`);
    if (!(await details.getAttribute("open"))) await details.locator("summary").click();
    return details;
  };

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`chromium not found at ${CHROMIUM}: install Debian's package or set CHROMIUM_PATH`);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    h = await startHarness("pglite");
    account = await seedAccount(h.ctx.db);
    await seedOutreach(h.ctx.db, account);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("uploads LinkedIn's export and shows what it did, row by row", async () => {
    await page.goto(`${h.web.url}/pipeline`);
    await page.setInputFiles("#linkedin-file", FIXTURE);
    await page.click("#import-linkedin");
    await page.waitForSelector("#import-summary");
    expect(await page.textContent("#import-summary")).toContain("7 people read — 7 new, 0 updated, 0 unchanged");
    expect(await page.locator("#import-problems tbody tr").count()).toBe(4);
    await shot("network-1-import");
  });

  it("snoozes a person: nothing is due until the date, and the page says so", async () => {
    expect(await due()).toEqual([`nudge ${MARIA}`]);
    await page.goto(`${h.web.url}/pipeline`);
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const form = await controls();
    await form.locator('input[name="snoozed_until"]').fill(later);
    await form.locator("button", { hasText: "Save" }).click();
    await page.waitForURL(/notice=person-saved/);
    expect(await page.textContent("[role=status]")).toContain("Saved.");
    expect(await row().textContent()).toContain(`snoozed until ${later}`);
    expect(await row().locator("td.next").textContent()).toContain(`once the snooze ends (${later})`);
    expect(await due()).toEqual([]);
    await shot("network-2-snoozed");
    // A date that has passed is refused with the reason; nothing changes.
    const again = await controls();
    await again.locator('input[name="snoozed_until"]').fill("2020-01-01");
    await again.locator("button", { hasText: "Save" }).click();
    expect(await page.textContent("[role=alert]")).toContain("snooze until: 2020-01-01 is not after today");
    // Clearing the snooze brings the nudge back.
    await page.goto(`${h.web.url}/pipeline`);
    const clear = await controls();
    await clear.locator('input[name="snoozed_until"]').fill("");
    await clear.locator("button", { hasText: "Save" }).click();
    await page.waitForURL(/notice=person-saved/);
    expect(await due()).toEqual([`nudge ${MARIA}`]);
  });

  it("marks do-not-contact and a cadence of one's own", async () => {
    const form = await controls();
    await form.locator('input[name="do_not_contact"]').check();
    await form.locator('input[name="check_in_after_days"]').fill("21");
    await shot("network-3-controls");
    await form.locator("button", { hasText: "Save" }).click();
    await page.waitForURL(/notice=person-saved/);
    expect(await row().textContent()).toContain("do-not-contact");
    expect(await row().textContent()).toContain("check in after 21 days");
    expect(await due()).toEqual([]);
    const undo = await controls();
    await undo.locator('input[name="do_not_contact"]').uncheck();
    await undo.locator("button", { hasText: "Save" }).click();
    await page.waitForURL(/notice=person-saved/);
    expect(await due()).toEqual([`nudge ${MARIA}`]);
    const stored = await h.ctx.db
      .selectFrom("contacts")
      .select(["do_not_contact", "check_in_after_days"])
      .where("account_id", "=", account.id)
      .where("address", "=", MARIA)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ do_not_contact: false, check_in_after_days: 21 });
  });

  it("logs a touch: the outreach counts as answered", async () => {
    const form = await controls();
    await form.locator('select[name="kind"]').selectOption("call");
    await form.locator('input[name="note"]').fill("she called back");
    await form.locator("button", { hasText: "Log touch" }).click();
    await page.waitForURL(/notice=touch-logged/);
    expect(await row().textContent()).toContain("last touch: call");
    expect(await due()).toEqual([]);
    await shot("network-4-touch");
  });
});
