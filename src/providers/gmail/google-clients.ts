/**
 * The real googleapis clients, pointed at the configured endpoints so the same code runs against Google or
 * the fake: rootUrl per API (a global one is ignored) and the OAuth2 client's `endpoints`.
 * gaxios retries are off: GoogleCaller owns the retry policy for every method.
 */
import { calendar, type calendar_v3 } from "@googleapis/calendar";
import { gmail, type gmail_v1 } from "@googleapis/gmail";
import { type Credentials, OAuth2Client } from "google-auth-library";
import type { OAuthTokens } from "../../domain/provider-port.js";
import { PROVIDER_ATTEMPT_TIMEOUT_MS } from "../../domain/time-budget.js";

export interface GoogleEndpoints {
  clientId: string;
  clientSecret: string;
  /** One root serving /gmail/v1/… and /calendar/v3/… (https://gmail.googleapis.com works for both). */
  apiRootUrl: string;
  authUrl: string;
  tokenUrl: string;
}

export const GOOGLE_SCOPES = [
  "https://www.googleapis.com/auth/gmail.readonly",
  "https://www.googleapis.com/auth/gmail.compose",
  "https://www.googleapis.com/auth/calendar.readonly",
  "openid",
  "email",
] as const;

export function createOAuthClient(endpoints: GoogleEndpoints, redirectUri?: string): OAuth2Client {
  return new OAuth2Client({
    clientId: endpoints.clientId,
    clientSecret: endpoints.clientSecret,
    redirectUri,
    endpoints: { oauth2AuthBaseUrl: endpoints.authUrl, oauth2TokenUrl: endpoints.tokenUrl },
  });
}

export function toCredentials(tokens: OAuthTokens): Credentials {
  return {
    access_token: tokens.accessToken,
    refresh_token: tokens.refreshToken,
    expiry_date: tokens.expiresAt,
    scope: tokens.scope ?? undefined,
    token_type: "Bearer",
  };
}

/** Merges what google-auth-library emits on 'tokens' (a refresh omits refresh_token unless it rotated). */
export function fromCredentials(credentials: Credentials, previous: OAuthTokens | null): OAuthTokens {
  return {
    accessToken: credentials.access_token ?? previous?.accessToken ?? "",
    refreshToken: credentials.refresh_token ?? previous?.refreshToken ?? null,
    expiresAt: credentials.expiry_date ?? null,
    scope: credentials.scope ?? previous?.scope ?? null,
  };
}

export interface GoogleApis {
  gmail: gmail_v1.Gmail;
  calendar: calendar_v3.Calendar;
}

/** `timeoutMs` bounds one attempt; GoogleCaller bounds the whole call (domain/time-budget.ts). */
export function createApis(
  endpoints: Pick<GoogleEndpoints, "apiRootUrl">,
  auth: OAuth2Client,
  timeoutMs = PROVIDER_ATTEMPT_TIMEOUT_MS,
): GoogleApis {
  const rootUrl = `${endpoints.apiRootUrl.replace(/\/+$/, "")}/`;
  const common = { auth, rootUrl, retry: false, timeout: timeoutMs } as const;
  return {
    gmail: gmail({ version: "v1", ...common }),
    calendar: calendar({ version: "v3", ...common }),
  };
}
