/**
 * Every Google API call of the adapter goes through `GoogleCaller.call`: quota pacing, classification into
 * ProviderError, and the one retry policy (exponential back-off with full jitter, Retry-After honoured, POSTs
 * retried too since gaxios is told not to retry anything). A mutation whose outcome is unknown (connection cut,
 * 500) is only retried after `recover` confirmed it did not take effect: no second draft, no second digest.
 * One call, every attempt and wait included, ends within its budget (domain/time-budget.ts), below the lease of
 * any claim it works under: a wait that would not fit (a long Retry-After) is not waited out here, the error goes
 * to the caller with its retryAfterMs, and the job backs off instead.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { OAuth2Client } from "google-auth-library";
import type { ProviderError } from "../../domain/provider-port.js";
import { DEFAULT_CALL_BUDGET, retryFits } from "../../domain/time-budget.js";
import { recordProviderRequest } from "../../metrics.js";
import { type PacerOptions, RequestPacer } from "../request-pacer.js";
import { classifyGoogleError } from "./classify-error.js";

export interface RetryPolicy {
  /** Attempts per call, first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The whole call, waits included; defaults to DEFAULT_CALL_BUDGET.budgetMs. */
  budgetMs?: number;
  /** One attempt (the HTTP client's timeout); defaults to DEFAULT_CALL_BUDGET.attemptTimeoutMs. */
  attemptTimeoutMs?: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 10, baseDelayMs: 250, maxDelayMs: 8_000 };

interface CallerOptions {
  oauth: OAuth2Client;
  /** Quota pacing: the start rate, ceiling and concurrency (units per minute). */
  pacing: PacerOptions;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  random?: () => number;
  now?: () => number;
}

interface CallOptions<T> {
  /** Quota units of the method (for pacing and the cost report). */
  units: number;
  /** Safe to repeat blindly (reads, PUT, DELETE). */
  idempotent: boolean;
  /** For a mutation with an unknown outcome: look whether it happened; a value means it did. */
  recover?: () => Promise<T | undefined>;
  /** Stops waiting (for quota or a retry) when the work this call is for has been given up. */
  signal?: AbortSignal;
}

export class GoogleCaller {
  /** Quota units of the calls that succeeded. */
  unitsSpent = 0;
  retries = 0;
  readonly pacer: RequestPacer;
  private readonly retry: RetryPolicy;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: CallerOptions) {
    this.pacer = new RequestPacer(options.pacing);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** The budget one call (all its attempts) must end within. */
  get budget() {
    return {
      budgetMs: this.retry.budgetMs ?? DEFAULT_CALL_BUDGET.budgetMs,
      attemptTimeoutMs: this.retry.attemptTimeoutMs ?? DEFAULT_CALL_BUDGET.attemptTimeoutMs,
    };
  }

  async call<T>(run: () => Promise<T>, options: CallOptions<T>): Promise<T> {
    let refreshedAfter401 = false;
    const started = this.now();
    const signals = [this.options.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
    for (let attempt = 1; ; attempt++) {
      signal?.throwIfAborted();
      const release = await this.pacer.acquire(options.units, signal);
      let error: ProviderError;
      try {
        const result = await run();
        this.unitsSpent += options.units;
        recordProviderRequest("gmail", 200);
        return result;
      } catch (raw) {
        error = classifyGoogleError(raw, this.now());
        recordProviderRequest("gmail", error.details.status ?? 0);
      } finally {
        release();
      }
      if (error.code === "auth" && error.details.status === 401 && !refreshedAfter401) {
        // google-auth-library does not refresh after a 401 while it believes the token is fresh (revoked,
        // clock skew); expire it locally so the next attempt refreshes. Not forceRefreshOnFailure: that also
        // fires on every 403 rate-limit answer.
        refreshedAfter401 = true;
        this.options.oauth.credentials = { ...this.options.oauth.credentials, expiry_date: 1 };
        continue;
      }
      const delay = error.retryAfterMs ?? this.backoff(attempt);
      const fits = retryFits(started, this.now(), delay, this.budget);
      // A refusal for rate slows the whole account down; its Retry-After, when it fits, makes everyone wait.
      // Without one, only this call backs off and the others go on at the lowered rate.
      if (error.code === "rate-limited") this.pacer.refused(fits ? error.retryAfterMs : undefined);
      if (!isRetryable(error) || attempt >= this.retry.maxAttempts || signal?.aborted || !fits) throw error;
      this.retries++;
      await sleep(delay, undefined, { signal });
      if (!options.idempotent && outcomeUnknown(error) && options.recover) {
        const happened = await options.recover();
        if (happened !== undefined) return happened;
      }
    }
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}

function isRetryable(error: ProviderError): boolean {
  return error.code === "temporary" || error.code === "rate-limited";
}

/** No answer, or a server error that may come after the work was done (429/503 are refusals up front). */
function outcomeUnknown(error: ProviderError): boolean {
  const status = error.details.status;
  return status === undefined || (status >= 500 && status !== 503);
}
