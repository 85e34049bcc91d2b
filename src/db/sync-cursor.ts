/**
 * Sync cursors, written compare-and-set: every write names the cursor_version it read and bumps it, so of two runs
 * that overlap (a stalled worker whose job was handed to another, `run --once` beside the worker) only the one that
 * holds the latest cursor can move it, and a cursor never goes back to where it was. The loser's page is rolled back
 * with its transaction (the winner has applied the same changes or newer ones) and it stops: CursorMovedError.
 *
 * A resync from scratch (an expired cursor, or a folder the provider restarted) is recorded here too: the cursor
 * version it began at, the start of the window it re-reads, and which folders ('*' = the whole mailbox). Each page
 * stamps the messages it writes with its own version (PageRound.version), so when the resync reaches its last page,
 * in whichever run that happens, the messages of those folders in that window still stamped with a version from
 * before it began were deleted while the cursor was expired: they are swept in the same transaction as that page.
 * Versions, not times: nothing here depends on two clocks agreeing.
 */
import { type Kysely, sql } from "kysely";
import { sweepStaleMessages } from "./mail-store.js";
import type { Database, SyncState } from "./schema.js";

export type SyncResource = "mail" | "calendar";

/** The whole mailbox, in resync_labels. */
export const WHOLE_MAILBOX = "*";

export class CursorMovedError extends Error {
  override readonly name = "CursorMovedError";
  constructor(resource: SyncResource) {
    super(`another run moved the ${resource} sync cursor meanwhile: this run stops, the other one carries on`);
  }
}

interface CursorWrite {
  accountId: number;
  resource: SyncResource;
  /** The cursor_version this run read or last wrote; the page's rows are stamped version + 1. */
  version: number;
  page: { cursor: string; done: boolean; cost: number; resync?: string[] };
  /** Start of the window this run reads (the sweep's, when a resync is in progress). */
  since: Date;
  now: Date;
}

/** The version a page saved after `version` writes (what its message rows are stamped with). */
export function pageVersion(version: number): number {
  return version + 1;
}

/**
 * Saves a page's cursor (inside the page's transaction) unless another run moved it since `version`; returns the
 * new version, or throws CursorMovedError. On the last page of a resync, sweeps what the resync did not see again.
 */
export async function saveCursor(
  tx: Kysely<Database>,
  write: CursorWrite,
): Promise<{ version: number; swept: number }> {
  const restarted = write.page.resync ?? [];
  const row = await tx
    .updateTable("sync_state")
    .set((eb) => ({
      cursor: write.page.cursor,
      stage: write.page.done ? "incremental" : eb.ref("stage"),
      units_spent: eb("units_spent", "+", write.page.cost),
      cursor_version: eb("cursor_version", "+", 1),
      updated_at: write.now,
      // A folder restarted on this page: what was written before this page is "not seen again" for it.
      resync_from_version:
        restarted.length > 0 ? sql`coalesce(resync_from_version, ${write.version})` : eb.ref("resync_from_version"),
      resync_since: sql`CASE WHEN resync_from_version IS NOT NULL OR ${restarted.length > 0}
        THEN coalesce(resync_since, ${write.since}::timestamptz) END`,
      resync_labels:
        restarted.length > 0
          ? sql`ARRAY(SELECT DISTINCT unnest(resync_labels || ${restarted}::text[]))`
          : eb.ref("resync_labels"),
    }))
    .where("account_id", "=", write.accountId)
    .where("resource", "=", write.resource)
    .where("cursor_version", "=", write.version)
    .returning(["cursor_version", "resync_from_version", "resync_since", "resync_labels"])
    .executeTakeFirst();
  if (!row) throw new CursorMovedError(write.resource);
  let swept = 0;
  if (write.page.done && row.resync_from_version !== null) {
    swept = await finishResync(tx, write.accountId, write.resource, row, write.now);
  }
  return { version: row.cursor_version, swept };
}

async function finishResync(
  tx: Kysely<Database>,
  accountId: number,
  resource: SyncResource,
  row: Pick<SyncState, "resync_from_version" | "resync_since" | "resync_labels">,
  now: Date,
): Promise<number> {
  let swept = 0;
  if (resource === "mail" && row.resync_from_version !== null && row.resync_since) {
    for (const label of row.resync_labels) {
      swept += await sweepStaleMessages(tx, accountId, {
        label: label === WHOLE_MAILBOX ? null : label,
        windowStart: row.resync_since,
        notSeenAfter: row.resync_from_version,
        now,
      });
    }
  }
  await tx
    .updateTable("sync_state")
    .set({ resync_from_version: null, resync_since: null, resync_labels: [] })
    .where("account_id", "=", accountId)
    .where("resource", "=", resource)
    .execute();
  return swept;
}

/**
 * An expired cursor: start over from the window (the next page saved decides its start), unless another run moved
 * the cursor since `version`. True when this run reset it.
 */
export async function resetForResync(
  db: Kysely<Database>,
  accountId: number,
  resource: SyncResource,
  version: number,
  reason: string,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable("sync_state")
    .set((eb) => ({
      cursor: null,
      stage: "resync",
      cursor_version: eb("cursor_version", "+", 1),
      last_attempt_at: now,
      last_error: reason,
      updated_at: now,
      // Starting over lists everything again after this write, whatever an earlier resync had begun.
      resync_from_version: pageVersion(version),
      resync_since: null,
      resync_labels:
        resource === "mail"
          ? sql`ARRAY(SELECT DISTINCT unnest(resync_labels || ARRAY[${WHOLE_MAILBOX}]::text[]))`
          : sql`'{}'::text[]`,
    }))
    .where("account_id", "=", accountId)
    .where("resource", "=", resource)
    .where("cursor_version", "=", version)
    .returning("cursor_version")
    .executeTakeFirst();
  return row !== undefined;
}
