import { describe, expect, test } from "vitest";
import { ProviderError, type ProviderErrorCode } from "../../../src/domain/provider-port.js";
import {
  classifyGraphError,
  MicrosoftOAuthError,
  parseRetryAfter,
} from "../../../src/providers/outlook/classify-error.js";

const NOW = Date.parse("2026-04-15T12:00:00Z");

/** Shaped like the SDK's GraphError: statusCode, code, message, headers. */
function graphError(statusCode: number, code: string | null, headers: Record<string, string> = {}, message = "x") {
  return { statusCode, code, message, body: null, headers: new Headers(headers) };
}

const cases: [string, unknown, ProviderErrorCode, number | undefined][] = [
  ["401 expired token", graphError(401, "InvalidAuthenticationToken"), "auth", undefined],
  ["403 missing scope", graphError(403, "ErrorAccessDenied"), "auth", undefined],
  ["404 item not found", graphError(404, "ErrorItemNotFound"), "not-found", undefined],
  ["400 malformed id", graphError(400, "ErrorInvalidIdMalformed"), "not-found", undefined],
  ["410 gone", graphError(410, "syncStateNotFound"), "cursor-expired", undefined],
  ["410 without code", graphError(410, null), "cursor-expired", undefined],
  ["400 SyncStateNotFound", graphError(400, "SyncStateNotFound"), "cursor-expired", undefined],
  ["400 resyncRequired", graphError(400, "resyncRequired"), "cursor-expired", undefined],
  ["429 with seconds", graphError(429, "TooManyRequests", { "Retry-After": "7" }), "rate-limited", 7000],
  [
    "429 with an HTTP date",
    graphError(429, "TooManyRequests", { "Retry-After": "Wed, 15 Apr 2026 12:00:30 GMT" }),
    "rate-limited",
    30_000,
  ],
  ["503 MailboxConcurrency", graphError(503, "ApplicationThrottled"), "rate-limited", undefined],
  ["503 with Retry-After", graphError(503, "ServiceUnavailable", { "Retry-After": "2" }), "temporary", 2000],
  ["500", graphError(500, "InternalServerError"), "temporary", undefined],
  ["502", graphError(502, "BadGateway"), "temporary", undefined],
  ["504", graphError(504, "GatewayTimeout"), "temporary", undefined],
  ["408", graphError(408, "RequestTimeout"), "temporary", undefined],
  ["400 bad filter", graphError(400, "ErrorInvalidUrlQueryFilter"), "permanent", undefined],
  ["413 too large", graphError(413, "RequestEntityTooLarge"), "permanent", undefined],
  [
    "fetch failed (no response)",
    { statusCode: -1, code: "TypeError", message: "fetch failed" },
    "temporary",
    undefined,
  ],
  [
    "timeout",
    { statusCode: -1, code: "TimeoutError", message: "The operation was aborted due to timeout" },
    "temporary",
    undefined,
  ],
  ["programming error", { statusCode: -1, code: "TypeError", message: "x is not a function" }, "permanent", undefined],
  ["plain headers object", { statusCode: 429, code: null, headers: { "retry-after": "1.5" } }, "rate-limited", 1500],
  ["OAuth invalid_grant", new MicrosoftOAuthError(400, "invalid_grant", "AADSTS70000: revoked"), "auth", undefined],
  ["OAuth interaction_required", new MicrosoftOAuthError(400, "interaction_required", "MFA"), "auth", undefined],
  ["OAuth invalid_client", new MicrosoftOAuthError(401, "invalid_client", "bad secret"), "auth", undefined],
  ["OAuth 503", new MicrosoftOAuthError(503, "temporarily_unavailable", "busy"), "temporary", undefined],
  ["OAuth network", new MicrosoftOAuthError(0, "network", "ECONNREFUSED"), "temporary", undefined],
  ["OAuth 429", new MicrosoftOAuthError(429, "http_429", "slow down"), "rate-limited", undefined],
  ["OAuth invalid_scope", new MicrosoftOAuthError(400, "invalid_scope", "nope"), "permanent", undefined],
  [
    "ProviderError smuggled as GraphClientError.customError",
    Object.assign(new Error("wrapped"), { customError: new ProviderError("auth", "revoked") }),
    "auth",
    undefined,
  ],
  ["a string", "boom", "permanent", undefined],
];

describe("classifyGraphError", () => {
  test.each(cases)("%s", (_name, input, code, retryAfterMs) => {
    const error = classifyGraphError(input, NOW);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe(code);
    expect(error.retryAfterMs).toBe(retryAfterMs);
  });

  test("keeps the original as cause and the status", () => {
    const raw = graphError(404, "ErrorItemNotFound");
    const error = classifyGraphError(raw, NOW);
    expect(error.cause).toBe(raw);
    expect(error.details.status).toBe(404);
    expect(error.details.provider).toBe("outlook");
  });

  test("a ProviderError passes through unchanged", () => {
    const original = new ProviderError("cursor-expired", "gone");
    expect(classifyGraphError(original)).toBe(original);
  });

  test.each([
    ["0", 0],
    ["", undefined],
    ["soon", undefined],
    ["Wed, 15 Apr 2026 11:59:00 GMT", 0],
  ])("parseRetryAfter(%j)", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
