/**
 * Fetches a list of threads with a small pool of workers and hands them out in batches as they complete, in
 * whatever order they finish: one slow thread (a retry backing off) holds up nobody. Fetching goes on while the
 * caller applies a batch; when the caller stops, the workers take no new thread.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import { fetchThreadMetadata, type GmailSession } from "./session.js";

type FetchedThread = [threadId: string, thread: gmail_v1.Schema$Thread | null];

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
  const work = async () => {
    active++;
    try {
      for (let id = queue.shift(); id !== undefined && !stopped && !failure; id = queue.shift()) {
        done.push([id, await fetchThreadMetadata(session, id)]);
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
        yield done.splice(0, batchSize);
        continue;
      }
      if (active === 0) return;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    stopped = true;
  }
}
