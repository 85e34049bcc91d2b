/**
 * `rapport person` through the built binary: it shows a person's controls, changes them (snooze, do-not-contact, own
 * cadence, a logged touch) and what is due follows. The commands run once, on Postgres when there is one (else
 * PGlite); the rules behind them run on both databases in person-controls.test.ts.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { makeConfig } from "../../src/config.js";
import { findAccountByAddress } from "../../src/db/accounts.js";
import { openDatabase } from "../../src/db/database.js";
import { migrateOrThrow } from "../../src/db/migrate.js";
import type { Account } from "../../src/db/schema.js";
import { evaluateAccount } from "../../src/jobs/evaluate-account.js";
import { silentLogger } from "../../src/logger.js";
import { seedAccount } from "../drafting/seed.js";
import { runCli } from "../support/cli.js";
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../support/database.js";
import { MARIA, seedOutreach } from "./seed-outreach.js";

const kind = TEST_DATABASE_URL ? "postgres" : "pglite";
const NUDGE_DUE = "2026-03-11T16:00:00Z";

describe(`rapport person [${kind}]`, () => {
  let dir: string;
  let env: Record<string, string>;
  let database: TestDatabase | null = null;

  /** What the worker would draft at `now`, evaluated on the same database the CLI wrote to. */
  async function dueAt(now: string): Promise<string[]> {
    const handle = database ?? (await openDatabase({ url: null, dataDir: env.RAPPORT_DATA_DIR as string }));
    try {
      const ctx = await createContext(makeConfig(), {
        database: handle,
        log: silentLogger(),
        clock: new ManualClock(now),
        migrate: false,
      });
      const account = (await findAccountByAddress(handle.db, "alex@example.com")) as Account;
      return (await evaluateAccount(ctx, account)).due.map((d) => `${d.kind} ${d.to}`);
    } finally {
      if (!database) await handle.close();
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rapport-person-"));
    // The CLI's clock is the real one: dates are given relative to today where it matters.
    env = { RAPPORT_DATA_DIR: path.join(dir, "data"), RAPPORT_LOG_LEVEL: "silent" };
    if (kind === "postgres") {
      database = await openTestDatabase("postgres");
      await seedOutreach(database.db, await seedAccount(database.db));
      env.DATABASE_URL = database.url as string;
    } else {
      const handle = await openDatabase({ url: null, dataDir: env.RAPPORT_DATA_DIR as string });
      await migrateOrThrow(handle);
      await seedOutreach(handle.db, await seedAccount(handle.db));
      await handle.close();
    }
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("shows a person, and do-not-contact, own cadence and a logged touch change what is due", async () => {
    expect(await dueAt(NUDGE_DUE)).toEqual([`nudge ${MARIA}`]);
    const shown = await runCli(["person", MARIA], { env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(
      [
        `Maria Lopez <${MARIA}> — Northwind`,
        "stage: outreach_sent",
        "do-not-contact: no",
        "snoozed until: not snoozed",
        "check in after: the account's cadence",
        "nudge after: the account's cadence",
        "",
      ].join("\n"),
    );

    const dnc = await runCli(["person", MARIA, "--do-not-contact", "--json"], { env });
    expect(dnc.stderr).toBe("");
    expect(JSON.parse(dnc.stdout)).toMatchObject({ address: MARIA, doNotContact: true });
    expect(await dueAt(NUDGE_DUE)).toEqual([]);

    await runCli(["person", MARIA, "--allow-contact", "--nudge-after", "3"], { env });
    expect(await dueAt("2026-03-05T16:00:00Z")).toEqual([`nudge ${MARIA}`]);

    const touched = await runCli(
      ["person", MARIA, "--log-touch", "coffee", "--on", "2026-03-04", "--note", "oat flat white"],
      {
        env,
      },
    );
    expect(touched.code).toBe(0);
    expect(touched.stdout).toContain(
      "nudge after: 3 business days (own)\ntouches:\n  2026-03-04 coffee: oat flat white\n",
    );
    expect(await dueAt(NUDGE_DUE)).toEqual([]);
  });

  it("snoozes until a later date, and refuses bad input with one line", async () => {
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const snoozed = await runCli(["person", MARIA, "--snooze-until", later], { env });
    expect(snoozed.code).toBe(0);
    expect(snoozed.stdout).toContain(`snoozed until: ${later}\n`);
    const past = await runCli(["person", MARIA, "--snooze-until", "2020-01-01"], { env });
    expect(past).toMatchObject({
      code: 2,
      stdout: "",
      stderr: "rapport: snooze until: 2020-01-01 is not after today\n",
    });
    const unknown = await runCli(["person", "nobody@example.org"], { env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("rapport: no contact nobody@example.org in alex@example.com (see: rapport contacts)\n");
    const both = await runCli(["person", MARIA, "--unsnooze", "--snooze-until", later], { env });
    expect(both.stderr).toBe("rapport: --snooze-until and --unsnooze contradict\n");
    const days = await runCli(["person", MARIA, "--check-in-every", "0"], { env });
    expect(days.stderr).toBe("rapport: --check-in-every: expected a whole number from 1 to 730\n");
  });
});
