/**
 * `rapport connect gmail` then `rapport run --once` twice, end to end: the built CLI with only the documented
 * environment, the fake's consent + token + API endpoints, a real database (PGlite on disk, or Postgres).
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { openTokens } from "../../../src/app/token-store.js";
import { TokenCipher } from "../../../src/crypto/token-cipher.js";
import { openDatabase } from "../../../src/db/database.js";
import { GmailProvider } from "../../../src/providers/gmail/gmail-provider.js";
import { connectGmail } from "../../../src/providers/gmail/google-oauth.js";
import { CLI, runCli } from "../../support/cli.js";
import { databaseKinds, openTestDatabase } from "../../support/database.js";
import { endpointsOf, NOW } from "./helpers.js";

const key = randomBytes(32);
const mailbox = generateMailbox({
  seed: "connect",
  size: 120,
  informationalThreads: 7,
  now: NOW,
  timeZone: "Europe/Berlin",
});

function startConnect(env: Record<string, string>): {
  child: ChildProcessWithoutNullStreams;
  consentUrl: Promise<string>;
  done: Promise<{ code: number | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, [CLI, "connect", "gmail"], { env: { PATH: process.env.PATH ?? "", ...env } });
  let stdout = "";
  let stderr = "";
  let found: (url: string) => void = () => {};
  const consentUrl = new Promise<string>((resolve) => {
    found = resolve;
  });
  child.stdout.on("data", (d) => {
    stdout += d;
    const line = stdout.split("\n").find((l) => l.startsWith("http"));
    if (line && stdout.includes(`${line}\n`)) found(line);
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, consentUrl, done };
}

describe.each(databaseKinds())("rapport connect gmail (%s)", (kind) => {
  let fake: FakeGoogle;
  let dir: string;
  beforeAll(async () => {
    fake = await startFakeGoogle({ mailbox });
    dir = await mkdtemp(path.join(tmpdir(), "rapport-connect-"));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the consent URL, completes the loopback flow and stores the account with sealed tokens", async () => {
    const testDb = kind === "postgres" ? await openTestDatabase("postgres") : null;
    const dataDir = path.join(dir, "data");
    const e = endpointsOf(fake);
    const run = startConnect({
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_SECRET_KEY: key.toString("hex"),
      GOOGLE_CLIENT_ID: e.clientId,
      GOOGLE_CLIENT_SECRET: e.clientSecret,
      GOOGLE_API_ROOT_URL: e.apiRootUrl,
      GOOGLE_OAUTH_AUTH_URL: e.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: e.tokenUrl,
      ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
    });
    const consentUrl = new URL(await run.consentUrl);
    const q = consentUrl.searchParams;
    expect(`${consentUrl.origin}${consentUrl.pathname}`).toBe(fake.authUrl);
    expect(q.get("access_type")).toBe("offline");
    expect(q.get("prompt")).toBe("consent");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("state")?.length).toBeGreaterThan(20);
    expect(q.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(q.get("scope")?.split(" ").sort()).toEqual(
      [
        "email",
        "https://www.googleapis.com/auth/calendar.readonly",
        "https://www.googleapis.com/auth/gmail.compose",
        "https://www.googleapis.com/auth/gmail.readonly",
        "openid",
      ].sort(),
    );
    const browser = await fetch(consentUrl); // follows the fake's 302 back to the CLI's loopback
    expect(browser.status).toBe(200);
    const result = await run.done;
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n").at(-1)).toBe(`connected ${mailbox.owner.address}`);

    // One whole cycle through the CLI, then another: drafts appear once.
    const env = {
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_SECRET_KEY: key.toString("hex"),
      GOOGLE_CLIENT_ID: e.clientId,
      GOOGLE_CLIENT_SECRET: e.clientSecret,
      GOOGLE_API_ROOT_URL: e.apiRootUrl,
      GOOGLE_OAUTH_AUTH_URL: e.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: e.tokenUrl,
      ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
    };
    const first = await runCli(["run", "--once", "--now", NOW.toISOString()], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${mailbox.owner.address}: ok`);
    const drafts = fake.state.drafts().length;
    expect(drafts).toBeGreaterThan(0);
    const second = await runCli(["run", "--once", "--now", NOW.toISOString()], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(fake.state.drafts()).toHaveLength(drafts);

    const db = testDb ?? (await openDatabase({ url: null, dataDir }));
    try {
      const account = await db.db.selectFrom("accounts").selectAll().executeTakeFirstOrThrow();
      expect(account).toMatchObject({
        provider: "gmail",
        address: mailbox.owner.address,
        time_zone: "Europe/Berlin",
        status: "active",
      });
      expect(account.tokens_sealed).not.toContain("fake-refresh");
      const tokens = openTokens(new TokenCipher(key), account);
      expect(tokens.refreshToken).toBeTruthy();
      // The stored refresh token works: a fresh adapter with an expired access token refreshes and reads.
      const provider = new GmailProvider({ endpoints: e, tokens: { ...tokens, accessToken: "stale", expiresAt: 1 } });
      expect((await provider.getProfile()).address).toBe(mailbox.owner.address);
    } finally {
      await db.close();
    }
  });

  it("refuses a redirect that does not carry the state it sent", async () => {
    let consent: (url: string) => void = () => {};
    const consentUrl = new Promise<string>((resolve) => {
      consent = resolve;
    });
    const connecting = connectGmail({ endpoints: endpointsOf(fake), onConsentUrl: (url) => consent(url) });
    connecting.catch(() => {});
    const forged = new URL(await consentUrl);
    forged.searchParams.set("state", "forged");
    expect((await fetch(forged)).status).toBe(400);
    await expect(connecting).rejects.toThrow(/state/);
    expect(fake.oauth.grants.authorization_code).toBe(1); // only the first test's code was exchanged
  });
});
