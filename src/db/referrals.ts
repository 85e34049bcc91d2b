/**
 * The referrals table: who introduced whom, when, from which thread. A referral is recorded once per referred person
 * and thread (a re-assessment of the same thread changes nothing); the introducer becomes a contact (by address) so
 * the pipeline and the check-ins can name them, and the referred person is linked to their contact row as soon as mail
 * makes them one — which is what the pipeline's "introduced by", the digest's credit and the introducer's check-in read
 * (contacts.referred_by_contact_id). Every statement is scoped by account.
 */
import { type Kysely, sql } from "kysely";
import { type FoundIntroduction, referredKey } from "../domain/introductions.js";
import type { Database, Referral } from "./schema.js";

/** The introducer as a contact: created when unknown, their name filled in when it was empty. */
async function referrerContact(
  db: Kysely<Database>,
  accountId: number,
  who: FoundIntroduction["referrer"],
  now: Date,
): Promise<number> {
  const row = await db
    .insertInto("contacts")
    .values({ account_id: accountId, address: who.address, name: who.name, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(["account_id", "address"]).doUpdateSet({
        name: sql<string>`CASE WHEN contacts.name = '' THEN ${who.name} ELSE contacts.name END`,
      }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Records the introductions found in one thread (each once), then links referred people who are contacts now. */
export async function recordReferrals(
  db: Kysely<Database>,
  accountId: number,
  threadId: number,
  found: readonly FoundIntroduction[],
  now: Date,
): Promise<void> {
  for (const intro of found) {
    const referrer = await referrerContact(db, accountId, intro.referrer, now);
    await db
      .insertInto("referrals")
      .values({
        account_id: accountId,
        thread_id: threadId,
        message_id: intro.messageId,
        kind: intro.kind,
        referrer_contact_id: referrer,
        referred_address: intro.referred.address,
        referred_key: referredKey(intro.referred),
        referred_name: intro.referred.name,
        referred_organisation: intro.referred.organisation,
        introduced_at: intro.at ?? now,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(["account_id", "thread_id", "referred_key"]).doNothing())
      .execute();
  }
  await linkReferredContacts(db, accountId, now);
}

/**
 * Referred people who have become contacts (by address; by name when only a name was given): the referral points at
 * the contact, and the contact at its introducer unless another introducer was recorded first.
 */
export async function linkReferredContacts(db: Kysely<Database>, accountId: number, now: Date): Promise<void> {
  await sql`
    UPDATE referrals r SET referred_contact_id = c.id, referred_address = c.address, updated_at = ${now}
    FROM contacts c
    WHERE r.account_id = ${accountId} AND c.account_id = r.account_id AND r.referred_contact_id IS NULL
      AND c.id <> r.referrer_contact_id
      AND (c.address = r.referred_address OR (r.referred_address IS NULL AND lower(c.name) = r.referred_key))`.execute(
    db,
  );
  await sql`
    UPDATE contacts c SET referred_by_contact_id = earliest.referrer_contact_id, updated_at = ${now}
    FROM (
      SELECT DISTINCT ON (referred_contact_id) referred_contact_id, referrer_contact_id FROM referrals
      WHERE account_id = ${accountId} AND referred_contact_id IS NOT NULL
      ORDER BY referred_contact_id, introduced_at, id
    ) earliest
    WHERE c.account_id = ${accountId} AND c.id = earliest.referred_contact_id AND c.referred_by_contact_id IS NULL`.execute(
    db,
  );
}

export type ReferralWithReferrer = Referral & { referrer_name: string; referrer_address: string };

/** An account's referrals, each with its introducer's name and address. */
function withReferrer(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom("referrals as r")
    .innerJoin("contacts as p", (j) =>
      j.onRef("p.account_id", "=", "r.account_id").onRef("p.id", "=", "r.referrer_contact_id"),
    )
    .selectAll("r")
    .select(["p.name as referrer_name", "p.address as referrer_address"])
    .where("r.account_id", "=", accountId);
}

/** Referrals made since `since`, with their introducer, oldest first. */
export async function referralsSince(
  db: Kysely<Database>,
  accountId: number,
  since: Date,
  now: Date,
): Promise<ReferralWithReferrer[]> {
  return withReferrer(db, accountId)
    .where("r.introduced_at", ">=", since)
    .where("r.introduced_at", "<=", now)
    .orderBy("r.introduced_at")
    .orderBy("r.id")
    .execute();
}

/** One referral with its introducer. */
export async function referralById(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<ReferralWithReferrer | undefined> {
  return withReferrer(db, accountId).where("r.id", "=", id).executeTakeFirst();
}
