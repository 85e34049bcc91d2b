import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { parseClassifyOptions } from "../../src/cli/commands/classify.js";
import { parseScanOptions, runScan } from "../../src/cli/commands/scan.js";
import { UsageError } from "../../src/cli/errors.js";

const now = new Date("2026-04-15T17:30:00Z");

describe("rapport scan arguments", () => {
  it("parses --me lists, --now and --tz", () => {
    const o = parseScanOptions(
      { mbox: "m.mbox", me: "A@Example.com, b@example.org", now: "2026-04-15T17:30:00Z", tz: "America/Chicago" },
      new Date(0),
      "UTC",
    );
    expect(o).toMatchObject({ me: ["a@example.com", "b@example.org"], timeZone: "America/Chicago" });
    expect(o.now.toISOString()).toBe("2026-04-15T17:30:00.000Z");
    expect(parseScanOptions({ mbox: "m", me: "a@b.c" }, now, "Europe/Paris")).toMatchObject({
      now,
      timeZone: "Europe/Paris",
    });
  });

  it("rejects bad --tz, --now and --me with one-line usage errors", () => {
    expect(() => parseScanOptions({ mbox: "m", me: "a@b.c", tz: "Mars/Olympus" }, now, "UTC")).toThrow(UsageError);
    expect(() => parseScanOptions({ mbox: "m", me: "a@b.c", now: "yesterday" }, now, "UTC")).toThrow(/--now/);
    expect(() => parseScanOptions({ mbox: "m", me: "not-an-address" }, now, "UTC")).toThrow(/--me/);
  });

  it("a missing file is a usage error, nothing on stdout", async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = "";
    stdout.on("data", (c) => {
      out += c;
    });
    await expect(
      runScan({ mbox: "/nonexistent.mbox", me: "a@b.c", json: true }, { stdout, stderr, now, systemZone: "UTC" }),
    ).rejects.toThrow(UsageError);
    expect(out).toBe("");
  });
});

describe("rapport classify arguments", () => {
  it("normalises the thread key and validates yes/no and direction", () => {
    expect(parseClassifyOptions({ thread: "abc@x", me: "a@b.c", informational: "yes" })).toMatchObject({
      threadKey: "<abc@x>",
      informational: true,
      direction: "seeker",
    });
    expect(parseClassifyOptions({ thread: "<abc@x>", me: "a@b.c", informational: "no" })).toMatchObject({
      informational: false,
      direction: null,
    });
    expect(() => parseClassifyOptions({ thread: "<a@x>", me: "a@b.c", informational: "maybe" })).toThrow(UsageError);
    expect(() =>
      parseClassifyOptions({ thread: "<a@x>", me: "a@b.c", informational: "yes", direction: "sideways" }),
    ).toThrow(UsageError);
  });
});
