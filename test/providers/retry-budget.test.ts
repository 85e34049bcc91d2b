/**
 * Provider calls end within their budget, below the lease of any claim they work under, and stop when their job is
 * given up. Driven through the real googleapis and Graph clients against the fakes, which answer on cue.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Intercept } from "../../sandbox/intercept.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { ProviderError } from "../../src/domain/provider-port.js";
import {
  CLAIM_LEASE_MS,
  PROVIDER_ATTEMPT_TIMEOUT_MS,
  PROVIDER_CALL_BUDGET_MS,
  RENEW_EVERY_MS,
} from "../../src/domain/time-budget.js";
import { DEFAULT_RETRY as GMAIL_RETRY } from "../../src/providers/gmail/google-caller.js";
import { DEFAULT_RETRY as GRAPH_RETRY } from "../../src/providers/outlook/graph-session.js";
import { type Harness, startHarness } from "../web/harness.js";
import { providerFor } from "./gmail/helpers.js";
import { connect } from "./outlook/helpers.js";

/** Every request answered with the given error. */
const always =
  (status: 429 | 503, retryAfterSeconds?: number): Intercept =>
  () => ({ kind: "error", status, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) });

async function rejection(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProviderError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("the time budget", () => {
  it("a holder that can no longer renew is done with the provider before its claim can be taken over", () => {
    expect(RENEW_EVERY_MS + PROVIDER_CALL_BUDGET_MS).toBeLessThan(CLAIM_LEASE_MS);
    expect(PROVIDER_ATTEMPT_TIMEOUT_MS).toBeLessThanOrEqual(PROVIDER_CALL_BUDGET_MS);
    // The shipped policies take the shipped budget (none overrides it upwards).
    expect(GMAIL_RETRY.budgetMs ?? PROVIDER_CALL_BUDGET_MS).toBe(PROVIDER_CALL_BUDGET_MS);
    expect(GRAPH_RETRY.budget?.budgetMs ?? PROVIDER_CALL_BUDGET_MS).toBe(PROVIDER_CALL_BUDGET_MS);
  });
});

describe("provider calls against a provider that asks for long waits", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite");
  });
  afterAll(async () => h.close());

  it("Gmail: a Retry-After of an hour is handed back at once, not slept through", async () => {
    h.google.intercept = always(429, 3600);
    try {
      const provider = providerFor(h.google, { retry: GMAIL_RETRY });
      const error = await rejection(provider.getProfile());
      expect(error.code).toBe("rate-limited");
      expect(error.retryAfterMs).toBe(3_600_000);
      expect(provider.retries).toBe(0);
    } finally {
      h.google.intercept = null;
    }
  });

  it("Gmail: a server failing every attempt is given up on when the budget is spent, not after every attempt", async () => {
    h.google.intercept = always(503);
    try {
      const retry = { maxAttempts: 1_000, baseDelayMs: 50, maxDelayMs: 100, budgetMs: 1_500, attemptTimeoutMs: 500 };
      const provider = providerFor(h.google, { retry });
      const error = await rejection(provider.getProfile());
      expect(error.code).toBe("temporary");
      expect(provider.retries).toBeGreaterThan(0);
      // getProfile makes three calls at once (profile, calendar, send-as), each within its own budget
      expect(provider.retries).toBeLessThan((3 * retry.budgetMs) / retry.baseDelayMs);
    } finally {
      h.google.intercept = null;
    }
  });

  it("Graph: a Retry-After of 100 s is handed back at once, neither waited in place nor in the session", async () => {
    h.graph.intercept = always(429, 100);
    try {
      const { provider } = connect(h.graph);
      const error = await rejection(provider.getProfile());
      expect(error.code).toBe("rate-limited");
      expect(error.retryAfterMs).toBe(100_000);
      expect(provider.requestCount).toBe(2); // /me and /me/mailboxSettings, once each
    } finally {
      h.graph.intercept = null;
    }
  });
});

describe("the job's abort signal", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite");
  });
  afterAll(async () => h.close());

  it("reaches the adapter: a given-up job makes no more requests", async () => {
    let seen = 0;
    const count: Intercept = () => {
      seen++;
      return { kind: "pass" };
    };
    h.google.intercept = count;
    h.graph.intercept = count;
    try {
      for (const [provider, issued] of [
        ["gmail", h.google.issueTokens()],
        ["outlook", h.graph.state.issueTokens()],
      ] as const) {
        const account = await upsertAccount(
          h.ctx.db,
          h.ctx.sealer,
          {
            provider,
            address: `${provider}@signal.example`,
            displayName: "Sig",
            timeZone: "UTC",
            tokens: {
              accessToken: issued.access_token,
              refreshToken: issued.refresh_token ?? null,
              expiresAt: Date.now() + 3_600_000,
              scope: issued.scope,
            },
          },
          h.ctx.clock.now(),
        );
        const job = new AbortController();
        job.abort(new Error("pg-boss took the job back"));
        await expect(h.ctx.providers(account, job.signal).getProfile()).rejects.toThrow(/took the job back/);
        const live = h.ctx.providers(account, new AbortController().signal);
        await live.getProfile();
      }
      // only the live adapters' profile requests: Gmail's three (profile, calendar, send-as), Graph's two
      expect(seen).toBe(5);
    } finally {
      h.google.intercept = null;
      h.graph.intercept = null;
    }
  });
});
