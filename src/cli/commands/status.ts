/**
 * `rapport status [--json]`: one line per account — provider, address, state, last successful sync, lag, drafts
 * waiting, last error. Every account is listed, a failing one never hides a healthy one. Read from the database
 * only: it answers even while a provider is down.
 */
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { type AccountHealth, accountHealth, formatDuration } from "../../db/account-health.js";
import { action } from "../errors.js";

export function statusJson(health: AccountHealth[], now: Date): object {
  return {
    now: now.toISOString(),
    accounts: health.map((a) => ({
      provider: a.provider,
      address: a.address,
      state: a.state,
      healthy: a.state === "healthy",
      lastSuccessfulSync: a.lastSuccessAt?.toISOString() ?? null,
      lagSeconds: a.lagSeconds,
      draftsWaiting: a.draftsWaiting,
      threadsSetAside: a.threadsSetAside,
      lastError: a.lastError,
      resources: a.resources.map((r) => ({
        resource: r.resource,
        stage: r.stage,
        lastSuccessfulSync: r.lastSuccessAt?.toISOString() ?? null,
        consecutiveFailures: r.failureCount,
        retryAfter: r.retryAfter?.toISOString() ?? null,
        lastError: r.lastError,
        unitsSpent: r.unitsSpent,
      })),
    })),
  };
}

const STATE_WORDS: Record<AccountHealth["state"], string> = {
  healthy: "healthy",
  never_synced: "not synced yet",
  failing: "failing (retrying)",
  needs_reauth: "NEEDS RE-AUTHORISATION",
  paused: "paused",
  disabled: "disabled",
};

function formatStatus(health: AccountHealth[]): string {
  if (health.length === 0)
    return "no account connected yet: run `rapport start` and open the web page to connect one\n";
  const lines: string[] = [];
  for (const a of health) {
    const synced = a.lastSuccessAt ? `${a.lastSuccessAt.toISOString()} (${formatDuration(a.lagSeconds)} ago)` : "never";
    lines.push(`${a.provider.padEnd(7)} ${a.address}  ${STATE_WORDS[a.state]}`);
    lines.push(`        last sync: ${synced}; drafts waiting: ${a.draftsWaiting}`);
    if (a.lastError) lines.push(`        last error: ${a.lastError}`);
    if (a.threadsSetAside > 0) {
      lines.push(`        threads that could not be read: ${a.threadsSetAside} (retried later; the rest goes on)`);
    }
    if (a.state === "needs_reauth") lines.push("        → connect it again from the web page (Accounts → Re-connect)");
  }
  return `${lines.join("\n")}\n`;
}

export function registerStatusCommand(program: Command): void {
  program
    .command("status")
    .description("show each account's health: last sync, lag, drafts waiting, last error")
    .option("--json", "print as JSON")
    .action(
      action(async (options: { json?: boolean }) => {
        await withContext({}, async (ctx) => {
          const now = ctx.clock.now();
          const health = await accountHealth(ctx.db, now);
          process.stdout.write(
            options.json ? `${JSON.stringify(statusJson(health, now), null, 2)}\n` : formatStatus(health),
          );
        });
      }),
    );
}
