/**
 * The one place that turns whatever the Graph client, fetch or the token endpoint threw into a ProviderError.
 * Pure and table-tested: it reads status codes, Graph error codes, OAuth error names and Retry-After, and
 * decides nothing else (retrying, re-authorising and resyncing are the callers' business, on `code`).
 */
import { ProviderError, type ProviderErrorCode } from "../../domain/provider-port.js";

/** What the Microsoft identity platform answered on /token (or a transport failure reaching it). */
export class MicrosoftOAuthError extends Error {
  override readonly name = "MicrosoftOAuthError";
  constructor(
    /** HTTP status; 0 when the request never got an answer. */
    readonly status: number,
    /** OAuth `error`, e.g. invalid_grant; "network" when there was no answer. */
    readonly error: string,
    readonly description: string,
    options?: { cause?: unknown },
  ) {
    super(`${error}: ${description}`, options);
  }
}

/** The parts of a GraphError (or GraphClientError) the classifier reads; structural so tests use plain data. */
interface GraphErrorLike {
  statusCode?: number;
  code?: string | null;
  message?: string;
  body?: unknown;
  headers?: { get(name: string): string | null } | Record<string, string> | null;
  customError?: unknown;
}

const CURSOR_CODES = new Set(["syncstatenotfound", "syncstateinvalid", "resyncrequired", "invaliddeltatoken"]);
const THROTTLE_CODES = new Set(["applicationthrottled", "toomanyrequests", "mailboxconcurrency", "errorserverbusy"]);
const AUTH_CODES = new Set([
  "invalidauthenticationtoken",
  "erroraccessdenied",
  "authorization_requestdenied",
  "accessdenied",
  "authenticationerror",
  "tokenexpired",
]);
const NOT_FOUND_CODES = new Set(["erroritemnotfound", "resourcenotfound", "itemnotfound", "errorinvalididmalformed"]);
const OAUTH_AUTH_ERRORS = new Set([
  "invalid_grant",
  "interaction_required",
  "consent_required",
  "login_required",
  "invalid_client",
  "unauthorized_client",
]);
const NETWORK_PATTERN =
  /fetch failed|econnreset|econnrefused|etimedout|socket|network|terminated|other side closed|timeout|aborted/i;

/** Retry-After as milliseconds: delta-seconds (fractions allowed) or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

function header(headers: GraphErrorLike["headers"], name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as { get?: unknown }).get === "function") {
    return (headers as { get(name: string): string | null }).get(name);
  }
  const record = headers as Record<string, string>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (record[key] ?? null);
}

function codeFor(status: number, code: string, message: string): ProviderErrorCode {
  if (status === 410 || CURSOR_CODES.has(code)) return "cursor-expired";
  if (status === 429 || THROTTLE_CODES.has(code)) return "rate-limited";
  if (status === 401 || AUTH_CODES.has(code)) return "auth";
  if (status === 403) return "auth";
  if (status === 404 || NOT_FOUND_CODES.has(code)) return "not-found";
  if (status === 408 || status >= 500) return "temporary";
  if (status <= 0) return NETWORK_PATTERN.test(`${code} ${message}`) ? "temporary" : "permanent";
  return "permanent";
}

function fromOAuth(error: MicrosoftOAuthError): ProviderError {
  const details = { status: error.status, provider: "outlook" as const, cause: error };
  if (OAUTH_AUTH_ERRORS.has(error.error)) return new ProviderError("auth", error.message, details);
  if (error.status === 429) return new ProviderError("rate-limited", error.message, details);
  if (error.status === 0 || error.status >= 500 || error.error === "temporarily_unavailable") {
    return new ProviderError("temporary", error.message, details);
  }
  return new ProviderError("permanent", error.message, details);
}

export function classifyGraphError(error: unknown, nowMs: number = Date.now()): ProviderError {
  if (error instanceof ProviderError) return error;
  if (error instanceof MicrosoftOAuthError) return fromOAuth(error);
  if (typeof error !== "object" || error === null) {
    return new ProviderError("permanent", String(error), { provider: "outlook", cause: error });
  }
  const like = error as GraphErrorLike;
  // Our middleware smuggles its own errors through the client as GraphClientError.customError.
  if (like.customError instanceof ProviderError) return like.customError;
  if (like.customError instanceof MicrosoftOAuthError) return fromOAuth(like.customError);
  const status = typeof like.statusCode === "number" ? like.statusCode : -1;
  const code = (like.code ?? "").toLowerCase();
  const message = like.message ?? "";
  const kind = codeFor(status, code, `${message} ${typeof like.body === "string" ? like.body : ""}`);
  const retryAfterMs = parseRetryAfter(header(like.headers, "Retry-After"), nowMs);
  const label = like.code ? `${like.code}: ${message}` : message || "Graph request failed";
  return new ProviderError(kind, status > 0 ? `Graph ${status} ${label}` : label, {
    ...(status > 0 ? { status } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    provider: "outlook",
    cause: error,
  });
}
