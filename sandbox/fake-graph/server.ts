/**
 * A Microsoft Graph + identity platform stand-in on 127.0.0.1 that the real @microsoft/microsoft-graph-client
 * talks to: Graph under /v1.0, OAuth under /{tenant}/oauth2/v2.0/. Every Graph request passes the traffic
 * control (faults, budget, concurrency) and the Bearer check before reaching a route. It serves one mailbox, or
 * several (`mailboxes`: a deployment has one MICROSOFT_GRAPH_URL for all its accounts): each access token belongs to
 * one mailbox, whose /me the request then reads, behind that mailbox's own traffic control (Outlook's limits are per
 * mailbox).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decide, holdAfter, holdBefore, type Intercept } from "../intercept.js";
import type { SeedMailbox } from "../seed.js";
import { calendarDelta, mailDelta } from "./delta-routes.js";
import { errorEnvelope, GraphHttpError, type RouteContext, type RouteResult, readBody, requireScope } from "./http.js";
import { FakeIdentity, type FakeIdentityOptions } from "./identity.js";
import { mailRoute } from "./mail-routes.js";
import { meResource } from "./me.js";
import { parsePrefer } from "./odata.js";
import { loadSeed } from "./seed-loader.js";
import { FakeGraphState } from "./state.js";
import { type FakeBudget, type FakeFaults, TrafficControl } from "./traffic.js";

export interface FakeGraphOptions {
  /** The mailbox tokens are for unless they say otherwise (`state`). */
  mailbox: SeedMailbox;
  /**
   * More mailboxes on the same server, each with its own state (`fake.mailbox(address)`): the tokens its
   * issueTokens() hands out, or the authorize flow with its address as login_hint, read it. Their owners' addresses
   * must differ. Budget, faults and the concurrency cap apply to each mailbox apart.
   */
  mailboxes?: SeedMailbox[];
  budget?: FakeBudget | null;
  faults?: FakeFaults | null;
  identity?: FakeIdentityOptions;
  /** Outlook allows 4 concurrent requests per mailbox. */
  maxConcurrent?: number;
  /** Retry-After sent with 429/503 (seconds; fractions allowed to keep tests fast). Default 1. */
  retryAfterSeconds?: number;
  /** Server-side latency per Graph request, so concurrency is observable. Default 0. */
  latencyMs?: number;
  /** Largest page the server hands out whatever odata.maxpagesize asks. Default 1000. */
  maxPageSize?: number;
  host?: string;
  port?: number;
  /** Called for every Graph request (not OAuth): hold, fail or cut it on cue (sandbox/intercept.ts). */
  intercept?: Intercept;
}

export interface FakeGraph {
  /** Origin, e.g. http://127.0.0.1:4010 (also the login URL). */
  url: string;
  /** MICROSOFT_GRAPH_URL for this fake: `${url}/v1.0`. */
  graphUrl: string;
  /** The first mailbox's state (the only one without `mailboxes`). */
  state: FakeGraphState;
  /** The state of the mailbox owned by `address`; throws when the fake serves no such mailbox. */
  mailbox(address: string): FakeGraphState;
  /** Whose mailbox an Authorization header's token is for (for counting requests per account), or null. */
  ownerFor(authorization: string | undefined): string | null;
  /** The request hook; settable while the server runs. */
  intercept: Intercept | null;
  close(): Promise<void>;
}

function send(res: ServerResponse, result: RouteResult): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
  res.writeHead(result.status, headers);
  res.end(result.body === undefined ? undefined : JSON.stringify(result.body));
}

function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): RouteResult {
  return { status, body: errorEnvelope(code, message), headers };
}

const FAULT_RESPONSES: Record<string, [number, string, string]> = {
  "500": [500, "InternalServerError", "An internal server error occurred."],
  "502": [502, "BadGateway", "Bad gateway."],
  "503": [503, "ServiceUnavailable", "The service is temporarily unavailable."],
  "504": [504, "GatewayTimeout", "The gateway timed out."],
  "429": [429, "TooManyRequests", "Too many requests."],
  "400": [400, "BadRequest", "The request could not be processed."],
  "404": [404, "ErrorItemNotFound", "The specified object was not found in the store."],
};

