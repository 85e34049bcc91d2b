/**
 * Keeps the contacts table in step with what assessments learn: names, organisations (only as the thread writes
 * them: a signature, a display name, the text — never one guessed from an e-mail domain), do-not-contact, referrals.
 */
import type { Kysely } from "kysely";
import { matchContactToConnection } from "../db/linkedin.js";
import type { Database, Message } from "../db/schema.js";
import type { ThreadAssessment } from "../domain/index.js";
import type { ThreadFacts } from "../domain/thread-facts.js";

/** Upserts the informational thread's contacts; returns the primary contact's id (null when not informational). */
export async function linkContacts(
  db: Kysely<Database>,
  accountId: number,
  assessment: ThreadAssessment,
  messages: readonly Pick<Message, "sent_at">[],
  now: Date,
  facts: ThreadFacts | null = null,
): Promise<number | null> {
  if (!assessment.informational || assessment.contacts.length === 0) return null;
  const dates = messages.map((m) => m.sent_at?.getTime() ?? 0).filter((t) => t > 0);
  const first = dates.length > 0 ? new Date(Math.min(...dates)) : null;
  const last = dates.length > 0 ? new Date(Math.max(...dates)) : null;
  let primary: number | null = null;
  for (const [index, address] of assessment.contacts.entries()) {
    const name = assessment.contactNames[address] ?? "";
    const organisation = facts?.organisations[address] ?? null;
    const row = await db
      .insertInto("contacts")
      .values({
        account_id: accountId,
        address,
        name,
        organisation,
        do_not_contact: index === 0 && assessment.doNotContact,
        first_seen_at: first,
        last_message_at: last,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["account_id", "address"]).doUpdateSet((eb) => ({
          name: name ? eb.val(name) : eb.ref("contacts.name"),
          organisation: organisation ? eb.val(organisation) : eb.ref("contacts.organisation"),
          // Once a contact asked not to be contacted, it stays so (a user can clear it by hand).
          do_not_contact: index === 0 && assessment.doNotContact ? eb.val(true) : eb.ref("contacts.do_not_contact"),
          last_message_at: last
            ? eb.fn("greatest", [eb.ref("contacts.last_message_at"), eb.val(last)])
            : eb.ref("contacts.last_message_at"),
          updated_at: now,
        })),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    // an imported LinkedIn connection this contact turns out to be lends it organisation and position
    await matchContactToConnection(db, accountId, row.id);
    if (index === 0) primary = row.id;
  }
  const referredBy = facts?.referredBy ?? assessment.referredBy;
  if (primary !== null && referredBy) await linkReferral(db, accountId, primary, referredBy, now);
  return primary;
}

/** "Maria suggested I reach out": link to Maria when she is a known contact (by address or by name). */
async function linkReferral(
  db: Kysely<Database>,
  accountId: number,
  contactId: number,
  referredBy: string,
  now: Date,
): Promise<void> {
  const needle = referredBy.trim().toLowerCase();
  const referrer = await db
    .selectFrom("contacts")
    .select("id")
    .where("account_id", "=", accountId)
    .where("id", "!=", contactId)
    .where((eb) =>
      eb.or([
        eb("address", "=", needle),
        eb(eb.fn("lower", ["name"]), "=", needle),
        eb(eb.fn("lower", ["name"]), "like", `${needle} %`),
      ]),
    )
    .orderBy("id")
    .executeTakeFirst();
  if (!referrer) return;
  await db
    .updateTable("contacts")
    .set({ referred_by_contact_id: referrer.id, updated_at: now })
    .where("account_id", "=", accountId)
    .where("id", "=", contactId)
    .where("referred_by_contact_id", "is", null)
    .execute();
}
