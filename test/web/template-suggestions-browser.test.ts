/**
 * The drafts page's suggestion learnt from edits, in Debian's chromium (playwright-core): after three nudges sent
 * without their closing paragraph the page proposes leaving it out; accepting changes the next nudge of that
 * account only, the change is listed with Undo, and undoing brings the paragraph back and the suggestion with it.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertAccount } from "../../src/db/accounts.js";
import { droppedParts, recordEdit } from "../../src/db/draft-edits.js";
import type { Account } from "../../src/db/schema.js";
import { loadDraftTemplates } from "../../src/templates/catalog.js";
import { fullFacts, renderDraftForAccount } from "../../src/templates/drafts.js";
import { type Harness, NOW, startHarness } from "./harness.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts/web");
const CLOSING = "if v1#2";

describe("template suggestions on the drafts page, in chromium", () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let account: Account;
  let other: Account;
  let templateRef: string;
  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  const nextNudge = async (who: Account) =>
    renderDraftForAccount(loadDraftTemplates(h.ctx.config, "en"), fullFacts("nudge"), (ref) =>
      droppedParts(h.ctx.db, who.id, ref),
    );

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`chromium not found at ${CHROMIUM}: install Debian's package or set CHROMIUM_PATH`);
    }
    await mkdir(ARTIFACTS, { recursive: true });
    h = await startHarness("pglite");
    const tokens = { accessToken: "a", refreshToken: "r", expiresAt: null, scope: null };
    const base = { provider: "gmail" as const, displayName: "Ada Byron", timeZone: "Europe/London", tokens };
    account = await upsertAccount(h.ctx.db, h.ctx.sealer, { ...base, address: "ada@gmail.example" }, NOW);
    other = await upsertAccount(h.ctx.db, h.ctx.sealer, { ...base, address: "ada@outlook.example" }, NOW);
    const drafted = await nextNudge(account);
    templateRef = drafted.templateRef;
    for (let i = 0; i < 3; i++) {
      const row = await h.ctx.db
        .insertInto("drafts")
        .values({
          account_id: account.id,
          target_key: `contact:p${i}@example.com`,
          kind: "nudge",
          state: "sent",
          to_address: `p${i}@example.com`,
          in_reply_to: null,
          thread_id: null,
          contact_id: null,
          provider_draft_id: null,
          provider_message_id: null,
          last_error: null,
          subject: "Re: advice",
          body_text: drafted.message.text,
          template_ref: templateRef,
          part_keys: drafted.partKeys,
          claimed_at: NOW,
          updated_at: NOW,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const parts = [...new Set(drafted.partKeys)].map((part) => ({
        part,
        edit: part === CLOSING ? ("deleted" as const) : ("kept" as const),
      }));
      await recordEdit(h.ctx.db, {
        accountId: account.id,
        draftId: row.id,
        templateRef,
        shape: { parts, added: 0 },
        sentAt: new Date(NOW.getTime() + i * 60_000),
      });
    }
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

  it("proposes leaving out the paragraph deleted in three of three nudges", async () => {
    await page.goto(`${h.web.url}/drafts`);
    const suggestion = page.locator(`#template-suggestions form[data-part="${CLOSING}"]`);
    const text = await suggestion.textContent();
    expect(text).toContain("In your nudges");
    expect(text).toContain("you deleted it 3 of the last 3 times");
    expect(text).toMatch(/no need to reply|no reply is needed|completely understand/);
    expect(await page.locator("#template-changes").count()).toBe(0);
    await shot("template-1-suggestion");
  });

  it("accepting changes the next nudge of that account only, and lists the change with Undo", async () => {
    expect((await nextNudge(account)).partKeys).toContain(CLOSING);
    await page.click(`#template-suggestions form[data-part="${CLOSING}"] button[value=accept]`);
    await page.waitForURL(/notice=template-changed$/);
    expect(await page.textContent("[role=status]")).toContain("Changed for this account");
    expect(await page.locator("#template-suggestions").count()).toBe(0);
    expect(await page.textContent("#template-changes")).toContain("Left out of your nudges");
    await shot("template-2-accepted");
    const mine = await nextNudge(account);
    expect(mine.partKeys).not.toContain(CLOSING);
    expect(mine.message.text).not.toMatch(/no need to reply|no reply is needed|completely understand/);
    expect((await nextNudge(other)).partKeys).toContain(CLOSING);
  });

  it("undo brings the paragraph back, and the suggestion with it", async () => {
    await page.click(`#template-changes form[data-part="${CLOSING}"] button[value=undo]`);
    await page.waitForURL(/notice=template-restored$/);
    expect(await page.locator("#template-changes").count()).toBe(0);
    expect(await page.locator(`#template-suggestions form[data-part="${CLOSING}"]`).count()).toBe(1);
    expect((await nextNudge(account)).partKeys).toContain(CLOSING);
    await shot("template-3-undone");
  });

  it("dismissing the suggestion keeps the template and stops proposing it", async () => {
    await page.click(`#template-suggestions form[data-part="${CLOSING}"] button[value=dismiss]`);
    await page.waitForURL(/notice=suggestion-dismissed$/);
    expect(await page.locator("#template-suggestions").count()).toBe(0);
    expect((await nextNudge(account)).partKeys).toContain(CLOSING);
  });
});
