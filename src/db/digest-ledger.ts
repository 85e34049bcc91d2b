/**
 * Exactly one digest per account per period. A sender claims the (account, period) row with a lease before
 * sending, and renews it while it works (db/lease.ts); a crashed sender's claim can be taken over once its lease ran
 * out; "sent" is final. Transitions are compare-and-set on (state, attempts), so two replicas can never both own a
 * period.
 */
import type { Kysely } from "kysely";
import { CLAIM_LEASE_MS } from "../domain/time-budget.js";
import type { Database, Digest } from "./schema.js";

/** How long a claim stays its sender's after the sender last renewed it; only a dead or stalled sender loses it. */
export const DIGEST_LEASE_MS = CLAIM_LEASE_MS;
export const MAX_DIGEST_ATTEMPTS = 5;
/** After MAX_DIGEST_ATTEMPTS, a failed digest is tried again once an hour (its week is not given up). */
export const DIGEST_RETRY_AFTER_MAX_MS = 3_600_000;

type DigestClaim =
  /**
   * takenOver: the earlier attempt this claim follows (a crashed sender's, or one that failed, maybe after the
   * provider had sent it and only the answer was lost): the caller checks whether it was delivered before sending.
   */
  { owned: true; row: Digest; takenOver: Digest | null } | { owned: false; state: "sent" | "claimed" | "failed" };

export async function claimDigest(
  db: Kysely<Database>,
  accountId: number,
  periodStart: string,
  now: Date,
): Promise<DigestClaim> {
  const expires = new Date(now.getTime() + DIGEST_LEASE_MS);
  const fresh = await db
    .insertInto("digests")
    .values({
      account_id: accountId,
      period_start: periodStart,
      claimed_at: now,
      claim_expires_at: expires,
      attempts: 1,
    })
    .onConflict((oc) => oc.columns(["account_id", "period_start"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (fresh) return { owned: true, row: fresh, takenOver: null };
  const seen = await db
    .selectFrom("digests")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("period_start", "=", periodStart)
    .executeTakeFirstOrThrow();
  const expired = seen.state === "claimed" && (seen.claim_expires_at?.getTime() ?? 0) <= now.getTime();
  const retryable =
    seen.state === "failed" &&
    (seen.attempts < MAX_DIGEST_ATTEMPTS || seen.claimed_at.getTime() <= now.getTime() - DIGEST_RETRY_AFTER_MAX_MS);
  if (!(expired || retryable)) return { owned: false, state: seen.state };
  const row = await db
    .updateTable("digests")
    .set((eb) => ({
      state: "claimed",
      claimed_at: now,
      claim_expires_at: expires,
      attempts: eb("attempts", "+", 1),
      last_error: null,
    }))
    .where("account_id", "=", accountId)
    .where("period_start", "=", periodStart)
    .where("state", "=", seen.state)
    .where("attempts", "=", seen.attempts)
    .returningAll()
    .executeTakeFirst();
  return row ? { owned: true, row, takenOver: seen } : { owned: false, state: "claimed" };
}

/** Extends a claim its sender is still working on; false once another sender took it over. */
export async function renewDigestClaim(db: Kysely<Database>, row: Digest, now: Date): Promise<boolean> {
  const renewed = await db
    .updateTable("digests")
    .set({ claim_expires_at: new Date(now.getTime() + DIGEST_LEASE_MS) })
    .where("account_id", "=", row.account_id)
    .where("period_start", "=", row.period_start)
    .where("state", "=", "claimed")
    .where("attempts", "=", row.attempts)
    .returning("account_id")
    .executeTakeFirst();
  if (renewed) return true;
  const current = await db
    .selectFrom("digests")
    .select("attempts")
    .where("account_id", "=", row.account_id)
    .where("period_start", "=", row.period_start)
    .executeTakeFirst();
  return current?.attempts === row.attempts;
}

export async function markDigestSent(db: Kysely<Database>, row: Digest, now: Date): Promise<boolean> {
  const done = await db
    .updateTable("digests")
    .set({ state: "sent", sent_at: now, claim_expires_at: null })
    .where("account_id", "=", row.account_id)
    .where("period_start", "=", row.period_start)
    .where("state", "=", "claimed")
    .where("attempts", "=", row.attempts)
    .returning("account_id")
    .executeTakeFirst();
  return done !== undefined;
}

export async function markDigestFailed(db: Kysely<Database>, row: Digest, error: string): Promise<void> {
  await db
    .updateTable("digests")
    .set({ state: "failed", last_error: error.slice(0, 500), claim_expires_at: null })
    .where("account_id", "=", row.account_id)
    .where("period_start", "=", row.period_start)
    .where("state", "=", "claimed")
    .where("attempts", "=", row.attempts)
    .execute();
}

/**
 * Whether a crashed sender's digest reached the mailbox anyway: a message from the owner to the owner alone, sent
 * within that claim's lease, found by the mail sync. Then it is recorded as sent instead of being sent again.
 */
export async function wasDelivered(
  db: Kysely<Database>,
  accountId: number,
  owner: string,
  crashed: Digest,
): Promise<boolean> {
  const from = crashed.claimed_at;
  const to = crashed.claim_expires_at ?? new Date(from.getTime() + DIGEST_LEASE_MS);
  const rows = await db
    .selectFrom("messages")
    .select(["to_addresses"])
    .where("account_id", "=", accountId)
    .where("from_address", "=", owner)
    .where("sent_at", ">=", new Date(from.getTime() - 60_000))
    .where("sent_at", "<=", to)
    .execute();
  return rows.some((r) => r.to_addresses.length === 1 && r.to_addresses[0]?.address === owner);
}