function meRoute(ctx: RouteContext): RouteResult | null {
  const [first, second] = ctx.segments;
  if (first === undefined && ctx.method === "GET") return meResource(ctx);
  if (first === "mailboxSettings" && ctx.method === "GET") {
    requireScope(ctx, ["MailboxSettings.Read", "MailboxSettings.ReadWrite"]);
    const timeZone = ctx.state.store.timeZone;
    return {
      status: 200,
      body: second === "timeZone" ? { value: timeZone } : { timeZone, language: { locale: "en-US" } },
    };
  }
  if (
    first === "mailFolders" &&
    ctx.segments[2] === "messages" &&
    ctx.segments[3] === "delta" &&
    ctx.method === "GET"
  ) {
    return mailDelta(ctx, ctx.segments[1] ?? "");
  }
  if (first === "calendarView" && second === "delta" && ctx.method === "GET") return calendarDelta(ctx);
  return mailRoute(ctx);
}

/** One state per mailbox, keyed by owner address, sharing the identity platform; the first is `mailbox`'s. */
function mailboxStates(options: FakeGraphOptions): Map<string, FakeGraphState> {
  const identity = new FakeIdentity(options.identity ?? {}, options.mailbox.owner.address);
  const states = new Map<string, FakeGraphState>();
  for (const seed of [options.mailbox, ...(options.mailboxes ?? [])]) {
    if (states.has(seed.owner.address)) throw new Error(`fake-graph: two mailboxes of ${seed.owner.address}`);
    identity.addOwner(seed.owner.address);
    const traffic = new TrafficControl({
      budget: options.budget ?? null,
      faults: options.faults ?? null,
      maxConcurrent: options.maxConcurrent ?? 4,
      retryAfterSeconds: options.retryAfterSeconds ?? 1,
    });
    states.set(seed.owner.address, new FakeGraphState(loadSeed(seed), identity, traffic));
  }
  return states;
}

