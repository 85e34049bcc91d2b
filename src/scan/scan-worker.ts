/** Runs one scan inside a worker thread (see isolated-scan.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { type ScanOptions, scanMailbox } from "./scan-mailbox.js";

const options = workerData as Omit<ScanOptions, "onProgress">;
scanMailbox({ ...options, onProgress: (n) => parentPort?.postMessage({ progress: n }) }).then(
  (result) => parentPort?.postMessage({ result }),
  (error: unknown) =>
    parentPort?.postMessage({ error: { name: (error as Error).name, message: (error as Error).message } }),
);
