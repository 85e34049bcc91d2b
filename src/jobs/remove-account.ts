/**
 * Removing an account: revoke its grant at the provider when the provider offers that to an app, then delete the
 * account row — every other table references it ON DELETE CASCADE, so tokens, synced metadata, contacts,
 * meetings, the drafts ledger and digests go with it in one statement. Drafts already in the user's mailbox are
 * the user's mail and are left alone.
 */
import type { AppContext } from "../context.js";
import type { Account } from "../db/schema.js";
import type { RevokeOutcome } from "../domain/provider-port.js";

interface RemoveResult {
  address: string;
  provider: string;
  revoke: RevokeOutcome;
  deleted: { drafts: number; contacts: number; threads: number; meetings: number };
}

export async function removeAccount(ctx: Pick<AppContext, "db" | "consent">, account: Account): Promise<RemoveResult> {
  const revoke = await ctx.consent.revoke(account);
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
