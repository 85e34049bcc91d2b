/** Renders an account's digest as of now, without claiming or sending anything (`rapport digest --preview`). */
import type { AppContext } from "../context.js";
import { findAccountByAddress, listAccounts } from "../db/accounts.js";
import { loadDigestData } from "../db/digest-data.js";
import type { Account } from "../db/schema.js";
import { loadTemplates } from "../templates/catalog.js";
import { type RenderedDigest, renderDigest } from "../templates/digest.js";

export class AccountChoiceError extends Error {
  override readonly name = "AccountChoiceError";
}

export async function chooseAccount(ctx: AppContext, address: string | undefined): Promise<Account> {
  if (address) {
    const account = await findAccountByAddress(ctx.db, address);
    if (!account) throw new AccountChoiceError(`no account ${address} (see: rapport accounts)`);
    return account;
  }
  const accounts = await listAccounts(ctx.db);
  const [only] = accounts;
  if (!only) throw new AccountChoiceError("no accounts yet: connect one first (rapport connect gmail|outlook)");
  if (accounts.length > 1) {
    throw new AccountChoiceError(
      `several accounts; choose one with --account (${accounts.map((a) => a.address).join(", ")})`,
    );
  }
  return only;
}

export async function previewDigest(ctx: AppContext, account: Account): Promise<RenderedDigest> {
  return renderDigest(loadTemplates(ctx.config), await loadDigestData(ctx.db, account, ctx.clock.now()));
}
