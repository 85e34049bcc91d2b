/**
 * The short version of `npm run fuzz`: a few hundred generated hostile messages and calendars through scan's
 * code and the adapters' converters, in worker processes, judged by the same bar (no crash, no hang, no input over
 * 2 s of CPU, every skip reason readable). It mutates the peers' inputs when ../shared is there, and runs on the
 * project's own fixtures alone too.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type CampaignReport, formatReport, runCampaign } from "../../bench/fuzz/campaign.js";
import { DEFAULT_PEERS } from "../../bench/fuzz/corpus.js";

const LIMIT_MS = 2000;

function expectClean(report: CampaignReport): void {
  const figures = formatReport(report, { limitMs: LIMIT_MS, seed: "test" }).join("\n");
  expect(report.failures, figures).toEqual([]);
  expect(report.crashes + report.hangs + report.slow + report.unreadable).toBe(0);
}

describe("fuzz (short)", () => {
  it("300 inputs mutated from every seed available: no crash, hang, slow input or unreadable reason", async () => {
    const report = await runCampaign({
      count: 300,
      seed: "npm-test",
      peers: existsSync(DEFAULT_PEERS) ? DEFAULT_PEERS : null,
      workers: 2,
      limitMs: LIMIT_MS,
      hardLimitMs: 60_000,
    });
    expect(report.inputs).toBe(300);
    expectClean(report);
  }, 600_000);

  it("runs without ../shared, on the project's own fixtures", async () => {
    const report = await runCampaign({
      count: 40,
      seed: "npm-test-own",
      peers: null,
      workers: 2,
      limitMs: LIMIT_MS,
      hardLimitMs: 60_000,
    });
    expect(report.seeds.sources).toEqual(["test/fixtures"]);
    expect(report.seeds.ics).toBeGreaterThan(10);
    expectClean(report);
  }, 300_000);
});
