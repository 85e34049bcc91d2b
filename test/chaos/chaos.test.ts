/**
 * The short chaos run that every `npm test` makes (the full one is `npm run chaos`): `rapport` killed with SIGKILL at
 * chosen requests of sync, assessment, drafting and the digest, restarted, settled; nothing duplicated, nothing
 * missing, no cursor behind where it stood. The fake Gmail on PGlite with a second process refused beside the first;
 * on Postgres (when TEST_DATABASE_URL is set) the fake Graph with two workers at once, and the fake Gmail with
 * answers slower than an attempt's timeout.
 */
import { expect, it } from "vitest";
import { runChaos, type WorldPlan } from "../../sandbox/chaos/chaos.js";
import { CLI } from "../support/cli.js";
import { TEST_DATABASE_URL } from "../support/database.js";

const worlds: WorldPlan[] = [
  { provider: "gmail", database: "pglite", mode: "overlap" },
  ...(TEST_DATABASE_URL
    ? ([
        { provider: "outlook", database: "postgres", mode: "overlap" },
        { provider: "gmail", database: "postgres", mode: "slow" },
      ] as const)
    : []),
];

it("kills at chosen points leave no duplicate, nothing missing and no cursor behind", async () => {
  const figures = await runChaos({
    cli: CLI,
    postgresUrl: TEST_DATABASE_URL,
    worlds,
    killsPerWorld: 3,
    maxLivesPerWorld: 6,
    slowMs: 16_000,
    gmailAccounts: 1,
    seed: "short",
  });
  for (const w of figures) {
    const where = `${w.plan.provider}/${w.plan.database}/${w.plan.mode}`;
    expect(w.unexpectedFailures, where).toEqual([]);
    expect(w.kills, where).toBeGreaterThan(0);
    expect(w.expectedDrafts, where).toBeGreaterThan(0);
    expect(
      {
        duplicateDrafts: w.duplicateDrafts,
        duplicateDigests: w.duplicateDigests,
        missingDrafts: w.missingDrafts,
        missingDigests: w.missingDigests,
        cursorRegressions: w.cursorRegressions,
      },
      where,
    ).toEqual({ duplicateDrafts: 0, duplicateDigests: 0, missingDrafts: 0, missingDigests: 0, cursorRegressions: 0 });
  }
}, 600_000);
