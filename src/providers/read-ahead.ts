/**
 * One page of read-ahead over a sync's pages: the next page is requested as soon as the current one is handed over,
 * so the provider's request budget keeps working while the caller stores the page (a delta sync is otherwise bound by
 * request time plus write time, page after page). At most one page waits in memory beside the one being stored, and
 * pages come in their order: a checkpoint (the page's cursor) is still stored only after its page. When the caller
 * stops early, the request in flight is let finish (the caller's signal cuts it short) and the source is closed.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const pages = source[Symbol.asyncIterator]();
  let next = pages.next();
  let finished = false;
  try {
    for (;;) {
      const current = await next;
      if (current.done) {
        finished = true;
        return;
      }
      next = pages.next();
      // Its failure is the caller's once it asks for that page; until then it must not count as unhandled.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    if (!finished) {
      await next.catch(() => {});
      await pages.return?.();
    }
  }
}
