/**
 * Per-person controls as stored: snooze, do-not-contact and a cadence of one's own on the contact row, touches logged
 * by hand in contact_touches. Read back as the domain's PersonControls, which the rules take as data.
 */
import type { Kysely } from "kysely";
import type { PersonControls } from "../domain/person-controls.js";
import type { Contact, ContactTouch, Database, TouchKind } from "./schema.js";

export const TOUCH_KINDS: readonly TouchKind[] = ["call", "coffee", "video", "event", "other"];

export interface ControlsChange {
  snoozedUntil?: string | null;
  doNotContact?: boolean;
  checkInAfterDays?: number | null;
  nudgeAfterBusinessDays?: number | null;
}

/** Every person of the account with a control set or a touch logged. */
export async function loadPersonControls(db: Kysely<Database>, accountId: number): Promise<PersonControls[]> {
  const contacts = await db
    .selectFrom("contacts")
    .select(["id", "address", "do_not_contact", "snoozed_until", "check_in_after_days", "nudge_after_business_days"])
    .where("account_id", "=", accountId)
    .where((eb) =>
      eb.or([
        eb("do_not_contact", "=", true),
        eb("snoozed_until", "is not", null),
        eb("check_in_after_days", "is not", null),
        eb("nudge_after_business_days", "is not", null),
        eb.exists(
          eb
            .selectFrom("contact_touches as t")
            .select("t.id")
            .whereRef("t.account_id", "=", "contacts.account_id")
            .whereRef("t.contact_id", "=", "contacts.id"),
        ),
      ]),
    )
    .execute();
  const touches = await db
    .selectFrom("contact_touches")
    .select(["contact_id", "at", "kind"])
    .where("account_id", "=", accountId)
    .orderBy("at")
    .execute();
  return contacts.map((c) => ({
    address: c.address,
    doNotContact: c.do_not_contact,
    snoozedUntil: c.snoozed_until,
    checkInAfterDays: c.check_in_after_days,
    nudgeAfterBusinessDays: c.nudge_after_business_days,
    touches: touches.filter((t) => t.contact_id === c.id).map((t) => ({ at: t.at, kind: t.kind })),
  }));
}

export async function findContact(db: Kysely<Database>, accountId: number, address: string): Promise<Contact | null> {
  return (
    (await db
      .selectFrom("contacts")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("address", "=", address.trim().toLowerCase())
      .executeTakeFirst()) ?? null
  );
}

export async function getContact(db: Kysely<Database>, accountId: number, contactId: number): Promise<Contact | null> {
  return (
    (await db
      .selectFrom("contacts")
      .selectAll()
      .where("account_id", "=", accountId)
      .where("id", "=", contactId)
      .executeTakeFirst()) ?? null
  );
}

export async function changeControls(
  db: Kysely<Database>,
  accountId: number,
  contactId: number,
  change: ControlsChange,
  now: Date,
): Promise<void> {
  await db
    .updateTable("contacts")
    .set({
      ...(change.snoozedUntil !== undefined ? { snoozed_until: change.snoozedUntil } : {}),
      ...(change.doNotContact !== undefined ? { do_not_contact: change.doNotContact } : {}),
      ...(change.checkInAfterDays !== undefined ? { check_in_after_days: change.checkInAfterDays } : {}),
      ...(change.nudgeAfterBusinessDays !== undefined
        ? { nudge_after_business_days: change.nudgeAfterBusinessDays }
        : {}),
      updated_at: now,
    })
    .where("account_id", "=", accountId)
    .where("id", "=", contactId)
    .execute();
  await lifecycleChanged(db, accountId);
}

/** A control or a touch changes what is due: the account's next cycle evaluates again (see migration 0004). */
async function lifecycleChanged(db: Kysely<Database>, accountId: number): Promise<void> {
  await db
    .updateTable("accounts")
    .set((eb) => ({ changes: eb("changes", "+", 1) }))
    .where("id", "=", accountId)
    .execute();
}

export async function logTouch(
  db: Kysely<Database>,
  accountId: number,
  contactId: number,
  touch: { at: Date; kind: TouchKind; note: string },
  now: Date,
): Promise<void> {
  await db
    .insertInto("contact_touches")
    .values({ account_id: accountId, contact_id: contactId, ...touch, created_at: now })
    .execute();
  await lifecycleChanged(db, accountId);
}

export async function listTouches(db: Kysely<Database>, accountId: number, contactId: number): Promise<ContactTouch[]> {
  return db
    .selectFrom("contact_touches")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("contact_id", "=", contactId)
    .orderBy("at", "desc")
    .execute();
}
