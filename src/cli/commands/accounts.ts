/**
 * `rapport accounts list [--json]` and `rapport accounts remove ADDR`: removal revokes the grant when the provider
 * allows it, then deletes the account's tokens and all its data.
 */
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { findAccountByAddress, listAccounts } from "../../db/accounts.js";
import { removeAccount } from "../../jobs/remove-account.js";
import { action, UsageError } from "../errors.js";

export function registerAccountsCommand(program: Command): void {
  const accounts = program.command("accounts").description("list or remove connected accounts");
  accounts
    .command("list")
    .description("list connected accounts")
    .option("--json", "print as JSON")
    .action(
      action(async (options: { json?: boolean }) => {
        await withContext({}, async (ctx) => {
          const rows = (await listAccounts(ctx.db)).map((a) => ({
            provider: a.provider,
            address: a.address,
            status: a.status,
            timeZone: a.time_zone,
            connectedAt: a.created_at.toISOString(),
          }));
          if (options.json) process.stdout.write(`${JSON.stringify({ accounts: rows }, null, 2)}\n`);
          else if (rows.length === 0) process.stdout.write("no account connected yet\n");
          else for (const r of rows) process.stdout.write(`${r.provider.padEnd(7)} ${r.address}  ${r.status}\n`);
        });
      }),
    );
  accounts
    .command("remove")
    .description("revoke an account's access (when the provider allows it) and delete its tokens and data")
    .argument("<address>", "the account's email address")
    .action(
      action(async (address: string) => {
        await withContext({}, async (ctx) => {
          const account = await findAccountByAddress(ctx.db, address);
          if (!account) throw new UsageError(`no connected account ${address}`);
          const result = await removeAccount(ctx, account);
          const d = result.deleted;
          process.stdout.write(
            `removed ${result.provider} account ${result.address}: tokens, ${d.threads} thread(s), ${d.contacts} contact(s), ${d.meetings} meeting(s) and ${d.drafts} draft record(s) deleted\n` +
              `${result.revoke.done ? "revoked" : "not revoked"}: ${result.revoke.detail}\n`,
          );
        });
      }),
    );
}
