/** `rapport import linkedin FILE [--account ADDR] [--json]`: LinkedIn's Connections.csv into an account's contacts. */
import { readFile, stat } from "node:fs/promises";
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { LinkedInExportError } from "../../domain/linkedin-export.js";
import { describeImport, importLinkedIn, MAX_EXPORT_BYTES } from "../../jobs/import-linkedin.js";
import { AccountChoiceError, chooseAccount } from "../../jobs/preview-digest.js";
import { action, UsageError } from "../errors.js";

async function readExport(file: string): Promise<Buffer> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`${file}: no such file`);
  if (info.size > MAX_EXPORT_BYTES) throw new UsageError(`${file}: ${info.size} bytes; at most ${MAX_EXPORT_BYTES}`);
  return readFile(file);
}

export function registerImportCommand(program: Command): void {
  const group = program.command("import").description("import contacts from elsewhere");
  group
    .command("linkedin")
    .description(
      "import LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data → Connections): organisations and positions as people wrote them, matched to your contacts by address and name; re-importing updates",
    )
    .argument("<file>", "the Connections.csv LinkedIn sent you")
    .option("--account <address>", "the account to import into (needed when there are several)")
    .option("--json", "print as JSON")
    .action(
      action(async (file: string, options: { account?: string; json?: boolean }) => {
        const bytes = await readExport(file);
        await withContext({}, async (ctx) => {
          const account = await chooseAccount(ctx, options.account).catch((error: unknown) => {
            throw error instanceof AccountChoiceError ? new UsageError(error.message) : error;
          });
          const result = await importLinkedIn(ctx.db, account, bytes, ctx.clock.now()).catch((error: unknown) => {
            throw error instanceof LinkedInExportError ? new UsageError(`${file}: ${error.message}`) : error;
          });
          ctx.log.info({ account: account.id, rows: result.rows, problems: result.problems.length }, "linkedin import");
          process.stdout.write(
            options.json
              ? `${JSON.stringify({ account: account.address, ...result }, null, 2)}\n`
              : `${describeImport(result).join("\n")}\n`,
          );
        });
      }),
    );
}
