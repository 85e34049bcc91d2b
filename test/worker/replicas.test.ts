/**
 * Three `rapport start` processes share one Postgres and 50 Gmail accounts on the fake Google server. One is killed
 * with SIGKILL mid-run; the others take its accounts over. In the end every due draft exists exactly once in the
 * fake mailboxes (and once in the ledger) and every account got exactly one weekly digest; the survivors stop
 * gracefully on SIGTERM. Needs Postgres (TEST_DATABASE_URL): PGlite is one process by design.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { header } from "../../sandbox/fake-google/message-format.js";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import type { SeedMailbox } from "../../sandbox/seed.js";
import { createContext } from "../../src/app/compose.js";
import { makeConfig } from "../../src/config.js";
import type { AppContext } from "../../src/context.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { toLocal } from "../../src/domain/time-zone.js";
import { silentLogger } from "../../src/logger.js";
import { CLI } from "../support/cli.js";
import { openTestDatabase, TEST_DATABASE_URL, type TestDatabase } from "../support/database.js";
import { meeting, message } from "./mail-worlds.js";

const ACCOUNTS = 50;
const DAY = 86_400_000;
const ZONES = ["UTC", "America/Chicago", "Europe/Berlin", "Asia/Tokyo", "America/Sao_Paulo"];
const ARTIFACTS = path.resolve(import.meta.dirname, "../../test-artifacts/replicas");

/** Each mailbox: an outreach unanswered for two weeks (a nudge is due) and a chat that ended an hour ago (a thank-you). */
function mailboxFor(i: number, now: number): SeedMailbox {
  const me = { address: `seeker${i}@example.com`, name: `Sam Seeker${i}` };
  const quiet = { address: `quiet${i}@northwind.example`, name: `Maria Quiet${i}` };
  const met = { address: `met${i}@contoso.example`, name: `Tom Met${i}` };
  const iso = (ms: number) => new Date(ms).toISOString();
  const a = `<ask-quiet-${i}@example.com>`;
  const b = `<ask-met-${i}@example.com>`;
  return {
    owner: me,
    timeZone: ZONES[i % ZONES.length] ?? "UTC",
    messages: [
      message(
        me,
        quiet,
        iso(now - 16 * DAY),
        "Advice on moving into product analytics",
        `Hi Maria,\n\nSam Patel suggested I reach out. I'm moving from teaching into product analytics and would love to hear how you made the jump. Would you have 20 minutes for a short call in the next couple of weeks? I'm not asking about jobs, just your advice.\n\nThanks so much,\nSam`,
        "sent",
        a,
      ),
      message(
        me,
        met,
        iso(now - 10 * DAY),
        "Quick question about your path into data engineering",
        `Hi Tom,\n\nI'm exploring a move into data engineering and would be grateful for 20 minutes of your advice on how you got started. Would you be open to a quick call?\n\nBest,\nSam`,
        "sent",
        b,
      ),
      message(
        met,
        me,
        iso(now - 9 * DAY),
        "Re: Quick question about your path into data engineering",
        "Hi Sam,\n\nHappy to help. Let's talk later this week, I'll send an invite.\n\nTom",
        "inbox",
        `<reply-met-${i}@contoso.example>`,
        b,
        [b],
      ),
    ],
    events: [meeting(`chat-${i}@contoso.example`, me, met, iso(now - 90 * 60_000), 30)],
  };
}

