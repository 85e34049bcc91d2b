/**
 * The operator's view when one grant is revoked: two accounts connected through the page, Microsoft revokes
 * Outlook's tokens, one cycle each. `rapport status --json` and /metrics must show the revoked account as
 * needing re-authorisation and the Gmail account as healthy, side by side.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { statusJson } from "../../src/cli/commands/status.js";
import { accountHealth } from "../../src/db/account-health.js";
import { findAccountByAddress } from "../../src/db/accounts.js";
import { runAccountCycle } from "../../src/jobs/run-cycle.js";
import { runCli } from "../support/cli.js";
import { describeEachDatabase } from "../support/database.js";
import { Browser, type Harness, startHarness } from "../web/harness.js";
import { KEY } from "./fixtures.js";

describeEachDatabase("a revoked account next to a healthy one", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
    const browser = new Browser(h.web.url);
    await browser.fetch("/accounts");
    for (const provider of ["gmail", "outlook"]) {
      const landed = await browser.follow(await browser.post(`/connect/${provider}`, { _csrf: browser.csrf }));
      expect(landed.url).toMatch(/notice=connected/);
    }
    h.graph.state.identity.revokeRefreshTokens();
    h.graph.state.identity.expireAccessTokens();
    const gmail = await findAccountByAddress(h.ctx.db, "ada@gmail.example");
    const outlook = await findAccountByAddress(h.ctx.db, "ada@outlook.example");
    expect((await runAccountCycle(h.ctx, gmail?.id as number)).status).toBe("ok");
    expect((await runAccountCycle(h.ctx, outlook?.id as number)).status).toBe("needs-reauth");
  }, 180_000);
  afterAll(async () => h.close());

  it("status reports both, each with its own facts", async () => {
    const now = new Date();
    const json = statusJson(await accountHealth(h.ctx.db, now), now) as {
      accounts: {
        address: string;
        state: string;
        healthy: boolean;
        lastError: string | null;
        lagSeconds: number | null;
      }[];
    };
    const [gmail, outlook] = json.accounts;
    expect(gmail).toMatchObject({ address: "ada@gmail.example", state: "healthy", healthy: true, lastError: null });
    expect(gmail?.lagSeconds).toBeLessThan(600);
    expect(outlook).toMatchObject({ address: "ada@outlook.example", state: "needs_reauth", healthy: false });
    expect(outlook?.lastError).toMatch(/invalid_grant|revoked|expired/i);
    if (kind === "postgres") {
      const cli = await runCli(["status", "--json"], {
        env: { DATABASE_URL: h.database.url as string, RAPPORT_SECRET_KEY: KEY },
      });
      expect(cli.code).toBe(0);
      const fromCli = JSON.parse(cli.stdout) as { accounts: { state: string }[] };
      expect(fromCli.accounts.map((a) => a.state)).toEqual(["healthy", "needs_reauth"]);
    }
  });

  it("/metrics shows the healthy account up and the revoked one needing re-authorisation", async () => {
    const text = await (await fetch(`${h.web.url}/metrics`)).text();
    expect(text).toMatch(
      /rapport_account_healthy\{account="\d+",address="ada@gmail\.example",provider="gmail",state="healthy"\} 1/,
    );
    expect(text).toMatch(
      /rapport_account_healthy\{account="\d+",address="ada@outlook\.example",provider="outlook",state="needs_reauth"\} 0/,
    );
    expect(text).toMatch(
      /rapport_account_needs_reauth\{account="\d+",address="ada@outlook\.example",provider="outlook"\} 1/,
    );
    expect(text).toMatch(
      /rapport_account_needs_reauth\{account="\d+",address="ada@gmail\.example",provider="gmail"\} 0/,
    );
    expect(text).toMatch(/rapport_sync_lag_seconds\{account="\d+"\} \d+/);
    // The adapters count their requests by status.
    expect(text).toMatch(/rapport_provider_requests_total\{provider="gmail",status="200"\} [1-9]\d*/);
    expect(text).toMatch(/rapport_provider_requests_total\{provider="outlook",status="200"\} [1-9]\d*/);
  });
});
