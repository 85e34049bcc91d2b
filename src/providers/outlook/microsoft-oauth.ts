/**
 * Microsoft identity platform v2.0: authorization code + PKCE (S256) + state, code exchange, and refresh
 * with rotation — every refresh returns a new refresh token that must be stored before the old one is
 * forgotten. Concurrent callers share one refresh, since two refreshes racing on one token can kill it.
 */
import { createHash, randomBytes } from "node:crypto";
import { type Clock, systemClock } from "../../clock.js";
import type { OAuthTokens } from "../../domain/provider-port.js";
import { classifyGraphError, MicrosoftOAuthError } from "./classify-error.js";
import type { AccessTokenSource } from "./graph-client.js";

/** Mail + calendar read, drafts, the digest, the time zone (trap 8), and a refresh token. */
export const OUTLOOK_SCOPES = [
  "offline_access",
  "User.Read",
  "Mail.ReadWrite",
  "Mail.Send",
  "Calendars.Read",
  "MailboxSettings.Read",
  "openid",
  "email",
] as const;

export interface MicrosoftOAuthConfig {
  clientId: string;
  /** null for a public client (PKCE only). */
  clientSecret: string | null;
  tenant: string;
  loginUrl: string;
}

interface PkcePair {
  verifier: string;
  challenge: string;
}

export function createPkcePair(): PkcePair {
  const verifier = randomBytes(48).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function createState(): string {
  return randomBytes(24).toString("base64url");
}

function endpoint(config: MicrosoftOAuthConfig, action: "authorize" | "token"): string {
  return `${config.loginUrl.replace(/\/+$/, "")}/${encodeURIComponent(config.tenant)}/oauth2/v2.0/${action}`;
}

export function authorizeUrl(
  config: MicrosoftOAuthConfig,
  request: {
    redirectUri: string;
    state: string;
    codeChallenge: string;
    scopes?: readonly string[];
    loginHint?: string;
  },
): string {
  const params = new URLSearchParams({
    client_id: config.clientId,
    response_type: "code",
    redirect_uri: request.redirectUri,
    response_mode: "query",
    scope: (request.scopes ?? OUTLOOK_SCOPES).join(" "),
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: "S256",
    prompt: "select_account",
  });
  if (request.loginHint) params.set("login_hint", request.loginHint);
  return `${endpoint(config, "authorize")}?${params.toString()}`;
}

interface TokenEndpointResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

async function postToken(config: MicrosoftOAuthConfig, form: Record<string, string>, now: Date): Promise<OAuthTokens> {
  const body = new URLSearchParams({ client_id: config.clientId, ...form });
  if (config.clientSecret) body.set("client_secret", config.clientSecret);
  let response: Response;
  try {
    response = await fetch(endpoint(config, "token"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw classifyGraphError(new MicrosoftOAuthError(0, "network", String(error), { cause: error }));
  }
  let json: TokenEndpointResponse = {};
  try {
    json = (await response.json()) as TokenEndpointResponse;
  } catch {
    // An HTML error page from a proxy: the status decides.
  }
  if (!response.ok || !json.access_token) {
    const error = json.error ?? (response.ok ? "invalid_response" : `http_${response.status}`);
    throw classifyGraphError(
      new MicrosoftOAuthError(response.status, error, json.error_description ?? response.statusText),
    );
  }
  return {
    accessToken: json.access_token,
    refreshToken: json.refresh_token ?? null,
    expiresAt: typeof json.expires_in === "number" ? now.getTime() + json.expires_in * 1000 : null,
    scope: json.scope ?? null,
  };
}

export function exchangeCode(
  config: MicrosoftOAuthConfig,
  request: { code: string; redirectUri: string; codeVerifier: string; scopes?: readonly string[] },
  now: Date = systemClock.now(),
): Promise<OAuthTokens> {
  return postToken(
    config,
    {
      grant_type: "authorization_code",
      code: request.code,
      redirect_uri: request.redirectUri,
      code_verifier: request.codeVerifier,
      scope: (request.scopes ?? OUTLOOK_SCOPES).join(" "),
    },
    now,
  );
}

/** Throws ProviderError("auth") on invalid_grant (revoked, expired, already rotated). */
export function refreshTokens(
  config: MicrosoftOAuthConfig,
  refreshToken: string,
  now: Date = systemClock.now(),
  scopes: readonly string[] = OUTLOOK_SCOPES,
): Promise<OAuthTokens> {
  return postToken(config, { grant_type: "refresh_token", refresh_token: refreshToken, scope: scopes.join(" ") }, now);
}

/** Refresh this long before the stated expiry, to absorb clock skew and slow requests. */
const EXPIRY_MARGIN_MS = 2 * 60_000;

/**
 * Hands out access tokens for one account, refreshing when they near expiry or were rejected, and persists
 * each rotated pair through `save` before using it (a crash after the refresh must not lose the new token).
 * With `reload`, the stored pair is read again before refreshing: another adapter instance (or process) for
 * the same account may already have rotated it, and the refresh token we hold would then be spent.
 */
export class RotatingTokenSource implements AccessTokenSource {
  #tokens: OAuthTokens;
  #refreshing: Promise<string> | null = null;

  constructor(
    private readonly config: MicrosoftOAuthConfig,
    tokens: OAuthTokens,
    private readonly save: (tokens: OAuthTokens) => Promise<void>,
    private readonly clock: Clock = systemClock,
    private readonly reload?: () => Promise<OAuthTokens | null>,
  ) {
    this.#tokens = tokens;
  }

  get tokens(): OAuthTokens {
    return this.#tokens;
  }

  #fresh(tokens: OAuthTokens): boolean {
    return tokens.expiresAt === null || tokens.expiresAt - EXPIRY_MARGIN_MS > this.clock.now().getTime();
  }

  async getAccessToken(forceRefresh: boolean): Promise<string> {
    if (!forceRefresh && this.#fresh(this.#tokens) && this.#refreshing === null) return this.#tokens.accessToken;
    const rejected = forceRefresh ? this.#tokens.accessToken : null;
    this.#refreshing ??= this.#refresh(rejected).finally(() => {
      this.#refreshing = null;
    });
    return this.#refreshing;
  }

  async #refresh(rejected: string | null): Promise<string> {
    const stored = this.reload ? await this.reload() : null;
    if (stored && stored.accessToken !== this.#tokens.accessToken) {
      // Someone else refreshed since we loaded: their pair is the live one.
      this.#tokens = stored;
      if (this.#fresh(stored) && stored.accessToken !== rejected) return stored.accessToken;
    }
    const current = this.#tokens.refreshToken;
    if (!current) {
      throw classifyGraphError(new MicrosoftOAuthError(400, "invalid_grant", "no refresh token stored: reconnect"));
    }
    const next = await refreshTokens(this.config, current, this.clock.now());
    const merged: OAuthTokens = {
      ...next,
      refreshToken: next.refreshToken ?? current,
      scope: next.scope ?? this.#tokens.scope,
    };
    await this.save(merged);
    this.#tokens = merged;
    return merged.accessToken;
  }
}
