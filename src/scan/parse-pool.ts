/**
 * Parses raw messages, on worker threads when asked (MIME parsing is the costly step; messages are
 * independent). Backpressure: a bounded number of batches in flight per worker, so memory stays flat however
 * large the mailbox. Falls back to in-process parsing when workers are not available (e.g. under a TS loader).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { RawMessage } from "./mbox-reader.js";
import { type ParseJob, type ParseOutcome, parseJob } from "./parse-job.js";

const BATCH = 64;
const IN_FLIGHT_PER_WORKER = 3;

function workerUrl(): URL | null {
  const url = new URL("./parse-worker.js", import.meta.url);
  try {
    return existsSync(fileURLToPath(url)) ? url : null;
  } catch {
    return null;
  }
}

function toJob(m: RawMessage): ParseJob {
  // Transferred to a worker: a Buffer larger than Node's pool owns its ArrayBuffer (the reader keeps no other view
  // of it) and goes as it is; small Buffers share a pooled ArrayBuffer and are copied first.
  const own = m.raw.buffer.byteLength > Buffer.poolSize;
  return { index: m.index, raw: own ? m.raw : new Uint8Array(m.raw), truncated: m.truncated };
}

export async function parseAll(
  source: AsyncIterable<RawMessage>,
  me: ReadonlySet<string>,
  workers: number,
  onOutcome: (o: ParseOutcome) => void,
): Promise<void> {
  const url = workers > 0 ? workerUrl() : null;
  if (!url) {
    for await (const m of source) onOutcome(await parseJob(toJob(m), me));
    return;
  }
  const pool = Array.from({ length: workers }, () => {
    const w = new Worker(url, { workerData: { me: [...me] }, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
    w.unref();
    return { w, inFlight: 0 };
  });
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const f = wake;
    wake = null;
    f?.();
  };
  for (const p of pool) {
    p.w.on("message", (out: ParseOutcome[]) => {
      p.inFlight--;
      for (const o of out) onOutcome(o);
      notify();
    });
    p.w.on("error", (e) => {
      failure = e;
      notify();
    });
  }
  const waitForSlot = async (): Promise<(typeof pool)[number]> => {
    for (;;) {
      if (failure) throw failure;
      const free = pool.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
      if (free.inFlight < IN_FLIGHT_PER_WORKER) return free;
      await new Promise<void>((r) => {
        wake = r;
      });
    }
  };
  const send = async (batch: ParseJob[]): Promise<void> => {
    const slot = await waitForSlot();
    slot.inFlight++;
    slot.w.postMessage(
      batch,
      batch.map((j) => j.raw.buffer as ArrayBuffer),
    );
  };
  try {
    let batch: ParseJob[] = [];
    for await (const m of source) {
      batch.push(toJob(m));
      if (batch.length >= BATCH) {
        await send(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await send(batch);
    while (pool.some((p) => p.inFlight > 0)) {
      if (failure) throw failure;
      await new Promise<void>((r) => {
        wake = r;
      });
    }
  } finally {
    await Promise.all(pool.map((p) => p.w.terminate()));
  }
}
