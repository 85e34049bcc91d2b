/**
 * The consent flow end to end: loopback listener, consent URL (PKCE + state), code exchange, then the
 * profile (address from /me, time zone from mailbox settings) read with the new tokens.
 */

import type { AccountProfile, OAuthTokens } from "../../domain/provider-port.js";
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

export interface ConnectOutlookOptions {
  oauth: MicrosoftOAuthConfig;
  graphUrl: string;
  /** Loopback port (0 or undefined: any free port). */
  port?: number;
  signal?: AbortSignal;
  /** Shown to the user: the consent URL to open in a browser. */
  onConsentUrl(url: string): void;
}

export interface ConnectedOutlook {
  profile: AccountProfile;
  tokens: OAuthTokens;
}

export async function connectOutlook(options: ConnectOutlookOptions): Promise<ConnectedOutlook> {
  const state = createState();
  const pkce = createPkcePair();
  const redirect = await listenForRedirect({ state, port: options.port, signal: options.signal });
  let tokens: OAuthTokens;
  try {
    options.onConsentUrl(
      authorizeUrl(options.oauth, { redirectUri: redirect.redirectUri, state, codeChallenge: pkce.challenge }),
    );
    const code = await redirect.code;
    tokens = await exchangeCode(options.oauth, {
      code,
      redirectUri: redirect.redirectUri,
      codeVerifier: pkce.verifier,
    });
  } finally {
    await redirect.close();
  }
  if (!tokens.refreshToken) {
    throw new ProviderError("auth", "Microsoft returned no refresh token: the offline_access scope was not granted", {
      provider: "outlook",
    });
  }
  // Reading the profile may refresh (and rotate) the pair; keep whatever is newest.
  let latest = tokens;
  const source = new RotatingTokenSource(options.oauth, tokens, async (t) => {
    latest = t;
  });
  const provider = new OutlookProvider({ graphUrl: options.graphUrl, tokens: source });
  const profile = await provider.getProfile();
  return { profile, tokens: latest };
}
