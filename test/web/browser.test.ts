/**
 * The page in a real browser: Debian's chromium driven by playwright-core (never a downloaded browser). Connect an
 * account through the fake consent page, see it listed, change a setting, open the digest preview, re-connect an
 * account whose grant was revoked. Screenshots go to test-artifacts/web/ (git-ignored, kept by CI).
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountByAddress, setAccountStatus } from "../../src/db/accounts.js";
import { type Harness, startHarness } from "./harness.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts/web");

describe("the web page in chromium", () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `chromium not found at ${CHROMIUM}: install Debian's package (apt-get update && apt-get install -y chromium) or set CHROMIUM_PATH. The browser tests never download a browser and never skip.`,
      );
    }
    await mkdir(ARTIFACTS, { recursive: true });
    h = await startHarness("pglite", { consentPage: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it("connects Gmail through the fake consent page and lists the account", async () => {
    await page.goto(`${h.web.url}/`);
    await expect.poll(() => page.textContent("h1")).toBe("Accounts");
    await page.click("#connect-gmail");
    await page.waitForSelector("#allow");
    expect(await page.textContent("h1")).toContain("Rapport wants to access your Google Account");
    await shot("1-consent");
    await page.click("#allow");
    await page.waitForURL(/\/accounts\?notice=connected$/);
    expect(await page.textContent("[role=status]")).toContain("Account connected.");
    const row = page.locator('tr[data-address="ada@gmail.example"]');
    expect(await row.textContent()).toContain("Connected, first sync pending");
    await shot("2-connected");
  });

  it("changes a setting and sees it kept", async () => {
    await page.click("text=Settings");
    await page.fill("#signature", "Ada Byron\nada.example");
    await page.fill("#time_zone", "Europe/Paris");
    await page.selectOption("#digest_weekday", "5");
    await page.click("#save-settings");
    await page.waitForURL(/notice=saved/);
    expect(await page.textContent("[role=status]")).toContain("Settings saved.");
    expect(await page.inputValue("#time_zone")).toBe("Europe/Paris");
    expect(await page.inputValue("#signature")).toBe("Ada Byron\nada.example");
    await shot("3-settings");
    const account = await findAccountByAddress(h.ctx.db, "ada@gmail.example");
    expect(account).toMatchObject({ time_zone: "Europe/Paris", digest_weekday: 5 });
    // A bad value comes back with the reason, and the stored one is unchanged.
    await page.fill("#time_zone", "Mars/Olympus");
    await page.click("#save-settings");
    expect(await page.textContent("[role=alert]")).toContain("time zone: expected an IANA name");
  });

  it("opens the digest preview", async () => {
    await page.click("text=Digest");
    await page.waitForSelector("#digest-preview");
    const frame = page.frameLocator("#digest-preview");
    await expect.poll(async () => (await frame.locator("body").textContent())?.length ?? 0).toBeGreaterThan(20);
    expect(await frame.locator("body").textContent()).toMatch(/week|digest|draft/i);
    await shot("4-digest");
  });

  it("offers re-connect for a revoked account, and re-connecting makes it active again", async () => {
    const account = await findAccountByAddress(h.ctx.db, "ada@gmail.example");
    await setAccountStatus(
      h.ctx.db,
      account?.id as number,
      "needs_reauth",
      "invalid_grant: Token has been expired or revoked.",
      new Date(),
    );
    await page.click("text=Accounts");
    const row = page.locator('tr[data-address="ada@gmail.example"]');
    expect(await row.textContent()).toContain("Needs re-authorisation");
    await shot("5-needs-reauth");
    await row.locator("button", { hasText: "Re-connect" }).click();
    await page.click("#allow");
    await page.waitForURL(/notice=connected/);
    expect((await findAccountByAddress(h.ctx.db, "ada@gmail.example"))?.status).toBe("active");
  });

  it("shows the pipeline and drafts pages", async () => {
    await page.click("text=Pipeline");
    expect(await page.textContent("h1")).toBe("Pipeline");
    await page.click("text=Drafts");
    expect(await page.textContent("h1")).toBe("Drafts");
    await shot("6-drafts");
  });
});
