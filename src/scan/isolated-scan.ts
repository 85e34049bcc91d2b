/**
 * Runs a scan in a worker thread whose young generation is kept small, and formats the output there: the scan
 * allocates a lot of short-lived garbage (MIME parsing), and V8's default young generation would otherwise add
 * ~100 MB of RSS; only the finished output string crosses back. Falls back to an in-process scan when the
 * compiled worker is not available (tests under a TS loader).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { jsonOutputChunks, toTable } from "./format-output.js";
import { SourceError } from "./mail-sources.js";
import type { ScanOptions, ScanProblems, ScanResult } from "./scan-mailbox.js";

export type OutputFormat = "json" | "table" | "none";

export interface IsolatedScanRequest {
  options: Omit<ScanOptions, "onProgress">;
  format: OutputFormat;
}

export interface FinishedScan {
  messages: number;
  threads: number;
  events: number;
  informational: number;
  due: number;
  problems: ScanProblems;
}

const CHUNK_CHARS = 256 * 1024;

/** Formats the output in pieces of ~256 KB handed to `write`, and returns the scan's summary. */
export function finishScan(
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

export async function scanIsolated(
  options: ScanOptions,
  format: OutputFormat,
  write: (chunk: string) => void,
): Promise<FinishedScan> {
  const url = new URL("./scan-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    const { scanMailbox } = await import("./scan-mailbox.js");
    return finishScan(await scanMailbox(options), format, options.timeZone, write);
  }
  const { onProgress, ...rest } = options;
  const request: IsolatedScanRequest = { options: rest, format };
  return new Promise<FinishedScan>((resolve, reject) => {
    const w = new Worker(url, { workerData: request, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
    let settled = false;
    w.on(
      "message",
      (m: { progress?: number; chunk?: string; result?: FinishedScan; error?: { name: string; message: string } }) => {
        if (m.progress !== undefined) onProgress?.(m.progress);
        if (m.chunk !== undefined) write(m.chunk);
        if (m.result) {
          settled = true;
          resolve(m.result);
          void w.terminate();
        }
        if (m.error) {
          settled = true;
          reject(m.error.name === "SourceError" ? new SourceError(m.error.message) : new Error(m.error.message));
          void w.terminate();
        }
      },
    );
    w.on("error", (e) => {
      if (!settled) reject(e);
    });
    w.on("exit", (code) => {
      if (!settled) reject(new Error(`scan worker stopped (exit ${code})`));
    });
  });
}
