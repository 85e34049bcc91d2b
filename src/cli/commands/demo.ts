/**
 * `rapport demo [--keep] [--now ISO] [--out DIR] [--port N]`: the sandbox. Runs Rapport's whole job on a sample
 * persona against fake Google and Microsoft servers on this machine, prints what it did, writes the digest.
 * Nothing leaves the machine and nothing is kept (the database is in memory) unless --keep holds the page open.
 *
 * The sandbox is development-only: it lives in sandbox/ beside src/, is built by `npm ci` in a clone, and is in
 * neither the npm package nor the Docker image. This command loads it at run time and, when it is absent, says so.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { action, UsageError } from "../errors.js";

/** What the command hands the sandbox (sandbox/demo-command.ts implements `SandboxDemo`). */
export interface DemoCommandOptions {
  /** The instant the sandbox runs at; undefined: its own fixed instant, so output is stable. */
  now: Date | undefined;
  keep: boolean;
  outDir: string;
  port: number;
}

export interface SandboxDemo {
  runDemoCommand(options: DemoCommandOptions): Promise<void>;
}

/** dist/src/cli/commands/ → dist/sandbox/ (and src/cli/commands/ → sandbox/ in a clone). */
const SANDBOX_ENTRY = new URL("../../../sandbox/demo-command.js", import.meta.url);

class SandboxMissingError extends Error {
  override readonly name = "SandboxMissingError";
}

async function loadSandbox(): Promise<SandboxDemo> {
  if (!existsSync(fileURLToPath(SANDBOX_ENTRY))) {
    throw new SandboxMissingError(
      "the sandbox is not part of this installation (the npm package and the Docker image leave it out): run `npm ci && npm run demo` in a clone of the repository",
    );
  }
  return (await import(SANDBOX_ENTRY.href)) as SandboxDemo;
}

function parseInstant(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
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
    .option("--now <iso>", "the instant the sandbox runs at (default: a fixed instant, so output is stable)")
    .option("--out <dir>", "where to write the digest HTML", path.join(tmpdir(), "rapport-demo"))
    .option("--port <n>", "port of the web page with --keep (default: any free port)", "0")
    .action(
      action(async (options: { keep?: boolean; now?: string; out: string; port: string }) => {
        const now = parseInstant(options.now);
        const port = Number(options.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port: expected a port number`);
        const sandbox = await loadSandbox();
        await sandbox.runDemoCommand({ now, keep: options.keep === true, outDir: path.resolve(options.out), port });
      }),
    );
}
