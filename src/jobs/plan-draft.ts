/**
 * Reads what is known about a due draft from the database: the thread and the message it answers, the contact,
 * referrals, the meeting. Also the reasons to draft nothing (do-not-contact, declined, the user already wrote).
 */
import type { Kysely } from "kysely";
import { importedProfile } from "../db/linkedin.js";
import type { Account, Contact, Database, Thread } from "../db/schema.js";
import type { DueDraft, ThreadAssessment } from "../domain/engine-types.js";
import type { EmailAddress } from "../domain/mail.js";
import type { ReplyTarget } from "../domain/provider-port.js";
import type { DraftFacts } from "../templates/draft-context.js";
import {
  contactFacts,
  conversationsSince,
  introductionsBy,
  mergeFacts,
  newRoleSince,
  senderName,
  senderSignature,
} from "./draft-facts.js";
import { referralAddenda } from "./referral-drafts.js";

export interface DraftPlan {
  targetKey: string;
  thread: Thread | null;
  contact: Contact | null;
  replyTo: ReplyTarget | null;
  facts: DraftFacts;
  /** Referral drafts: the To line's name when the person is not a contact yet, and who else is addressed. */
  toName?: string;
  cc?: EmailAddress[];
  bcc?: EmailAddress[];
}

type PlanResult = { plan: DraftPlan } | { skip: string };

/** The ledger key of a due draft: the thread's root Message-ID, or the contact when there is no thread. */
export function targetKeyOf(due: Pick<DueDraft, "threadId" | "to">): string {
  return due.threadId ?? `contact:${due.to.toLowerCase()}`;
}

async function findThread(db: Kysely<Database>, accountId: number, threadId: string | null) {
  if (!threadId) return undefined;
  return db
    .selectFrom("threads")
    .selectAll()
    .where("account_id", "=", accountId)
    .where((eb) => eb.or([eb("root_message_id", "=", threadId), eb("thread_key", "=", threadId)]))
    .orderBy("id")
    .executeTakeFirst();
}

async function findContact(db: Kysely<Database>, accountId: number, address: string) {
  return db
    .selectFrom("contacts")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("address", "=", address)
    .executeTakeFirst();
}

/** The engine judged from the last sync; mail the user wrote in the thread since (a reply, a thank-you) wins. */
async function userWroteSince(db: Kysely<Database>, accountId: number, thread: Thread, since: Date): Promise<boolean> {
  const wrote = await db
    .selectFrom("messages")
    .select("provider_message_id")
    .where("account_id", "=", accountId)
    .where("thread_id", "=", thread.id)
    .where("sent_by_user", "=", true)
    .where("sent_at", ">=", since)
    .where((eb) => eb.not(eb(eb.val("DRAFT"), "=", eb.fn.any("labels"))))
    .executeTakeFirst();
  return wrote !== undefined;
}

/** The message a draft answers, as the provider needs it; null when it is not synced yet. */
async function replyTarget(
  db: Kysely<Database>,
  accountId: number,
  thread: Thread | null,
  messageId: string,
): Promise<{ replyTo: ReplyTarget; sentByUserAt: Date | null } | null> {
  const message = await db
    .selectFrom("messages")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("message_id", "=", messageId)
    .orderBy("sent_at", "desc")
    .executeTakeFirst();
  if (!message) return null;
  const threadKey =
    thread?.id === message.thread_id
      ? thread.thread_key
      : ((
          await db
            .selectFrom("threads")
            .select("thread_key")
            .where("account_id", "=", accountId)
            .where("id", "=", message.thread_id)
            .executeTakeFirst()
        )?.thread_key ?? null);
  return {
    replyTo: {
      providerMessageId: message.provider_message_id,
      providerThreadId: threadKey,
      messageId: message.message_id,
      references: [...message.refs, ...(message.message_id ? [message.message_id] : [])],
      subject: message.subject,
    },
    sentByUserAt: message.sent_by_user ? message.sent_at : null,
  };
}

