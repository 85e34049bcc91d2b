/** Runs one scan and streams its output (JSON or the table), for the CLI and the benchmark. */
import { installFastBlob } from "./fast-blob.js";
import { jsonOutputChunks, toTable } from "./format-output.js";
import { type ScanOptions, type ScanProblems, type ScanResult, scanMailbox } from "./scan-mailbox.js";

type OutputFormat = "json" | "table" | "none";

interface FinishedScan {
  messages: number;
  threads: number;
  events: number;
  informational: number;
  due: number;
  problems: ScanProblems;
}

const CHUNK_CHARS = 256 * 1024;

/** Formats the output in pieces of ~256 KB handed to `write`, and returns the scan's summary. */
function finishScan(
  result: ScanResult,
  format: OutputFormat,
  timeZone: string,
  write: (chunk: string) => void,
): FinishedScan {
  const e = result.evaluation;
  if (format === "table") write(toTable(e, timeZone));
  if (format === "json") {
    let buffer: string[] = [];
    let size = 0;
    for (const piece of jsonOutputChunks(e)) {
      buffer.push(piece);
      size += piece.length;
      if (size >= CHUNK_CHARS) {
        write(buffer.join(""));
        buffer = [];
        size = 0;
      }
    }
    if (buffer.length > 0) write(buffer.join(""));
  }
  return {
    messages: result.messages,
    threads: result.threads,
    events: result.events,
    informational: e.threads.filter((t) => t.informational).length,
    due: e.due.length,
    problems: result.problems,
  };
}

/**
 * V8 flag for a process dedicated to one scan: the scan allocates a lot of short-lived garbage (MIME parsing),
 * and V8's default young generation (and the old-generation garbage it promotes) would add ~70-100 MB of RSS.
 * `rapport scan` re-runs itself in a child Node process with this flag (see commands/scan.ts).
 */
export const SCAN_HEAP_FLAG = "--max-semi-space-size=4";
/** The flags of the dedicated scan process: the small young generation, and gc for the stage-boundary collections. */
export const SCAN_NODE_FLAGS = [SCAN_HEAP_FLAG, "--expose-gc"];

/**
 * Runs a scan in this process and hands its formatted output to `write` in pieces. `dedicated`: this process
 * runs nothing but the scan, so the global Blob may be swapped for the fast one (see fast-blob.ts).
 */
export async function scanToOutput(
  options: ScanOptions,
  format: OutputFormat,
  write: (chunk: string) => void,
  dedicated = false,
): Promise<FinishedScan> {
  if (!dedicated) return finishScan(await scanMailbox(options), format, options.timeZone, write);
  installFastBlob();
  const collect = fullCollector();
  const result = await scanMailbox({ ...options, ...(collect ? { releaseMemory: collect } : {}) });
  collect?.();
  return finishScan(result, format, options.timeZone, write);
}

/**
 * A full garbage collection for a dedicated scan process, called at stage boundaries. Measured on the
 * 100,000-message benchmark: the live heap never exceeds ~110 MB, but without these collections V8 lets dead
 * objects of earlier stages (parse garbage, the threading id table, the MailMessages) pile up and RSS peaks at
 * ~325 MB; with them it stays ~240 MB, for a few hundred ms of CPU. The dedicated process is started with
 * SCAN_NODE_FLAGS (which expose gc); null when it was not.
 */
function fullCollector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  return typeof exposed === "function" ? () => exposed() : null;
}
