/**
 * The one place that turns whatever the Google client libraries throw (GaxiosError from an API call or from
 * the token endpoint, network errors, plain Errors from google-auth-library) into a ProviderError.
 * Pure: no I/O, `nowMs` is passed in for Retry-After given as an HTTP date.
 */
import { ProviderError, type ProviderErrorCode } from "../../domain/provider-port.js";

/** Reasons Google uses for "slow down" on 403 (usageLimits domain). */
const RATE_LIMIT_REASONS = new Set([
  "userRateLimitExceeded",
  "rateLimitExceeded",
  "quotaExceeded",
  "dailyLimitExceeded",
]);
/** 403 reasons that mean the grant lacks something: the user must connect again. */
const AUTH_403_REASONS = new Set(["insufficientPermissions", "ACCESS_TOKEN_SCOPE_INSUFFICIENT", "authError"]);
const TEMPORARY_STATUSES = new Set([408, 500, 502, 503, 504]);
/** Node/undici/gaxios codes for a request that never got an answer. */
const NETWORK_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);
/** A day's quota is gone: waiting a minute will not help, try again in an hour. */
const DAILY_LIMIT_BACKOFF_MS = 60 * 60_000;

interface RawResponse {
  status?: number;
  data?: unknown;
  headers?: unknown;
}

function record(value: unknown): Record<string, unknown> | null {
  return value && typeof value === "object" ? (value as Record<string, unknown>) : null;
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name);
  const h = record(headers);
  if (!h) return null;
  const key = Object.keys(h).find((k) => k.toLowerCase() === name);
  const value = key ? h[key] : undefined;
  return typeof value === "string" ? value : Array.isArray(value) ? String(value[0]) : null;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function googleReasons(data: unknown): { reasons: string[]; message: string | null; status: string | null } {
  const error = record(record(data)?.error);
  const errors = Array.isArray(error?.errors) ? (error.errors as unknown[]) : [];
  const details = Array.isArray(error?.details) ? (error.details as unknown[]) : [];
  const reasons = [...errors, ...details]
    .map((e) => record(e)?.reason)
    .filter((r): r is string => typeof r === "string");
  return {
    reasons,
    message: typeof error?.message === "string" ? error.message : null,
    status: typeof error?.status === "string" ? error.status : null,
  };
}

export function classifyGoogleError(error: unknown, nowMs: number): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = record(error) ?? {};
  const response = record(e.response) as RawResponse | null;
  const status =
    typeof response?.status === "number" ? response.status : typeof e.status === "number" ? e.status : undefined;
  const message = typeof e.message === "string" ? e.message : String(error);
  const make = (code: ProviderErrorCode, text: string, retryAfterMs?: number) =>
    new ProviderError(code, text, { status, retryAfterMs, provider: "gmail", cause: error });

  // The token endpoint speaks OAuth ({ error: "invalid_grant" }), not the API envelope.
  const oauthError = record(response?.data)?.error;
  if (typeof oauthError === "string") {
    if (oauthError === "invalid_grant" || oauthError === "invalid_client" || oauthError === "unauthorized_client") {
      return make("auth", `Google refused the stored grant (${oauthError}): connect the account again`);
    }
    if (status !== undefined && (status >= 500 || status === 429))
      return make("temporary", `token endpoint: ${oauthError}`);
    return make("permanent", `token endpoint: ${oauthError}`);
  }
  if (status === undefined) {
    const code = typeof e.code === "string" ? e.code : "";
    const causeCode = typeof record(e.cause)?.code === "string" ? (record(e.cause)?.code as string) : "";
    if (e.name === "AbortError" || code === "ABORT_ERR") return make("temporary", "request aborted");
    if (
      NETWORK_CODES.has(code) ||
      NETWORK_CODES.has(causeCode) ||
      /fetch failed|socket hang up|network/i.test(message)
    ) {
      return make("temporary", `network: ${code || causeCode || message}`);
    }
    if (/No refresh token|refresh token is not set|invalid_grant/i.test(message)) {
      return make("auth", "no usable refresh token: connect the account again");
    }
    return make("permanent", message);
  }

  const { reasons, message: apiMessage } = googleReasons(response?.data);
  const text = `${status} ${reasons.join(",") || "error"}: ${apiMessage ?? message}`;
  const retryAfterMs = parseRetryAfter(headerValue(response?.headers, "retry-after"), nowMs);
  if (status === 429) return make("rate-limited", text, retryAfterMs);
  if (status === 403 && reasons.some((r) => RATE_LIMIT_REASONS.has(r))) {
    const daily = reasons.includes("dailyLimitExceeded");
    return make("rate-limited", text, retryAfterMs ?? (daily ? DAILY_LIMIT_BACKOFF_MS : undefined));
  }
  if (status === 401 || (status === 403 && reasons.some((r) => AUTH_403_REASONS.has(r)))) return make("auth", text);
  if (status === 404) return make("not-found", text);
  if (status === 410) return make("cursor-expired", text);
  if (TEMPORARY_STATUSES.has(status)) return make("temporary", text, retryAfterMs);
  return make("permanent", text);
}
