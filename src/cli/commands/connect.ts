/**
 * `rapport connect gmail|outlook [--port N]`: prints the provider's consent URL on stdout, waits for the browser to
 * come back to 127.0.0.1 (state + PKCE), stores the account (address and time zone from the provider) with sealed
 * tokens, and prints the connected address.
 */
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { upsertAccount } from "../../db/accounts.js";
import type { ProviderKind } from "../../domain/provider-port.js";
import { action, UsageError } from "../errors.js";

const PROVIDERS: { provider: ProviderKind; description: string }[] = [
  { provider: "gmail", description: "connect a Gmail / Google Workspace account" },
  { provider: "outlook", description: "connect an Outlook.com / Microsoft 365 account" },
];

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: expected a port number, got "${value}"`);
  }
  return port;
}

export function registerConnectCommand(program: Command): void {
  const connect = program.command("connect").description("connect a mail account (opens the provider's consent page)");
  for (const { provider, description } of PROVIDERS) {
    connect
      .command(provider)
      .description(description)
      .option("--port <n>", "loopback port for the OAuth redirect (default: any free port)")
      .action(
        action(async (options: { port?: string }) => {
          const port = parsePort(options.port);
          await withContext({ requireSecretKey: true }, async (ctx) => {
            process.stderr.write("Open this URL in your browser to let Rapport read your mail and write drafts:\n");
            const { profile, tokens } = await ctx.consent.loopback(provider, {
              port,
              onConsentUrl: (url) => process.stdout.write(`${url}\n`),
            });
            await upsertAccount(
              ctx.db,
              ctx.sealer,
              {
                provider,
                address: profile.address,
                displayName: profile.displayName,
                providerSignature: profile.signature ?? "",
                timeZone: profile.timeZone ?? "UTC",
                tokens,
              },
              ctx.clock.now(),
            );
            process.stdout.write(`connected ${profile.address}\n`);
          });
        }),
      );
  }
}
