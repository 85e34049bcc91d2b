/**
 * `rapport connect gmail [--port N]`: prints Google's consent URL on stdout, waits for the browser to come back
 * to 127.0.0.1, stores the account (address from the profile, time zone from the primary calendar) with sealed
 * tokens, prints the connected address.
 */
import type { Command } from "commander";
import { upsertAccount } from "../../db/accounts.js";
import { googleEndpoints } from "../../providers/gmail/factory.js";
import { connectGmail } from "../../providers/gmail/google-oauth.js";
import { withContext } from "../app-context.js";
import { action, UsageError } from "../errors.js";

/** `connect` is shared by the providers: whoever registers first creates it. */
export function connectParent(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === "connect") ??
    program.command("connect").description("connect a mail account (opens the provider's consent page)")
  );
}

export function registerConnectGmailCommand(program: Command): void {
  connectParent(program)
    .command("gmail")
    .description("connect a Gmail / Google Workspace account")
    .option("--port <n>", "loopback port for the OAuth redirect (default: any free port)")
    .action(
      action(async (options: { port?: string }) => {
        const port = options.port === undefined ? undefined : Number(options.port);
        if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
          throw new UsageError(`--port: expected a port number, got "${options.port}"`);
        }
        await withContext({ requireSecretKey: true }, async (ctx) => {
          const endpoints = googleEndpoints(ctx.config);
          process.stderr.write("Open this URL in your browser to let Rapport read your mail and write drafts:\n");
          const { profile, tokens } = await connectGmail({
            endpoints,
            port,
            signal: ctx.signal,
            onConsentUrl: (url) => process.stdout.write(`${url}\n`),
          });
          await upsertAccount(ctx.db, ctx.cipher, {
            provider: "gmail",
            address: profile.address,
            displayName: profile.displayName,
            timeZone: profile.timeZone ?? "UTC",
            tokens,
          });
          process.stdout.write(`connected ${profile.address}\n`);
        });
      }),
    );
}
