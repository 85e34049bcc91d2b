/**
 * `rapport demo [--keep] [--now ISO] [--out DIR] [--port N]`: the sandbox. Runs Rapport's whole job on a sample
 * persona against fake Google and Microsoft servers on this machine, prints what it did, writes the digest.
 * Nothing leaves the machine and nothing is kept (the database is in memory) unless --keep holds the page open.
 */
import { tmpdir } from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { runDemo } from "../../sandbox/demo.js";
import { DEMO_NOW } from "../../sandbox/demo-persona.js";
import { formatDemoSummary } from "../../sandbox/demo-summary.js";
import { action, UsageError } from "../errors.js";

function parseInstant(value: string | undefined): Date {
  if (value === undefined) return DEMO_NOW;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--now: expected an ISO 8601 instant such as 2026-04-15T17:30:00Z (got "${value}")`);
  }
  return date;
}

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("run the whole job on a sample mailbox against fake Gmail and Outlook servers on this machine")
    .option("--keep", "keep the web page (and the fakes) running afterwards, until Ctrl-C")
    .option("--now <iso>", `the instant the sandbox runs at (default ${DEMO_NOW.toISOString()}, so output is stable)`)
    .option("--out <dir>", "where to write the digest HTML", path.join(tmpdir(), "rapport-demo"))
    .option("--port <n>", "port of the web page with --keep (default: any free port)", "0")
    .action(
      action(async (options: { keep?: boolean; now?: string; out: string; port: string }) => {
        const now = parseInstant(options.now);
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number`);
        const stop = new AbortController();
        const run = await runDemo({ now, outDir: path.resolve(options.out), port, signal: stop.signal });
        try {
          const summary = await formatDemoSummary({
            db: run.ctx.db,
            now,
            reports: run.reports,
            digestFiles: run.digestFiles,
            webUrl: options.keep ? run.web.url : null,
          });
          process.stdout.write(summary);
          const failed = run.reports.filter((r) => r.status !== "ok");
          if (failed.length > 0)
            throw new Error(`the cycle did not finish for ${failed.map((f) => f.address).join(", ")}`);
          if (options.keep) {
            await new Promise<void>((resolve) => {
              process.once("SIGINT", resolve);
              process.once("SIGTERM", resolve);
            });
            stop.abort();
          }
        } finally {
          await run.close();
        }
      }),
    );
}
