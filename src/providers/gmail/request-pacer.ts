/**
 * Client-side quota pacing: a token bucket in Gmail units (so a backfill runs at the quota rate instead of
 * bouncing off 429s), a cap on requests in flight, and a shared pause that a rate-limit answer imposes on
 * every caller, not just the one that got it.
 */
import { setTimeout as sleep } from "node:timers/promises";

interface PacerOptions {
  /** Units per minute to stay under; Infinity = unpaced. */
  unitsPerMinute: number;
  /** Requests in flight at once. */
  concurrency: number;
  now?: () => number;
}

export class RequestPacer {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly perMs: number;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? (() => performance.now());
    this.perMs = options.unitsPerMinute / 60_000;
    // One second's worth: enough to keep `concurrency` requests busy, small enough never to burst past the server.
    this.capacity = Math.max(10, options.unitsPerMinute / 60);
    this.tokens = this.capacity;
    this.last = this.now();
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
    for (;;) {
      const pause = this.pausedUntil - this.now();
      if (pause > 0) {
        await sleep(pause, undefined, { signal });
        continue;
      }
      if (!Number.isFinite(this.perMs)) return;
      const t = this.now();
      this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) * this.perMs);
      this.last = t;
      // Take the units now, even into debt, and wait the debt off: callers are served in arrival order.
      this.tokens -= units;
      if (this.tokens >= 0) return;
      await sleep(-this.tokens / this.perMs, undefined, { signal });
      return;
    }
  }

  /** Everyone waits `ms` (a rate-limit answer applies to the whole account, not to one request). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
  }
}
