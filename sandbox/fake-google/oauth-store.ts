/**
 * The fake's OAuth 2.0 authority: authorization codes bound to a redirect URI and a PKCE challenge, access
 * tokens it checks on every API call, refresh tokens that can be rotated or revoked (invalid_grant).
 */
import { createHash, randomBytes } from "node:crypto";

export interface OAuthOptions {
  clientId?: string;
  clientSecret?: string;
  /** Access token lifetime in seconds. Default 3600. */
  accessTokenSeconds?: number;
  /** Hand out a new refresh token on every refresh and retire the old one. Default false (Google's way). */
  rotateRefreshTokens?: boolean;
}

interface PendingCode {
  user: string;
  redirectUri: string;
  challenge: string | null;
  scope: string;
  offline: boolean;
  expiresAt: number;
}

export interface IssuedTokens {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: "Bearer";
}

export class OAuthError extends Error {
  constructor(
    readonly error: "invalid_grant" | "invalid_client" | "invalid_request" | "unsupported_grant_type",
    readonly description: string,
  ) {
    super(description);
  }
}

const token = (prefix: string) => `${prefix}.${randomBytes(18).toString("base64url")}`;

export class FakeOAuth {
  readonly clientId: string;
  readonly clientSecret: string;
  private readonly codes = new Map<string, PendingCode>();
  private readonly access = new Map<string, { user: string; expiresAt: number }>();
  private readonly refresh = new Map<string, { user: string; scope: string }>();
  /** Counts of token endpoint grants, for tests. */
  readonly grants = { authorization_code: 0, refresh_token: 0, refused: 0 };

  constructor(private readonly options: OAuthOptions = {}) {
    this.clientId = options.clientId ?? "fake-client-id.apps.googleusercontent.com";
    this.clientSecret = options.clientSecret ?? "fake-client-secret";
  }

  issueCode(input: Omit<PendingCode, "expiresAt">): string {
    const code = token("4/fake-code");
    this.codes.set(code, { ...input, expiresAt: Date.now() + 10 * 60_000 });
    return code;
  }

  exchangeCode(params: URLSearchParams): IssuedTokens {
    this.checkClient(params);
    const code = params.get("code") ?? "";
    const pending = this.codes.get(code);
    this.codes.delete(code); // single use
    if (!pending || pending.expiresAt < Date.now()) throw new OAuthError("invalid_grant", "Malformed auth code.");
    if (params.get("redirect_uri") !== pending.redirectUri) throw new OAuthError("invalid_grant", "Bad Request");
    if (pending.challenge) {
      const verifier = params.get("code_verifier") ?? "";
      const computed = createHash("sha256").update(verifier).digest("base64url");
      if (computed !== pending.challenge) throw new OAuthError("invalid_grant", "Invalid code verifier.");
    }
    this.grants.authorization_code++;
    return this.tokensFor(pending.user, pending.scope, pending.offline);
  }

  refreshGrant(params: URLSearchParams): IssuedTokens {
    this.checkClient(params);
    const presented = params.get("refresh_token") ?? "";
    const entry = this.refresh.get(presented);
    if (!entry) {
      this.grants.refused++;
      throw new OAuthError("invalid_grant", "Token has been expired or revoked.");
    }
    this.grants.refresh_token++;
    if (this.options.rotateRefreshTokens) {
      this.refresh.delete(presented);
      return this.tokensFor(entry.user, entry.scope, true);
    }
    const { refresh_token: _unused, ...rest } = this.tokensFor(entry.user, entry.scope, false);
    return rest;
  }

  /** Tokens for a user without the consent dance (test set-up). */
  tokensFor(user: string, scope: string, withRefresh: boolean): IssuedTokens {
    const seconds = this.options.accessTokenSeconds ?? 3600;
    const access_token = token("ya29.fake");
    this.access.set(access_token, { user, expiresAt: Date.now() + seconds * 1000 });
    const issued: IssuedTokens = { access_token, expires_in: seconds, scope, token_type: "Bearer" };
    if (withRefresh) {
      const refresh_token = token("1//fake-refresh");
      this.refresh.set(refresh_token, { user, scope });
      issued.refresh_token = refresh_token;
    }
    return issued;
  }

  /** The user a Bearer token belongs to, or null when it is unknown or expired. */
  userFor(authorization: string | undefined): string | null {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
    const entry = match?.[1] ? this.access.get(match[1]) : undefined;
    if (!entry || entry.expiresAt < Date.now()) return null;
    return entry.user;
  }

  /** Revokes every refresh token of a user and their access tokens (the user removed the app). */
  revokeUser(user: string): void {
    for (const [t, e] of this.refresh) if (e.user === user) this.refresh.delete(t);
    for (const [t, e] of this.access) if (e.user === user) this.access.delete(t);
  }

  /** The revoke endpoint: either kind of token revokes the user's whole grant, as Google does. */
  revokeToken(presented: string): boolean {
    const user = this.refresh.get(presented)?.user ?? this.access.get(presented)?.user;
    if (!user) return false;
    this.revokeUser(user);
    return true;
  }

  /** Expires every access token (forces a refresh on the next call). */
  expireAccessTokens(): void {
    this.access.clear();
  }

  private checkClient(params: URLSearchParams): void {
    if (params.get("client_id") !== this.clientId || params.get("client_secret") !== this.clientSecret) {
      throw new OAuthError("invalid_client", "The OAuth client was not found.");
    }
  }
}
