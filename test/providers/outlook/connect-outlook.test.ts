/** `rapport connect outlook` end to end: the built CLI, the fake's authorize + token endpoints, a real database. */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { openTokens } from "../../../src/app/token-store.js";
import { TokenCipher } from "../../../src/crypto/token-cipher.js";
import { openDatabase } from "../../../src/db/database.js";
import { OutlookProvider } from "../../../src/providers/outlook/outlook-provider.js";
import { CLI } from "../../support/cli.js";
import { databaseKinds, openTestDatabase } from "../../support/database.js";
import { SCENARIO_NOW, startFake } from "./helpers.js";

const key = randomBytes(32);
const mailbox = generateMailbox({
  seed: "connect-outlook",
  size: 30,
  now: SCENARIO_NOW,
  timeZone: "Pacific Standard Time",
});

function runConnect(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, "connect", "outlook"], { env: { PATH: process.env.PATH ?? "", ...env } });
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
  // A CLI that dies before printing the URL must fail the test, not hang it.
  const failed = done.then((r) => Promise.reject(new Error(`connect exited with ${r.code}: ${r.stderr}`)));
  return { consentUrl: Promise.race([consentUrl, failed]), done };
}

describe.each(databaseKinds())("rapport connect outlook (%s)", (kind) => {
  let fake: FakeGraph;
  let dir: string;
  beforeAll(async () => {
    fake = await startFake({ mailbox });
    dir = await mkdtemp(path.join(tmpdir(), "rapport-connect-outlook-"));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the consent URL, completes the loopback flow and stores the account with sealed tokens", async () => {
    const testDb = kind === "postgres" ? await openTestDatabase("postgres") : null;
    const dataDir = path.join(dir, "data");
    const run = runConnect({
      RAPPORT_DATA_DIR: dataDir,
      RAPPORT_SECRET_KEY: key.toString("hex"),
      MICROSOFT_CLIENT_ID: fake.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: fake.state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
      ...(testDb?.url ? { DATABASE_URL: testDb.url } : {}),
    });
    const consentUrl = new URL(await run.consentUrl);
    const q = consentUrl.searchParams;
    expect(`${consentUrl.origin}${consentUrl.pathname}`).toBe(`${fake.url}/common/oauth2/v2.0/authorize`);
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("state")?.length).toBeGreaterThan(20);
    expect(q.get("redirect_uri")).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(q.get("scope")?.split(" ")).toContain("MailboxSettings.Read");
    const browser = await fetch(consentUrl); // follows the fake's 302 back to the CLI's loopback
    expect(browser.status).toBe(200);
    const result = await run.done;
    expect(result.stderr).not.toMatch(/rapport: /);
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split("\n").at(-1)).toBe(`connected ${mailbox.owner.address}`);

    const db = testDb ?? (await openDatabase({ url: null, dataDir }));
    try {
      const account = await db.db.selectFrom("accounts").selectAll().executeTakeFirstOrThrow();
      expect(account).toMatchObject({
        provider: "outlook",
        address: mailbox.owner.address,
        time_zone: "America/Los_Angeles",
        status: "active",
      });
      expect(account.tokens_sealed).not.toContain("fake-rt-");
      const tokens = openTokens(new TokenCipher(key), account);
      // The stored refresh token is the live one: a fresh adapter with a stale access token refreshes and reads.
      const provider = OutlookProvider.forAccount({
        graphUrl: fake.graphUrl,
        oauth: { clientId: "fake-client-id", clientSecret: "fake-client-secret", tenant: "common", loginUrl: fake.url },
        tokens: { ...tokens, accessToken: "stale", expiresAt: 1 },
        saveTokens: async () => {},
      });
      expect((await provider.getProfile()).address).toBe(mailbox.owner.address);
    } finally {
      await db.close();
    }
    // The CLI opens and migrates an embedded database: slow on a busy two-core machine.
  }, 180_000);
});
