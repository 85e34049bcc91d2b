/**
 * `rapport import linkedin` through the built binary: the summary and the bad rows on stdout, idempotent on a second
 * run, and a malformed file refused with one line naming the row. Each run opens the database, which costs seconds
 * on PGlite: the commands run once, on Postgres when there is one (else PGlite); the import itself runs on both
 * databases in linkedin-import.test.ts.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { migrateOrThrow } from "../../src/db/migrate.js";
import { seedAccount } from "../drafting/seed.js";
import { runCli } from "../support/cli.js";
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../support/database.js";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/linkedin/Connections.csv");
const kind = TEST_DATABASE_URL ? "postgres" : "pglite";

describe(`rapport import linkedin [${kind}]`, () => {
  let dir: string;
  let env: Record<string, string>;
  let database: TestDatabase | null = null;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "rapport-import-"));
    env = { RAPPORT_DATA_DIR: path.join(dir, "data"), RAPPORT_LOG_LEVEL: "silent" };
    if (kind === "postgres") {
      database = await openTestDatabase("postgres");
      await seedAccount(database.db);
      env.DATABASE_URL = database.url as string;
    } else {
      const handle = await openDatabase({ url: null, dataDir: env.RAPPORT_DATA_DIR as string });
      await migrateOrThrow(handle);
      await seedAccount(handle.db);
      await handle.close();
    }
  });
  afterAll(async () => {
    await database?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("imports the export, reports the bad rows by line, and a second run changes nothing", async () => {
    const r = await runCli(["import", "linkedin", FIXTURE], { env });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "7 people read: 7 new, 0 updated, 0 unchanged; 2 rows skipped",
        "matched to your contacts: 0 by address, 0 by name",
        "line 9: no name (skipped)",
        'line 10: "priya at northwind" is not an e-mail address',
        'line 10: unreadable date "31 Sep 2024"',
        "line 12: 9 fields where the header has 7 (a comma outside quotes?) (skipped)",
        "",
      ].join("\n"),
    );
    const again = await runCli(["import", "linkedin", FIXTURE, "--json"], { env });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      account: "alex@example.com",
      rows: 7,
      added: 0,
      updated: 0,
      unchanged: 7,
    });
  });

  it("refuses a malformed file with one line naming the row, and a missing one", async () => {
    const bad = path.join(dir, "broken.csv");
    await writeFile(bad, 'Notes:\n\nFirst Name,Last Name,URL\nAna,"Lima,https://x\n');
    const r = await runCli(["import", "linkedin", bad], { env });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`rapport: ${bad}: line 4: not a readable CSV file (a quoted field is never closed)\n`);
    const other = path.join(dir, "contacts.csv");
    await writeFile(other, "name,email\nAna,ana@x.org\n");
    const wrong = await runCli(["import", "linkedin", other], { env });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^rapport: .*contacts\.csv: line 1: no LinkedIn header .*\n$/);
    const missing = await runCli(["import", "linkedin", path.join(dir, "nope.csv")], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: no such file\n$/);
  });
});
