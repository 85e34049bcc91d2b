/**
 * One labelled scenario (mbox + ics + truth.json) played end to end through a fake provider: the mailbox is loaded
 * into the fake Gmail or the fake Graph, an account is connected with the real adapter, one whole cycle runs at the
 * scenario's "now", and the drafts are read back from the fake (the text the user would open) beside what the
 * ledger kept.
 */
import { randomBytes } from "node:crypto";
import PostalMime from "postal-mime";
import { startFakeGoogle } from "../../sandbox/fake-google/server.js";
import { startFakeGraph } from "../../sandbox/fake-graph/server.js";
import { seedFromScenario } from "../../sandbox/mbox-seed.js";
import type { SeedMailbox } from "../../sandbox/seed.js";
import { createContext } from "../../src/app/compose.js";
import { ManualClock } from "../../src/clock.js";
import { type Config, makeConfig } from "../../src/config.js";
import { upsertAccount } from "../../src/db/accounts.js";
import { loadDigestData } from "../../src/db/digest-data.js";
import type { DraftKind } from "../../src/db/schema.js";
import type { OAuthTokens } from "../../src/domain/provider-port.js";
import { type CycleReport, runAccountCycle } from "../../src/jobs/run-cycle.js";
import { silentLogger } from "../../src/logger.js";
import { loadTemplates } from "../../src/templates/catalog.js";
import { renderDigest } from "../../src/templates/digest.js";
import type { Scenario } from "../../training/scenario-corpus.js";
import { openTestDatabase } from "../support/database.js";

export interface ScenarioDraft {
  kind: DraftKind;
  to: string;
  subject: string;
  /** The text Rapport wrote, as the ledger kept it. */
  text: string;
  /** What the fake provider holds for the draft (plain text; for Graph, the HTML turned into text). */
  providerText: string;
  /** The From header's display name (Gmail; Graph sets From itself). */
  fromName: string | null;
  /** The thread the draft answers (root Message-ID in the ledger). */
  targetKey: string;
  /** Since when the engine says the draft is due (for a thank-you: when the conversation ended). */
  dueSince: Date | null;
}

export interface ScenarioRun {
  provider: "gmail" | "outlook";
  seed: SeedMailbox;
  report: CycleReport;
  drafts: ScenarioDraft[];
  /** The account's name as drafts sign it. */
  accountName: string;
  digestHtml: string;
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/(div|p)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

interface FakeWorld {
  config: Config;
  tokens: OAuthTokens;
  providerDrafts(): Promise<{ to: string; text: string; fromName: string | null }[]>;
  close(): Promise<void>;
}

async function gmail(seed: SeedMailbox): Promise<FakeWorld> {
  const fake = await startFakeGoogle({ mailbox: seed, quota: { unitsPerMinute: Number.POSITIVE_INFINITY } });
  const issued = fake.issueTokens();
  return {
    config: makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      GOOGLE_CLIENT_ID: fake.oauth.clientId,
      GOOGLE_CLIENT_SECRET: fake.oauth.clientSecret,
      GOOGLE_API_ROOT_URL: fake.url,
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    }),
    tokens: {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? null,
      expiresAt: Date.now() + 3600_000,
      scope: issued.scope,
    },
    async providerDrafts() {
      const out = [];
      for (const d of fake.state.drafts()) {
        const email = await PostalMime.parse(await d.raw());
        out.push({ to: email.to?.[0]?.address ?? "", text: email.text ?? "", fromName: email.from?.name ?? null });
      }
      return out;
    },
    close: () => fake.close(),
  };
}

async function outlook(seed: SeedMailbox): Promise<FakeWorld> {
  const fake = await startFakeGraph({ mailbox: seed });
  const issued = fake.state.issueTokens();
  return {
    config: makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      MICROSOFT_CLIENT_ID: fake.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: fake.state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
    }),
    tokens: {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? null,
      expiresAt: Date.now() + 3600_000,
      scope: issued.scope,
    },
    async providerDrafts() {
      return fake.state.drafts().map((m) => ({
        to: m.to[0]?.address ?? "",
        text: m.body.contentType === "html" ? htmlToText(m.body.content) : m.body.content,
        fromName: null,
      }));
    },
    close: () => fake.close(),
  };
}

/** Plays the scenario through one fake provider; `signature` is the owner's Gmail send-as signature (HTML). */
export async function runScenario(
  scenario: Scenario,
  provider: "gmail" | "outlook",
  options: { signature?: string } = {},
): Promise<ScenarioRun> {
  const now = new Date(scenario.truth.now);
  const seed = await seedFromScenario({
    mbox: scenario.mbox,
    ics: scenario.ics,
    me: scenario.truth.me,
    now,
    timeZone: scenario.truth.tz,
  });
  if (options.signature) seed.signature = options.signature;
  const world = provider === "gmail" ? await gmail(seed) : await outlook(seed);
  const database = await openTestDatabase("pglite");
  try {
    const ctx = await createContext(world.config, { database, log: silentLogger(), clock: new ManualClock(now) });
    const account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      { provider, address: seed.owner.address, displayName: "", timeZone: scenario.truth.tz, tokens: world.tokens },
      now,
    );
    const aliases = scenario.truth.me.slice(1).map((a) => a.toLowerCase());
    await ctx.db.updateTable("accounts").set({ aliases }).where("id", "=", account.id).execute();
    const report = await runAccountCycle(ctx, account.id);
    const rows = await ctx.db
      .selectFrom("drafts")
      .selectAll()
      .where("account_id", "=", account.id)
      .where("state", "=", "created")
      .orderBy("id")
      .execute();
    const held = await world.providerDrafts();
    const stored = await ctx.db
      .selectFrom("accounts")
      .selectAll()
      .where("id", "=", account.id)
      .executeTakeFirstOrThrow();
    const drafts = rows.map((row) => {
      const match = held.find((h) => h.to.toLowerCase() === row.to_address);
      return {
        kind: row.kind,
        to: row.to_address,
        subject: row.subject,
        text: row.body_text ?? "",
        providerText: match?.text ?? "",
        fromName: match?.fromName ?? null,
        targetKey: row.target_key,
        dueSince: row.due_since,
      };
    });
    const digestHtml = renderDigest(loadTemplates(ctx.config), await loadDigestData(ctx.db, stored, now)).html;
    return { provider, seed, report, drafts, accountName: stored.display_name, digestHtml };
  } finally {
    await database.close();
    await world.close();
  }
}
