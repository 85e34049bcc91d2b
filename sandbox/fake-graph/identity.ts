/**
 * The fake Microsoft identity platform (v2.0 endpoints): an authorize endpoint that redirects straight back
 * with a code, a token endpoint doing the code exchange (PKCE S256 checked) and refresh-token rotation
 * (a used refresh token is dead, as strict as Microsoft may be), and the Bearer check Graph routes use.
 * Every grant belongs to one mailbox owner, so one server can serve many mailboxes (the fake's multi-mailbox
 * mode): the authorize endpoint takes a known login_hint's owner, else the first mailbox's.
 */
import { createHash, randomBytes } from "node:crypto";

export interface FakeIdentityOptions {
  clientId?: string;
  /** null: a public client (no secret checked). */
  clientSecret?: string | null;
  accessTokenTtlSeconds?: number;
}

interface Grant {
  clientId: string;
  scopes: string[];
  /** The address of the mailbox the grant is for. */
  owner: string;
}

interface PendingCode extends Grant {
  redirectUri: string;
  challenge: string | null;
  expiresAt: number;
}

export interface TokenResponse {
  token_type: "Bearer";
  scope: string;
  expires_in: number;
  access_token: string;
  refresh_token?: string;
  id_token?: string;
}

interface OAuthErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
}

type TokenResult = { status: 200; body: TokenResponse } | { status: 400 | 401; body: OAuthErrorBody };

const RESOURCE_PREFIX = "https://graph.microsoft.com/";
const OIDC_SCOPES = new Set(["openid", "email", "profile", "offline_access"]);

export class FakeIdentity {
  readonly clientId: string;
  readonly clientSecret: string | null;
  accessTokenTtlSeconds: number;
  readonly stats = { codeExchanges: 0, refreshes: 0, invalidGrants: 0 };
  readonly #codes = new Map<string, PendingCode>();
  readonly #accessTokens = new Map<string, Grant & { expiresAt: number }>();
  readonly #refreshTokens = new Map<string, Grant>();
  /** The mailboxes a login_hint may name; the first is the one a grant is for without a known hint. */
  readonly #owners: Set<string>;

  constructor(
    options: FakeIdentityOptions,
    private readonly ownerAddress: string,
  ) {
    this.#owners = new Set([ownerAddress]);
    this.clientId = options.clientId ?? "fake-client-id";
    this.clientSecret = options.clientSecret === undefined ? "fake-client-secret" : options.clientSecret;
    this.accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
  }

  /** Another mailbox served by the same fake (multi-mailbox mode). */
  addOwner(address: string): void {
    this.#owners.add(address);
  }

