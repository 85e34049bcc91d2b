/**
 * Per-user quota of the fake, charged with Gmail's published per-method costs. A token bucket that refills at
 * `unitsPerMinute / 60` per second and holds at most `burstUnits` (default: one minute's worth, like a
 * per-minute window). A request that does not fit is refused with Google's rate-limit error.
 */

/** Published Gmail API quota units per method (developers.google.com/gmail/api/reference/quota). */
const GMAIL_METHOD_COSTS = {
  "users.getProfile": 1,
  "users.labels.list": 1,
  "users.labels.get": 1,
  "users.messages.list": 5,
  "users.messages.get": 5,
  "users.messages.send": 100,
  "users.messages.trash": 5,
  "users.messages.delete": 10,
  "users.threads.get": 10,
  "users.threads.list": 10,
  "users.history.list": 2,
  "users.drafts.create": 10,
  "users.drafts.get": 5,
  "users.drafts.list": 5,
  "users.drafts.update": 15,
  "users.drafts.delete": 10,
  "users.drafts.send": 100,
  "users.settings.sendAs.list": 1,
  "users.settings.sendAs.get": 1,
} as const;
export type GmailMethod = keyof typeof GMAIL_METHOD_COSTS;

export interface QuotaOptions {
  /** Gmail units per user per minute; Infinity disables the limit. Default 15,000. */
  unitsPerMinute?: number;
  burstUnits?: number;
  /** Calendar requests per user per minute. Default 600. */
  calendarRequestsPerMinute?: number;
  /** How a refusal looks: 429 RESOURCE_EXHAUSTED or 403 userRateLimitExceeded. Default 429. */
  refusalStatus?: 403 | 429;
  /** Send Retry-After on refusals (real Gmail usually does not). Default true. */
  retryAfter?: boolean;
}

class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.last = this.now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.perSecond);
    this.last = t;
  }

  /** Takes `cost` if available; otherwise returns the seconds until it would be. */
  take(cost: number): { ok: true } | { ok: false; waitSeconds: number } {
    if (!Number.isFinite(this.perSecond)) return { ok: true };
    this.refill();
    if (this.tokens >= cost) {
      this.tokens -= cost;
      return { ok: true };
    }
    return { ok: false, waitSeconds: (cost - this.tokens) / this.perSecond };
  }
}

interface QuotaUsage {
  unitsCharged: number;
  refusals: number;
  calls: Partial<Record<GmailMethod | "calendar", number>>;
}

export class UserQuota {
  readonly usage: QuotaUsage = { unitsCharged: 0, refusals: 0, calls: {} };
  private gmail: TokenBucket;
  private readonly calendar: TokenBucket;

  constructor(options: QuotaOptions = {}) {
    const perMinute = options.unitsPerMinute ?? 15_000;
    this.gmail = new TokenBucket(perMinute / 60, options.burstUnits ?? perMinute);
    const calendarPerMinute = options.calendarRequestsPerMinute ?? 600;
    this.calendar = new TokenBucket(calendarPerMinute / 60, calendarPerMinute);
  }

  /** Changes the Gmail rate from now on (a quota raised or lowered while a client runs). */
  setUnitsPerMinute(perMinute: number, burstUnits = perMinute): void {
    this.gmail = new TokenBucket(perMinute / 60, burstUnits);
  }

  charge(method: GmailMethod | "calendar"): { ok: true } | { ok: false; waitSeconds: number } {
    const cost = method === "calendar" ? 1 : GMAIL_METHOD_COSTS[method];
    const result = (method === "calendar" ? this.calendar : this.gmail).take(cost);
    if (result.ok) {
      if (method !== "calendar") this.usage.unitsCharged += cost;
      this.usage.calls[method] = (this.usage.calls[method] ?? 0) + 1;
    } else {
      this.usage.refusals++;
    }
    return result;
  }
}
