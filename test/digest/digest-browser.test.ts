/**
 * The digest as a reader sees it: `rapport digest --preview --out FILE` against a seeded database, the HTML opened
 * in headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser), what is visible checked, and a
 * screenshot kept in test-artifacts/digest.png.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { migrateOrThrow } from "../../src/db/migrate.js";
import { seedAccount, seedThread } from "../drafting/seed.js";
import { runCli } from "../support/cli.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts");
const DAY = 86_400_000;

async function seed(dataDir: string): Promise<void> {
  const handle = await openDatabase({ url: null, dataDir });
  try {
    await migrateOrThrow(handle);
    const db = handle.db;
    const now = Date.now();
    const account = await seedAccount(db, { time_zone: "Europe/London" });
    const waiting = await seedThread(db, account, {
      n: 1,
      sentAt: new Date(now - 9 * DAY),
      contactName: "Tom Lee",
      organisation: "Contoso",
    });
    const met = await seedThread(db, account, {
      n: 2,
      sentAt: new Date(now - 20 * DAY),
      contactName: "Maria Lopez",
      stage: "met",
    });
    const meetings = [3, 10, 11, 25, 40, 41, 42, 60].map((daysAgo, i) => ({
      account_id: account.id,
      provider_event_id: `e${i}`,
      summary: "Coffee chat",
      start_at: new Date(now - daysAgo * DAY - 30 * 60_000),
      end_at: new Date(now - daysAgo * DAY),
      status: "confirmed" as const,
      contact_id: met.contactId,
      informational: true,
    }));
    meetings.push({
      ...meetings[0]!,
      provider_event_id: "next",
      start_at: new Date(now + 2 * DAY),
      end_at: new Date(now + 2 * DAY + 1800_000),
      contact_id: waiting.contactId,
    });
    await db.insertInto("meetings").values(meetings).execute();
    await db
      .insertInto("drafts")
      .values({
        account_id: account.id,
        target_key: "<t@x>",
        kind: "thank_you",
        state: "created",
        to_address: "contact2@northwind.example",
        created_at: new Date(now - DAY),
      })
      .execute();
    await db
      .insertInto("contacts")
      .values({
        account_id: account.id,
        address: "priya@example.org",
        name: "Priya Shah",
        referred_by_contact_id: met.contactId,
        first_seen_at: new Date(now - 2 * DAY),
      })
      .execute();
  } finally {
    await handle.close();
  }
}

describe("the digest in a browser", () => {
  let browser: Browser;
  let html: string;
  let stdout: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium); this test never downloads a browser`,
      );
    }
    const dir = await mkdtemp(path.join(tmpdir(), "rapport-digest-"));
    await seed(path.join(dir, "data"));
    const out = path.join(dir, "digest.html");
    const result = await runCli(["digest", "--preview", "--out", out], {
      env: { RAPPORT_DATA_DIR: path.join(dir, "data"), RAPPORT_LOG_LEVEL: "warn" },
    });
    expect(result.stderr).toContain("wrote the HTML digest");
    expect(result.code).toBe(0);
    stdout = result.stdout;
    html = await readFile(out, "utf8");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the preview prints the plain-text version to the owner only", () => {
    expect(stdout).toMatch(
      /^To: alex@example.com\nSubject: Your networking week \(.+\): 1 conversation, 1 draft waiting\n/,
    );
    expect(stdout).toContain("DRAFTS WAITING FOR YOU\n- Thank-you to Maria Lopez (in Drafts for 1 day)");
    expect(stdout).toContain("- Tom Lee (Contoso): 9 days");
  });

  it("shows the week, the goal, a 12-week bar chart and the lists, with no scripts or remote content", async () => {
    expect(html).not.toMatch(/<script|<img|<link|url\(|https?:\/\/(?!example)/i);
    const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: "load" });
    const text = await page.innerText("body");
    expect(text).toContain("Your networking week");
    expect(text).toMatch(/1\s+conversation this week/);
    expect(text).toMatch(/Goal: 6 of 12 this quarter|Goal: \d+ of 12 this quarter/);
    for (const heading of [
      "Conversations per week",
      "Drafts waiting for you",
      "Waiting for a reply",
      "Coming up",
      "New introductions",
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain("Thank-you to Maria Lopez");
    expect(text).toContain("Priya Shah, introduced by Maria Lopez");
    expect(text).not.toMatch(/\{\{|undefined|null|NaN/);

    const bars = await page.$$eval("td.bar", (cells) => cells.map((c) => Math.round(c.getBoundingClientRect().height)));
    expect(bars).toHaveLength(12);
    // Two meetings 40–42 days ago share a week: that bar is the tallest; empty weeks keep a thin baseline.
    expect(Math.max(...bars)).toBe(96);
    expect(bars.filter((h) => h === 2).length).toBeGreaterThan(3);
    expect(bars.filter((h) => h > 2).length).toBeGreaterThanOrEqual(5);
    expect(requests.filter((u) => !u.startsWith("about:") && !u.startsWith("data:"))).toEqual([]);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, "digest.png"), fullPage: true });
    await page.close();
  });
});