export async function startFakeGraph(options: FakeGraphOptions): Promise<FakeGraph> {
  const states = mailboxStates(options);
  const first = states.get(options.mailbox.owner.address) as FakeGraphState;
  const identity = first.identity;
  /** The mailbox a request reads: its token's, or the first one's (an unknown token is then refused by it). */
  const stateFor = (authorization: string | undefined) => states.get(identity.ownerFor(authorization) ?? "") ?? first;
  const latencyMs = options.latencyMs ?? 0;
  const maxPageSize = options.maxPageSize ?? 1000;
  let origin = "";

  async function graph(req: IncomingMessage, res: ServerResponse, url: URL, segments: string[]): Promise<void> {
    const action = decide(fake.intercept, req, url);
    if (action.kind === "error") {
      const [status, code, message] = FAULT_RESPONSES[String(action.status)] ?? [500, "InternalServerError", "error"];
      const headers: Record<string, string> =
        action.retryAfterSeconds !== undefined ? { "Retry-After": String(action.retryAfterSeconds) } : {};
      return send(res, graphError(status, code, message, headers));
    }
    if (action.kind === "drop" && action.when === "before") return void req.socket.destroy();
    if (!(await holdBefore(action, req))) return;
    const state = stateFor(req.headers.authorization);
    const traffic = state.traffic;
    const route = `${req.method} /${segments.slice(0, 3).join("/")}`;
    const verdict = traffic.admit(route);
    if (verdict.kind === "throttle") {
      const code = verdict.reason === "concurrency" ? "ApplicationThrottled" : "TooManyRequests";
      const message =
        verdict.reason === "concurrency" ? "Application is over its MailboxConcurrency limit." : "Too many requests.";
      return send(res, graphError(429, code, message, { "Retry-After": String(verdict.retryAfterSeconds) }));
    }
    if (verdict.kind === "fault") {
      if (verdict.fault === "reset") {
        req.socket.destroy();
        return;
      }
      const [status, code, message] = FAULT_RESPONSES[verdict.fault] ?? [500, "InternalServerError", "error"];
      const headers: Record<string, string> =
        status === 429 || status === 503 ? { "Retry-After": String(verdict.retryAfterSeconds) } : {};
      return send(res, graphError(status, code, message, headers));
    }
    try {
      const raw = await readBody(req);
      if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
      const scopes = identity.scopesFor(req.headers.authorization);
      if (!scopes) {
        return send(res, graphError(401, "InvalidAuthenticationToken", "Access token has expired or is not valid."));
      }
      const prefs = parsePrefer(req.headers.prefer);
      if (!prefs.immutableIds) state.violations.missingImmutableId++;
      let body: unknown = null;
      if (raw.trim() !== "") {
        try {
          body = JSON.parse(raw);
        } catch {
          return send(res, graphError(400, "BadRequest", "Unable to read JSON request payload."));
        }
      }
      if (segments[0] !== "me")
        return send(res, graphError(400, "BadRequest", `Resource not found for the segment '${segments[0]}'.`));
      const ctx: RouteContext = {
        state,
        method: req.method ?? "GET",
        segments: segments.slice(1),
        query: url.searchParams,
        prefs,
        body,
        scopes,
        root: `${origin}/v1.0`,
        maxPageSize,
      };
      const result = meRoute(ctx);
      if (!result)
        return send(res, graphError(400, "BadRequest", `Unsupported request: ${req.method} ${url.pathname}`));
      if (prefs.immutableIds) result.headers = { ...result.headers, "Preference-Applied": 'IdType="ImmutableId"' };
      if (!(await holdAfter(action))) return void req.socket.destroy();
      send(res, result);
    } catch (error) {
      if (error instanceof GraphHttpError)
        return send(res, graphError(error.status, error.code, error.message, error.headers));
      send(res, graphError(500, "InternalServerError", (error as Error).message));
    } finally {
      traffic.release();
    }
  }

  async function oauth(req: IncomingMessage, res: ServerResponse, url: URL, action: string): Promise<void> {
    if (action === "authorize" && req.method === "GET") {
      const result = identity.authorize(url.searchParams);
      if ("error" in result) {
        res.writeHead(400, { "Content-Type": "text/html; charset=utf-8" });
        res.end(`<!doctype html><title>Sign in</title><p>${result.error.replaceAll("<", "&lt;")}</p>`);
        return;
      }
      res.writeHead(302, { Location: result.redirect });
      res.end();
      return;
    }
    if (action === "token" && req.method === "POST") {
      const result = identity.token(new URLSearchParams(await readBody(req)));
      return send(res, { status: result.status, body: result.body, headers: { "Cache-Control": "no-store" } });
    }
    send(res, { status: 404, body: { error: "not_found", error_description: "unknown endpoint" } });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin || "http://127.0.0.1");
    let segments: string[];
    try {
      segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    } catch {
      return send(res, graphError(400, "BadRequest", "Malformed path."));
    }
    const handled =
      segments[0] === "v1.0"
        ? graph(req, res, url, segments.slice(1))
        : segments[1] === "oauth2" && segments[2] === "v2.0"
          ? oauth(req, res, url, segments[3] ?? "")
          : Promise.resolve(send(res, { status: 404, body: errorEnvelope("NotFound", "Unknown path.") }));
    handled.catch((error: unknown) => {
      if (!res.headersSent) send(res, graphError(500, "InternalServerError", String(error)));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  origin = `http://${address.address}:${address.port}`;
  const fake: FakeGraph = {
    url: origin,
    graphUrl: `${origin}/v1.0`,
    state: first,
    mailbox: (address) => {
      const state = states.get(address);
      if (!state) throw new Error(`fake-graph: no mailbox of ${address}`);
      return state;
    },
    ownerFor: (authorization) => identity.ownerFor(authorization),
    intercept: options.intercept ?? null,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}
