import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { problemsSummary } from "../../src/scan/format-output.js";
import { scanMailbox } from "../../src/scan/scan-mailbox.js";

const ME = "me@example.com";

function build(): string {
  const parts: Buffer[] = [];
  const add = (s: string | Buffer) => parts.push(typeof s === "string" ? Buffer.from(s, "utf8") : s);
  add(
    "From a Mon Mar  2 10:00:00 2026\nFrom: Me <me@example.com>\nTo: Ana <ana@example.org>\nDate: Mon, 02 Mar 2026 10:00:00 +0000\nSubject: Could I ask about your path into data engineering?\nMessage-ID: <good-1@example.com>\n\nHi Ana, I'm a tester exploring a move into data engineering. Would you have 20 minutes for a call? I'd love to hear how you got into the field.\n\n",
  );
  // malformed header lines, an address list that is nonsense, broken RFC 2047 words
  add(
    "From b Mon Mar  2 11:00:00 2026\nThis line has no colon\nFrom: <<<>>> ,,, =?utf-8?Q?bad=ZZ?=\nTo: undisclosed-recipients:;\nSubject: =?utf-8?B?!!!notbase64?= =?x-unknown?Q?hi?=\nMessage-ID: <bad-headers@example.com>\nDate: not a date at all\n\nbody\n\n",
  );
  // no Message-ID, no Date
  add("From c Mon Mar  2 12:00:00 2026\nFrom: Bo <bo@example.org>\nTo: me@example.com\nSubject: no ids\n\nhello\n\n");
  // unknown charset and invalid UTF-8 bytes, NUL bytes
  add(
    Buffer.concat([
      Buffer.from(
        "From d Mon Mar  2 13:00:00 2026\nFrom: Cy <cy@example.org>\nTo: me@example.com\nSubject: charset\u0000 test\nMessage-ID: <charset@example.org>\nDate: Mon, 02 Mar 2026 13:00:00 +0000\nContent-Type: text/plain; charset=x-made-up-42\n\n",
      ),
      Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x41, 0x0a, 0x0a]),
    ]),
  );
  // a 30 MB attachment
  const b64line = `${"QUJD".repeat(19)}\n`;
  add(
    `From e Mon Mar  2 14:00:00 2026\nFrom: Di <di@example.org>\nTo: me@example.com\nSubject: big file\nMessage-ID: <huge@example.org>\nDate: Mon, 02 Mar 2026 14:00:00 +0000\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nsee attached\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n${b64line.repeat(Math.ceil((30 * 1024 * 1024) / b64line.length))}--b--\n\n`,
  );
  // not a message at all
  add("From f Mon Mar  2 15:00:00 2026\n\n\n");
  // truncated in the middle of the headers
  add("From g Mon Mar  2 16:00:00 2026\nFrom: Ed <ed@example.org>\nTo: me@exa");
  const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-bad-"));
  const file = path.join(dir, "bad.mbox");
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

describe("bad input never crashes the scan", () => {
  it("counts and reports what it could not read and processes everything else", async () => {
    const result = await scanMailbox({
      mail: build(),
      me: [ME],
      now: new Date("2026-03-20T12:00:00Z"),
      timeZone: "Europe/Berlin",
    });
    expect(result.messages).toBe(6);
    expect(result.problems.skipped).toHaveLength(1);
    expect(result.problems.warnings.get("without Message-ID")).toBeGreaterThanOrEqual(2);
    expect(result.problems.warnings.get("without a readable Date")).toBeGreaterThanOrEqual(2);
    const lines = problemsSummary(result.problems);
    expect(lines[0]).toMatch(/^skipped 1 message: 1 /);
    const good = result.evaluation.threads.find((t) => t.threadId === "<good-1@example.com>");
    expect(good).toMatchObject({ informational: true, direction: "seeker", contacts: ["ana@example.org"] });
    expect(result.evaluation.due.map((d) => [d.kind, d.inReplyTo])).toEqual([["nudge", "<good-1@example.com>"]]);
    expect(result.evaluation.threads.find((t) => t.threadId === "<huge@example.org>")?.informational).toBe(false);
  });

  it("rejects a missing file with a clear error", async () => {
    await expect(
      scanMailbox({ mail: "/nonexistent/x.mbox", me: [ME], now: new Date(), timeZone: "UTC" }),
    ).rejects.toThrow(/cannot read \/nonexistent\/x\.mbox/);
  });
});
