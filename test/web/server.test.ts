/** The web page over HTTP: probes, the OAuth connect flow through both fakes, and its guards. */
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { makeConfig } from "../../src/config.js";
import { findAccountByAddress } from "../../src/db/accounts.js";
import { createLogger, silentLogger } from "../../src/logger.js";
import { safeLocalPath } from "../../src/web/http.js";
import { startWebServer } from "../../src/web/server.js";
import { describeEachDatabase, openTestDatabase } from "../support/database.js";
import { Browser, type Harness, startHarness } from "./harness.js";

describeEachDatabase("web page on loopback", (kind) => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness(kind);
    browser = new Browser(h.web.url);
  });
  afterAll(async () => h.close());

  it("answers /healthz and /readyz, and serves the accounts page with no account yet", async () => {
    expect((await fetch(`${h.web.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.web.url}/readyz`);
    expect(await ready.json()).toEqual({ ready: true });
    const res = await browser.follow(await browser.fetch("/"));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("No account connected yet");
    expect(html).toContain('id="connect-gmail"');
    expect(html).toContain('id="connect-outlook"');
    expect(browser.csrf).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it("connects Gmail and Outlook through the redirect flow, callback on this server", async () => {
    for (const [provider, callback, address] of [
      ["gmail", "google", "ada@gmail.example"],
      ["outlook", "microsoft", "ada@outlook.example"],
    ] as const) {
      const start = await browser.post(`/connect/${provider}`, { _csrf: browser.csrf });
      expect(start.status).toBe(303);
      const consent = new URL(start.headers.get("location") ?? "");
      expect(consent.searchParams.get("redirect_uri")).toBe(`${h.web.url}/oauth/${callback}/callback`);
      expect(consent.searchParams.get("code_challenge_method")).toBe("S256");
      const landed = await browser.follow(start);
      expect(landed.status).toBe(200);
      expect(landed.url).toMatch(/\/accounts\?notice=connected$/);
      const html = await landed.text();
      expect(html).toContain("Account connected.");
      expect(html).toContain(address);
      const account = await findAccountByAddress(h.ctx.db, address);
      expect(account?.provider).toBe(provider);
      expect(account?.tokens_sealed).not.toBeNull();
    }
  });

  it("refuses a callback from another browser, a forged state, and a replayed code", async () => {
    const start = await browser.post("/connect/gmail", { _csrf: browser.csrf });
    const consent = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
    const callback = consent.headers.get("location") ?? "";
    const stranger = new Browser(h.web.url);
    const other = await stranger.fetch(callback);
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("does not belong to a sign-in started from this browser");
    const forged = await browser.fetch("/oauth/google/callback?state=forged&code=abc");
    expect(forged.status).toBe(400);
    // The state of a Google flow does not finish a Microsoft one.
    const state = new URL(callback).searchParams.get("state") ?? "";
    const crossed = await browser.fetch(`/oauth/microsoft/callback?state=${encodeURIComponent(state)}&code=abc`);
    expect(crossed.status).toBe(400);
    // The browser that started it finishes it; the same code cannot be used twice.
    expect((await browser.fetch(callback)).status).toBe(303);
    const replay = await browser.fetch(callback);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("Sign-in not completed");
  });

  it("refuses POSTs without the CSRF token or from a foreign origin", async () => {
    expect((await browser.post("/connect/gmail", {})).status).toBe(403);
    expect((await browser.post("/connect/gmail", { _csrf: "x".repeat(32) })).status).toBe(403);
    const foreign = await browser.post("/connect/gmail", { _csrf: browser.csrf }, { origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
  });

  it("refuses a Host header that does not name this machine (DNS rebinding)", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${h.web.url}/accounts`, { headers: { host: "evil.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it("saves settings, and rejects a bad time zone with a message naming the field", async () => {
    const account = await findAccountByAddress(h.ctx.db, "ada@gmail.example");
    const fields = {
      _csrf: browser.csrf,
      sender_name: "Ada Lovelace",
      thread_facts: "1",
      signature: "Ada\nada.example",
      resume_url: "https://ada.example/cv.pdf",
      goal_conversations: "20",
      goal_period: "month",
      digest_weekday: "5",
      digest_time: "17:45",
      time_zone: "Europe/Paris",
      paused: "1",
    };
    const ok = await browser.post(`/settings/${account?.id}`, fields);
    expect(ok.status).toBe(303);
    const after = await findAccountByAddress(h.ctx.db, "ada@gmail.example");
    expect(after).toMatchObject({
      sender_name: "Ada Lovelace",
      thread_facts: true,
      signature: "Ada\nada.example",
      resume_url: "https://ada.example/cv.pdf",
      goal_conversations: 20,
      goal_period: "month",
      digest_weekday: 5,
      digest_time: "17:45",
      time_zone: "Europe/Paris",
      status: "paused",
    });
    // turning thread facts off drops what was derived at once
    await h.ctx.db
      .insertInto("threads")
      .values({ account_id: account?.id ?? 0, thread_key: "t-facts", facts: JSON.stringify({ v: 1 }) })
      .execute();
    const { thread_facts: _on, ...off } = fields;
    expect((await browser.post(`/settings/${account?.id}`, off)).status).toBe(303);
    expect((await findAccountByAddress(h.ctx.db, "ada@gmail.example"))?.thread_facts).toBe(false);
    const kept = await h.ctx.db.selectFrom("threads").select("facts").where("thread_key", "=", "t-facts").execute();
    expect(kept).toEqual([{ facts: null }]);
    const bad = await browser.post(`/settings/${account?.id}`, { ...fields, time_zone: "Mars/Olympus" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("time zone: expected an IANA name");
  });

  it("shows each draft's text on the Drafts page, names and apostrophes as written", async () => {
    const account = await findAccountByAddress(h.ctx.db, "ada@gmail.example");
    const accountId = account?.id ?? 0;
    await h.ctx.db
      .insertInto("contacts")
      .values({ account_id: accountId, address: "tomas@harbor.example", name: "Tomás O'Brien" })
      .execute();
    await h.ctx.db
      .insertInto("drafts")
      .values({
        account_id: accountId,
        target_key: "<page@x>",
        kind: "thank_you",
        state: "created",
        to_address: "tomas@harbor.example",
        subject: "Re: Coffee?",
        body_text: "Hi Tomás,\n\nThank you for the coffee <on Tuesday> & the advice.\n\nBest,\nAda",
        created_at: new Date(),
      })
      .execute();
    const html = await (await browser.fetch("/drafts")).text();
    expect(html).toContain("Tomás O&#x27;Brien &lt;tomas@harbor.example&gt;");
    expect(html).toContain("Thank you for the coffee &lt;on Tuesday&gt; &amp; the advice.");
    expect(html).toMatch(/<pre class="draft">Hi Tomás,\n\nThank you/);
  });

  it("/metrics lists both connected accounts", async () => {
    const text = await (await browser.fetch("/metrics")).text();
    expect(text).toMatch(
      /rapport_account_healthy\{account="\d+",address="ada@gmail\.example",provider="gmail",state="paused"\} 0/,
    );
    expect(text).toMatch(
      /rapport_account_healthy\{account="\d+",address="ada@outlook\.example",provider="outlook",state="never_synced"\} 0/,
    );
    expect(text).toContain("rapport_process_cpu_seconds_total");
  });

  it("removes an account from the page", async () => {
    const account = await findAccountByAddress(h.ctx.db, "ada@outlook.example");
    const res = await browser.follow(await browser.post(`/accounts/${account?.id}/remove`, { _csrf: browser.csrf }));
    expect(await res.text()).toContain("Account removed");
    expect(await findAccountByAddress(h.ctx.db, "ada@outlook.example")).toBeUndefined();
  });
});

describe("web page with an admin token", () => {
  let h: Harness;
  const token = "t".repeat(24);
  beforeAll(async () => {
    h = await startHarness("pglite", { adminToken: token });
  });
  afterAll(async () => h.close());

  it("sends every page to the login form; only liveness answers without the token", async () => {
    const b = new Browser(h.web.url);
    const res = await b.fetch("/pipeline");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/login?next=%2Fpipeline");
    expect((await b.fetch("/healthz")).status).toBe(200);
    expect((await b.fetch("/readyz")).status).toBe(401);
    const ready = await b.fetch("/readyz", { headers: { authorization: `Bearer ${token}` } });
    expect(await ready.json()).toEqual({ ready: true });
    expect((await b.fetch("/metrics")).status).toBe(401);
    expect((await b.fetch("/metrics", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it("signs in with the token, never redirecting off the site", async () => {
    const b = new Browser(h.web.url);
    await b.fetch("/login?next=/pipeline");
    const wrong = await b.post("/login", { _csrf: b.csrf, token: "nope", next: "/pipeline" });
    expect(wrong.status).toBe(401);
    const right = await b.post("/login", { _csrf: b.csrf, token, next: "//evil.example/x" });
    expect(right.status).toBe(303);
    expect(right.headers.get("location")).toBe("/");
    expect((await b.fetch("/pipeline")).status).toBe(200);
  });
});

describe("two replicas behind a proxy", () => {
  let h: Harness;
  const token = "r".repeat(24);
  beforeAll(async () => {
    h = await startHarness("pglite", { adminToken: token });
  });
  afterAll(async () => h.close());

  it("a sign-in on one replica holds on the other; signing out on either ends it on both", async () => {
    const other = await startWebServer(h.ctx, { port: 0, adminToken: token, host: "127.0.0.1" });
    try {
      const a = new Browser(h.web.url);
      await a.fetch("/login");
      expect((await a.post("/login", { _csrf: a.csrf, token, next: "/pipeline" })).status).toBe(303);
      const b = new Browser(other.url);
      for (const [name, value] of a.cookies) b.cookies.set(name, value);
      expect((await b.fetch("/pipeline")).status).toBe(200);
      expect((await b.post("/logout", { _csrf: b.csrf })).status).toBe(303);
      expect((await a.fetch("/pipeline")).status).toBe(303);
      const stored = await h.ctx.db.selectFrom("web_sessions").selectAll().execute();
      expect(stored.map((s) => s.id_hash)).not.toContain(decodeURIComponent(a.cookies.get("rapport_session") ?? ""));
    } finally {
      await other.close();
    }
  });
});

describe("readiness when the database is gone", () => {
  it("answers 503 without the database's own error text, which goes to the log", async () => {
    const database = await openTestDatabase("pglite");
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger({ level: "warn", destination });
    const ctx = await createContext(makeConfig({}), { database, migrate: false, log });
    const web = await startWebServer(ctx, { port: 0, adminToken: null, host: "127.0.0.1" });
    try {
      await database.close();
      const res = await fetch(`${web.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ready: false, reason: "database unreachable" });
      expect(lines.join("\n")).toMatch(/readiness check failed/);
    } finally {
      await web.close();
    }
  });
});

describe("exposure", () => {
  it("refuses to listen beyond loopback without an admin token", async () => {
    const database = await openTestDatabase("pglite", { migrate: false });
    const ctx = await createContext(makeConfig({ RAPPORT_HOST: "0.0.0.0" }), {
      database,
      migrate: false,
      log: silentLogger(),
    });
    await expect(startWebServer(ctx, { port: 0 })).rejects.toThrow(/RAPPORT_ADMIN_TOKEN/);
    await database.close();
  });

  it("keeps `next` on this site", () => {
    expect(safeLocalPath("/drafts?x=1")).toBe("/drafts?x=1");
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "evil", "", null]) {
      expect(safeLocalPath(bad)).toBe("/");
    }
  });
});
