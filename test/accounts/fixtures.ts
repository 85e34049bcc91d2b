/** A small, hand-made account state for the account tests (health, pipeline, status, removal): one healthy Gmail account, one revoked Outlook account. */
import { randomBytes } from "node:crypto";
import { makeConfig } from "../../src/config.js";
import { TokenCipher } from "../../src/crypto/token-cipher.js";
import { setAccountStatus, upsertAccount } from "../../src/db/accounts.js";
import type { DatabaseHandle } from "../../src/db/database.js";

export const KEY = randomBytes(32).toString("hex");
export const NOW = new Date("2026-04-15T17:30:00Z");
const MIN = 60_000;

export function testCipher(): TokenCipher {
  return new TokenCipher(Buffer.from(KEY, "hex"), []);
}

export const testConfig = (extra: Parameters<typeof makeConfig>[0] = {}) =>
  makeConfig({ RAPPORT_SECRET_KEY: KEY, ...extra });

export interface Seeded {
  healthyId: number;
  revokedId: number;
}

/** Inserts the two accounts with sync state, contacts at several stages, drafts and a digest. */
export async function seedTwoAccounts(database: DatabaseHandle, now = NOW): Promise<Seeded> {
  const db = database.db;
  const cipher = testCipher();
  const tokens = { accessToken: "at", refreshToken: "rt", expiresAt: null, scope: null };
  const healthy = await upsertAccount(
    db,
    cipher,
    {
      provider: "gmail",
      address: "ada@example.com",
      displayName: "Ada",
      timeZone: "Europe/London",
      tokens,
    },
    now,
  );
  const revoked = await upsertAccount(
    db,
    cipher,
    {
      provider: "outlook",
      address: "ada@outlook.example",
      displayName: "Ada",
      timeZone: "America/New_York",
      tokens,
    },
    now,
  );
  await setAccountStatus(
    db,
    revoked.id,
    "needs_reauth",
    "invalid_grant: The provided grant is invalid, expired or revoked.",
    now,
  );
  for (const resource of ["mail", "calendar"] as const) {
    await db
      .insertInto("sync_state")
      .values([
        {
          account_id: healthy.id,
          resource,
          stage: "incremental",
          last_attempt_at: new Date(now.getTime() - 5 * MIN),
          last_success_at: new Date(now.getTime() - (resource === "mail" ? 5 : 7) * MIN),
          units_spent: 120,
        },
        {
          account_id: revoked.id,
          resource,
          stage: "incremental",
          last_attempt_at: new Date(now.getTime() - 5 * MIN),
          last_success_at: new Date(now.getTime() - 3 * 24 * 60 * MIN),
          last_error: "invalid_grant: The provided grant is invalid,\n expired or revoked.",
          units_spent: 40,
        },
      ])
      .execute();
  }
  const contact = async (accountId: number, address: string, name: string, stage: string, daysAgo: number) =>
    (
      await db
        .insertInto("contacts")
        .values({
          account_id: accountId,
          address,
          name,
          organisation: "Northwind",
          stage,
          last_message_at: new Date(now.getTime() - daysAgo * 24 * 60 * MIN),
        })
        .returning("id")
        .executeTakeFirstOrThrow()
    ).id;
  const maria = await contact(healthy.id, "maria@northwind.example", "Maria Lopez", "met", 1);
  await contact(healthy.id, "li@contoso.example", "Li Wei", "outreach_sent", 2);
  await contact(healthy.id, "sam@fabrikam.example", "Sam Park", "thanked", 10);
  await contact(revoked.id, "jo@tailspin.example", "Jo Kim", "scheduling", 4);
  await db
    .insertInto("drafts")
    .values([
      {
        account_id: healthy.id,
        target_key: "t1",
        kind: "thank_you",
        state: "created",
        to_address: "maria@northwind.example",
        contact_id: maria,
        subject: "Re: Coffee chat",
        body_text: "Hi Maria,\n\nThank you for the coffee yesterday.\n\nBest,\nAda",
        created_at: now,
      },
      {
        account_id: healthy.id,
        target_key: "t2",
        kind: "nudge",
        state: "sent",
        to_address: "li@contoso.example",
        subject: "Re: Quick question",
      },
    ])
    .execute();
  await db
    .insertInto("digests")
    .values({ account_id: healthy.id, period_start: "2026-04-13", state: "sent" })
    .execute();
  return { healthyId: healthy.id, revokedId: revoked.id };
}
