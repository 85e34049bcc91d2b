/** Request/response plumbing shared by the fake's routes: Graph error envelopes and route results. */
import type { IncomingMessage } from "node:http";
import type { Preferences } from "./odata.js";
import type { FakeGraphState } from "./state.js";

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  state: FakeGraphState;
  method: string;
  /** Path segments after /v1.0/me, decoded. */
  segments: string[];
  query: URLSearchParams;
  prefs: Preferences;
  body: unknown;
  scopes: Set<string>;
  /** The versioned root links are built from, e.g. http://127.0.0.1:4010/v1.0 */
  root: string;
  maxPageSize: number;
}

/** A Graph error response: `{ error: { code, message, innerError } }` with the HTTP status. */
export class GraphHttpError extends Error {
  override readonly name = "GraphHttpError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function errorEnvelope(code: string, message: string): object {
  return {
    error: {
      code,
      message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d+Z$/, ""),
        "request-id": crypto.randomUUID(),
        "client-request-id": crypto.randomUUID(),
      },
    },
  };
}

export function notFound(what = "The specified object was not found in the store."): GraphHttpError {
  return new GraphHttpError(404, "ErrorItemNotFound", what);
}

export function badRequest(message: string, code = "BadRequest"): GraphHttpError {
  return new GraphHttpError(400, code, message);
}

export function requireScope(ctx: RouteContext, anyOf: string[]): void {
  if (!anyOf.some((s) => ctx.scopes.has(s))) {
    throw new GraphHttpError(
      403,
      "ErrorAccessDenied",
      `Access is denied. Check credentials and try again. (needs ${anyOf.join(" or ")})`,
    );
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Builds a link's query the way Graph does: values percent-encoded with %20 for spaces. */
export function queryString(params: Record<string, string>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join("&");
}
