/**
 * The fake Graph's multi-mailbox mode (what bench:fleet runs Outlook accounts on): one server, one Graph URL, and
 * each access token reads the mailbox it was issued for — through the real adapter, as a deployment's accounts do.
 */
import { afterEach, describe, expect, test } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import type { SeedMailbox } from "../../../sandbox/seed.js";
import {
  authorizeUrl,
  createPkcePair,
  createState,
  exchangeCode,
  refreshTokens,
} from "../../../src/providers/outlook/microsoft-oauth.js";
import { OutlookProvider } from "../../../src/providers/outlook/outlook-provider.js";
import { MailReplica, SCENARIO_NOW, startFake } from "./helpers.js";

const member = (i: number, size: number): SeedMailbox =>
  generateMailbox({
    seed: `member-${i}`,
    size,
    now: SCENARIO_NOW,
    spanDays: 60,
    owner: { address: `member${i}@fleet.example`, name: `Member ${i}` },
  });

let fake: FakeGraph | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function adapter(f: FakeGraph, accessToken: string): OutlookProvider {
  return OutlookProvider.forAccount({
    graphUrl: f.graphUrl,
    oauth: { clientId: "fake-client-id", clientSecret: "fake-client-secret", tenant: "common", loginUrl: f.url },
    tokens: { accessToken, refreshToken: null, expiresAt: Date.now() + 3_600_000, scope: null },
    saveTokens: async () => {},
    pageSize: 25,
    retry: { baseDelayMs: 5, maxDelayMs: 50, attempts: 3 },
  });
}

async function me(f: FakeGraph, accessToken: string): Promise<string> {
  const response = await fetch(`${f.graphUrl}/me?$select=mail`, {
    headers: { Authorization: `Bearer ${accessToken}`, Prefer: 'IdType="ImmutableId"' },
  });
  return ((await response.json()) as { mail: string }).mail;
}

describe("the fake Graph with several mailboxes", () => {
  test("each token reads its own mailbox, and new mail arrives in one mailbox only", async () => {
    const [a, b, c] = [member(1, 20), member(2, 30), member(3, 25)] as [SeedMailbox, SeedMailbox, SeedMailbox];
    fake = await startFake({ mailbox: a, mailboxes: [b, c] });
    expect(fake.state).toBe(fake.mailbox(a.owner.address));
    const tokenB = fake.mailbox(b.owner.address).issueTokens().access_token;
    const tokenC = fake.mailbox(c.owner.address).issueTokens().access_token;
    expect(await me(fake, tokenB)).toBe(b.owner.address);
    expect(await me(fake, tokenC)).toBe(c.owner.address);
    expect(fake.ownerFor(`Bearer ${tokenB}`)).toBe(b.owner.address);
    expect(fake.ownerFor("Bearer nobody")).toBeNull();

    const replicaB = new MailReplica();
    const providerB = adapter(fake, tokenB);
    await replicaB.sync(providerB);
    const stateB = fake.mailbox(b.owner.address);
    const expected = ["inbox", "sentitems"] as const;
    expect(replicaB.messages.size).toBe(expected.reduce((n, f) => n + stateB.store.folderMessages(f).length, 0));
    expect(fake.mailbox(c.owner.address).traffic.stats.requests).toBe(1);

    const [sent] = stateB.store.folderMessages("sentitems");
    const reply = stateB.addReply(sent?.internetMessageId ?? "", { text: "Thanks, talk soon." });
    const replicaC = new MailReplica();
    await replicaC.sync(adapter(fake, tokenC));
    const before = replicaB.messages.size;
    await replicaB.sync(providerB);
    expect(replicaB.messages.size).toBe(before + 1);
    const ids = (r: MailReplica) => [...r.messages.values()].map((m) => m.messageId);
    expect(ids(replicaB)).toContain(reply.internetMessageId);
    expect(ids(replicaC)).not.toContain(reply.internetMessageId);
  });

  test("the authorize flow grants the login_hint's mailbox, else the first, and a refresh keeps it", async () => {
    const [a, b] = [member(1, 10), member(2, 10)] as [SeedMailbox, SeedMailbox];
    fake = await startFake({ mailbox: a, mailboxes: [b] });
    const config = {
      clientId: "fake-client-id",
      clientSecret: "fake-client-secret",
      tenant: "common",
      loginUrl: fake.url,
    };
    const redirectUri = "http://127.0.0.1:1/callback";
    /** The tokens a consent with this login hint ends in (the fake's authorize page redirects straight back). */
    const consent = async (loginHint: string) => {
      const pkce = createPkcePair();
      const url = authorizeUrl(config, { redirectUri, state: createState(), codeChallenge: pkce.challenge, loginHint });
      const response = await fetch(url, { redirect: "manual" });
      const code = new URL(response.headers.get("location") ?? "").searchParams.get("code") ?? "";
      return exchangeCode(config, { code, redirectUri, codeVerifier: pkce.verifier });
    };
    const hinted = await consent(b.owner.address);
    expect(await me(fake, hinted.accessToken)).toBe(b.owner.address);
    const rotated = await refreshTokens(config, hinted.refreshToken ?? "");
    expect(await me(fake, rotated.accessToken)).toBe(b.owner.address);
    expect(await me(fake, (await consent("stranger@example.com")).accessToken)).toBe(a.owner.address);
  });

  test("two mailboxes of one owner are refused", async () => {
    const a = member(1, 10);
    await expect(startFake({ mailbox: a, mailboxes: [member(1, 12)] })).rejects.toThrow(/two mailboxes/);
  });
});
