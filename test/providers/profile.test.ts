/**
 * The user's name and signature as the providers give them, through the real clients and the fakes: Gmail's
 * users.settings.sendAs (the primary address's display name and HTML signature, 1 quota unit; an unknown alias is
 * 404) and Graph's /me (displayName; $select honoured). A Gmail draft carries the name in its From header.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import type { FakeGraph } from "../../sandbox/fake-graph/server.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { signatureText } from "../../src/providers/gmail/signature.js";
import { providerFor, tokensOf } from "./gmail/helpers.js";
import { connect, startFake } from "./outlook/helpers.js";

const NOW = new Date("2026-04-15T17:30:00Z");

describe("Gmail send-as (fake Google)", () => {
  let fake: FakeGoogle;
  beforeAll(async () => {
    const mailbox = generateMailbox({
      seed: "profile",
      size: 20,
      now: NOW,
      owner: { address: "ada@gmail.example", name: "Ada Lovelace" },
    });
    fake = await startFakeGoogle({
      mailbox: {
        ...mailbox,
        signature:
          '<div dir="ltr">Ada Lovelace<br>Analyst &amp; engineer<br><a href="https://ada.example">ada.example</a></div>',
      },
      quota: { unitsPerMinute: Number.POSITIVE_INFINITY },
    });
  });
  afterAll(() => fake.close());

  it("gives the send-as display name and the signature as text, for one quota unit", async () => {
    const provider = providerFor(fake);
    const profile = await provider.getProfile();
    expect(profile).toMatchObject({
      address: "ada@gmail.example",
      displayName: "Ada Lovelace",
      signature: "Ada Lovelace\nAnalyst & engineer\nada.example",
    });
    // getProfile 1 + sendAs.list 1 (calendars.get is Calendar's quota)
    expect(provider.unitsSpent).toBe(2);
  });

  it("answers sendAs.list and sendAs.get as the published API does", async () => {
    const headers = { Authorization: `Bearer ${tokensOf(fake).accessToken}` };
    const list = (await (await fetch(`${fake.url}/gmail/v1/users/me/settings/sendAs`, { headers })).json()) as {
      sendAs: Record<string, unknown>[];
    };
    expect(list.sendAs).toEqual([
      expect.objectContaining({
        sendAsEmail: "ada@gmail.example",
        displayName: "Ada Lovelace",
        isPrimary: true,
        isDefault: true,
      }),
    ]);
    const one = await fetch(`${fake.url}/gmail/v1/users/me/settings/sendAs/ada%40gmail.example`, { headers });
    expect(one.status).toBe(200);
    const missing = await fetch(`${fake.url}/gmail/v1/users/me/settings/sendAs/other%40example.com`, { headers });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { errors: { reason: string }[] } }).error.errors[0]?.reason).toBe(
      "notFound",
    );
  });

  it("follows a name changed in Gmail's settings", async () => {
    fake.state.setSendAs({ displayName: "Ada King", signature: "" });
    expect(await providerFor(fake).getProfile()).toMatchObject({ displayName: "Ada King", signature: "" });
  });

  it("turns an HTML signature into plain text", () => {
    expect(signatureText("<div>Ana&nbsp;Lima<br/>R&amp;D</div><div>+1 555</div>")).toBe("Ana Lima\nR&D\n+1 555");
  });
});

describe("Graph /me (fake Graph)", () => {
  let fake: FakeGraph;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());

  it("gives displayName to the adapter", async () => {
    const { provider } = connect(fake);
    expect((await provider.getProfile()).displayName).toBe(fake.state.owner.name);
  });

  it("returns the default properties, or only the selected ones", async () => {
    const token = fake.state.issueTokens().access_token;
    const headers = { Authorization: `Bearer ${token}` };
    const all = (await (await fetch(`${fake.graphUrl}/me`, { headers })).json()) as Record<string, unknown>;
    expect(all["@odata.context"]).toBe(`${fake.graphUrl}/$metadata#users/$entity`);
    expect(Object.keys(all)).toEqual(
      expect.arrayContaining(["displayName", "givenName", "surname", "mail", "userPrincipalName", "id", "jobTitle"]),
    );
    const some = (await (await fetch(`${fake.graphUrl}/me?$select=displayName,mail`, { headers })).json()) as Record<
      string,
      unknown
    >;
    expect(some).toEqual({
      "@odata.context": `${fake.graphUrl}/$metadata#users(displayName,mail)/$entity`,
      displayName: fake.state.owner.name,
      mail: fake.state.owner.address,
    });
  });
});
