/** The LinkedIn upload on the pipeline page, over HTTP: multipart, CSRF, the summary, bad rows, a refused file. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Account } from "../../src/db/schema.js";
import { seedAccount } from "../drafting/seed.js";
import { describeEachDatabase } from "../support/database.js";
import { Browser, type Harness, startHarness } from "../web/harness.js";

const FIXTURE = readFileSync(path.resolve(import.meta.dirname, "../fixtures/linkedin/Connections.csv"));

describeEachDatabase("linkedin upload on the web page", (kind) => {
  let h: Harness;
  let browser: Browser;
  let account: Account;
  beforeAll(async () => {
    h = await startHarness(kind);
    browser = new Browser(h.web.url);
    account = await seedAccount(h.ctx.db);
    await browser.follow(await browser.fetch("/"));
  });
  afterAll(async () => h.close());

  const upload = (fields: Record<string, string>, file: Buffer | null, name = "Connections.csv") => {
    const body = new FormData();
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    if (file) body.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), name);
    return browser.fetch("/import/linkedin", { method: "POST", body });
  };

  it("offers the upload on the pipeline page, and imports what it is given", async () => {
    const page = await (await browser.fetch("/pipeline")).text();
    expect(page).toContain('enctype="multipart/form-data"');
    expect(page).toContain(`name="account" value="${account.id}"`);
    const res = await upload({ _csrf: browser.csrf, account: String(account.id) }, FIXTURE);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("<strong>7</strong> people read — 7 new, 0 updated, 0 unchanged; 2 rows skipped.");
    expect(html).toMatch(/<td>9<\/td><td>no name<\/td><td>skipped<\/td>/);
    expect(html).toMatch(
      /<td>10<\/td><td>&quot;priya at northwind&quot; is not an e-mail address<\/td><td>imported<\/td>/,
    );
    const again = await (await upload({ _csrf: browser.csrf, account: String(account.id) }, FIXTURE)).text();
    expect(again).toContain("<strong>7</strong> people read — 0 new, 0 updated, 7 unchanged; 2 rows skipped.");
    const rows = await h.ctx.db.selectFrom("linkedin_connections").select("id").execute();
    expect(rows).toHaveLength(7);
  });

  it("refuses an upload without the CSRF token, without a file, or that is not an export", async () => {
    expect((await upload({ account: String(account.id) }, FIXTURE)).status).toBe(403);
    const none = await upload({ _csrf: browser.csrf, account: String(account.id) }, null);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose the Connections.csv file first.");
    const wrong = await upload(
      { _csrf: browser.csrf, account: String(account.id) },
      Buffer.from("a,b\n1,2\n"),
      "x.csv",
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toMatch(/x\.csv: line 1: no LinkedIn header/);
    expect((await upload({ _csrf: browser.csrf, account: "999999" }, FIXTURE)).status).toBe(404);
    expect((await upload({ _csrf: browser.csrf, account: "abc" }, FIXTURE)).status).toBe(404);
  });
});
