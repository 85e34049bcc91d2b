/** `rapport run --once [--now ISO]`: one whole cycle for every account, then exit. */
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { ManualClock } from "../../clock.js";
import { listAccounts } from "../../db/accounts.js";
import { type CycleReport, runAccountCycle } from "../../jobs/run-cycle.js";
import { action, UsageError } from "../errors.js";

function parseNow(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--now: expected an ISO 8601 instant such as 2026-04-15T12:30:00-05:00 (got "${value}")`);
  }
  return date;
}

function formatCycle(r: CycleReport): string {
  const lines = [`${r.address}: ${r.status}${r.reason ? ` (${r.reason})` : ""}`];
  if (r.mail)
    lines.push(
      `  mail: ${r.mail.inserted} new, ${r.mail.updated} updated, ${r.mail.deleted} removed${r.mail.resynced ? ", resynced" : ""}`,
    );
  if (r.calendar)
    lines.push(`  calendar: ${r.calendar.inserted} new, ${r.calendar.updated} updated, ${r.calendar.deleted} removed`);
  if (r.assessed) lines.push(`  assessed ${r.assessed.assessed} thread(s), ${r.assessed.informational} informational`);
  const news = r.drafts.filter((d) => d.status !== "exists" && d.status !== "skipped");
  lines.push(`  due: ${r.due}; new drafts: ${news.length === 0 ? "none" : news.length}`);
  for (const d of news) lines.push(`    ${d.kind} → ${d.to}: ${d.status}${d.reason ? ` (${d.reason})` : ""}`);
  if (r.digest) lines.push(`  digest: ${r.digest}`);
  return lines.join("\n");
}

export function registerRunCommand(program: Command): void {
  program
    .command("run")
    .description("run one whole cycle for every account (sync, detect, draft, digest) and exit")
    .requiredOption("--once", "run a single cycle and exit (the scheduler is `rapport start`)")
    .option("--now <iso>", "evaluate as if it were this instant (default: the clock)")
    .option("--json", "print the cycle reports as JSON")
    .action(
      action(async (options: { once: boolean; now?: string; json?: boolean }) => {
        const now = parseNow(options.now);
        await withContext({ requireSecretKey: true, ...(now ? { clock: new ManualClock(now) } : {}) }, async (ctx) => {
          const accounts = await listAccounts(ctx.db);
          const reports: CycleReport[] = [];
          for (const account of accounts) reports.push(await runAccountCycle(ctx, account.id));
          if (options.json) process.stdout.write(`${JSON.stringify({ accounts: reports }, null, 2)}\n`);
          else if (reports.length === 0)
            process.stdout.write(
              "no account connected yet: run `rapport connect gmail` or `rapport connect outlook`\n",
            );
          else process.stdout.write(`${reports.map(formatCycle).join("\n")}\n`);
          const failed = reports.filter((r) => r.status === "failed");
          if (failed.length > 0) {
            process.stderr.write(
              `rapport: ${failed.length} account(s) failed: ${failed.map((f) => `${f.address}: ${f.reason}`).join("; ")}\n`,
            );
            process.exitCode = 1;
          }
        });
      }),
    );
}
