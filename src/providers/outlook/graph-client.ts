/**
 * The Graph client as Rapport uses it: the real @microsoft/microsoft-graph-client with our own middleware
 * chain, because its AuthenticationHandler only attaches tokens to https Graph hosts (trap 2). Every
 * request carries Bearer + `Prefer: IdType="ImmutableId"`, waits for one of 4 per-mailbox slots, gets a
 * timeout (and its caller's abort signal), is counted, and on a 401 is retried once with a freshly refreshed token.
 * Nothing is retried in place (the SDK's RetryHandler would wait out any Retry-After while holding a mailbox
 * slot): GraphSession owns every retry and wait, within the call's budget (domain/time-budget.ts).
 */
import {
  Client,
  type Context,
  GraphClientError,
  HTTPMessageHandler,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { PROVIDER_ATTEMPT_TIMEOUT_MS } from "../../domain/time-budget.js";
import { classifyGraphError } from "./classify-error.js";

export interface AccessTokenSource {
  /** A valid access token; `forceRefresh` after the server rejected the current one. */
  getAccessToken(forceRefresh: boolean): Promise<string>;
}

export interface GraphEndpoint {
  /** Origin (plus any proxy path prefix), without the version: the client appends it (trap 6). */
  baseUrl: string;
  version: string;
}

export interface GraphClientOptions {
  /** Concurrent requests per mailbox (Outlook's limit is 4). */
  maxConcurrent?: number;
  /** Slots shared by every client of the same mailbox in this process (see mailboxSlots). */
  slots?: Semaphore;
  /** Per-attempt timeout. */
  requestTimeoutMs?: number;
}

export interface RequestStats {
  requests: number;
}

/** `https://graph.microsoft.com/v1.0` → base `https://graph.microsoft.com`, version `v1.0`. */
export function parseGraphUrl(graphUrl: string): GraphEndpoint {
  const url = new URL(graphUrl);
  const parts = url.pathname.split("/").filter(Boolean);
  const version = parts.pop() ?? "v1.0";
  const prefix = parts.length > 0 ? `/${parts.join("/")}` : "";
  return { baseUrl: `${url.origin}${prefix}`, version };
}

/** An absolute @odata.nextLink/deltaLink as a path the client accepts on any scheme (trap 2). */
export function relativeLink(link: string, endpoint: GraphEndpoint): string {
  if (!/^https?:\/\//i.test(link)) return link;
  const url = new URL(link);
  const basePath = new URL(endpoint.baseUrl).pathname.replace(/\/+$/, "");
  let path = url.pathname;
  if (basePath && path.startsWith(basePath)) path = path.slice(basePath.length);
  path = path.replace(new RegExp(`^/${endpoint.version}(?=/)`), "");
  return `${path}${url.search}`;
}

/** An OData string literal, quotes doubled and percent-encoded: the client sends query values as given (trap 7). */
export function odataString(value: string): string {
  return encodeURIComponent(`'${value.replaceAll("'", "''")}'`);
}

export class Semaphore {
  #available: number;
  readonly #waiting: (() => void)[] = [];
  constructor(slots: number) {
    this.#available = slots;
  }
  async acquire(): Promise<void> {
    if (this.#available > 0) {
      this.#available--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#available++;
  }
}

const MAILBOX_SLOTS = new Map<string, Semaphore>();

/**
 * The slots of one mailbox, shared by all adapters built for it in this process (the worker may build one for
 * sync and another for drafting), so together they stay within Outlook's 4 concurrent requests.
 */
export function mailboxSlots(mailboxKey: string, slots = 4): Semaphore {
  let semaphore = MAILBOX_SLOTS.get(mailboxKey);
  if (!semaphore) {
    semaphore = new Semaphore(slots);
    MAILBOX_SLOTS.set(mailboxKey, semaphore);
  }
  return semaphore;
}

function setHeader(context: Context, name: string, value: string): void {
  context.options ??= {};
  context.options.headers ??= {};
  const headers = context.options.headers as Record<string, string> | Headers;
  if (headers instanceof Headers) {
    headers.set(name, value);
    return;
  }
  const existing = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  if (existing !== undefined && existing !== name) delete headers[existing];
  headers[name] = value;
}

function getHeader(context: Context, name: string): string | null {
  const headers = context.options?.headers as Record<string, string> | Headers | undefined;
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (headers[key] ?? null);
}

class MailboxAuthMiddleware implements Middleware {
  #next: Middleware | undefined;
  constructor(
    private readonly tokens: AccessTokenSource,
    private readonly slots: Semaphore,
  ) {}
  setNext(next: Middleware): void {
    this.#next = next;
  }
  async execute(context: Context): Promise<void> {
    const prefer = getHeader(context, "Prefer");
    setHeader(context, "Prefer", prefer ? `${prefer}, IdType="ImmutableId"` : 'IdType="ImmutableId"');
    await this.slots.acquire();
    try {
      for (let attempt = 0; ; attempt++) {
        let token: string;
        try {
          token = await this.tokens.getAccessToken(attempt > 0);
        } catch (error) {
          // Anything but a GraphClientError is re-wrapped by the client and loses its type.
          const wrapped = new GraphClientError(error instanceof Error ? error.message : String(error));
          wrapped.customError = classifyGraphError(error);
          throw wrapped;
        }
        setHeader(context, "Authorization", `Bearer ${token}`);
        await this.#next?.execute(context);
        if (context.response?.status !== 401 || attempt > 0) return;
        await context.response.body?.cancel();
      }
    } finally {
      this.slots.release();
    }
  }
}

/** Sits right before the network: counts every attempt and bounds each one in time. */
class AttemptMiddleware implements Middleware {
  #next: Middleware | undefined;
  constructor(
    private readonly stats: RequestStats,
    private readonly timeoutMs: number,
  ) {}
  setNext(next: Middleware): void {
    this.#next = next;
  }
  async execute(context: Context): Promise<void> {
    this.stats.requests++;
    context.options ??= {};
    const timeout = AbortSignal.timeout(this.timeoutMs);
    // The caller's signal (its job was given up) and this attempt's timeout, whichever comes first.
    const caller = context.options.signal ?? null;
    context.options.signal = caller ? AbortSignal.any([caller, timeout]) : timeout;
    try {
      await this.#next?.execute(context);
    } finally {
      // The next attempt (a retry in place) starts from the caller's signal again, with a fresh timeout.
      context.options.signal = caller;
    }
  }
}

export function createGraphClient(
  endpoint: GraphEndpoint,
  tokens: AccessTokenSource,
  options: GraphClientOptions = {},
): { client: Client; stats: RequestStats } {
  const stats: RequestStats = { requests: 0 };
  const client = Client.initWithMiddleware({
    baseUrl: endpoint.baseUrl,
    defaultVersion: endpoint.version,
    middleware: [
      new MailboxAuthMiddleware(tokens, options.slots ?? new Semaphore(options.maxConcurrent ?? 4)),
      new AttemptMiddleware(stats, options.requestTimeoutMs ?? PROVIDER_ATTEMPT_TIMEOUT_MS),
      new HTTPMessageHandler(),
    ],
  });
  return { client, stats };
}
