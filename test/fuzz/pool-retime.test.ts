/**
 * The fuzz pool judges an input over its CPU bar on the least of three runs, since one run's CPU time rises with
 * the machine's load; an input under the bar is run once.
 */
import { describe, expect, it } from "vitest";
import { PLAIN_MAIL } from "../../bench/fuzz/inputs.js";
import { runInputs } from "../../bench/fuzz/pool.js";

const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "BEGIN:VEVENT",
  "UID:daily@example.org",
  "DTSTART:20260301T100000Z",
  "RRULE:FREQ=DAILY;COUNT=400",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("fuzz pool timing", () => {
  it("runs an input over the bar three times and keeps its least CPU time; one under it once", async () => {
    const input = (index: number) => ({
      kind: "scan-ics" as const,
      index,
      label: "daily",
      seed: "d",
      mail: PLAIN_MAIL,
      ics: ICS,
    });
    const [over] = await runInputs([input(0)], { workers: 1, hardLimitMs: 30_000, retimeOverMs: 0 });
    expect(over?.timings).toHaveLength(3);
    expect(over?.reply?.cpuMs).toBe(Math.min(...(over?.timings ?? [])));
    expect(over?.reply?.outcome.meetings?.map((m) => m.uid)).toContain("daily@example.org");
    const [under] = await runInputs([input(1)], { workers: 1, hardLimitMs: 30_000, retimeOverMs: 60_000 });
    expect(under?.timings).toBeUndefined();
    expect(under?.reply?.outcome.failure).toBeNull();
  }, 60_000);
});
