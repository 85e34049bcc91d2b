/**
 * A hook both fakes call for every API request, so a test or the chaos suite can make the provider misbehave on
 * cue, request by request, without timing: hold a request (a provider slower than any lease) until the test lets it
 * go, answer it with an error, cut the connection, or just watch it pass. "before" acts before the request is
 * handled (a held request whose client gave up is then never handled, as a cancelled call); "after" acts once it was
 * handled (the work is done, the answer comes late or never).
 */
import type { IncomingMessage } from "node:http";

export interface InterceptedRequest {
  method: string;
  /** Path without the query, e.g. /gmail/v1/users/me/drafts or /v1.0/me/messages. */
  path: string;
  query: URLSearchParams;
  /** The Authorization header (the fake's own tokens): who is asking, for counting per account. */
  authorization?: string | undefined;
}

export type InterceptAction =
  | { kind: "pass" }
  | { kind: "hold"; until: Promise<unknown>; when: "before" | "after" }
  | { kind: "error"; status: 400 | 404 | 429 | 500 | 503; retryAfterSeconds?: number }
  | { kind: "drop"; when: "before" | "after" };

export type Intercept = (request: InterceptedRequest) => InterceptAction | undefined;

/** The action for a request, or "pass" without a hook. */
export function decide(intercept: Intercept | null | undefined, req: IncomingMessage, url: URL): InterceptAction {
  if (!intercept) return { kind: "pass" };
  const request = {
    method: req.method ?? "GET",
    path: url.pathname,
    query: url.searchParams,
    authorization: req.headers.authorization,
  };
  return intercept(request) ?? { kind: "pass" };
}

/** Waits out a "before" hold; false when the client went away meanwhile (the request is then not handled). */
export async function holdBefore(action: InterceptAction, req: IncomingMessage): Promise<boolean> {
  if (action.kind !== "hold" || action.when !== "before") return true;
  await action.until;
  return !req.socket.destroyed;
}

/** Waits out an "after" hold; false when the answer must not be sent (dropped after the work was done). */
export async function holdAfter(action: InterceptAction): Promise<boolean> {
  if (action.kind === "hold" && action.when === "after") await action.until;
  return !(action.kind === "drop" && action.when === "after");
}
