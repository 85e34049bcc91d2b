/**
 * Connecting an account from the web page: the same consent URL builders, code exchanges and profile reads the
 * `rapport connect` commands use (providers/gmail/google-*, providers/outlook/microsoft-oauth + connect), split
 * in two halves because here the redirect comes back to this server instead of a one-shot loopback listener.
 * The pending flow (PKCE verifier, redirect URI, the browser that started it) travels sealed inside `state`.
 */
import { CodeChallengeMethod } from "google-auth-library";
import type { Config } from "../config.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { type AccountProfile, type OAuthTokens, ProviderError, type ProviderKind } from "../domain/provider-port.js";
import { classifyGoogleError } from "../providers/gmail/classify-error.js";
import { googleEndpoints } from "../providers/gmail/factory.js";
import { GmailProvider } from "../providers/gmail/gmail-provider.js";
import { createOAuthClient, fromCredentials, GOOGLE_SCOPES } from "../providers/gmail/google-clients.js";
import { microsoftOAuthConfig } from "../providers/outlook/factory.js";
import {
  authorizeUrl,
  createPkcePair,
  exchangeCode,
  RotatingTokenSource,
} from "../providers/outlook/microsoft-oauth.js";
import { OutlookProvider } from "../providers/outlook/outlook-provider.js";

export const CONSENT_TTL_MS = 10 * 60_000;
const PURPOSE = "rapport-oauth-state";

export interface PendingConsent {
  provider: ProviderKind;
  verifier: string;
  redirectUri: string;
  /** The browser that started the flow (its CSRF cookie): a callback from another browser is refused. */
  browser: string;
  expiresAt: number;
}

/**
 * The OAuth `state` carries the pending consent itself, sealed (AES-256-GCM) under RAPPORT_SECRET_KEY: any replica
 * sharing the key can finish a flow another one started, and nothing waits in memory. The code it accompanies is
 * single-use at the provider, so a replayed callback fails there.
 */
export function sealState(cipher: TokenCipher, consent: PendingConsent): string {
  return Buffer.from(cipher.seal(JSON.stringify({ purpose: PURPOSE, ...consent }))).toString("base64url");
}

/** The consent behind a state, or null when it is forged, expired, for another provider or another browser. */
export function openState(
  cipher: TokenCipher,
  state: string,
  expect: { provider: ProviderKind; browser: string; now: number },
): PendingConsent | null {
  try {
    const value = JSON.parse(cipher.open(Buffer.from(state, "base64url").toString("utf8"))) as PendingConsent & {
      purpose?: string;
    };
    if (value.purpose !== PURPOSE || value.provider !== expect.provider || value.expiresAt <= expect.now) return null;
    if (typeof value.browser !== "string" || value.browser !== expect.browser) return null;
    return value;
  } catch {
    return null;
  }
}

export interface ConsentStart {
  url: string;
  verifier: string;
}

export async function beginConsent(
  config: Config,
  provider: ProviderKind,
  request: { redirectUri: string; loginHint?: string | undefined; stateFor(verifier: string): string },
): Promise<ConsentStart> {
  if (provider === "gmail") {
    const oauth = createOAuthClient(googleEndpoints(config), request.redirectUri);
    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    const url = oauth.generateAuthUrl({
      access_type: "offline",
      prompt: "consent",
      scope: [...GOOGLE_SCOPES],
      include_granted_scopes: true,
      state: request.stateFor(codeVerifier),
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
      ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    });
    return { url, verifier: codeVerifier };
  }
  const pkce = createPkcePair();
  const url = authorizeUrl(microsoftOAuthConfig(config), {
    redirectUri: request.redirectUri,
    state: request.stateFor(pkce.verifier),
    codeChallenge: pkce.challenge,
    ...(request.loginHint ? { loginHint: request.loginHint } : {}),
  });
  return { url, verifier: pkce.verifier };
}

export interface ConsentResult {
  profile: AccountProfile;
  tokens: OAuthTokens;
}

export async function finishConsent(
  config: Config,
  pending: PendingConsent,
  code: string,
  now: () => Date,
): Promise<ConsentResult> {
  if (pending.provider === "gmail") {
    const endpoints = googleEndpoints(config);
    const oauth = createOAuthClient(endpoints, pending.redirectUri);
    let tokens: OAuthTokens;
    try {
      const { tokens: credentials } = await oauth.getToken({
        code,
        codeVerifier: pending.verifier,
        redirect_uri: pending.redirectUri,
      });
      tokens = fromCredentials(credentials, null);
    } catch (error) {
      throw classifyGoogleError(error, now().getTime());
    }
    if (!tokens.refreshToken) {
      throw new ProviderError(
        "auth",
        "Google returned no refresh token: remove Rapport's access in your Google account and connect again",
        {
          provider: "gmail",
        },
      );
    }
    const profile = await new GmailProvider({ endpoints, tokens, now }).getProfile();
    return { profile, tokens };
  }
  const oauth = microsoftOAuthConfig(config);
  const tokens = await exchangeCode(
    oauth,
    { code, redirectUri: pending.redirectUri, codeVerifier: pending.verifier },
    now(),
  );
  if (!tokens.refreshToken) {
    throw new ProviderError("auth", "Microsoft returned no refresh token: the offline_access scope was not granted", {
      provider: "outlook",
    });
  }
  let latest = tokens;
  const source = new RotatingTokenSource(oauth, tokens, async (t) => {
    latest = t;
  });
  const profile = await new OutlookProvider({ graphUrl: config.microsoft.graphUrl, tokens: source }).getProfile();
  return { profile, tokens: latest };
}

/** Which providers have OAuth clients configured (the page only offers those). */
export function configuredProviders(config: Config): Record<ProviderKind, boolean> {
  return {
    gmail: Boolean(config.google.clientId && config.google.clientSecret),
    outlook: Boolean(config.microsoft.clientId),
  };
}
