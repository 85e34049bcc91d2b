/**
 * OAuth endpoints of the fake: the consent URL (redirects straight back with a code, or shows a page with an
 * Allow button when `consentPage` is on, for browser tests), the token endpoint and revoke.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "./http-util.js";
import { type FakeOAuth, OAuthError } from "./oauth-store.js";

export const AUTH_PATH = "/o/oauth2/v2/auth";
export const TOKEN_PATH = "/token";
export const REVOKE_PATH = "/revoke";

interface OAuthRouteDeps {
  oauth: FakeOAuth;
  /** Which user consents (login_hint wins); unknown hints fall back to the first account. */
  resolveUser(loginHint: string | null): string;
  consentPage: boolean;
}

function isLoopback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function handleOAuth(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: OAuthRouteDeps,
): Promise<boolean> {
  if (req.method === "GET" && (url.pathname === AUTH_PATH || url.pathname === `${AUTH_PATH}/approve`)) {
    const q = url.searchParams;
    const redirectUri = q.get("redirect_uri") ?? "";
    const problem =
      q.get("client_id") !== deps.oauth.clientId
        ? "invalid_client"
        : q.get("response_type") !== "code"
          ? "unsupported_response_type"
          : !isLoopback(redirectUri)
            ? "redirect_uri_mismatch"
            : q.get("code_challenge") && q.get("code_challenge_method") !== "S256"
              ? "invalid_request"
              : null;
    if (problem) {
      res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
      res.end(`<h1>Error 400: ${problem}</h1>`);
      return true;
    }
    if (deps.consentPage && url.pathname === AUTH_PATH) {
      const approve = `${AUTH_PATH}/approve?${q.toString()}`;
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(
        `<!doctype html><title>Sign in - Fake Google</title><h1>Rapport wants to access your Google Account</h1>` +
          `<p>${escapeHtml(q.get("scope") ?? "")}</p><a id="allow" href="${escapeHtml(approve)}">Allow</a>`,
      );
      return true;
    }
    const code = deps.oauth.issueCode({
      user: deps.resolveUser(q.get("login_hint")),
      redirectUri,
      challenge: q.get("code_challenge"),
      scope: q.get("scope") ?? "",
      offline: q.get("access_type") === "offline",
    });
    const target = new URL(redirectUri);
    target.searchParams.set("code", code);
    if (q.has("state")) target.searchParams.set("state", q.get("state") ?? "");
    target.searchParams.set("scope", q.get("scope") ?? "");
    res.writeHead(302, { location: target.toString() });
    res.end();
    return true;
  }
  if (req.method === "POST" && url.pathname === TOKEN_PATH) {
    const params = new URLSearchParams(await readBody(req));
    try {
      const grant = params.get("grant_type");
      if (grant === "authorization_code") sendJson(res, 200, deps.oauth.exchangeCode(params));
      else if (grant === "refresh_token") sendJson(res, 200, deps.oauth.refreshGrant(params));
      else throw new OAuthError("unsupported_grant_type", `Invalid grant_type: ${grant}`);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      sendJson(res, error.error === "invalid_client" ? 401 : 400, {
        error: error.error,
        error_description: error.description,
      });
    }
    return true;
  }
  if (req.method === "POST" && url.pathname === REVOKE_PATH) {
    const presented = new URLSearchParams(await readBody(req)).get("token") ?? url.searchParams.get("token") ?? "";
    if (deps.oauth.revokeToken(presented)) sendJson(res, 200, {});
    else sendJson(res, 400, { error: "invalid_token", error_description: "Token expired or revoked" });
    return true;
  }
  return false;
}
