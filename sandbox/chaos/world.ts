/**
 * One chaos world: a fake provider (Gmail with several mailboxes, or Graph with one), a database (an embedded PGlite
 * folder, or a Postgres schema of its own), the accounts connected with sealed tokens, and what `rapport` processes
 * need in their environment to work on it. It reads back what the suite checks: the sync cursors, the ledgers, and
 * the drafts and digests as the provider holds them.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { TokenCipher } from "../../src/crypto/token-cipher.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { type DatabaseHandle, openDatabase } from "../../src/db/database.js";
import { migrateOrThrow } from "../../src/db/migrate.js";
import type { OAuthTokens } from "../../src/domain/provider-port.js";
import { toLocal } from "../../src/domain/time-zone.js";
import { header } from "../fake-google/message-format.js";
import { type FakeGoogle, startFakeGoogle } from "../fake-google/server.js";
import { type FakeGraph, startFakeGraph } from "../fake-graph/server.js";
import type { Intercept } from "../intercept.js";
import { generateMailbox } from "../mailbox-generator.js";
import type { SeedMailbox } from "../seed.js";
import { gmailPhase, graphPhase, type Phase } from "./phases.js";

export type ProviderKind = "gmail" | "outlook";
export type DatabaseKind = "pglite" | "postgres";

export interface WorldOptions {
  provider: ProviderKind;
  database: DatabaseKind;
  /** Required for "postgres": a server where the world gets a schema of its own. */
  postgresUrl?: string | null;
  /** Gmail accounts (Graph worlds have one). */
  accounts: number;
  seed: string;
}

/** Rapport's marker on each draft the provider holds, with its account's address. */
export interface ProviderDraft {
  account: string;
  marker: string | null;
}

export interface World {
  options: WorldOptions;
  /** The instant its mailboxes were generated around (their "now"). */
  createdAt: Date;
  /** Environment for a `rapport` child process. */
  env: Record<string, string>;
  addresses: string[];
  phaseOf: (req: Parameters<Intercept>[0]) => Phase;
  setIntercept(intercept: Intercept | null): void;
  /** Runs `read` on the world's database (the embedded one is opened only while no child holds it). */
  withDatabase<T>(read: (db: DatabaseHandle["db"]) => Promise<T>): Promise<T>;
  providerDrafts(): ProviderDraft[];
  /** Weekly digests the provider delivered, per account address. */
  providerDigests(): Map<string, number>;
  close(): Promise<void>;
}

const DIGEST = /^Your networking week/;
const ZONES = ["UTC", "America/Chicago", "Europe/Berlin", "Asia/Tokyo"];

function mailboxFor(seed: string, i: number, now: Date): SeedMailbox {
  return generateMailbox({
    seed: `${seed}-${i}`,
    size: 60,
    informationalThreads: 7,
    spanDays: 80,
    now,
    owner: { address: `seeker${i}@chaos.example`, name: `Sam Seeker${i}` },
    timeZone: ZONES[i % ZONES.length] ?? "UTC",
  });
}

