import { describe, expect, it } from "vitest";
import { ProviderError } from "../../../src/domain/provider-port.js";
import { classifyGoogleError, parseRetryAfter } from "../../../src/providers/gmail/classify-error.js";

const NOW = Date.parse("2026-04-15T17:30:00Z");
const envelope = (code: number, reason: string, status = "") => ({
  error: { code, message: `m ${reason}`, errors: [{ domain: "global", reason, message: "x" }], status },
});
const api = (status: number, data: unknown, headers: Record<string, string> = {}) => ({
  message: "gaxios",
  status,
  response: { status, data, headers: new Headers(headers) },
});

const table: [string, unknown, string, number | undefined][] = [
  [
    "429 RESOURCE_EXHAUSTED with Retry-After",
    api(429, envelope(429, "rateLimitExceeded", "RESOURCE_EXHAUSTED"), { "retry-after": "7" }),
    "rate-limited",
    7000,
  ],
  ["403 userRateLimitExceeded", api(403, envelope(403, "userRateLimitExceeded")), "rate-limited", undefined],
  ["403 rateLimitExceeded", api(403, envelope(403, "rateLimitExceeded")), "rate-limited", undefined],
  ["403 dailyLimitExceeded waits an hour", api(403, envelope(403, "dailyLimitExceeded")), "rate-limited", 3_600_000],
  ["403 insufficientPermissions", api(403, envelope(403, "insufficientPermissions")), "auth", undefined],
  ["403 domainPolicy", api(403, envelope(403, "domainPolicy")), "permanent", undefined],
  ["401 authError", api(401, envelope(401, "authError", "UNAUTHENTICATED")), "auth", undefined],
  ["404 history id too old", api(404, envelope(404, "notFound", "NOT_FOUND")), "not-found", undefined],
  ["410 calendar sync token", api(410, envelope(410, "fullSyncRequired", "GONE")), "cursor-expired", undefined],
  ["500 backendError", api(500, envelope(500, "backendError")), "temporary", undefined],
  [
    "503 with an HTTP-date Retry-After",
    api(503, envelope(503, "backendError"), { "retry-after": "Wed, 15 Apr 2026 17:30:30 GMT" }),
    "temporary",
    30_000,
  ],
  ["502 with an HTML body", api(502, "<html>bad gateway</html>"), "temporary", undefined],
  ["400 invalidArgument", api(400, envelope(400, "invalidArgument")), "permanent", undefined],
  [
    "token endpoint invalid_grant",
    api(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." }),
    "auth",
    undefined,
  ],
  ["token endpoint invalid_client", api(401, { error: "invalid_client" }), "auth", undefined],
  ["token endpoint 503", api(503, { error: "temporarily_unavailable" }), "temporary", undefined],
  ["connection reset", { message: "socket hang up", code: "ECONNRESET" }, "temporary", undefined],
  ["undici fetch failed", { message: "fetch failed", cause: { code: "UND_ERR_SOCKET" } }, "temporary", undefined],
  ["timeout abort", { name: "AbortError", message: "The operation was aborted" }, "temporary", undefined],
  ["no refresh token", new Error("No refresh token is set."), "auth", undefined],
  ["anything else", new Error("boom"), "permanent", undefined],
  [
    "plain headers object",
    { response: { status: 429, data: envelope(429, "rateLimitExceeded"), headers: { "Retry-After": "2" } } },
    "rate-limited",
    2000,
  ],
];

describe("classifyGoogleError", () => {
  it.each(table)("%s → %s", (_name, raw, code, retryAfterMs) => {
    const error = classifyGoogleError(raw, NOW);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error.code).toBe(code);
    expect(error.retryAfterMs).toBe(retryAfterMs);
    expect(error.details.provider).toBe("gmail");
    expect(error.cause).toBe(raw);
  });

  it("passes a ProviderError through untouched", () => {
    const original = new ProviderError("cursor-expired", "x");
    expect(classifyGoogleError(original, NOW)).toBe(original);
  });

  it("parses Retry-After seconds and dates, and ignores junk", () => {
    expect(parseRetryAfter("1.5", NOW)).toBe(1500);
    expect(parseRetryAfter("Wed, 15 Apr 2026 17:29:00 GMT", NOW)).toBe(0);
    expect(parseRetryAfter("soon", NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });
});
