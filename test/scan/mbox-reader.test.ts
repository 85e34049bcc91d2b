import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMbox } from "../../src/scan/mbox-reader.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-mbox-"));
function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function all(p: string, opts = {}) {
  const out = [];
  for await (const m of readMbox(p, opts)) out.push(m);
  return out;
}

describe("readMbox", () => {
  it("splits at From_ lines that follow an empty line and undoes >From quoting (mboxrd)", async () => {
    const p = file(
      "a.mbox",
      "From a@b Mon Jan  1 00:00:00 2026\nSubject: one\n\nbody\nFrom here on, not a separator\n>From the past\n>>From deeper\n\nFrom b@c Mon Jan  1 00:00:01 2026\nSubject: two\n\nsecond\n",
    );
    const msgs = await all(p);
    expect(msgs).toHaveLength(2);
    expect(msgs[0]?.raw.toString()).toBe(
      "Subject: one\n\nbody\nFrom here on, not a separator\nFrom the past\n>From deeper\n",
    );
    expect(msgs[1]?.raw.toString()).toBe("Subject: two\n\nsecond");
  });

  it("handles CRLF files, NUL bytes and a truncated last message", async () => {
    const p = file(
      "crlf.mbox",
      Buffer.from(
        "From x Thu\r\nSubject: a\u0000b\r\n\r\nhello\r\n\r\nFrom y Thu\r\nSubject: cut off\r\n\r\nhalf a mess",
        "latin1",
      ),
    );
    const msgs = await all(p);
    expect(msgs.map((m) => m.raw.toString("latin1"))).toEqual([
      "Subject: a\u0000b\r\n\r\nhello\r\n",
      "Subject: cut off\r\n\r\nhalf a mess",
    ]);
  });

  it("streams across small chunks and caps huge messages without holding them", async () => {
    const big = "x".repeat(75);
    const lines = Array.from({ length: 20000 }, () => big).join("\n");
    const p = file("big.mbox", `From a Thu\nSubject: big\n\n${lines}\n\nFrom b Thu\nSubject: small\n\nok\n`);
    const msgs = await all(p, { chunkBytes: 4096, maxMessageBytes: 64 * 1024 });
    expect(msgs).toHaveLength(2);
    expect(msgs[0]?.truncated).toBe(true);
    expect(msgs[0]?.raw.length).toBeLessThanOrEqual(64 * 1024);
    expect(msgs[0]?.size).toBeGreaterThan(1_500_000);
    expect(msgs[1]?.raw.toString()).toBe("Subject: small\n\nok");
  });

  it("yields nothing for an empty file", async () => {
    expect(await all(file("empty.mbox", ""))).toEqual([]);
  });
});
