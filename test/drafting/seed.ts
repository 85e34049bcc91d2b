/** Rows for the drafting and digest tests: an account, a contact, an informational thread with messages. */
import type { Kysely } from "kysely";
import type { Account, Database, NewAccount } from "../../src/db/schema.js";

export async function seedAccount(db: Kysely<Database>, overrides: Partial<NewAccount> = {}): Promise<Account> {
  return db
    .insertInto("accounts")
    .values({
      provider: "gmail",
      address: "alex@example.com",
      display_name: "Alex Kim",
      time_zone: "America/Chicago",
      signature: "Alex Kim",
      resume_url: "https://example.com/alex-cv",
      ...overrides,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface SeededThread {
  threadId: number;
  rootMessageId: string;
  contactId: number;
}

/** The user's outreach to a contact (one sent message), optionally with the contact's reply. */
export async function seedThread(
  db: Kysely<Database>,
  account: Account,
  options: { n: number; sentAt: Date; contactName?: string; organisation?: string | null; stage?: string },
): Promise<SeededThread> {
  const address = `contact${options.n}@northwind.example`;
  const contact = await db
    .insertInto("contacts")
    .values({
      account_id: account.id,
      address,
      name: options.contactName ?? `Maria${options.n} Lopez`,
      organisation: options.organisation === undefined ? "Northwind" : options.organisation,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const root = `<outreach-${options.n}@example.com>`;
  const thread = await db
    .insertInto("threads")
    .values({
      account_id: account.id,
      thread_key: `gthread-${options.n}`,
      root_message_id: root,
      subject: "Advice on product analytics",
      informational: true,
      direction: "seeker",
      stage: options.stage ?? "outreach_sent",
      contact_id: contact.id,
      last_message_at: options.sentAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("messages")
    .values({
      account_id: account.id,
      provider_message_id: `gmsg-${options.n}-1`,
      thread_id: thread.id,
      message_id: root,
      subject: "Advice on product analytics",
      from_address: account.address,
      from_name: account.display_name,
      to_addresses: JSON.stringify([{ address, name: "" }]),
      sent_at: options.sentAt,
      sent_by_user: true,
      labels: ["SENT"],
    })
    .execute();
  return { threadId: thread.id, rootMessageId: root, contactId: contact.id };
}

/** A message the user wrote in the thread (their own thank-you or follow-up). */
export async function seedUserMessage(
  db: Kysely<Database>,
  account: Account,
  thread: SeededThread,
  n: number,
  sentAt: Date,
): Promise<void> {
  await db
    .insertInto("messages")
    .values({
      account_id: account.id,
      provider_message_id: `gmsg-user-${n}`,
      thread_id: thread.threadId,
      message_id: `<user-${n}@example.com>`,
      subject: "Re: Advice on product analytics",
      from_address: account.address,
      sent_at: sentAt,
      sent_by_user: true,
      labels: ["SENT"],
    })
    .execute();
}
