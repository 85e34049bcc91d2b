/** Small HTTP helpers for the fake: JSON bodies and Google's error envelope. */
import type { IncomingMessage, ServerResponse } from "node:http";

export interface GoogleErrorSpec {
  status: number;
  reason: string;
  message: string;
  /** The envelope's `status` string, e.g. RESOURCE_EXHAUSTED. */
  statusText: string;
  domain?: string;
  retryAfterSeconds?: number;
}

/** Raised by route handlers; the server turns it into Google's JSON error envelope. */
export class FakeHttpError extends Error {
  constructor(readonly spec: GoogleErrorSpec) {
    super(spec.message);
  }
}

export const notFound = (what = "Requested entity was not found."): FakeHttpError =>
  new FakeHttpError({ status: 404, reason: "notFound", message: what, statusText: "NOT_FOUND" });

export const badRequest = (message: string): FakeHttpError =>
  new FakeHttpError({ status: 400, reason: "invalidArgument", message, statusText: "INVALID_ARGUMENT" });

export const unauthenticated = (): FakeHttpError =>
  new FakeHttpError({
    status: 401,
    reason: "authError",
    message: "Request had invalid authentication credentials. Expected OAuth 2 access token.",
    statusText: "UNAUTHENTICATED",
  });

export function sendGoogleError(res: ServerResponse, spec: GoogleErrorSpec): void {
  const headers: Record<string, string> = {};
  if (spec.retryAfterSeconds !== undefined) headers["retry-after"] = String(spec.retryAfterSeconds);
  sendJson(
    res,
    spec.status,
    {
      error: {
        code: spec.status,
        message: spec.message,
        errors: [{ message: spec.message, domain: spec.domain ?? "global", reason: spec.reason }],
        status: spec.statusText,
      },
    },
    headers,
  );
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export async function readBody(req: IncomingMessage, limitBytes = 36 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw badRequest("Request payload too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const text = await readBody(req);
  if (!text) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw badRequest("Invalid JSON payload received.");
}

export function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}
