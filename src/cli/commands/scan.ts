/**
 * rapport scan --mbox FILE [--ics FILE] --me ADDR[,ADDR...] [--now ISO-8601] [--tz IANA] [--json]
 * Offline detection over exported mail and calendar files. Results on stdout, progress and the report of
 * skipped messages on stderr.
 */

import type { Command } from "commander";
import { systemClock } from "../../clock.js";
import { isValidTimeZone } from "../../domain/time-zone.js";
import { problemsSummary } from "../../scan/format-output.js";
import { SCAN_HEAP_FLAG, SCAN_NODE_FLAGS, scanToOutput } from "../../scan/isolated-scan.js";
import { SourceError } from "../../scan/mail-sources.js";
import { defaultWorkers, type ScanOptions } from "../../scan/scan-mailbox.js";
import { exitWithParent, runDedicatedProcess } from "../dedicated-process.js";
import { action, UsageError } from "../errors.js";
import { loadOfflineOverrides } from "./offline-overrides.js";

interface ScanCommandOptions {
  mbox: string;
  ics?: string;
  me: string;
  now?: string;
  tz?: string;
  json?: boolean;
  parseWorkers?: string;
}

export function parseScanOptions(o: ScanCommandOptions, clockNow: Date, systemZone: string): ScanOptions {
  const me = o.me
    .split(",")
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  if (me.length === 0 || me.some((a) => !/^[^@\s]+@[^@\s]+$/.test(a)))
    throw new UsageError(`--me expects e-mail addresses separated by commas, got "${o.me}"`);
  let now = clockNow;
  if (o.now !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(o.now.trim()))
      throw new UsageError(`--now expects an ISO 8601 instant such as 2026-04-15T17:30:00Z, got "${o.now}"`);
    now = new Date(o.now.trim());
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now is not a valid date: "${o.now}"`);
  }
  const timeZone = o.tz ?? systemZone;
  if (!isValidTimeZone(timeZone))
    throw new UsageError(`--tz expects an IANA time zone such as Europe/London, got "${timeZone}"`);
  let workers: number | undefined;
  if (o.parseWorkers !== undefined) {
    workers = Number(o.parseWorkers);
    if (!Number.isInteger(workers) || workers < 0 || workers > 16)
      throw new UsageError(`--parse-workers expects a whole number from 0 to 16, got "${o.parseWorkers}"`);
  }
  return {
    mail: o.mbox,
    ...(o.ics ? { ics: o.ics } : {}),
    me,
    now,
    timeZone,
    ...(workers !== undefined ? { workers } : {}),
  };
}

/** Runs a scan and writes its output; exported for tests. */
export async function runScan(
  o: ScanCommandOptions,
  io: {
    stdout: NodeJS.WritableStream;
    stderr: NodeJS.WritableStream;
    now: Date;
    systemZone: string;
    /** This process runs nothing but the scan. */
    dedicated?: boolean;
  },
): Promise<void> {
  const options = parseScanOptions(o, io.now, io.systemZone);
  const overrides = await loadOfflineOverrides(options.me, (msg) => io.stderr.write(`rapport: ${msg}\n`));
  let result: Awaited<ReturnType<typeof scanToOutput>>;
  try {
    result = await scanToOutput(
      {
        ...options,
        workers: options.workers ?? (await defaultWorkers(options.mail)),
        overrides,
        onProgress: (n) => io.stderr.write(`rapport: read ${n} messages…\n`),
      },
      o.json ? "json" : "table",
      (chunk) => io.stdout.write(chunk),
      io.dedicated ?? false,
    );
  } catch (e) {
    if (e instanceof SourceError) throw new UsageError(e.message);
    throw e;
  }
  for (const line of problemsSummary(result.problems)) io.stderr.write(`rapport: ${line}\n`);
  io.stderr.write(
    `rapport: scanned ${result.messages} messages in ${result.threads} threads and ${result.events} calendar events\n`,
  );
}

export function registerScanCommand(program: Command): void {
  program
    .command("scan")
    .description("detect informational interviews in exported mail (mbox/.eml) and calendar (.ics) files")
    .requiredOption("--mbox <file>", "mbox file (Google Takeout), an .eml file or a folder of .eml files")
    .option("--ics <file>", "iCalendar file")
    .requiredOption("--me <addresses>", "your own addresses, comma-separated")
    .option("--now <iso>", "evaluation instant (default: now)")
    .option("--tz <zone>", "your IANA time zone (default: the system's)")
    .option("--json", "print one JSON object")
    .option(
      "--parse-workers <n>",
      "MIME parsing threads (default: 2 for an mbox over 64 MB on a multi-core machine, else 0)",
    )
    .action(
      action(async (o: ScanCommandOptions) => {
        const entry = process.argv[1];
        if (!process.execArgv.includes(SCAN_HEAP_FLAG) && entry) {
          // Re-run this same command in a Node process tuned for one large scan (small young generation).
          process.exitCode = await runDedicatedProcess([
            ...SCAN_NODE_FLAGS,
            ...process.execArgv,
            entry,
            ...process.argv.slice(2),
          ]);
          return;
        }
        exitWithParent();
        await runScan(o, {
          dedicated: true,
          stdout: process.stdout,
          stderr: process.stderr,
          now: systemClock.now(),
          systemZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
        });
      }),
    );
}
