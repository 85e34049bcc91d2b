/**
 * One mailbox's Graph access for the adapter's parts: requests with ProviderError classification, bounded
 * retries of idempotent calls (on top of the SDK's in-place 429/503/504 retries), link following, and the
 * well-known folder ids resolved once to label parentFolderId values.
 */
import type { Client, GraphRequest } from "@microsoft/microsoft-graph-client";
import { ProviderError } from "../../domain/provider-port.js";
import { recordProviderRequest } from "../../metrics.js";
import { classifyGraphError } from "./classify-error.js";
import { type GraphEndpoint, type RequestStats, relativeLink } from "./graph-client.js";
import { FOLDER_LABELS, OTHER_FOLDER_LABEL, type WellKnownFolder } from "./map-message.js";

export interface RetryPolicy {
  /** Attempts per call, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited out here: the error goes to the caller. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
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

export class GraphSession {
  #folderLabels: Promise<Map<string, string>> | null = null;

  constructor(
    readonly client: Client,
    readonly endpoint: GraphEndpoint,
    readonly stats: RequestStats,
    readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** Builds a request for a path or an absolute next/delta link. */
  request(pathOrLink: string, prefer: string[] = []): GraphRequest {
    const request = this.client.api(relativeLink(pathOrLink, this.endpoint));
    if (prefer.length > 0) request.header("Prefer", prefer.join(", "));
    return request;
  }

  async call<T>(run: (request: GraphRequest) => Promise<T>, pathOrLink: string, options: CallOptions = {}): Promise<T> {
    const attempts = options.retry === false ? 1 : this.retry.attempts;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await run(this.request(pathOrLink, options.prefer));
        recordProviderRequest("outlook", 200);
        return result;
      } catch (raw) {
        if (options.signal?.aborted) throw options.signal.reason;
        const error = classifyGraphError(raw);
        recordProviderRequest("outlook", error.details.status ?? 0);
        const retryable = error.code === "temporary" || error.code === "rate-limited";
        if (!retryable || attempt >= attempts) throw error;
        const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        const wait = error.retryAfterMs ?? backoff * (0.5 + Math.random() / 2);
        if (wait > this.retry.maxRetryAfterMs) throw error;
        await sleep(wait, options.signal);
      }
    }
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
