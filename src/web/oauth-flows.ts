/**
 * Connecting an account from the web page: the same consent URL builders, code exchanges and profile reads the
 * `rapport connect` commands use (providers/gmail/google-*, providers/outlook/microsoft-oauth + connect), split
 * in two halves because here the redirect comes back to this server instead of a one-shot loopback listener.
 * State and PKCE verifier wait in a short-lived, single-use store bound to the browser that started the flow.
 */
import { randomBytes } from "node:crypto";
import { CodeChallengeMethod } from "google-auth-library";
import type { Config } from "../config.js";
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
import { type AccountProfile, type OAuthTokens, ProviderError, type ProviderKind } from "../providers/port.js";

export const CONSENT_TTL_MS = 10 * 60_000;
const MAX_PENDING = 100;

export interface PendingConsent {
  provider: ProviderKind;
  verifier: string;
  redirectUri: string;
  /** The browser that started the flow (its CSRF cookie): a callback from another browser is refused. */
  browser: string;
  expiresAt: number;
}

export class ConsentStore {
  readonly #pending = new Map<string, PendingConsent>();

  static newState(): string {
    return randomBytes(24).toString("base64url");
  }

  add(state: string, consent: Omit<PendingConsent, "expiresAt">, now: number): void {
    for (const [state, p] of this.#pending) if (p.expiresAt <= now) this.#pending.delete(state);
    if (this.#pending.size >= MAX_PENDING) {
      const oldest = this.#pending.keys().next().value;
      if (oldest !== undefined) this.#pending.delete(oldest);
    }
    this.#pending.set(state, { ...consent, expiresAt: now + CONSENT_TTL_MS });
  }

  /** Single use: the state is forgotten whatever the outcome. */
  take(state: string, provider: ProviderKind, browser: string, now: number): PendingConsent | null {
    const pending = this.#pending.get(state);
    this.#pending.delete(state);
    if (!pending || pending.provider !== provider || pending.browser !== browser || pending.expiresAt <= now)
      return null;
    return pending;
  }
}

export interface ConsentStart {
  url: string;
  verifier: string;
}

export async function beginConsent(
  config: Config,
  provider: ProviderKind,
  request: { redirectUri: string; state: string; loginHint?: string | undefined },
): Promise<ConsentStart> {
  if (provider === "gmail") {
    const oauth = createOAuthClient(googleEndpoints(config), request.redirectUri);
    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    const url = oauth.generateAuthUrl({
      access_type: "offline",
      prompt: "consent",
      scope: [...GOOGLE_SCOPES],
      include_granted_scopes: true,
      state: request.state,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
      ...(request.loginHint ? { login_hint: request.loginHint } : {}),
    });
    return { url, verifier: codeVerifier };
  }
  const pkce = createPkcePair();
  const url = authorizeUrl(microsoftOAuthConfig(config), {
    redirectUri: request.redirectUri,
    state: request.state,
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
