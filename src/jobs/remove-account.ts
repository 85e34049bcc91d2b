/**
 * Removing an account: revoke its grant at the provider when the provider offers that to an app, then delete the
 * account row — every other table references it ON DELETE CASCADE, so tokens, synced metadata, contacts,
 * meetings, the drafts ledger and digests go with it in one statement. Drafts already in the user's mailbox are
 * the user's mail and are left alone.
 */
import type { Config } from "../config.js";
import type { AppContext } from "../context.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { openTokens } from "../db/accounts.js";
import type { Account } from "../db/schema.js";

export type RevokeOutcome = { done: true; detail: string } | { done: false; detail: string };

export interface RemoveResult {
  address: string;
  provider: string;
  revoke: RevokeOutcome;
  deleted: { drafts: number; contacts: number; threads: number; meetings: number };
}

/** Google's revoke endpoint sits next to its token endpoint (https://oauth2.googleapis.com/revoke). */
export function googleRevokeUrl(config: Pick<Config, "google">): string {
  return new URL("revoke", `${config.google.tokenUrl.replace(/\/token$/, "")}/`).toString();
}

export async function revokeGrant(
  config: Config,
  cipher: TokenCipher | null,
  account: Pick<Account, "provider" | "address" | "tokens_sealed">,
): Promise<RevokeOutcome> {
  if (account.provider === "outlook") {
    return {
      done: false,
      detail:
        "Microsoft offers apps no way to revoke one grant: remove Rapport at https://account.live.com/consent/Manage (personal) or https://myapps.microsoft.com (work)",
    };
  }
  if (account.provider !== "gmail") return { done: false, detail: "nothing to revoke (offline account)" };
  if (!account.tokens_sealed) return { done: false, detail: "no stored tokens to revoke" };
  if (!cipher) return { done: false, detail: "RAPPORT_SECRET_KEY is not set: cannot read the tokens to revoke them" };
  let token: string;
  try {
    const tokens = openTokens(cipher, account);
    token = tokens.refreshToken ?? tokens.accessToken;
  } catch (error) {
    return { done: false, detail: `tokens unreadable (${(error as Error).message}); nothing revoked` };
  }
  try {
    const response = await fetch(googleRevokeUrl(config), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token }),
      signal: AbortSignal.timeout(15_000),
    });
    // 400 invalid_token: already revoked or expired — the grant is gone either way.
    if (response.ok || response.status === 400) return { done: true, detail: "Google grant revoked" };
    return { done: false, detail: `Google answered ${response.status} to the revoke request` };
  } catch (error) {
    return { done: false, detail: `could not reach Google to revoke (${(error as Error).message})` };
  }
}

export async function removeAccount(
  ctx: Pick<AppContext, "db" | "config" | "cipher">,
  account: Account,
): Promise<RemoveResult> {
  const revoke = await revokeGrant(ctx.config, ctx.cipher, account);
  const count = async (table: "drafts" | "contacts" | "threads" | "meetings") =>
    Number(
      (
        await ctx.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("account_id", "=", account.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deleted = {
    drafts: await count("drafts"),
    contacts: await count("contacts"),
    threads: await count("threads"),
    meetings: await count("meetings"),
  };
  await ctx.db.deleteFrom("accounts").where("id", "=", account.id).execute();
  return { address: account.address, provider: account.provider, revoke, deleted };
}
