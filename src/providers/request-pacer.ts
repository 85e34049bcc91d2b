/**
 * Client-side pacing that follows the provider's quota instead of a fixed guess: a token bucket (Gmail units or
 * Graph requests) whose rate starts at the published per-user rate, climbs additively while the server accepts
 * (+`stepPerSecond` per minute-rate for every second's worth of quota spent), and is cut multiplicatively when
 * the server refuses (429, 403 rate-limit reasons) — at most once per second, since the requests in flight when
 * the limit is hit are all refused together. A refusal's Retry-After pauses every caller, not just the refused
 * one — those already waiting for their turn too, whose turns move back by the pause — and nothing is saved up
 * during it, so the callers held go on at the rate afterwards rather than all at once. The rate never leaves
 * [floor, ceiling]; the ceiling is the operator's (a stricter quota). A cap on requests in flight (held by each
 * until its answer comes) keeps to the provider's per-user concurrency.
 */
import { setTimeout as sleep } from "node:timers/promises";

export interface PacerOptions {
  /** Units (or requests) per minute to start at; Infinity = unpaced. */
  startPerMinute: number;
  /** Never above this (default: the start rate). */
  ceilingPerMinute?: number;
  /** Never below this after back-offs (default: a tenth of the start rate). */
  floorPerMinute?: number;
  /** Per-minute rate added per second's worth of quota spent without a refusal (default 1% of the start). */
  stepPerSecond?: number;
  /** Factor applied on a refusal (default 0.85: a gentle cut, since the server says when to resume). */
  decrease?: number;
  /** Requests in flight at once. */
  concurrency: number;
  now?: () => number;
}

/** Refusals within this long of a cut are the same episode: one cut for them all. */
const EPISODE_MS = 1_000;

export class RequestPacer {
  /** The current rate, per minute. */
  rate: number;
  /** Refusals reported, and how many of them cut the rate. */
  readonly stats = { refusals: 0, cuts: 0, peakRate: 0 };
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  /** How far the pauses have pushed the schedule back, in all. */
  private held = 0;
  private lastCut = Number.NEGATIVE_INFINITY;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly ceiling: number;
  private readonly floor: number;
  private readonly step: number;
  private readonly decrease: number;
  private readonly now: () => number;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.ceiling = options.ceilingPerMinute ?? options.startPerMinute;
    this.rate = Math.min(options.startPerMinute, this.ceiling);
    this.floor = Math.min(this.rate, options.floorPerMinute ?? this.rate / 10);
    this.step = options.stepPerSecond ?? options.startPerMinute / 100;
    this.decrease = options.decrease ?? 0.85;
    this.stats.peakRate = this.rate;
    this.tokens = this.capacity();
    this.last = this.now();
  }

  /** One second's worth: enough to keep the slots busy, small enough never to burst past the server. */
  private capacity(): number {
    return Math.max(10, this.rate / 60);
  }

  /** Waits for a free slot and `units` of quota; returns the release function for the slot. */
  async acquire(units: number, signal?: AbortSignal): Promise<() => void> {
    if (this.inFlight < this.options.concurrency) this.inFlight++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the releaser hands its slot over
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight--;
    };
    try {
      await this.waitForUnits(units, signal);
    } catch (error) {
      release();
      throw error;
    }
    return release;
  }

  private async waitForUnits(units: number, signal?: AbortSignal): Promise<void> {
    // Once the units are taken into debt: when this caller's turn comes, and how far the pauses had pushed the
    // schedule back then (a pause that comes while it waits pushes its turn back as far).
    let turn: { at: number; held: number } | null = null;
    for (;;) {
      const pause = this.pausedUntil - this.now();
      if (pause > 0) {
        await sleep(pause, undefined, { signal });
        continue;
      }
      if (turn) {
        const left = turn.at + (this.held - turn.held) - this.now();
        if (left <= 0) return;
        await sleep(left, undefined, { signal });
        continue;
      }
      if (!Number.isFinite(this.rate)) return;
      const t = this.now();
      const perMs = this.rate / 60_000;
      this.tokens = Math.min(this.capacity(), this.tokens + Math.max(0, t - this.last) * perMs);
      this.last = Math.max(this.last, t);
      // Additive increase: each second's worth of quota spent raises the rate by one step.
      this.rate = Math.min(this.ceiling, this.rate + (this.step * units) / (this.rate / 60));
      this.stats.peakRate = Math.max(this.stats.peakRate, this.rate);
      // Take the units now, even into debt, and wait the debt off: callers are served in arrival order.
      this.tokens -= units;
      if (this.tokens >= 0) return;
      turn = { at: t - this.tokens / perMs, held: this.held };
    }
  }

  /**
   * The server refused a request for its rate: cut the rate (once per episode) and, with a Retry-After, make
   * everyone wait that long (a rate-limit answer applies to the whole account, not to one request).
   */
  refused(retryAfterMs?: number): void {
    this.stats.refusals++;
    const t = this.now();
    if (retryAfterMs !== undefined && t + retryAfterMs > this.pausedUntil) {
      // The schedule moves back by the pause: the callers waiting for their turn keep their order and spacing after
      // it, nothing is saved up meanwhile, and debts are paid off from its end (not all at once when it ends).
      this.held += t + retryAfterMs - Math.max(t, this.pausedUntil);
      this.pausedUntil = t + retryAfterMs;
      this.tokens = Math.min(this.tokens, 0);
      this.last = Math.max(this.last, this.pausedUntil);
    }
    if (!Number.isFinite(this.rate) || t - this.lastCut < EPISODE_MS) return;
    this.lastCut = t;
    this.stats.cuts++;
    this.rate = Math.max(this.floor, this.rate * this.decrease);
    this.tokens = Math.min(this.tokens, 0); // what was saved up belonged to the old rate
  }
}
