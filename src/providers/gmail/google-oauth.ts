/**
 * Google's consent flow: PKCE (S256), a state, and access_type=offline + prompt=consent so Google hands out a
 * refresh token every time; then the profile (address) and the primary calendar (time zone) are read with the new
 * tokens. Two halves (the consent URL, then the code exchange) serve both the web page, whose callback comes back
 * to the server, and `rapport connect`, which waits on a one-shot loopback listener. Revocation lives here too.
 */

import { randomBytes } from "node:crypto";
import { CodeChallengeMethod } from "google-auth-library";
import { systemClock } from "../../clock.js";
import {
  type AccountProfile,
  type OAuthTokens,
  ProviderError,
  type RevokeOutcome,
} from "../../domain/provider-port.js";
import { listenForRedirect } from "../loopback-redirect.js";
import { classifyGoogleError } from "./classify-error.js";
import { GmailProvider } from "./gmail-provider.js";
import { createOAuthClient, fromCredentials, GOOGLE_SCOPES, type GoogleEndpoints } from "./google-clients.js";

interface GoogleConsent {
  profile: AccountProfile;
  tokens: OAuthTokens;
}

/**
 * The consent page's URL and the PKCE verifier the code exchange will need. The `state` is made from the verifier
 * (the web page seals the verifier into it; the loopback flow ignores it).
 */
export async function googleConsentUrl(
  endpoints: GoogleEndpoints,
  request: { redirectUri: string; stateFor(verifier: string): string; loginHint?: string | undefined },
): Promise<{ url: string; verifier: string }> {
  const oauth = createOAuthClient(endpoints, request.redirectUri);
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

/** Exchanges the code for tokens (a refresh token is required) and reads the account's profile with them. */
export async function finishGoogleConsent(
  endpoints: GoogleEndpoints,
  answer: { code: string; verifier: string; redirectUri: string },
  options: { now: () => Date; signal?: AbortSignal | undefined },
): Promise<GoogleConsent> {
  const oauth = createOAuthClient(endpoints, answer.redirectUri);
  let tokens: OAuthTokens;
  try {
    const { tokens: credentials } = await oauth.getToken({
      code: answer.code,
      codeVerifier: answer.verifier,
      redirect_uri: answer.redirectUri,
    });
    tokens = fromCredentials(credentials, null);
  } catch (error) {
    throw classifyGoogleError(error, options.now().getTime());
  }
  if (!tokens.refreshToken) {
    throw new ProviderError(
      "auth",
      "Google returned no refresh token: remove Rapport's access in your Google account and connect again",
      { provider: "gmail" },
    );
  }
  const profile = await new GmailProvider({ endpoints, tokens, now: options.now, signal: options.signal }).getProfile();
  return { profile, tokens };
}

interface ConnectGmailOptions {
  endpoints: GoogleEndpoints;
  /** Loopback port (0 or undefined: any free port). */
  port?: number | undefined;
  signal?: AbortSignal | undefined;
  now?: () => Date;
  /** Shown to the user: the consent URL to open in a browser. */
  onConsentUrl(url: string): void;
}

/** `rapport connect gmail`: the consent page in the user's browser, the redirect back to 127.0.0.1. */
export async function connectGmail(options: ConnectGmailOptions): Promise<GoogleConsent> {
  const state = randomBytes(24).toString("base64url");
  const redirect = await listenForRedirect({ state, port: options.port, signal: options.signal });
  try {
    const { url, verifier } = await googleConsentUrl(options.endpoints, {
      redirectUri: redirect.redirectUri,
      stateFor: () => state,
    });
    options.onConsentUrl(url);
    const code = await redirect.code;
    return await finishGoogleConsent(
      options.endpoints,
      { code, verifier, redirectUri: redirect.redirectUri },
      { now: options.now ?? (() => systemClock.now()), signal: options.signal },
    );
  } finally {
    await redirect.close();
  }
}

/** Google's revoke endpoint sits next to its token endpoint (https://oauth2.googleapis.com/revoke). */
function googleRevokeUrl(tokenUrl: string): string {
  return new URL("revoke", `${tokenUrl.replace(/\/token$/, "")}/`).toString();
}

/** Revokes the grant behind a token (the refresh token revokes the whole grant). */
export async function revokeGoogleGrant(tokenUrl: string, token: string): Promise<RevokeOutcome> {
  try {
    const response = await fetch(googleRevokeUrl(tokenUrl), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(15_000),
    });
    // 400 invalid_token: already revoked or expired — the grant is gone either way.
    if (response.ok || response.status === 400) return { done: true, detail: "Google grant revoked" };
    return { done: false, detail: `Google answered ${response.status} to the revoke request` };
  } catch (error) {
    return { done: false, detail: `could not reach Google to revoke (${(error as Error).message})` };
  }
}
