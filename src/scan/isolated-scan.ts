/**
 * Runs a scan in a worker thread whose young generation is kept small: the scan allocates a lot of short-lived
 * garbage (MIME parsing), and V8's default young generation would otherwise grow by ~100 MB of RSS. Falls back to
 * an in-process scan when the compiled worker is not available (tests under a TS loader).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type ScanOptions, type ScanResult, SourceError, scanMailbox } from "./scan-mailbox.js";

export async function scanMailboxIsolated(options: ScanOptions): Promise<ScanResult> {
  const url = new URL("./scan-worker.js", import.meta.url);
  if (!existsSync(fileURLToPath(url))) return scanMailbox(options);
  const { onProgress, ...data } = options;
  return new Promise<ScanResult>((resolve, reject) => {
    const w = new Worker(url, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    let settled = false;
    w.on("message", (m: { progress?: number; result?: ScanResult; error?: { name: string; message: string } }) => {
      if (m.progress !== undefined) onProgress?.(m.progress);
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
    });
    w.on("error", (e) => {
      if (!settled) reject(e);
    });
    w.on("exit", (code) => {
      if (!settled) reject(new Error(`scan worker stopped (exit ${code})`));
    });
  });
}
