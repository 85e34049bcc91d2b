/**
 * One mailbox's Graph access for the adapter's parts: requests with ProviderError classification, bounded
 * retries, link following, and the well-known folder ids resolved once to label parentFolderId values. Calls that
 * are safe to repeat are retried on temporary failures; the others only when the server refused them up front
 * (429, 503). Every call, all attempts and waits included, ends within its budget (domain/time-budget.ts): a
 * Retry-After that does not fit goes back to the caller with the error. Requests carry the session's abort signal
 * (the job's), so a job that was given up stops calling Graph.
 */
import type { Client, GraphRequest } from "@microsoft/microsoft-graph-client";
import { ProviderError } from "../../domain/provider-port.js";
import { type CallBudget, DEFAULT_CALL_BUDGET, retryFits } from "../../domain/time-budget.js";
import { recordProviderRequest } from "../../metrics.js";
import { RequestPacer } from "../request-pacer.js";
import { classifyGraphError } from "./classify-error.js";
import { type GraphEndpoint, type RequestStats, relativeLink } from "./graph-client.js";
import { FOLDER_LABELS, OTHER_FOLDER_LABEL, type WellKnownFolder } from "./map-message.js";

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The whole call, waits included, and one attempt (defaults: DEFAULT_CALL_BUDGET). */
  budget?: CallBudget;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

interface CallOptions {
  prefer?: string[];
  signal?: AbortSignal;
  /** Retry temporary/rate-limited failures (only for calls that are safe to repeat). Default true. */
  retry?: boolean;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Outlook's published limit per app and mailbox: 10,000 requests per 10 minutes. */
export const GRAPH_PUBLISHED_REQUESTS_PER_MINUTE = 1_000;

/** Requests in flight at once per mailbox (Outlook's MailboxConcurrency limit). */
export const GRAPH_CONCURRENT_REQUESTS = 4;

/** Requests per minute for a mailbox: starts at and never exceeds the ceiling, cut on 429, climbs back. */
export function graphPacer(ceilingPerMinute = GRAPH_PUBLISHED_REQUESTS_PER_MINUTE): RequestPacer {
  return new RequestPacer({
    startPerMinute: ceilingPerMinute,
    ceilingPerMinute,
    stepPerSecond: ceilingPerMinute / 50,
    // Outlook's 4 requests at once per mailbox: a request holds its slot until answered, so one that waits for its
    // slot meets a Retry-After that came meanwhile instead of going out past it (graph-client.ts keeps the same 4
    // across the adapters of one mailbox).
    concurrency: GRAPH_CONCURRENT_REQUESTS,
  });
}

export class GraphSession {
  #folderLabels: Promise<Map<string, string>> | null = null;

  constructor(
    readonly client: Client,
    readonly endpoint: GraphEndpoint,
    readonly stats: RequestStats,
    readonly retry: RetryPolicy = DEFAULT_RETRY,
    /** The job's signal: every request of this session stops when it aborts. */
    readonly signal: AbortSignal | null = null,
    readonly pacer: RequestPacer = graphPacer(),
  ) {}

  /** Builds a request for a path or an absolute next/delta link. */
  request(pathOrLink: string, prefer: string[] = [], signal: AbortSignal | null = null): GraphRequest {
    const request = this.client.api(relativeLink(pathOrLink, this.endpoint));
    if (prefer.length > 0) request.header("Prefer", prefer.join(", "));
    if (signal) request.option("signal", signal);
    return request;
  }

  async call<T>(run: (request: GraphRequest) => Promise<T>, pathOrLink: string, options: CallOptions = {}): Promise<T> {
    const started = performance.now();
    const budget = this.retry.budget ?? DEFAULT_CALL_BUDGET;
    const signals = [this.signal, options.signal].filter((s): s is AbortSignal => !!s);
    const signal = signals.length > 0 ? AbortSignal.any(signals) : null;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const release = await this.pacer.acquire(1, signal ?? undefined);
      let error: ProviderError | null = null;
      try {
        const result = await run(this.request(pathOrLink, options.prefer, signal));
        recordProviderRequest("outlook", 200);
        return result;
      } catch (raw) {
        if (signal?.aborted) throw signal.reason;
        error = classifyGraphError(raw);
        recordProviderRequest("outlook", error.details.status ?? 0);
      } finally {
        // A refusal is reported below, before the next request can have this slot: that one waits it out.
        if (error === null) release();
      }
      const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      const wait = error.retryAfterMs ?? backoff * (0.5 + Math.random() / 2);
      const fits = retryFits(started, performance.now(), wait, budget);
      // A 429 slows the whole mailbox down; its Retry-After, when it fits, makes every request wait.
      if (error.details.status === 429) this.pacer.refused(fits ? error.retryAfterMs : undefined);
      release();
      if (!this.#retryable(error, options.retry !== false) || attempt >= this.retry.attempts || !fits) throw error;
      await sleep(wait, signal ?? undefined);
    }
  }

  /** Temporary failures of a repeatable call; for the others only a refusal up front (nothing was done). */
  #retryable(error: ProviderError, repeatable: boolean): boolean {
    if (error.code !== "temporary" && error.code !== "rate-limited") return false;
    return repeatable || error.details.status === 429 || error.details.status === 503;
  }

  get<T>(pathOrLink: string, options: CallOptions = {}): Promise<T> {
    return this.call((r) => r.get() as Promise<T>, pathOrLink, options);
  }

  post<T>(path: string, body: unknown, options: CallOptions = {}): Promise<T> {
    return this.call((r) => r.post(body) as Promise<T>, path, { retry: false, ...options });
  }

  patch<T>(path: string, body: unknown, options: CallOptions = {}): Promise<T> {
    return this.call((r) => r.patch(body) as Promise<T>, path, options);
  }

  /** Label for a parentFolderId; the well-known folders are looked up once per session. */
  async labelOf(parentFolderId: string | null | undefined): Promise<string> {
    if (!parentFolderId) return OTHER_FOLDER_LABEL;
    this.#folderLabels ??= this.#resolveFolders().catch((error: unknown) => {
      this.#folderLabels = null;
      throw error;
    });
    return (await this.#folderLabels).get(parentFolderId) ?? OTHER_FOLDER_LABEL;
  }

  async #resolveFolders(): Promise<Map<string, string>> {
    const labels = new Map<string, string>();
    await Promise.all(
      (Object.keys(FOLDER_LABELS) as WellKnownFolder[]).map(async (name) => {
        try {
          const folder = await this.get<{ id?: string }>(`/me/mailFolders/${name}?$select=id`);
          if (folder.id) labels.set(folder.id, FOLDER_LABELS[name]);
        } catch (error) {
          // A mailbox without an Archive (or Junk) folder answers 404: nothing to label.
          if (!(error instanceof ProviderError && error.code === "not-found")) throw error;
        }
      }),
    );
    return labels;
  }
}
