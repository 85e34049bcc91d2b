/**
 * Google's installed-app flow: a loopback redirect on 127.0.0.1, a random state, PKCE (S256), and
 * access_type=offline + prompt=consent so Google hands out a refresh token every time. Then the profile
 * (address) and the primary calendar (time zone) are read with the new tokens.
 */
import { randomBytes } from "node:crypto";
import { CodeChallengeMethod } from "google-auth-library";
import { type AccountProfile, type OAuthTokens, ProviderError } from "../../domain/provider-port.js";
import { listenForRedirect } from "../loopback-redirect.js";
import { classifyGoogleError } from "./classify-error.js";
import { GmailProvider } from "./gmail-provider.js";
import { createOAuthClient, fromCredentials, GOOGLE_SCOPES, type GoogleEndpoints } from "./google-clients.js";

export interface ConnectGmailOptions {
  endpoints: GoogleEndpoints;
  /** Loopback port (0 or undefined: any free port). */
  port?: number;
  signal?: AbortSignal;
  /** Shown to the user: the consent URL to open in a browser. */
  onConsentUrl(url: string): void;
}

export interface ConnectedGmail {
  profile: AccountProfile;
  tokens: OAuthTokens;
}

export async function connectGmail(options: ConnectGmailOptions): Promise<ConnectedGmail> {
  const state = randomBytes(24).toString("base64url");
  const redirect = await listenForRedirect({ state, port: options.port, signal: options.signal });
  try {
    const oauth = createOAuthClient(options.endpoints, redirect.redirectUri);
    const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
    options.onConsentUrl(
      oauth.generateAuthUrl({
        access_type: "offline",
        prompt: "consent",
        scope: [...GOOGLE_SCOPES],
        include_granted_scopes: true,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
      }),
    );
    const code = await redirect.code;
    let tokens: OAuthTokens;
    try {
      const { tokens: credentials } = await oauth.getToken({ code, codeVerifier, redirect_uri: redirect.redirectUri });
      tokens = fromCredentials(credentials, null);
    } catch (error) {
      throw classifyGoogleError(error, Date.now());
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
    const profile = await new GmailProvider({
      endpoints: options.endpoints,
      tokens,
      signal: options.signal,
    }).getProfile();
    return { profile, tokens };
  } finally {
    await redirect.close();
  }
}