async function openWorldDatabase(
  options: WorldOptions,
): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  if (options.database === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "rapport-chaos-"));
    return { env: { RAPPORT_DATA_DIR: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
  }
  if (!options.postgresUrl) throw new Error("a postgres world needs a Postgres URL");
  const schema = `chaos_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: options.postgresUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(options.postgresUrl);
  url.searchParams.set("options", `-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: url.toString(), RAPPORT_DATA_DIR: path.join(tmpdir(), `${schema}-unused`) },
    async cleanup() {
      const drop = new pg.Client({ connectionString: options.postgresUrl as string });
      await drop.connect();
      await drop.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await drop.query(`DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
      await drop.end();
    },
  };
}

/** Long because it wires both kinds of fake, the database and the accounts in one place a reader can follow. */
export async function createWorld(options: WorldOptions): Promise<World> {
  const now = new Date();
  const count = options.provider === "gmail" ? options.accounts : 1;
  const mailboxes = Array.from({ length: count }, (_, i) => mailboxFor(options.seed, i, now));
  const secret = randomBytes(32).toString("hex");
  const store = await openWorldDatabase(options);
  let google: FakeGoogle | null = null;
  let graph: FakeGraph | null = null;
  let providerEnv: Record<string, string>;
  const tokens: OAuthTokens[] = [];
  const asTokens = (t: { access_token: string; refresh_token?: string | null; scope: string }): OAuthTokens => ({
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? null,
    expiresAt: Date.now() + 3_600_000,
    scope: t.scope,
  });
  if (options.provider === "gmail") {
    google = await startFakeGoogle({ mailboxes, quota: { unitsPerMinute: Number.POSITIVE_INFINITY } });
    providerEnv = {
      GOOGLE_CLIENT_ID: google.oauth.clientId,
      GOOGLE_CLIENT_SECRET: google.oauth.clientSecret,
      GOOGLE_API_ROOT_URL: google.url,
      GOOGLE_OAUTH_AUTH_URL: google.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
    };
    for (const box of mailboxes) tokens.push(asTokens(google.issueTokens(box.owner.address)));
  } else {
    graph = await startFakeGraph({ mailbox: mailboxes[0] as SeedMailbox });
    providerEnv = {
      MICROSOFT_CLIENT_ID: graph.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: graph.state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: graph.graphUrl,
      MICROSOFT_LOGIN_URL: graph.url,
    };
    tokens.push(asTokens(graph.state.issueTokens()));
  }
  const env: Record<string, string> = {
    ...store.env,
    ...providerEnv,
    RAPPORT_SECRET_KEY: secret,
    RAPPORT_LOG_LEVEL: "warn",
    RAPPORT_PORT: "0",
    RAPPORT_SYNC_INTERVAL_MINUTES: "1",
    RAPPORT_LOOKBACK_DAYS: "90",
  };
  const withDatabase = async <T>(read: (db: DatabaseHandle["db"]) => Promise<T>): Promise<T> => {
    const handle = await openDatabase({
      url: env.DATABASE_URL ?? null,
      dataDir: env.RAPPORT_DATA_DIR ?? "",
      maxConnections: 2,
    });
    try {
      return await read(handle.db);
    } finally {
      await handle.close();
    }
  };
  // Connect the accounts; each one's weekly digest falls due today at midnight, its own local time.
  const setup = await openDatabase({ url: env.DATABASE_URL ?? null, dataDir: env.RAPPORT_DATA_DIR ?? "" });
  try {
    await migrateOrThrow(setup);
    const cipher = new TokenCipher(Buffer.from(secret, "hex"));
    for (const [i, box] of mailboxes.entries()) {
      const account = await upsertAccount(
        setup.db,
        cipher,
        {
          provider: options.provider,
          address: box.owner.address,
          displayName: box.owner.name,
          timeZone: box.timeZone,
          tokens: tokens[i] as OAuthTokens,
        },
        now,
      );
      await setup.db
        .updateTable("accounts")
        .set({ digest_weekday: toLocal(now, box.timeZone).weekday, digest_time: "00:00" })
        .where("id", "=", account.id)
        .execute();
    }
  } finally {
    await setup.close();
  }
  const phaseOf = options.provider === "gmail" ? gmailPhase : graphPhase;
  return {
    options,
    createdAt: now,
    env,
    addresses: mailboxes.map((m) => m.owner.address),
    phaseOf,
    setIntercept(intercept) {
      if (google) google.intercept = intercept;
      if (graph) graph.intercept = intercept;
    },
    withDatabase,
    providerDrafts() {
      if (google) {
        return mailboxes.flatMap((box) =>
          google!
            .user(box.owner.address)
            .drafts()
            .map((d) => ({ account: box.owner.address, marker: d.header("X-Rapport-Draft") ?? null })),
        );
      }
      const owner = mailboxes[0]?.owner.address ?? "";
      return (graph?.state.drafts() ?? []).map((m) => ({
        account: owner,
        marker: [...m.extended].find(([k]) => /RapportDraftMarker/i.test(k))?.[1] ?? null,
      }));
    },
    providerDigests() {
      const counts = new Map<string, number>();
      for (const box of mailboxes) {
        const subjects = google
          ? google
              .user(box.owner.address)
              .sent()
              .map((m) => header(m, "Subject") ?? "")
          : (graph?.state.sentMail ?? []).map((s) => s.message.subject ?? "");
        counts.set(box.owner.address, subjects.filter((s) => DIGEST.test(s)).length);
      }
      return counts;
    },
    async close() {
      await google?.close();
      await graph?.close();
      await store.cleanup();
    },
  };
}

/** Every account's sync state, for the cursor checks. */
export async function readCursors(world: World) {
  return world.withDatabase((db) =>
    db
      .selectFrom("sync_state")
      .select(["account_id", "resource", "cursor", "cursor_version", "stage"])
      .orderBy("account_id")
      .orderBy("resource")
      .execute(),
  );
}

/** The ledgers as the checks read them. */
export async function readLedgers(world: World) {
  return world.withDatabase(async (db) => ({
    drafts: await db
      .selectFrom("drafts")
      .innerJoin("accounts", "accounts.id", "drafts.account_id")
      .select([
        "accounts.address",
        "drafts.account_id",
        "drafts.id",
        "drafts.kind",
        "drafts.state",
        "drafts.to_address",
      ])
      .select(["drafts.target_key", "drafts.provider_draft_id"])
      .execute(),
    digests: await db
      .selectFrom("digests")
      .innerJoin("accounts", "accounts.id", "digests.account_id")
      .select(["accounts.address", "digests.state"])
      .execute(),
  }));
}
