/**
 * How long work may hold what it claimed, and how long one provider call may take: the numbers that keep the
 * exactly-once ledgers honest when a provider is slow. A claim (a draft being written, a digest being sent) lives
 * for CLAIM_LEASE_MS after its holder last renewed it, and a live holder renews it every RENEW_EVERY_MS. One provider
 * operation, every retry and back-off included, ends within PROVIDER_CALL_BUDGET_MS, so even a holder that can no
 * longer renew (its database went away) is done with the provider before its claim can be taken over:
 *
 *   RENEW_EVERY_MS + PROVIDER_CALL_BUDGET_MS < CLAIM_LEASE_MS
 *
 * A provider that asks us to wait longer than the budget allows (Retry-After) gets its answer at the job level:
 * the call fails as rate-limited and the sync policy backs the account off.
 */

export const CLAIM_LEASE_MS = 60_000;
export const RENEW_EVERY_MS = 15_000;
/** One provider operation, all attempts and waits included. */
export const PROVIDER_CALL_BUDGET_MS = 30_000;
/** One HTTP attempt. */
export const PROVIDER_ATTEMPT_TIMEOUT_MS = 15_000;

export interface CallBudget {
  /** The whole operation. */
  budgetMs: number;
  /** One attempt at most. */
  attemptTimeoutMs: number;
}

export const DEFAULT_CALL_BUDGET: CallBudget = {
  budgetMs: PROVIDER_CALL_BUDGET_MS,
  attemptTimeoutMs: PROVIDER_ATTEMPT_TIMEOUT_MS,
};

/** Whether waiting `waitMs` and then one more attempt still ends within the budget of a call begun at `startedMs`. */
export function retryFits(startedMs: number, nowMs: number, waitMs: number, budget = DEFAULT_CALL_BUDGET): boolean {
  return nowMs - startedMs + waitMs + budget.attemptTimeoutMs <= budget.budgetMs;
}
