/**
 * Keeps a claim alive while its holder works: the claim's lease is renewed every RENEW_EVERY_MS of the context's
 * clock, so a slow provider call never lets another run take the claim over while its holder is alive. When a
 * renewal finds the claim taken over, or renewals have failed for so long that the lease may have run out before the
 * work could end (the database went away), `onLost` is called once: the holder must stop calling the provider.
 */
import type { Clock } from "../clock.js";
import { CLAIM_LEASE_MS, PROVIDER_CALL_BUDGET_MS, RENEW_EVERY_MS } from "../domain/time-budget.js";

/** Renews the claim at `now`; false when it is no longer this holder's (taken over). */
export type Renewal = (now: Date) => Promise<boolean>;

export async function whileHeld<T>(
  clock: Clock,
  renew: Renewal,
  onLost: (why: string) => void,
  work: () => Promise<T>,
): Promise<T> {
  let confirmed = clock.now().getTime();
  let lost = false;
  const lose = (why: string) => {
    if (lost) return;
    lost = true;
    onLost(why);
  };
  const stop = clock.every(RENEW_EVERY_MS, async () => {
    if (lost) return;
    const now = clock.now();
    try {
      if (await renew(now)) confirmed = now.getTime();
      else lose("the claim was taken over by another run");
    } catch {
      // Unknown whether it was renewed: give up only once the lease may end before a provider call could.
      if (now.getTime() - confirmed + RENEW_EVERY_MS + PROVIDER_CALL_BUDGET_MS >= CLAIM_LEASE_MS) {
        lose("the claim could not be renewed");
      }
    }
  });
  try {
    return await work();
  } finally {
    stop();
  }
}
