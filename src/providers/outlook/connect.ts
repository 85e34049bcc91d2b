/**
 * The Microsoft consent flow: consent URL (PKCE + state), code exchange, then the profile (address from /me, time
 * zone from mailbox settings) read with the new tokens. Two halves serve the web page (callback to the server) and
 * `rapport connect outlook` (a one-shot loopback listener). Microsoft offers apps no way to revoke one grant.
 */
import { systemClock } from "../../clock.js";
import type { AccountProfile, OAuthTokens, RevokeOutcome } from "../../domain/provider-port.js";
import { ProviderError } from "../../domain/provider-port.js";
import { listenForRedirect } from "../loopback-redirect.js";
import {
  authorizeUrl,
  createPkcePair,
  createState,
  exchangeCode,
  type MicrosoftOAuthConfig,
  RotatingTokenSource,
} from "./microsoft-oauth.js";
import { OutlookProvider } from "./outlook-provider.js";

interface MicrosoftConsent {
  profile: AccountProfile;
  tokens: OAuthTokens;
}

/**
 * The consent page's URL and the PKCE verifier the code exchange will need. The `state` is made from the verifier
 * (the web page seals the verifier into it; the loopback flow ignores it).
 */
export function microsoftConsentUrl(
  oauth: MicrosoftOAuthConfig,
  request: { redirectUri: string; stateFor(verifier: string): string; loginHint?: string | undefined },
): { url: string; verifier: string } {
  const pkce = createPkcePair();
  const url = authorizeUrl(oauth, {
    redirectUri: request.redirectUri,
    state: request.stateFor(pkce.verifier),
    codeChallenge: pkce.challenge,
    ...(request.loginHint ? { loginHint: request.loginHint } : {}),
  });
  return { url, verifier: pkce.verifier };
}

/** Exchanges the code for tokens (a refresh token is required) and reads the account's profile with them. */
export async function finishMicrosoftConsent(
  oauth: MicrosoftOAuthConfig,
  graphUrl: string,
  answer: { code: string; verifier: string; redirectUri: string },
  now: Date,
): Promise<MicrosoftConsent> {
  const tokens = await exchangeCode(
    oauth,
    { code: answer.code, redirectUri: answer.redirectUri, codeVerifier: answer.verifier },
    now,
  );
  if (!tokens.refreshToken) {
    throw new ProviderError("auth", "Microsoft returned no refresh token: the offline_access scope was not granted", {
      provider: "outlook",
    });
  }
  // Reading the profile may refresh (and rotate) the pair; keep whatever is newest.
  let latest = tokens;
  const source = new RotatingTokenSource(oauth, tokens, async (t) => {
    latest = t;
  });
  const profile = await new OutlookProvider({ graphUrl, tokens: source }).getProfile();
  return { profile, tokens: latest };
}

interface ConnectOutlookOptions {
  oauth: MicrosoftOAuthConfig;
  graphUrl: string;
  /** Loopback port (0 or undefined: any free port). */
  port?: number | undefined;
  signal?: AbortSignal | undefined;
  now?: () => Date;
  /** Shown to the user: the consent URL to open in a browser. */
  onConsentUrl(url: string): void;
}

/** `rapport connect outlook`: the consent page in the user's browser, the redirect back to 127.0.0.1. */
export async function connectOutlook(options: ConnectOutlookOptions): Promise<MicrosoftConsent> {
  const state = createState();
  const redirect = await listenForRedirect({ state, port: options.port, signal: options.signal });
  let answer: { code: string; verifier: string; redirectUri: string };
  try {
    const { url, verifier } = microsoftConsentUrl(options.oauth, {
      redirectUri: redirect.redirectUri,
      stateFor: () => state,
    });
    options.onConsentUrl(url);
    answer = { code: await redirect.code, verifier, redirectUri: redirect.redirectUri };
  } finally {
    await redirect.close();
  }
  return finishMicrosoftConsent(options.oauth, options.graphUrl, answer, (options.now ?? (() => systemClock.now()))());
}

export const MICROSOFT_REVOKE_ADVICE: RevokeOutcome = {
  done: false,
  detail:
    "Microsoft offers apps no way to revoke one grant: remove Rapport at https://account.live.com/consent/Manage (personal) or https://myapps.microsoft.com (work)",
};
