/**
 * Which accounts a scheduler tick enqueues. Pure. Ticks come every minute; each account syncs every
 * `intervalMinutes`, on a minute offset of its own (id mod interval) so a large install does not fire every
 * account's sync in the same minute. An account whose weekly digest is due and not yet sent is enqueued at once,
 * so the digest leaves at the account's local time rather than at the next sync slot.
 */
import type { Account } from "../db/schema.js";
import { type DigestSchedule, duePeriod } from "../domain/digest-period.js";

export type TickAccount = Pick<Account, "id" | "status" | "provider" | "time_zone" | "digest_weekday" | "digest_time">;

interface TickPlan {
  sync: number[];
  digest: number[];
}

export function syncSlot(accountId: number, now: Date, intervalMinutes: number): boolean {
  const minute = Math.floor(now.getTime() / 60_000);
  return minute % intervalMinutes === accountId % intervalMinutes;
}

function schedule(account: TickAccount): DigestSchedule {
  return { timeZone: account.time_zone, weekday: account.digest_weekday, time: account.digest_time };
}

/**
 * @param sentPeriods "<account id>:<period start>" of digests already sent (or being sent).
 * @param everyone enqueue every account (the first tick after start-up catches up at once).
 * @param digests plan digest cycles (off in dry runs, where no digest is ever recorded as sent).
 */
export function planTick(
  accounts: readonly TickAccount[],
  sentPeriods: ReadonlySet<string>,
  now: Date,
  intervalMinutes: number,
  everyone = false,
  digests = true,
): TickPlan {
  const plan: TickPlan = { sync: [], digest: [] };
  for (const account of accounts) {
    if (account.provider === "offline") continue;
    // needs_reauth accounts still get their cycle: it is what sends the digest saying so.
    if (account.status !== "active" && account.status !== "needs_reauth") continue;
    const due = digests ? duePeriod(now, schedule(account)) : null;
    if (due && !sentPeriods.has(`${account.id}:${due.periodStart}`)) plan.digest.push(account.id);
    else if (everyone || (account.status === "active" && syncSlot(account.id, now, intervalMinutes))) {
      plan.sync.push(account.id);
    }
  }
  return plan;
}
