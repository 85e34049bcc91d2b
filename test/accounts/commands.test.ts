/**
 * status, contacts and accounts through the built binary. Each run opens the database, which costs seconds on an
 * embedded PGlite directory: the commands run once, on Postgres when there is one (else PGlite), while the queries
 * behind them run on both databases in health.test.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { migrateOrThrow } from "../../src/db/migrate.js";
import { runCli } from "../support/cli.js";
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../support/database.js";
import { KEY, seedTwoAccounts } from "./fixtures.js";

let revokeServer: Server;
let revokeUrl: string;
const revoked: string[] = [];
beforeAll(async () => {
  revokeServer = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      if (req.url === "/revoke") revoked.push(new URLSearchParams(body).get("token") ?? "");
      res.writeHead(req.url === "/revoke" ? 200 : 404).end("{}");
    });
  });
  await new Promise<void>((r) => revokeServer.listen(0, "127.0.0.1", r));
  revokeUrl = `http://127.0.0.1:${(revokeServer.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => revokeServer.close(() => r())));

const kind = TEST_DATABASE_URL ? "postgres" : "pglite";
describe(`account commands [${kind}]`, () => {
  let dir: string;
  let env: Record<string, string>;
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rapport-accounts-"));
    env = {
      RAPPORT_SECRET_KEY: KEY,
      RAPPORT_DATA_DIR: path.join(dir, "data"),
      GOOGLE_OAUTH_TOKEN_URL: `${revokeUrl}/token`,
    };
    if (kind === "postgres") {
      database = await openTestDatabase("postgres");
      await seedTwoAccounts(database, new Date());
      env.DATABASE_URL = database.url as string;
    } else {
      const handle = await openDatabase({ url: null, dataDir: env.RAPPORT_DATA_DIR as string });
      await migrateOrThrow(handle);
      await seedTwoAccounts(handle, new Date());
      await handle.close();
    }
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("status --json lists the revoked account and the healthy one, each with its facts", async () => {
    const r = await runCli(["status", "--json"], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const { accounts } = JSON.parse(r.stdout) as { accounts: Record<string, unknown>[] };
    expect(accounts).toHaveLength(2);
    expect(accounts[0]).toMatchObject({
      provider: "gmail",
      address: "ada@example.com",
      state: "healthy",
      healthy: true,
      draftsWaiting: 1,
      lastError: null,
    });
    expect(accounts[0]?.lagSeconds).toBeGreaterThanOrEqual(420);
    expect(accounts[0]?.lagSeconds).toBeLessThan(480);
    expect(accounts[1]).toMatchObject({
      provider: "outlook",
      address: "ada@outlook.example",
      state: "needs_reauth",
      healthy: false,
      draftsWaiting: 0,
    });
    expect(accounts[1]?.lastError).toMatch(/invalid_grant/);
  });

  it("status prints one block per account, saying what to do about the revoked one", async () => {
    const r = await runCli(["status"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^gmail {3}ada@example\.com {2}healthy\n {8}last sync: .* \(7 min ago\); drafts waiting: 1\n/,
    );
    expect(r.stdout).toMatch(
      /outlook ada@outlook\.example {2}NEEDS RE-AUTHORISATION\n.*\n {8}last error: invalid_grant/,
    );
    expect(r.stdout).toMatch(/Re-connect/);
  });

  it("contacts filters by stage and refuses an unknown stage in one line", async () => {
    const r = await runCli(["contacts", "--stage", "outreach-sent"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Outreach sent {6}Li Wei <li@contoso\.example>, Northwind\n.*next: a soft nudge/);
    expect(r.stdout).not.toMatch(/Maria/);
    const bad = await runCli(["contacts", "--stage", "ghosted"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^rapport: --stage: expected one of outreach_sent, .* \(got "ghosted"\)\n$/);
  });

  it("drafts lists each draft with its text and fate; --json prints nothing but JSON", async () => {
    const r = await runCli(["drafts", "--account", "ada@example.com"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Thank-you to Maria Lopez <maria@northwind.example> — waiting in Drafts");
    expect(r.stdout).toContain("Subject: Re: Coffee chat\n\n  Hi Maria,\n\n  Thank you for the coffee yesterday.");
    expect(r.stdout).toMatch(/to Li Wei <li@contoso\.example> — sent by you/);
    const json = await runCli(["drafts", "--json"], { env });
    expect(json.code).toBe(0);
    const { drafts } = JSON.parse(json.stdout) as { drafts: { to: string; text: string | null }[] };
    expect(drafts.find((d) => d.to === "maria@northwind.example")?.text).toContain("Thank you for the coffee");
    const bad = await runCli(["drafts", "--account", "nobody@example.com"], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("rapport: no connected account nobody@example.com\n");
  });

  it("accounts remove revokes the Google grant and deletes the account's tokens and data", async () => {
    revoked.length = 0;
    const r = await runCli(["accounts", "remove", "ADA@example.com"], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^removed gmail account ada@example\.com: tokens, 0 thread\(s\), 3 contact\(s\), 0 meeting\(s\) and 2 draft record\(s\) deleted\nrevoked: Google grant revoked\n$/,
    );
    expect(revoked).toEqual(["rt"]);
    const contacts = JSON.parse((await runCli(["contacts", "--json"], { env })).stdout) as {
      contacts: { accountAddress: string }[];
    };
    expect(contacts.contacts.map((c) => c.accountAddress)).toEqual(["ada@outlook.example"]);
  });

  it("accounts remove says Microsoft cannot revoke and still deletes; an unknown address is a usage error", async () => {
    const r = await runCli(["accounts", "remove", "ada@outlook.example"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not revoked: Microsoft offers apps no way/);
    const again = await runCli(["accounts", "remove", "ada@outlook.example"], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("rapport: no connected account ada@outlook.example\n");
    const list = await runCli(["accounts", "list"], { env });
    expect(list.stdout).toBe("no account connected yet\n");
  });
});
