/**
 * Time comes from here, injected through the context: never call Date.now() deep inside logic. The clock also
 * runs the periodic work that is about the clock's time (renewing a lease before it runs out), so a test that
 * moves a ManualClock sees those renewals happen as its time passes, without waiting on the wall clock.
 */
export interface Clock {
  now(): Date;
  /** Calls `tick` every `ms` of this clock's time until the returned function is called. */
  every(ms: number, tick: () => unknown): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  every(ms, tick) {
    const timer = setInterval(tick, ms);
    timer.unref(); // a renewal never keeps a finished process alive
    return () => clearInterval(timer);
  },
};

interface ManualTimer {
  at: number;
  ms: number;
  tick: () => unknown;
}

/** A clock tests (and `--now`) can set and move. Moving it runs the periodic ticks that fall due on the way. */
export class ManualClock implements Clock {
  #ms: number;
  readonly #timers = new Set<ManualTimer>();
  constructor(start: Date | string) {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  every(ms: number, tick: () => unknown): () => void {
    const timer: ManualTimer = { at: this.#ms + ms, ms, tick };
    this.#timers.add(timer);
    return () => this.#timers.delete(timer);
  }
  set(to: Date | string): Promise<void> {
    return this.advance(new Date(to).getTime() - this.#ms);
  }
  /** Moves time forward; resolves once every tick that fell due on the way has finished, in time order. */
  async advance(ms: number): Promise<void> {
    const target = this.#ms + ms;
    for (;;) {
      const next = [...this.#timers].filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.#ms = Math.max(this.#ms, next.at);
      next.at += next.ms;
      await next.tick();
    }
    this.#ms = target;
  }
}