  /** Authorize: returns where to redirect the browser (the app's redirect URI with code or error, and state). */
  authorize(params: URLSearchParams): { redirect: string } | { error: string } {
    const redirectUri = params.get("redirect_uri") ?? "";
    if (params.get("client_id") !== this.clientId) return { error: "AADSTS700016: unknown client_id" };
    if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(redirectUri)) {
      return { error: "AADSTS50011: redirect_uri must be a loopback http URI" };
    }
    const target = new URL(redirectUri);
    const state = params.get("state");
    if (state !== null) target.searchParams.set("state", state);
    if (params.get("response_type") !== "code") {
      target.searchParams.set("error", "unsupported_response_type");
      return { redirect: target.toString() };
    }
    const method = params.get("code_challenge_method");
    const challenge = params.get("code_challenge");
    if (challenge !== null && method !== "S256") {
      target.searchParams.set("error", "invalid_request");
      target.searchParams.set("error_description", "AADSTS501491: only S256 code challenges are accepted");
      return { redirect: target.toString() };
    }
    const code = `fake-code-${randomBytes(12).toString("hex")}`;
    const hint = params.get("login_hint");
    this.#codes.set(code, {
      clientId: this.clientId,
      owner: hint !== null && this.#owners.has(hint) ? hint : this.ownerAddress,
      redirectUri,
      scopes: splitScopes(params.get("scope") ?? ""),
      challenge,
      expiresAt: Date.now() + 10 * 60_000,
    });
    target.searchParams.set("code", code);
    return { redirect: target.toString() };
  }

  token(form: URLSearchParams): TokenResult {
    if (form.get("client_id") !== this.clientId) return oauthError(400, "invalid_client", 700016, "unknown client");
    if (this.clientSecret !== null && form.get("client_secret") !== this.clientSecret) {
      return oauthError(401, "invalid_client", 7000215, "Invalid client secret provided.");
    }
    const grantType = form.get("grant_type");
    if (grantType === "authorization_code") return this.#exchangeCode(form);
    if (grantType === "refresh_token") return this.#refresh(form);
    return oauthError(400, "unsupported_grant_type", 70003, `grant_type ${grantType} is not supported`);
  }

  #exchangeCode(form: URLSearchParams): TokenResult {
    const code = form.get("code") ?? "";
    const pending = this.#codes.get(code);
    this.#codes.delete(code);
    if (!pending || pending.expiresAt < Date.now()) {
      return this.#invalidGrant(70008, "The provided authorization code or refresh token has expired or is invalid.");
    }
    if (form.get("redirect_uri") !== pending.redirectUri) {
      return this.#invalidGrant(500117, "The reply uri specified in the request does not match.");
    }
    if (pending.challenge !== null) {
      const verifier = form.get("code_verifier") ?? "";
      if (createHash("sha256").update(verifier).digest("base64url") !== pending.challenge) {
        return this.#invalidGrant(501481, "The Code_Verifier does not match the code_challenge.");
      }
    }
    this.stats.codeExchanges++;
    return { status: 200, body: this.#issue(pending) };
  }

  #refresh(form: URLSearchParams): TokenResult {
    const token = form.get("refresh_token") ?? "";
    const grant = this.#refreshTokens.get(token);
    if (!grant) return this.#invalidGrant(70000, "The provided grant is invalid, expired or revoked.");
    this.#refreshTokens.delete(token);
    this.stats.refreshes++;
    return { status: 200, body: this.#issue(grant) };
  }

  #invalidGrant(code: number, description: string): TokenResult {
    this.stats.invalidGrants++;
    return oauthError(400, "invalid_grant", code, description);
  }

  /** Issues a token pair directly (tests that skip the consent dance), for the first mailbox unless `owner` says. */
  issue(scopes: string[] = DEFAULT_FAKE_SCOPES, owner = this.ownerAddress): TokenResponse {
    return this.#issue({ clientId: this.clientId, scopes: splitScopes(scopes.join(" ")), owner });
  }

  #issue(grant: Grant): TokenResponse {
    const accessToken = `fake-at-${randomBytes(16).toString("hex")}`;
    this.#accessTokens.set(accessToken, { ...grant, expiresAt: Date.now() + this.accessTokenTtlSeconds * 1000 });
    const response: TokenResponse = {
      token_type: "Bearer",
      scope: grant.scopes.join(" "),
      expires_in: this.accessTokenTtlSeconds,
      access_token: accessToken,
    };
    if (grant.scopes.includes("offline_access")) {
      const refreshToken = `fake-rt-${randomBytes(16).toString("hex")}`;
      this.#refreshTokens.set(refreshToken, grant);
      response.refresh_token = refreshToken;
    }
    if (grant.scopes.includes("openid")) response.id_token = unsignedIdToken(this.clientId, grant.owner);
    return response;
  }

  /** The scopes behind an Authorization header, or null when the token is unknown or expired. */
  scopesFor(authorization: string | undefined): Set<string> | null {
    const match = /^Bearer (\S+)$/i.exec(authorization ?? "");
    const grant = match?.[1] ? this.#accessTokens.get(match[1]) : undefined;
    if (!grant || grant.expiresAt <= Date.now()) return null;
    return new Set(grant.scopes);
  }

  /** Whose mailbox an Authorization header's token is for (expired or not: who asked), or null when unknown. */
  ownerFor(authorization: string | undefined): string | null {
    const match = /^Bearer (\S+)$/i.exec(authorization ?? "");
    return (match?.[1] ? this.#accessTokens.get(match[1])?.owner : undefined) ?? null;
  }

  revokeRefreshTokens(): void {
    this.#refreshTokens.clear();
  }

  expireAccessTokens(): void {
    for (const grant of this.#accessTokens.values()) grant.expiresAt = 0;
  }

  get liveRefreshTokens(): number {
    return this.#refreshTokens.size;
  }
}

const DEFAULT_FAKE_SCOPES = [
  "offline_access",
  "openid",
  "email",
  "User.Read",
  "Mail.ReadWrite",
  "Mail.Send",
  "Calendars.Read",
  "MailboxSettings.Read",
];

function splitScopes(scope: string): string[] {
  return scope
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => (s.startsWith(RESOURCE_PREFIX) ? s.slice(RESOURCE_PREFIX.length) : s))
    .filter((s, i, all) => all.indexOf(s) === i && (OIDC_SCOPES.has(s) || /^[A-Z]/.test(s)));
}

function oauthError(status: 400 | 401, error: string, code: number, description: string): TokenResult {
  return {
    status,
    body: { error, error_description: `AADSTS${code}: ${description}`, error_codes: [code] },
  };
}

function unsignedIdToken(audience: string, address: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ aud: audience, preferred_username: address, email: address })}.`;
}
