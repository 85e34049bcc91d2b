/** `rapport contacts [--stage S] [--account ADDR] [--json]`: the people in the pipeline and what comes next. */
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { findAccountByAddress } from "../../db/accounts.js";
import { loadPipeline, type PipelineEntry, STAGE_LABELS, STAGES } from "../../db/pipeline.js";
import { action, UsageError } from "../errors.js";

function parseStage(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const stage = value.trim().toLowerCase().replace(/[- ]/g, "_");
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new UsageError(`--stage: expected one of ${STAGES.join(", ")} (got "${value}")`);
  }
  return stage;
}

function day(date: Date | null): string {
  return date ? date.toISOString().slice(0, 10) : "—";
}

function formatContacts(entries: PipelineEntry[]): string {
  if (entries.length === 0) return "no contacts in the pipeline yet\n";
  const lines: string[] = [];
  for (const e of entries) {
    const who = e.name ? `${e.name} <${e.address}>` : e.address;
    const stage = e.stage ? STAGE_LABELS[e.stage] : "unknown";
    const where = [e.position, e.organisation].filter(Boolean).join(", ");
    lines.push(`${stage.padEnd(18)} ${who}${where ? `, ${where}` : ""}`);
    const when = e.next.at ? ` on ${day(e.next.at)}` : "";
    lines.push(`${"".padEnd(18)} last message ${day(e.lastMessageAt)}; next: ${e.next.what}${when}`);
    const controls = [
      e.doNotContact ? "do-not-contact" : null,
      e.snoozedUntil ? `snoozed until ${e.snoozedUntil}` : null,
      e.checkInAfterDays ? `check in after ${e.checkInAfterDays} days` : null,
      e.nudgeAfterBusinessDays ? `nudge after ${e.nudgeAfterBusinessDays} business days` : null,
      e.lastTouch ? `last touch: ${e.lastTouch.kind} on ${day(e.lastTouch.at)}` : null,
    ].filter(Boolean);
    if (controls.length > 0) lines.push(`${"".padEnd(18)} ${controls.join("; ")} (rapport person ${e.address})`);
  }
  return `${lines.join("\n")}\n`;
}

export function registerContactsCommand(program: Command): void {
  program
    .command("contacts")
    .description("list the contacts in the pipeline with their stage and next step")
    .option("--stage <stage>", `only this stage (${STAGES.join(", ")})`)
    .option("--account <address>", "only this account")
    .option("--json", "print as JSON")
    .action(
      action(async (options: { stage?: string; account?: string; json?: boolean }) => {
        const stage = parseStage(options.stage);
        await withContext({}, async (ctx) => {
          let accountId: number | undefined;
          if (options.account) {
            const account = await findAccountByAddress(ctx.db, options.account);
            if (!account) throw new UsageError(`no connected account ${options.account}`);
            accountId = account.id;
          }
          const entries = await loadPipeline(ctx.db, ctx.clock.now(), {
            ...(stage ? { stage } : {}),
            ...(accountId !== undefined ? { accountId } : {}),
          });
          process.stdout.write(
            options.json ? `${JSON.stringify({ contacts: entries }, null, 2)}\n` : formatContacts(entries),
          );
        });
      }),
    );
}
