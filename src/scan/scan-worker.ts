/** Runs one scan inside a worker thread (see isolated-scan.ts) and formats its output there. */
import { parentPort, workerData } from "node:worker_threads";
import { installFastBlob } from "./fast-blob.js";
import { finishScan, type IsolatedScanRequest } from "./isolated-scan.js";
import { scanMailbox } from "./scan-mailbox.js";

installFastBlob();
const request = workerData as IsolatedScanRequest;
scanMailbox({ ...request.options, onProgress: (n) => parentPort?.postMessage({ progress: n }) }).then(
  (result) => {
    const summary = finishScan(result, request.format, request.options.timeZone, (chunk) =>
      parentPort?.postMessage({ chunk }),
    );
    parentPort?.postMessage({ result: summary });
  },
  (error: unknown) =>
    parentPort?.postMessage({ error: { name: (error as Error).name, message: (error as Error).message } }),
);
