/**
 * `rapport connect outlook [--port N]`: prints Microsoft's consent URL on stdout, waits for the browser to come
 * back to 127.0.0.1, stores the account (address from /me, time zone from mailbox settings) with sealed
 * tokens, prints the connected address.
 */
import type { Command } from "commander";
import { upsertAccount } from "../../db/accounts.js";
import { connectOutlook } from "../../providers/outlook/connect.js";
import { microsoftOAuthConfig } from "../../providers/outlook/factory.js";
import { withContext } from "../app-context.js";
import { action, UsageError } from "../errors.js";
import { connectParent } from "./connect-gmail.js";

export function registerConnectOutlookCommand(program: Command): void {
  connectParent(program)
    .command("outlook")
    .description("connect an Outlook.com / Microsoft 365 account")
    .option("--port <n>", "loopback port for the OAuth redirect (default: any free port)")
    .action(
      action(async (options: { port?: string }) => {
        const port = options.port === undefined ? undefined : Number(options.port);
        if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
          throw new UsageError(`--port: expected a port number, got "${options.port}"`);
        }
        await withContext({ requireSecretKey: true }, async (ctx) => {
          const oauth = microsoftOAuthConfig(ctx.config);
          process.stderr.write("Open this URL in your browser to let Rapport read your mail and write drafts:\n");
          const { profile, tokens } = await connectOutlook({
            oauth,
            graphUrl: ctx.config.microsoft.graphUrl,
            port,
            signal: ctx.signal,
            onConsentUrl: (url) => process.stdout.write(`${url}\n`),
          });
          await upsertAccount(ctx.db, ctx.cipher, {
            provider: "outlook",
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
