/** Worker side of the parse pool: batches of raw messages in, parse outcomes out. */
import { parentPort, workerData } from "node:worker_threads";
import { installFastBlob } from "./fast-blob.js";
import { type ParseJob, type ParseOutcome, parseJob } from "./parse-job.js";

installFastBlob();

const me = new Set<string>((workerData as { me: string[] }).me);

parentPort?.on("message", async (batch: ParseJob[]) => {
  const out: ParseOutcome[] = [];
  for (const job of batch) out.push(await parseJob(job, me));
  parentPort?.postMessage(out);
});
