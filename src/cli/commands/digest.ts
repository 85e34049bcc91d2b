/** `rapport digest --preview [--account ADDR] [--out FILE]`: shows this week's digest without sending it. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { AccountChoiceError, chooseAccount, previewDigest } from "../../jobs/preview-digest.js";
import { action, UsageError } from "../errors.js";

interface DigestOptions {
  preview?: boolean;
  account?: string;
  out?: string;
}

export function registerDigestCommand(program: Command): void {
  program
    .command("digest")
    .description("render the weekly digest (the worker sends it on its own at the account's digest time)")
    .option("--preview", "render it without sending (the only mode: sending is the worker's job)")
    .option("--account <address>", "which account (needed when there are several)")
    .option("--out <file>", "also write the HTML version to this file (open it in a browser)")
    .action(
      action(async (options: DigestOptions) => {
        if (!options.preview) {
          throw new UsageError("use --preview: `rapport start` sends the digest itself, once a week, to you only");
        }
        await withContext({}, async (ctx) => {
          const account = await chooseAccount(ctx, options.account).catch((error: unknown) => {
            throw error instanceof AccountChoiceError ? new UsageError(error.message) : error;
          });
          const digest = await previewDigest(ctx, account);
          if (options.out) {
            const file = path.resolve(options.out);
            await writeFile(file, digest.html).catch((cause: Error) => {
              throw new UsageError(`cannot write ${file}: ${cause.message}`);
            });
            process.stderr.write(`wrote the HTML digest to ${file}\n`);
          }
          process.stdout.write(`To: ${account.address}\nSubject: ${digest.subject}\n\n${digest.text}\n`);
        });
      }),
    );
}
