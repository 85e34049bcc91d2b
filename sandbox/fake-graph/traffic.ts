/**
 * What stands between a request and the mailbox: a request budget per time window and a concurrency cap
 * (Outlook allows 4 concurrent requests per app and mailbox), both answered with 429 + Retry-After, and
 * seeded fault injection (5xx, throttling, dropped connections, replayed delta pages).
 */
import { createRandom, type Random } from "../random.js";

export interface FakeBudget {
  /** Requests allowed per window. */
  requests: number;
  windowMs: number;
}

type FaultKind = "500" | "502" | "503" | "504" | "429" | "reset";

export interface FakeFaults {
  /** Probability (0..1) that a Graph request fails before it is handled. */
  rate: number;
  seed?: string | number;
  kinds?: FaultKind[];
  /** Probability that a delta page replays the previous page's items as well (duplicates). */
  replayRate?: number;
}

interface TrafficOptions {
  budget?: FakeBudget | null;
  faults?: FakeFaults | null;
  /** Concurrent requests allowed per mailbox; Outlook's limit is 4. */
  maxConcurrent?: number;
  /** Value of Retry-After (seconds, may be fractional for fast tests). Graph sends whole seconds. */
  retryAfterSeconds?: number;
}

type Verdict =
  | { kind: "ok" }
  | { kind: "throttle"; reason: "budget" | "concurrency"; retryAfterSeconds: number }
  | { kind: "fault"; fault: FaultKind; retryAfterSeconds: number };

interface TrafficStats {
  requests: number;
  throttled: number;
  faults: number;
  inFlight: number;
  maxInFlight: number;
  byRoute: Record<string, number>;
}

const DEFAULT_KINDS: FaultKind[] = ["500", "503", "504", "429", "reset"];

export class TrafficControl {
  budget: FakeBudget | null;
  faults: FakeFaults | null;
  maxConcurrent: number;
  retryAfterSeconds: number;
  readonly stats: TrafficStats = { requests: 0, throttled: 0, faults: 0, inFlight: 0, maxInFlight: 0, byRoute: {} };
  #random: Random;
  #windowStart = 0;
  #windowCount = 0;

  constructor(options: TrafficOptions) {
    this.budget = options.budget ?? null;
    this.faults = options.faults ?? null;
    this.maxConcurrent = options.maxConcurrent ?? 4;
    this.retryAfterSeconds = options.retryAfterSeconds ?? 1;
    this.#random = createRandom(options.faults?.seed ?? "fake-graph-faults");
  }

  setFaults(faults: FakeFaults | null): void {
    this.faults = faults;
    this.#random = createRandom(faults?.seed ?? "fake-graph-faults");
  }

  /** Called when a Graph request arrives; pair an "ok" verdict with release(). */
  admit(route: string, now = Date.now()): Verdict {
    this.stats.requests++;
    this.stats.byRoute[route] = (this.stats.byRoute[route] ?? 0) + 1;
    if (this.stats.inFlight >= this.maxConcurrent) {
      this.stats.throttled++;
      return { kind: "throttle", reason: "concurrency", retryAfterSeconds: this.retryAfterSeconds };
    }
    if (this.budget) {
      if (now - this.#windowStart >= this.budget.windowMs) {
        this.#windowStart = now;
        this.#windowCount = 0;
      }
      if (this.#windowCount >= this.budget.requests) {
        this.stats.throttled++;
        const waitMs = this.#windowStart + this.budget.windowMs - now;
        return {
          kind: "throttle",
          reason: "budget",
          retryAfterSeconds: Math.max(this.retryAfterSeconds, waitMs / 1000),
        };
      }
      this.#windowCount++;
    }
    if (this.faults && this.#random.chance(this.faults.rate)) {
      this.stats.faults++;
      const fault = this.#random.pick(this.faults.kinds ?? DEFAULT_KINDS);
      return { kind: "fault", fault, retryAfterSeconds: this.retryAfterSeconds };
    }
    this.stats.inFlight++;
    this.stats.maxInFlight = Math.max(this.stats.maxInFlight, this.stats.inFlight);
    return { kind: "ok" };
  }

  release(): void {
    this.stats.inFlight--;
  }

  shouldReplay(): boolean {
    return this.faults?.replayRate !== undefined && this.#random.chance(this.faults.replayRate);
  }
}
