/**
 * The one place that decides what a provider failure means for an account's sync: retry later with back-off,
 * honour Retry-After, resync from scratch, or mark the account as needing re-authorisation.
 */

import type { AppContext } from "../context.js";
import { setAccountStatus } from "../db/accounts.js";
import type { SyncState } from "../db/schema.js";
import { resetForResync } from "../db/sync-cursor.js";
import { ProviderError } from "../domain/provider-port.js";

export type Resource = "mail" | "calendar";

const BASE_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** Back-off after `failures` consecutive failures: 1 min × 2^(failures−1), capped at 6 h, with ±20% jitter. */
function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Both resources' sync state (the rows are created on an account's first cycle): what a cycle reads before it syncs.
 * `known`: the rows the cycle already read with its account (db/accounts.ts getCycleAccount); read again only when
 * one is missing.
 */
export async function loadSyncStates(
  ctx: AppContext,
  accountId: number,
  known?: readonly SyncState[],
): Promise<Map<Resource, SyncState>> {
  const read = () => ctx.db.selectFrom("sync_state").selectAll().where("account_id", "=", accountId).execute();
  let rows = known ? [...known] : await read();
  if (rows.length < 2) {
    await ctx.db
      .insertInto("sync_state")
      .values(
        (["mail", "calendar"] as const).map((resource) => ({
          account_id: accountId,
          resource,
          updated_at: ctx.clock.now(),
        })),
      )
      .onConflict((oc) => oc.columns(["account_id", "resource"]).doNothing())
      .execute();
    rows = await read();
  }
  return new Map(rows.map((r) => [r.resource, r]));
}

export async function loadSyncState(ctx: AppContext, accountId: number, resource: Resource): Promise<SyncState> {
  await ctx.db
    .insertInto("sync_state")
    .values({ account_id: accountId, resource, updated_at: ctx.clock.now() })
    .onConflict((oc) => oc.columns(["account_id", "resource"]).doNothing())
    .execute();
  return ctx.db
    .selectFrom("sync_state")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("resource", "=", resource)
    .executeTakeFirstOrThrow();
}

export function isBackingOff(state: SyncState, now: Date): boolean {
  return state.retry_after !== null && state.retry_after.getTime() > now.getTime();
}

/** A finished sync: the resource, and the cursor version its run read or last wrote. */
export interface FinishedSync {
  resource: Resource;
  version: number;
}

/**
 * Stamps finished syncs (one statement for both resources, as a cycle ends its syncs), each only if its cursor is
 * still at the version the run left it at: returns the resources stamped. One missing was moved by another run
 * meanwhile (a run that found nothing new writes no cursor, so this is where it learns that).
 */
export async function recordSyncSuccess(
  ctx: AppContext,
  accountId: number,
  finished: FinishedSync | readonly FinishedSync[],
): Promise<Set<Resource>> {
  const list: readonly FinishedSync[] = "resource" in finished ? [finished] : finished;
  if (list.length === 0) return new Set();
  const now = ctx.clock.now();
  const rows = await ctx.db
    .updateTable("sync_state")
    .set({
      failure_count: 0,
      retry_after: null,
      last_error: null,
      last_attempt_at: now,
      last_success_at: now,
      updated_at: now,
    })
    .where("account_id", "=", accountId)
    .where((eb) =>
      eb.or(list.map((f) => eb.and([eb("resource", "=", f.resource), eb("cursor_version", "=", f.version)]))),
    )
    .returning("resource")
    .execute();
  return new Set(rows.map((r) => r.resource));
}

type FailureOutcome = "retry-later" | "needs-reauth" | "resync";

/**
 * Records a failed sync and returns what the caller should do next. `cursorVersion` is the version of the cursor
 * the failing run holds: an expired cursor is reset only if nobody moved it meanwhile (otherwise the caller reads
 * the other run's cursor again and carries on from there).
 */
export async function recordSyncFailure(
  ctx: AppContext,
  accountId: number,
  resource: Resource,
  error: unknown,
  cursorVersion?: number,
): Promise<FailureOutcome> {
  const now = ctx.clock.now();
  const providerError = error instanceof ProviderError ? error : null;
  const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
  if (providerError?.code === "cursor-expired") {
    const version = cursorVersion ?? (await loadSyncState(ctx, accountId, resource)).cursor_version;
    await resetForResync(ctx.db, accountId, resource, version, message, now);
    return "resync";
  }
  if (providerError?.code === "auth") {
    await setAccountStatus(ctx.db, accountId, "needs_reauth", message, now);
    await ctx.db
      .updateTable("sync_state")
      .set({ last_attempt_at: now, last_error: message, updated_at: now })
      .where("account_id", "=", accountId)
      .where("resource", "=", resource)
      .execute();
    return "needs-reauth";
  }
  const state = await loadSyncState(ctx, accountId, resource);
  const failures = state.failure_count + 1;
  const wait = Math.max(backoffMs(failures), providerError?.retryAfterMs ?? 0);
  await ctx.db
    .updateTable("sync_state")
    .set({
      failure_count: failures,
      retry_after: new Date(now.getTime() + wait),
      last_attempt_at: now,
      last_error: message,
      updated_at: now,
    })
    .where("account_id", "=", accountId)
    .where("resource", "=", resource)
    .execute();
  return "retry-later";
}
