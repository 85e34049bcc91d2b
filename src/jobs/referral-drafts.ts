/**
 * Referral follow-through, the drafting half: which referral drafts are due, and what they say beyond the usual facts.
 *
 * - intro_reply: a contact introduced the user by copying someone in. While the user has not written in that thread
 *   since, a reply is due in it — To: the person introduced (Cc: anyone else introduced with them), Bcc: the
 *   introducer — thanking the introducer and asking the person introduced for a conversation.
 * - referral_outreach: a contact named someone with their address but did not copy them in. While nobody has written
 *   to or from that address, a first note to them is due, in a new thread, naming the introducer.
 *
 * Both are due only for introductions of the last FOLLOW_THROUGH_DAYS (a first sync reading a year of mail does not
 * answer old introductions), once each: the drafts ledger keys them by thread or address and the introduction's time.
 * A person named without an address gets no draft (the digest lists them). Nothing is ever addressed to the user, and
 * nobody but the people the introduction names is ever on a draft.
 */
import { type Kysely, sql } from "kysely";
import { referralById, referralsSince } from "../db/referrals.js";
import type { Account, Database } from "../db/schema.js";
import type { DueDraft } from "../domain/engine-types.js";
import type { EmailAddress } from "../domain/mail.js";
import type { DraftFacts } from "../templates/draft-context.js";
import { cleanName } from "../templates/wording.js";
import { accountAddresses } from "./assess-threads.js";
import { contactFacts, mergeFacts } from "./draft-facts.js";

const FOLLOW_THROUGH_DAYS = 14;
const DAY_MS = 86_400_000;
const FORMAL_WITH_STRANGERS = new Set(["de", "fr", "es"]);

