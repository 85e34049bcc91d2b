/**
 * Fetches a list of threads with a small pool of workers and hands them out in batches as they complete, in
 * whatever order they finish: one slow thread (a retry backing off) holds up nobody. Fetching goes on while the
 * caller applies a batch, but at most two batches wait in memory (bodies included); when the caller stops, the
 * workers take no new thread.
 *
 * Each thread is read once, in full. Only when Google refuses that one thread in full (a permanent error, not a
 * quota or grant problem) is it read again by its headers, so the sync still records it and the assessment can
 * set it aside with the reason.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import { ProviderError } from "../../domain/provider-port.js";
import { fetchThread, type GmailSession } from "./session.js";

export interface ReadThread {
  thread: gmail_v1.Schema$Thread;
  /** True when read in full (bodies present); false when only its headers could be read. */
  full: boolean;
  /** Why it could not be read in full. */
  unreadable?: string;
}

type FetchedThread = [threadId: string, read: ReadThread | null];

/** The thread in full, or by its headers when Google will not give this one thread in full; null when gone. */
export async function readThread(session: GmailSession, threadId: string): Promise<ReadThread | null> {
  try {
    const thread = await fetchThread(session, threadId, "full");
    return thread && { thread, full: true };
  } catch (error) {
    if (!(error instanceof ProviderError && error.code === "permanent")) throw error;
    const thread = await fetchThread(session, threadId, "metadata");
    return thread && { thread, full: false, unreadable: error.message.split("\n")[0]?.slice(0, 300) ?? "" };
  }
}

export async function* fetchThreads(
  session: GmailSession,
  threadIds: readonly string[],
  batchSize: number,
  workers: number,
): AsyncGenerator<FetchedThread[]> {
  const queue = [...threadIds];
  const done: FetchedThread[] = [];
  let failure = null as { error: unknown } | null; // set by the workers
  let stopped = false;
  let active = 0;
  let wake: () => void = () => {};
  const held: (() => void)[] = []; // workers waiting for the caller to take a batch
  const drained = () => {
    for (const resume of held.splice(0)) resume();
  };
  const work = async () => {
    active++;
    try {
      for (let id = queue.shift(); id !== undefined && !stopped && !failure; id = queue.shift()) {
        // Back-pressure: bodies wait in memory for at most two batches.
        while (done.length >= 2 * batchSize && !stopped) await new Promise<void>((r) => held.push(r));
        if (stopped) break;
        done.push([id, await readThread(session, id)]);
        if (done.length >= batchSize) wake();
      }
    } catch (error) {
      failure ??= { error };
    } finally {
      active--;
      wake();
    }
  };
  for (let i = 0; i < Math.min(workers, queue.length); i++) void work();
  try {
    for (;;) {
      if (failure) throw failure.error;
      if (done.length >= batchSize || (active === 0 && done.length > 0)) {
        const batch = done.splice(0, batchSize);
        drained();
        yield batch;
        continue;
      }
      if (active === 0) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stopped = true;
    drained();
  }
}
