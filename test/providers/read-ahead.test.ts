/**
 * The delta sync's one page of read-ahead (providers/read-ahead.ts): the next page is asked for while the caller is
 * still storing the current one, pages keep their order, a failure reaches the caller at the page that failed, and a
 * caller that stops early closes the source.
 */
import { describe, expect, it } from "vitest";
import { readAhead } from "../../src/providers/read-ahead.js";

function source(count: number, log: string[], failAt?: number) {
  return (async function* pages() {
    try {
      for (let i = 1; i <= count; i += 1) {
        log.push(`read ${i}`);
        await new Promise((r) => setTimeout(r, 5));
        if (i === failAt) throw new Error(`page ${i} failed`);
        yield i;
      }
    } finally {
      log.push("closed");
    }
  })();
}

describe("read-ahead over sync pages", () => {
  it("reads the next page while the current one is stored, in order", async () => {
    const log: string[] = [];
    const seen: number[] = [];
    for await (const page of readAhead(source(3, log))) {
      log.push(`store ${page} begins`);
      await new Promise((r) => setTimeout(r, 20));
      log.push(`store ${page} ends`);
      seen.push(page);
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(log.indexOf("read 2")).toBeLessThan(log.indexOf("store 1 ends"));
    expect(log.indexOf("read 3")).toBeLessThan(log.indexOf("store 2 ends"));
    expect(log.filter((l) => l === "closed")).toHaveLength(1);
  });

  it("hands a failed read to the caller after the pages before it", async () => {
    const log: string[] = [];
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const page of readAhead(source(3, log, 2))) seen.push(page);
      })(),
    ).rejects.toThrow("page 2 failed");
    expect(seen).toEqual([1]);
  });

  it("closes the source when the caller stops early", async () => {
    const log: string[] = [];
    for await (const page of readAhead(source(5, log))) if (page === 2) break;
    expect(log).toContain("closed");
    expect(log.filter((l) => l.startsWith("read")).length).toBeLessThanOrEqual(3);
  });
});
