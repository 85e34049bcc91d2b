import { afterEach, describe, expect, test } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import { type OAuthTokens, ProviderError } from "../../../src/domain/provider-port.js";
import { listenForRedirect } from "../../../src/providers/loopback-redirect.js";
import {
  authorizeUrl,
  createPkcePair,
  createState,
  exchangeCode,
  type MicrosoftOAuthConfig,
  OUTLOOK_SCOPES,
  RotatingTokenSource,
  refreshTokens,
} from "../../../src/providers/outlook/microsoft-oauth.js";
import { connect, MailReplica, startFake } from "./helpers.js";

let fake: FakeGraph | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function oauthConfig(f: FakeGraph): MicrosoftOAuthConfig {
  return { clientId: "fake-client-id", clientSecret: "fake-client-secret", tenant: "common", loginUrl: f.url };
}

/** Follows the authorize URL the way a browser would, into the loopback listener. */
async function consent(url: string): Promise<void> {
  const response = await fetch(url, { redirect: "follow" });
  await response.text();
}

describe("Microsoft OAuth against the fake identity platform", () => {
  test("auth code + PKCE + state through the loopback listener, then refresh rotation", async () => {
    fake = await startFake();
    const config = oauthConfig(fake);
    const state = createState();
    const pkce = createPkcePair();
    const listener = await listenForRedirect({ state });
    const url = authorizeUrl(config, { redirectUri: listener.redirectUri, state, codeChallenge: pkce.challenge });
    expect(url.startsWith(`${fake.url}/common/oauth2/v2.0/authorize?`)).toBe(true);
    expect(new URL(url).searchParams.get("scope")).toBe(OUTLOOK_SCOPES.join(" "));
    await consent(url);
    const code = await listener.code;
    await listener.close();

    const tokens = await exchangeCode(config, { code, redirectUri: listener.redirectUri, codeVerifier: pkce.verifier });
    expect(tokens.refreshToken).toMatch(/^fake-rt-/);
    expect(tokens.scope).toContain("MailboxSettings.Read");

    const rotated = await refreshTokens(config, tokens.refreshToken ?? "");
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    // The old refresh token died with its use.
    await expect(refreshTokens(config, tokens.refreshToken ?? "")).rejects.toMatchObject({ code: "auth" });
  });

  test("a wrong code verifier is refused as an auth error", async () => {
    fake = await startFake();
    const config = oauthConfig(fake);
    const state = createState();
    const listener = await listenForRedirect({ state });
    await consent(
      authorizeUrl(config, { redirectUri: listener.redirectUri, state, codeChallenge: createPkcePair().challenge }),
    );
    const code = await listener.code;
    await listener.close();
    const error = await exchangeCode(config, {
      code,
      redirectUri: listener.redirectUri,
      codeVerifier: createPkcePair().verifier,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe("auth");
  });

  test("a redirect with another state is rejected", async () => {
    const listener = await listenForRedirect({ state: "expected" });
    const response = await fetch(`${listener.redirectUri}?code=abc&state=forged`);
    expect(response.status).toBe(400);
    await expect(listener.code).rejects.toThrow(/different state/);
    await listener.close();
  });

  test("the token source refreshes once for concurrent callers and persists every rotated pair", async () => {
    fake = await startFake();
    const issued = fake.state.issueTokens();
    const saved: string[] = [];
    const source = new RotatingTokenSource(
      oauthConfig(fake),
      { accessToken: issued.access_token, refreshToken: issued.refresh_token ?? null, expiresAt: 0, scope: null },
      async (t) => {
        saved.push(t.refreshToken ?? "");
      },
    );
    const tokens = await Promise.all([
      source.getAccessToken(false),
      source.getAccessToken(false),
      source.getAccessToken(false),
    ]);
    expect(new Set(tokens).size).toBe(1);
    expect(saved).toHaveLength(1);
    expect(fake.state.identity.stats.refreshes).toBe(1);
    expect(await source.getAccessToken(false)).toBe(tokens[0]);
  });

  test("a second token source for the same account adopts the pair the first one rotated", async () => {
    fake = await startFake();
    const issued = fake.state.issueTokens();
    let stored: OAuthTokens = {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? null,
      expiresAt: 0,
      scope: null,
    };
    const store = {
      save: async (t: OAuthTokens) => {
        stored = t;
      },
      load: async () => stored,
    };
    const snapshot = { ...stored };
    const first = new RotatingTokenSource(oauthConfig(fake), snapshot, store.save, undefined, store.load);
    const second = new RotatingTokenSource(oauthConfig(fake), snapshot, store.save, undefined, store.load);
    const a = await first.getAccessToken(false);
    // Without reloading, the second would spend the refresh token the first already rotated away.
    const b = await second.getAccessToken(false);
    expect(b).toBe(a);
    expect(fake.state.identity.stats.refreshes).toBe(1);
    expect(fake.state.identity.stats.invalidGrants).toBe(0);
  });

  test("the adapter refreshes after a 401 and reports a revoked grant as an auth error", async () => {
    fake = await startFake();
    const { provider, saved } = connect(fake);
    fake.state.expireAccessTokens();
    const replica = new MailReplica();
    await replica.sync(provider);
    expect(saved).toHaveLength(1);
    expect(replica.messages.size).toBeGreaterThan(0);

    fake.state.expireAccessTokens();
    fake.state.revokeRefreshTokens();
    await expect(provider.fetchThread("anything")).rejects.toMatchObject({ name: "ProviderError", code: "auth" });
  });
});