describe.runIf(TEST_DATABASE_URL)("three rapport start replicas on one Postgres", () => {
  let fake: FakeGoogle;
  let database: TestDatabase;
  let ctx: AppContext;
  const procs: ChildProcess[] = [];
  const secret = randomBytes(32).toString("hex");

  beforeAll(async () => {
    const now = Date.now();
    const mailboxes = Array.from({ length: ACCOUNTS }, (_, i) => mailboxFor(i, now));
    fake = await startFakeGoogle({ mailboxes, quota: { unitsPerMinute: Number.POSITIVE_INFINITY } });
    database = await openTestDatabase("postgres");
    ctx = await createContext(makeConfig({ RAPPORT_SECRET_KEY: secret }), {
      database,
      log: silentLogger(),
      migrate: false,
    });
    for (const box of mailboxes) {
      const issued = fake.issueTokens(box.owner.address);
      const account = await upsertAccount(
        ctx.db,
        ctx.sealer,
        {
          provider: "gmail",
          address: box.owner.address,
          displayName: box.owner.name,
          timeZone: box.timeZone,
          tokens: {
            accessToken: issued.access_token,
            refreshToken: issued.refresh_token ?? null,
            expiresAt: now + 3600_000,
            scope: issued.scope,
          },
        },
        ctx.clock.now(),
      );
      // The digest is due now in each account's own zone: today (local), from midnight.
      await ctx.db
        .updateTable("accounts")
        .set({ digest_weekday: toLocal(new Date(now), box.timeZone).weekday, digest_time: "00:00" })
        .where("id", "=", account.id)
        .execute();
    }
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
    if (database?.schema) await sql.raw(`DROP SCHEMA IF EXISTS ${database.schema}_queue CASCADE`).execute(database.db);
    await database?.close();
    await fake?.close();
  });

  async function startReplica(n: number): Promise<ChildProcess> {
    const dataDir = await mkdtemp(path.join(tmpdir(), `rapport-replica-${n}-`));
    const child = spawn(process.execPath, [CLI, "start", "--concurrency", "4"], {
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: database.url ?? "",
        RAPPORT_DATA_DIR: dataDir,
        RAPPORT_SECRET_KEY: secret,
        RAPPORT_LOG_LEVEL: "info",
        RAPPORT_PORT: "0",
        RAPPORT_SYNC_INTERVAL_MINUTES: "1",
        GOOGLE_CLIENT_ID: fake.oauth.clientId,
        GOOGLE_CLIENT_SECRET: fake.oauth.clientSecret,
        GOOGLE_API_ROOT_URL: fake.url,
        GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
        GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    child.stderr?.pipe(createWriteStream(path.join(ARTIFACTS, `replica-${n}.log`)));
    procs.push(child);
    return child;
  }

  const count = async (query: string) => Number((await sql.raw<{ n: string }>(query).execute(ctx.db)).rows[0]?.n ?? 0);
  const waitUntil = async (what: string, check: () => Promise<boolean>, ms: number) => {
    const until = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const exited = (p: ChildProcess) =>
    new Promise<number | null>((resolve) =>
      p.exitCode !== null ? resolve(p.exitCode) : p.once("exit", (code) => resolve(code)),
    );

  it("every due draft exactly once and every digest exactly once, despite a SIGKILL", async () => {
    const [victim] = [await startReplica(1), await startReplica(2), await startReplica(3)];
    // Kill one while the work is in full swing.
    await waitUntil("the first drafts", async () => (await count("SELECT count(*) AS n FROM drafts")) >= 10, 90_000);
    victim?.kill("SIGKILL");
    await exited(victim as ChildProcess);

    await waitUntil(
      "every draft and digest",
      async () =>
        (await count("SELECT count(*) AS n FROM drafts WHERE state = 'created'")) === 2 * ACCOUNTS &&
        (await count("SELECT count(*) AS n FROM digests WHERE state = 'sent'")) === ACCOUNTS,
      240_000,
    );
    // Let a few more ticks run: nothing new may appear.
    await new Promise((r) => setTimeout(r, 5000));
    const survivors = procs.slice(1);
    for (const p of survivors) p.kill("SIGTERM");
    expect(await Promise.all(survivors.map(exited))).toEqual([0, 0]);

    const ledger = await ctx.db
      .selectFrom("drafts")
      .select(["account_id", "kind", "state", "provider_draft_id"])
      .execute();
    expect(ledger).toHaveLength(2 * ACCOUNTS);
    expect(new Set(ledger.map((d) => `${d.account_id}:${d.provider_draft_id}`)).size).toBe(2 * ACCOUNTS);
    expect(ledger.every((d) => d.state === "created")).toBe(true);
    expect(ledger.filter((d) => d.kind === "nudge")).toHaveLength(ACCOUNTS);
    expect(ledger.filter((d) => d.kind === "thank_you")).toHaveLength(ACCOUNTS);
    for (let i = 0; i < ACCOUNTS; i++) {
      const user = fake.user(`seeker${i}@example.com`);
      const to = user
        .drafts()
        .map((d) => /<([^>]+)>/.exec(d.header("To") ?? "")?.[1])
        .sort();
      expect(to, `drafts of seeker${i}`).toEqual([`met${i}@contoso.example`, `quiet${i}@northwind.example`]);
      const digests = user.sent().filter((m) => /^Your networking week/.test(header(m, "Subject") ?? ""));
      expect(digests, `digests of seeker${i}`).toHaveLength(1);
      expect(header(digests[0]!, "To")).toContain(`seeker${i}@example.com`);
    }
    // The killed replica's cycles wait out its heartbeat (10 s), a monitor pass and a retry back-off (15 s+).
  }, 300_000);
});
