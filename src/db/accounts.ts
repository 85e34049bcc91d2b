/**
 * Accounts: connect (upsert with sealed tokens), sealed-token storage, status changes. Tokens are sealed before they
 * reach this module and leave it sealed: opening them is the composition root's alone (app/token-store.ts).
 */
import type { Kysely } from "kysely";
import type { TokenSealer } from "../crypto/token-cipher.js";
import type { OAuthTokens } from "../domain/provider-port.js";
import type { Account, AccountStatus, Database, ProviderName } from "./schema.js";

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

/** Keeps the account's name and provider signature in step with the provider's profile; returns the account. */
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
  if (!changed) return account;
  return db
    .updateTable("accounts")
    .set({
      ...(displayName !== "" ? { display_name: displayName } : {}),
      provider_signature: signature,
      updated_at: now,
    })
    .where("id", "=", account.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
