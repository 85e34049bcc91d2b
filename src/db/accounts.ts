/** Accounts: connect (upsert with sealed tokens), token load/save, status changes. Tokens never leave sealed. */
import type { Kysely } from "kysely";
import type { TokenCipher } from "../crypto/token-cipher.js";
import type { OAuthTokens } from "../domain/provider-port.js";
import type { Account, AccountStatus, Database, ProviderName } from "./schema.js";

export interface ConnectedAccount {
  provider: ProviderName;
  address: string;
  displayName: string;
  timeZone: string;
  tokens: OAuthTokens | null;
}

/** Creates the account or, on re-connect, refreshes its tokens and marks it active again. */
export async function upsertAccount(
  db: Kysely<Database>,
  cipher: TokenCipher | null,
  input: ConnectedAccount,
): Promise<Account> {
  const address = input.address.trim().toLowerCase();
  const tokensSealed = input.tokens && cipher ? cipher.seal(JSON.stringify(input.tokens)) : null;
  if (input.tokens && !cipher) throw new Error("cannot store OAuth tokens without RAPPORT_SECRET_KEY");
  return db
    .insertInto("accounts")
    .values({
      provider: input.provider,
      address,
      display_name: input.displayName,
      time_zone: input.timeZone,
      tokens_sealed: tokensSealed,
      status: "active",
    })
    .onConflict((oc) =>
      oc.columns(["provider", "address"]).doUpdateSet({
        display_name: input.displayName,
        time_zone: input.timeZone,
        tokens_sealed: tokensSealed,
        status: "active",
        status_reason: null,
        updated_at: new Date(),
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function openTokens(cipher: TokenCipher, account: Pick<Account, "tokens_sealed" | "address">): OAuthTokens {
  if (!account.tokens_sealed) throw new Error(`account ${account.address} has no stored tokens: connect it again`);
  return JSON.parse(cipher.open(account.tokens_sealed)) as OAuthTokens;
}

/** Persists refreshed (possibly rotated) tokens; a missing new refresh token keeps the old one. */
export async function saveTokens(
  db: Kysely<Database>,
  cipher: TokenCipher,
  accountId: number,
  tokens: OAuthTokens,
): Promise<void> {
  const current = await db
    .selectFrom("accounts")
    .select(["tokens_sealed", "address"])
    .where("id", "=", accountId)
    .executeTakeFirst();
  const previous = current?.tokens_sealed ? openTokens(cipher, current) : null;
  const merged: OAuthTokens = { ...tokens, refreshToken: tokens.refreshToken ?? previous?.refreshToken ?? null };
  await db
    .updateTable("accounts")
    .set({ tokens_sealed: cipher.seal(JSON.stringify(merged)), updated_at: new Date() })
    .where("id", "=", accountId)
    .execute();
}

export async function setAccountStatus(
  db: Kysely<Database>,
  accountId: number,
  status: AccountStatus,
  reason: string | null,
): Promise<void> {
  await db
    .updateTable("accounts")
    .set({ status, status_reason: reason, updated_at: new Date() })
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
