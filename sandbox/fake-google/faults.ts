/**
 * Fault injection for the fake: a configurable share of requests answered with 429/500/503, slowed down, or
 * cut off. A dropped mutation (POST/PUT/DELETE) is processed first and then cut off, the ambiguous case a
 * client must survive without creating a second draft or sending twice.
 */
import { createRandom, type Random } from "../random.js";
import type { GoogleErrorSpec } from "./http-util.js";

export interface FaultOptions {
  /** Share of API requests (0..1) answered with an error: 429, 500 and 503 in equal parts. */
  errorRate?: number;
  /** Share of API requests whose connection is dropped without an answer. */
  dropRate?: number;
  /** Share of API requests delayed by `slowMs`. */
  slowRate?: number;
  slowMs?: number;
  /** Retry-After seconds sent with injected 429/503 (omitted when undefined). */
  retryAfterSeconds?: number;
  seed?: string | number;
}

type FaultDecision =
  | { kind: "none"; delayMs: number }
  | { kind: "error"; delayMs: number; error: GoogleErrorSpec }
  | { kind: "drop"; delayMs: number };

const INJECTED: readonly GoogleErrorSpec[] = [
  {
    status: 429,
    reason: "rateLimitExceeded",
    message: "Too many concurrent requests for user.",
    statusText: "RESOURCE_EXHAUSTED",
  },
  { status: 500, reason: "backendError", message: "Internal error encountered.", statusText: "INTERNAL" },
  { status: 503, reason: "backendError", message: "The service is currently unavailable.", statusText: "UNAVAILABLE" },
];

export class FaultInjector {
  private random: Random;
  constructor(private options: FaultOptions = {}) {
    this.random = createRandom(options.seed ?? "faults");
  }

  configure(options: FaultOptions): void {
    this.options = options;
    this.random = createRandom(options.seed ?? "faults");
  }

  decide(): FaultDecision {
    const o = this.options;
    const delayMs = o.slowRate && this.random.chance(o.slowRate) ? (o.slowMs ?? 200) : 0;
    if (o.dropRate && this.random.chance(o.dropRate)) return { kind: "drop", delayMs };
    if (o.errorRate && this.random.chance(o.errorRate)) {
      const error = { ...this.random.pick(INJECTED) };
      if (error.status !== 500 && o.retryAfterSeconds !== undefined) error.retryAfterSeconds = o.retryAfterSeconds;
      return { kind: "error", delayMs, error };
    }
    return { kind: "none", delayMs };
  }
}