/** Mail the user wrote in the thread since the introduction (drafts apart). */
async function userWroteIn(db: Kysely<Database>, accountId: number, threadId: number, since: Date): Promise<boolean> {
  const row = await db
    .selectFrom("messages")
    .select("provider_message_id")
    .where("account_id", "=", accountId)
    .where("thread_id", "=", threadId)
    .where("sent_by_user", "=", true)
    .where("sent_at", ">=", since)
    .where((eb) => eb.not(eb(eb.val("DRAFT"), "=", eb.fn.any("labels"))))
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether any mail (drafts apart) came from or went to this address: the conversation has begun. */
async function mailWith(db: Kysely<Database>, accountId: number, address: string): Promise<boolean> {
  const row = await db
    .selectFrom("messages")
    .select("provider_message_id")
    .where("account_id", "=", accountId)
    .where((eb) => eb.not(eb(eb.val("DRAFT"), "=", eb.fn.any("labels"))))
    .where((eb) =>
      eb.or([
        eb(eb.fn("lower", ["from_address"]), "=", address),
        sql<boolean>`EXISTS (SELECT 1 FROM jsonb_array_elements(to_addresses || cc_addresses) e
          WHERE lower(e->>'address') = ${address})`,
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The newest message in the thread someone else wrote: the one a reply answers. */
async function lastIncoming(db: Kysely<Database>, accountId: number, threadId: number) {
  return db
    .selectFrom("messages")
    .select(["message_id"])
    .where("account_id", "=", accountId)
    .where("thread_id", "=", threadId)
    .where("sent_by_user", "=", false)
    .where("message_id", "is not", null)
    .where((eb) => eb.not(eb(eb.val("DRAFT"), "=", eb.fn.any("labels"))))
    .orderBy("sent_at", "desc")
    .executeTakeFirst();
}

/** The referral drafts due now (see the file's comment). */
export async function dueReferralDrafts(db: Kysely<Database>, account: Account, now: Date): Promise<DueDraft[]> {
  const own = new Set(accountAddresses(account));
  const referrals = await referralsSince(db, account.id, new Date(now.getTime() - FOLLOW_THROUGH_DAYS * DAY_MS), now);
  const due: DueDraft[] = [];
  const threadsSeen = new Set<number>();
  const addressesSeen = new Set<string>();
  for (const r of referrals) {
    const to = r.referred_address;
    if (!to || own.has(to) || to === r.referrer_address) continue;
    const who = `${cleanName(r.referrer_name) ?? r.referrer_address} introduced you to ${cleanName(r.referred_name) ?? to}`;
    if (r.kind === "cc") {
      if (threadsSeen.has(r.thread_id)) continue;
      threadsSeen.add(r.thread_id);
      if (await userWroteIn(db, account.id, r.thread_id, r.introduced_at)) continue;
      const thread = await db
        .selectFrom("threads")
        .select(["thread_key", "root_message_id", "subject"])
        .where("account_id", "=", account.id)
        .where("id", "=", r.thread_id)
        .executeTakeFirst();
      const answer = await lastIncoming(db, account.id, r.thread_id);
      if (!thread || !answer?.message_id) continue;
      due.push({
        kind: "intro_reply",
        to,
        inReplyTo: answer.message_id,
        threadId: thread.root_message_id ?? thread.thread_key,
        subject: thread.subject,
        dueSince: r.introduced_at.toISOString(),
        reason: `${who}: a reply thanking them, with them in Bcc`,
        referralId: r.id,
      });
      continue;
    }
    if (addressesSeen.has(to)) continue;
    addressesSeen.add(to);
    if (await mailWith(db, account.id, to)) continue;
    due.push({
      kind: "referral_outreach",
      to,
      inReplyTo: null,
      threadId: null,
      subject: "",
      dueSince: r.introduced_at.toISOString(),
      reason: `${who} without copying them in: a first note naming them`,
      referralId: r.id,
    });
  }
  return due;
}

export interface ReferralAddenda {
  facts: DraftFacts;
  /** The name the To line carries when the person is not a contact yet. */
  toName: string;
  cc: EmailAddress[];
  bcc: EmailAddress[];
}

/**
 * What a referral draft adds to the usual facts: the introducer's name, the referred person's name and organisation
 * as the introduction gave them, the field the user is moving into from their threads with the introducer; for a
 * first note, the language of the thread the introduction came in (formal with a stranger where the language has a
 * formal register); for a reply to a cc-introduction, the introducer in Bcc and anyone else introduced in Cc.
 */
export async function referralAddenda(
  db: Kysely<Database>,
  account: Account,
  due: DueDraft,
  facts: DraftFacts,
): Promise<ReferralAddenda | { skip: string }> {
  if (due.referralId === undefined) return { skip: "a referral draft without its referral" };
  const referral = await referralById(db, account.id, due.referralId);
  if (!referral) return { skip: "the referral is no longer recorded" };
  const own = new Set(accountAddresses(account));
  const introducer = await db
    .selectFrom("contacts")
    .selectAll()
    .where("account_id", "=", account.id)
    .where("id", "=", referral.referrer_contact_id)
    .executeTakeFirstOrThrow();
  const theirs = mergeFacts(await contactFacts(db, account, introducer, null), introducer.address, due.kind);
  const source = await db
    .selectFrom("threads")
    .selectAll()
    .where("account_id", "=", account.id)
    .where("id", "=", referral.thread_id)
    .executeTakeFirst();
  const name = facts.contact.name ?? (cleanName(referral.referred_name) || null);
  const withReferral: DraftFacts = {
    ...facts,
    referredBy: cleanName(introducer.name) ?? facts.referredBy,
    contact: {
      ...facts.contact,
      name,
      organisation: facts.contact.organisation ?? referral.referred_organisation,
    },
    field: facts.field ?? theirs.field,
    duration: facts.duration ?? theirs.duration,
  };
  if (due.kind === "referral_outreach") {
    const where = mergeFacts(await contactFacts(db, account, null, source ?? null), due.to, due.kind);
    return {
      facts: {
        ...withReferral,
        language: where.language,
        formal: FORMAL_WITH_STRANGERS.has(where.language),
        tu: false,
      },
      toName: name ?? "",
      cc: [],
      bcc: [],
    };
  }
  const others = await db
    .selectFrom("referrals")
    .select(["referred_address", "referred_name"])
    .where("account_id", "=", account.id)
    .where("thread_id", "=", referral.thread_id)
    .where("kind", "=", "cc")
    .orderBy("id")
    .execute();
  const addressed = new Set([...own, due.to, introducer.address]);
  const cc = others
    .filter((o): o is { referred_address: string; referred_name: string } => o.referred_address !== null)
    .filter((o) => !addressed.has(o.referred_address))
    .map((o) => ({ address: o.referred_address, name: o.referred_name }));
  const bcc = own.has(introducer.address) ? [] : [{ address: introducer.address, name: introducer.name }];
  return { facts: withReferral, toName: name ?? "", cc, bcc };
}
