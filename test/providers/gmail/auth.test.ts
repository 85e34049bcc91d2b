import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import type { OAuthTokens } from "../../../src/domain/provider-port.js";
import { NOW, providerFor, syncOptions, tokensOf } from "./helpers.js";

describe("Gmail tokens against the fake", () => {
  let fake: FakeGoogle;
  const alice = generateMailbox({
    seed: "alice",
    size: 60,
    now: NOW,
    owner: { name: "Alice", address: "alice@example.com" },
  });
  const bob = generateMailbox({ seed: "bob", size: 60, now: NOW, owner: { name: "Bob", address: "bob@example.com" } });
  beforeAll(async () => {
    fake = await startFakeGoogle({ mailboxes: [alice, bob], oauth: { rotateRefreshTokens: true } });
  });
  afterAll(() => fake.close());

  it("rejects calls without a token it issued", async () => {
    const res = await fetch(`${fake.url}/gmail/v1/users/me/profile`, { headers: { authorization: "Bearer nope" } });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { status: string } }).error.status).toBe("UNAUTHENTICATED");
  });

  it("refreshes an access token the server no longer accepts and hands the rotated tokens out to persist", async () => {
    const saved: OAuthTokens[] = [];
    const initial = tokensOf(fake, "alice@example.com");
    const provider = providerFor(fake, { tokens: initial, onTokens: (t) => void saved.push(t) });
    expect((await provider.getProfile()).address).toBe("alice@example.com");
    fake.oauth.expireAccessTokens(); // revoked server-side while the client still believes it is fresh
    for await (const _page of provider.syncEvents(null, syncOptions())) {
      // drain
    }
    expect(saved).toHaveLength(1);
    expect(saved[0]?.accessToken).not.toBe(initial.accessToken);
    expect(saved[0]?.refreshToken).not.toBe(initial.refreshToken); // rotated
    expect(saved[0]?.refreshToken).toBeTruthy();
  });

  it("revokes a grant through the revoke endpoint", async () => {
    const tokens = tokensOf(fake, "bob@example.com");
    const revoke = (token: string) =>
      fetch(fake.revokeUrl, { method: "POST", body: new URLSearchParams({ token }) }).then((r) => r.status);
    expect(await revoke(tokens.refreshToken ?? "")).toBe(200);
    expect(await revoke(tokens.refreshToken ?? "")).toBe(400);
    await expect(providerFor(fake, { tokens }).getProfile()).rejects.toMatchObject({ code: "auth" });
  });

  it("turns a revoked refresh token into an auth error for that account only", async () => {
    const aliceProvider = providerFor(fake, { tokens: tokensOf(fake, "alice@example.com") });
    const bobProvider = providerFor(fake, { tokens: tokensOf(fake, "bob@example.com") });
    fake.oauth.revokeUser("alice@example.com");
    await expect(aliceProvider.getProfile()).rejects.toMatchObject({ code: "auth" });
    expect((await bobProvider.getProfile()).address).toBe("bob@example.com");
  });

  it("shows a consent page with an Allow link for browser tests, which redirects back with code and state", async () => {
    const withPage = await startFakeGoogle({ mailbox: alice, consentPage: true });
    try {
      const consent = new URL(withPage.authUrl);
      for (const [k, v] of Object.entries({
        client_id: withPage.oauth.clientId,
        redirect_uri: "http://127.0.0.1:9/oauth/callback",
        response_type: "code",
        scope: "openid email",
        state: "s-1",
      })) {
        consent.searchParams.set(k, v);
      }
      const page = await (await fetch(consent)).text();
      const href =
        /id="allow" href="([^"]+)"/
          .exec(page)?.[1]
          ?.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code))) ?? "";
      const approved = await fetch(new URL(href, withPage.url), { redirect: "manual" });
      expect(approved.status).toBe(302);
      const back = new URL(approved.headers.get("location") ?? "");
      expect(back.origin + back.pathname).toBe("http://127.0.0.1:9/oauth/callback");
      expect(back.searchParams.get("state")).toBe("s-1");
      expect(back.searchParams.get("code")).toBeTruthy();
    } finally {
      await withPage.close();
    }
  });
});
