/**
 * The weekly digest: once per account per local week, at the account's own weekday and time, to the account owner
 * only. Safe to call on every cycle: it says "not-due" until the send time, then claims the period, sends, and
 * records it; "already-sent" afterwards.
 */
import type { AppContext } from "../context.js";
import { loadDigestData } from "../db/digest-data.js";
import { claimDigest, markDigestFailed, markDigestSent, renewDigestClaim, wasDelivered } from "../db/digest-ledger.js";
import { whileHeld } from "../db/lease.js";
import type { Account } from "../db/schema.js";
import { type DigestSchedule, duePeriod } from "../domain/digest-period.js";
import { recordDigest } from "../metrics.js";
import { loadTemplates } from "../templates/catalog.js";
import { renderDigest } from "../templates/digest.js";

type DigestResult = "sent" | "not-due" | "already-sent" | "in-progress" | "dry-run" | "recovered" | "failed";

function digestSchedule(account: Pick<Account, "time_zone" | "digest_weekday" | "digest_time">): DigestSchedule {
  return { timeZone: account.time_zone, weekday: account.digest_weekday, time: account.digest_time };
}

/**
 * @param sentThrough the start of the latest week whose digest the caller knows was sent (the cycle reads it with the
 *   account): a week up to it is "already-sent" without a query.
 */
export async function sendDigestIfDue(
  ctx: AppContext,
  account: Account,
  sentThrough: string | null = null,
): Promise<DigestResult> {
  const now = ctx.clock.now();
  const due = duePeriod(now, digestSchedule(account));
  if (!due) return "not-due";
  if (sentThrough !== null && due.periodStart <= sentThrough) return "already-sent";
  const log = ctx.log.child({ account: account.id, period: due.periodStart });
  if (ctx.config.dryRun) {
    const sent = await ctx.db
      .selectFrom("digests")
      .select("state")
      .where("account_id", "=", account.id)
      .where("period_start", "=", due.periodStart)
      .executeTakeFirst();
    if (sent?.state === "sent") return "already-sent";
    log.debug("dry run: the weekly digest would be sent now");
    recordDigest("skipped");
    return "dry-run";
  }
  const claim = await claimDigest(ctx.db, account.id, due.periodStart, now);
  if (!claim.owned)
    return claim.state === "sent" ? "already-sent" : claim.state === "claimed" ? "in-progress" : "failed";
  if (claim.takenOver && (await wasDelivered(ctx.db, account.id, account.address, claim.takenOver))) {
    await markDigestSent(ctx.db, claim.row, ctx.clock.now());
    recordDigest("sent");
    log.info("digest from an interrupted run had been delivered; recorded it");
    return "recovered";
  }
  try {
    const lost = new AbortController();
    const provider = ctx.providers(account, AbortSignal.any([ctx.signal, lost.signal]));
    const renew = (at: Date) => renewDigestClaim(ctx.db, claim.row, at);
    await whileHeld(
      ctx.clock,
      renew,
      (why) => lost.abort(new Error(`digest claim lost: ${why}`)),
      async () => {
        const message = renderDigest(loadTemplates(ctx.config), await loadDigestData(ctx.db, account, now));
        await provider.sendToSelf({ subject: message.subject, text: message.text, html: message.html });
      },
    );
  } catch (error) {
    const reason = (error as Error).message?.split("\n")[0] ?? String(error);
    await markDigestFailed(ctx.db, claim.row, reason);
    recordDigest("failed");
    log.warn({ reason }, "digest not sent");
    throw error;
  }
  if (!(await markDigestSent(ctx.db, claim.row, ctx.clock.now()))) {
    log.warn("digest sent after its claim was taken over");
  }
  recordDigest("sent");
  log.info("weekly digest sent");
  return "sent";
}
