/**
 * Accounts: connect (upsert with sealed tokens), sealed-token storage, status changes. Tokens are sealed before they
 * reach this module and leave it sealed: opening them is the composition root's alone (app/token-store.ts).
 */
import { type Kysely, sql } from "kysely";
import type { TokenSealer } from "../crypto/token-cipher.js";
import type { OAuthTokens } from "../domain/provider-port.js";
import { CLAIM_LEASE_MS } from "../domain/time-budget.js";
import type { Account, AccountStatus, Database, ProviderName, SyncState } from "./schema.js";

interface ConnectedAccount {
  provider: ProviderName;
  address: string;
  displayName: string;
  timeZone: string;
  tokens: OAuthTokens | null;
  /** The provider's signature for the user (Gmail send-as), as plain text. */
  providerSignature?: string;
}

/** Creates the account or, on re-connect, refreshes its tokens and marks it active again. */
export async function upsertAccount(
  db: Kysely<Database>,
  sealer: TokenSealer | null,
  input: ConnectedAccount,
  now: Date,
): Promise<Account> {
  const address = input.address.trim().toLowerCase();
  const tokensSealed = input.tokens && sealer ? sealer.seal(JSON.stringify(input.tokens)) : null;
  if (input.tokens && !sealer) throw new Error("cannot store OAuth tokens without RAPPORT_SECRET_KEY");
  return db
    .insertInto("accounts")
    .values({
      provider: input.provider,
      address,
      display_name: input.displayName,
      provider_signature: input.providerSignature ?? "",
      time_zone: input.timeZone,
      tokens_sealed: tokensSealed,
      status: "active",
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(["provider", "address"]).doUpdateSet({
        display_name: input.displayName,
        ...(input.providerSignature !== undefined ? { provider_signature: input.providerSignature } : {}),
        time_zone: input.timeZone,
        tokens_sealed: tokensSealed,
        status: "active",
        status_reason: null,
        updated_at: now,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces the account's sealed tokens (refreshed or rotated ones, sealed by the caller). */
export async function setSealedTokens(
  db: Kysely<Database>,
  accountId: number,
  sealed: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ tokens_sealed: sealed, updated_at: now })
    .where("id", "=", accountId)
    .execute();
}

export async function setAccountStatus(
  db: Kysely<Database>,
  accountId: number,
  status: AccountStatus,
  reason: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ status, status_reason: reason, updated_at: now })
    .where("id", "=", accountId)
    .execute();
}

export async function getAccount(db: Kysely<Database>, accountId: number): Promise<Account | undefined> {
  return db.selectFrom("accounts").selectAll().where("id", "=", accountId).executeTakeFirst();
}

export async function findAccountByAddress(db: Kysely<Database>, address: string): Promise<Account | undefined> {
  const a = address.trim().toLowerCase();
  return db
    .selectFrom("accounts")
    .selectAll()
    .where((eb) => eb.or([eb("address", "=", a), eb(eb.val(a), "=", eb.fn.any("aliases"))]))
    .orderBy("id")
    .executeTakeFirst();
}

export async function listAccounts(db: Kysely<Database>): Promise<Account[]> {
  return db.selectFrom("accounts").selectAll().orderBy("id").execute();
}

/**
 * Keeps the account's name and provider signature in step with the provider's profile and records when it was
 * checked (a cycle checks once a day: jobs/run-cycle.ts); returns the account.
 */
export async function refreshProfile(
  db: Kysely<Database>,
  account: Account,
  profile: { displayName: string; signature?: string },
  now: Date,
): Promise<Account> {
  const displayName = profile.displayName.trim();
  const signature = profile.signature ?? account.provider_signature;
  const changed =
    (displayName !== "" && displayName !== account.display_name) || signature !== account.provider_signature;
  return db
    .updateTable("accounts")
    .set({
      ...(changed && displayName !== "" ? { display_name: displayName } : {}),
      ...(changed ? { provider_signature: signature, updated_at: now } : {}),
      profile_checked_at: now,
    })
    .where("id", "=", account.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * What a cycle reads first, in one query: the account, whether drafting or assessment left work behind, and where its
 * syncs stand.
 */
export interface CycleAccount extends Account {
  /** Drafts claimed by a run that died or stalled (their lease ran out): settled by the next cycle. */
  stale_claims: boolean;
  /** Threads waiting for an assessment whose back-off (if any) has passed. */
  assess_pending: boolean;
  /** The start (YYYY-MM-DD) of the latest week whose digest was sent; null when none was. */
  digest_sent_through: string | null;
  /** Its sync states (mail, calendar) as stored; either may be missing before the account's first cycle. */
  sync_states: SyncState[];
}

/** The sync_state columns that are timestamps: JSON carries them as text. */
const SYNC_STATE_TIMES = ["retry_after", "last_attempt_at", "last_success_at", "updated_at", "resync_since"] as const;

/** A sync_state row as row_to_json wrote it, with its timestamps made Dates again. */
function syncStateFromJson(row: Record<string, unknown>): SyncState {
  const state = { ...row } as Record<string, unknown>;
  for (const key of SYNC_STATE_TIMES) {
    const value = state[key];
    state[key] = typeof value === "string" ? new Date(value) : (value ?? null);
  }
  return state as unknown as SyncState;
}

export async function getCycleAccount(
  db: Kysely<Database>,
  accountId: number,
  now: Date,
): Promise<CycleAccount | undefined> {
  const row = await db
    .selectFrom("accounts as a")
    .selectAll("a")
    .select(({ exists, selectFrom }) => [
      exists(
        selectFrom("drafts as d")
          .select("d.id")
          .whereRef("d.account_id", "=", "a.id")
          .where("d.state", "=", "claimed")
          .where("d.claimed_at", "<=", new Date(now.getTime() - CLAIM_LEASE_MS)),
      ).as("stale_claims"),
      exists(
        selectFrom("threads as t")
          .select("t.id")
          .whereRef("t.account_id", "=", "a.id")
          .where("t.needs_assessment", "=", true)
          .where((eb) => eb.or([eb("t.assess_retry_after", "is", null), eb("t.assess_retry_after", "<=", now)])),
      ).as("assess_pending"),
      selectFrom("digests as g")
        .select((eb) => eb.fn.max("g.period_start").as("p"))
        .whereRef("g.account_id", "=", "a.id")
        .where("g.state", "=", "sent")
        .as("digest_sent_through"),
      // The sync states in the same round trip: an idle cycle reads nothing else before it asks the provider.
      sql<
        Record<string, unknown>[]
      >`(SELECT coalesce(json_agg(row_to_json(s)), '[]'::json) FROM sync_state s WHERE s.account_id = a.id)`.as(
        "sync_states",
      ),
    ])
    .where("a.id", "=", accountId)
    .executeTakeFirst();
  return (
    row && {
      ...row,
      stale_claims: Boolean(row.stale_claims),
      assess_pending: Boolean(row.assess_pending),
      digest_sent_through: row.digest_sent_through ?? null,
      sync_states: (typeof row.sync_states === "string" ? JSON.parse(row.sync_states) : row.sync_states).map(
        syncStateFromJson,
      ),
    }
  );
}

/** The account's change counter as it is now (what an evaluation starting now takes into account). */
export async function currentChanges(db: Kysely<Database>, accountId: number): Promise<number> {
  const row = await db.selectFrom("accounts").select("changes").where("id", "=", accountId).executeTakeFirst();
  return Number(row?.changes ?? 0);
}

/**
 * An evaluation that took the changes up to `changes` into account finished (its drafts written): until the counter
 * moves again or `evaluateAfter` comes, the account's cycles skip evaluation. Never moves the mark back.
 */
export async function settleEvaluation(
  db: Kysely<Database>,
  accountId: number,
  changes: number,
  evaluateAfter: Date | null,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set((eb) => ({
      settled_changes: eb.fn("greatest", [eb.ref("settled_changes"), eb.val(changes)]),
      evaluate_after: evaluateAfter,
    }))
    .where("id", "=", accountId)
    .execute();
}