export async function planDraft(db: Kysely<Database>, account: Account, due: DueDraft, now: Date): Promise<PlanResult> {
  const to = due.to.toLowerCase();
  if ([account.address, ...account.aliases].some((a) => a.toLowerCase() === to)) {
    return { skip: "the recipient is the account owner" };
  }
  const thread = (await findThread(db, account.id, due.threadId)) ?? null;
  const assessment = (thread?.assessment ?? null) as ThreadAssessment | null;
  if (thread?.stage === "declined" || assessment?.declined || assessment?.doNotContact) {
    return { skip: "the contact declined or asked not to be contacted" };
  }
  const contact = (await findContact(db, account.id, to)) ?? null;
  if (contact?.do_not_contact) return { skip: "the contact is marked do-not-contact" };
  const dueSince = new Date(due.dueSince);
  if (thread && (await userWroteSince(db, account.id, thread, dueSince))) {
    return { skip: "the user already wrote in this thread" };
  }
  const target = due.inReplyTo ? await replyTarget(db, account.id, thread, due.inReplyTo) : null;
  if (due.inReplyTo && !target) return { skip: `the message to reply to (${due.inReplyTo}) is not synced yet` };
  const replyTo = target?.replyTo ?? null;
  const context = { account, contact, thread, assessment, now, dueSince };
  const plan: DraftPlan = {
    targetKey: targetKeyOf(due),
    thread,
    contact,
    replyTo,
    facts: await draftFacts(db, due, context, {
      to,
      subject: replyTo ? replyTo.subject || due.subject || null : null,
      outreachAt: target?.sentByUserAt ?? null,
    }),
  };
  if (due.referralId === undefined) return { plan };
  // a referral draft: the introducer's name, and the introducer in Bcc of a reply to their introduction
  const addenda = await referralAddenda(db, account, due, plan.facts);
  return "skip" in addenda ? addenda : { plan: { ...plan, ...addenda } };
}

interface Known {
  account: Account;
  contact: Contact | null;
  thread: Thread | null;
  assessment: ThreadAssessment | null;
  now: Date;
  dueSince: Date;
}

/** Everything the templates may use, from the stored facts of the contact's threads and the ledger of meetings. */
async function draftFacts(
  db: Kysely<Database>,
  due: DueDraft,
  known: Known,
  draft: { to: string; subject: string | null; outreachAt: Date | null },
): Promise<DraftFacts> {
  const { account, contact, thread, assessment, now } = known;
  const stored = await contactFacts(db, account, contact, thread);
  const merged = mergeFacts(stored, draft.to, due.kind);
  const checkIn = due.kind === "check_in";
  const lastMessageAt = thread?.last_message_at ?? null;
  return {
    kind: due.kind,
    now,
    timeZone: account.time_zone,
    language: merged.language,
    formal: merged.formal,
    tu: merged.tu,
    me: {
      name: await senderName(db, account, thread),
      signature: senderSignature(account),
      resumeUrl: account.resume_url,
      closing: merged.closing,
      signedAs: merged.signedAs,
    },
    contact: {
      address: draft.to,
      name: contact?.name || assessment?.contactNames[draft.to] || null,
      // as the thread writes it, else as mail stored it, else as the person wrote it on LinkedIn
      organisation:
        merged.organisation ??
        contact?.organisation ??
        (contact ? (await importedProfile(db, account.id, contact.id))?.organisation : null) ??
        null,
      greeting: merged.greeting,
      signedName: merged.signedName,
    },
    subject: draft.subject,
    referredBy: merged.referredBy ?? (await referrerName(db, account.id, contact, assessment)),
    introductions: await introductionsBy(db, account.id, contact, now),
    ask: merged.ask,
    field: merged.field,
    duration: merged.duration,
    askMedia: merged.askMedia,
    heldMedium: merged.heldMedium,
    meetingEnd:
      due.kind === "thank_you" ? await lastMeetingEnd(db, account.id, thread, contact, now, known.dueSince) : null,
    outreachAt: draft.outreachAt,
    lastMessageAt,
    update: {
      conversations: checkIn ? await conversationsSince(db, account.id, contact, lastMessageAt, now) : 0,
      newRole: checkIn ? await newRoleSince(db, account, stored) : null,
    },
  };
}

async function referrerName(
  db: Kysely<Database>,
  accountId: number,
  contact: Contact | null,
  assessment: ThreadAssessment | null,
): Promise<string | null> {
  if (contact?.referred_by_contact_id) {
    const referrer = await db
      .selectFrom("contacts")
      .select("name")
      .where("account_id", "=", accountId)
      .where("id", "=", contact.referred_by_contact_id)
      .executeTakeFirst();
    if (referrer?.name) return referrer.name;
  }
  return assessment?.referredBy ?? null;
}

/** The end of the last meeting with this contact (or in this thread) that is over; the due time otherwise. */
async function lastMeetingEnd(
  db: Kysely<Database>,
  accountId: number,
  thread: Thread | null,
  contact: Contact | null,
  now: Date,
  dueSince: Date,
): Promise<Date> {
  if (!thread && !contact) return dueSince;
  const meeting = await db
    .selectFrom("meetings")
    .select("end_at")
    .where("account_id", "=", accountId)
    .where("status", "!=", "cancelled")
    .where("end_at", "<=", now)
    .where((eb) =>
      eb.or([
        ...(thread ? [eb("thread_id", "=", thread.id)] : []),
        ...(contact ? [eb("contact_id", "=", contact.id)] : []),
      ]),
    )
    .orderBy("end_at", "desc")
    .executeTakeFirst();
  return meeting?.end_at ?? dueSince;
}
