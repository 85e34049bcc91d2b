/** `rapport drafts [--account ADDR] [--json]`: the drafts Rapport wrote, with their text and what became of them. */
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { findAccountByAddress } from "../../db/accounts.js";
import { DRAFT_FATES, type ListedDraft, listDrafts } from "../../db/draft-list.js";
import { KIND_LABELS } from "../../db/pipeline.js";
import { action, UsageError } from "../errors.js";

function formatDrafts(drafts: readonly ListedDraft[]): string {
  if (drafts.length === 0) return "no drafts yet\n";
  const blocks = drafts.map((d) => {
    const to = d.toName ? `${d.toName} <${d.to}>` : d.to;
    const head = [
      `${KIND_LABELS[d.kind]} to ${to} — ${DRAFT_FATES[d.state]}, ${d.createdAt.toISOString().slice(0, 10)} (${d.account})`,
      `Subject: ${d.subject}`,
    ];
    const text = d.text
      ? d.text.replace(/^(?=.)/gm, "  ")
      : "  (text not kept: written before Rapport kept draft texts)";
    return [...head, "", text].join("\n");
  });
  return `${blocks.join("\n\n")}\n`;
}

export function registerDraftsCommand(program: Command): void {
  program
    .command("drafts")
    .description("list the drafts Rapport wrote, with their text and fate")
    .option("--account <address>", "only this account")
    .option("--json", "print as JSON")
    .action(
      action(async (options: { account?: string; json?: boolean }) => {
        await withContext({}, async (ctx) => {
          let accountId: number | undefined;
          if (options.account) {
            const account = await findAccountByAddress(ctx.db, options.account);
            if (!account) throw new UsageError(`no connected account ${options.account}`);
            accountId = account.id;
          }
          const drafts = await listDrafts(ctx.db, accountId !== undefined ? { accountId } : {});
          process.stdout.write(options.json ? `${JSON.stringify({ drafts }, null, 2)}\n` : formatDrafts(drafts));
        });
      }),
    );
}
