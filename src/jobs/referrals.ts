/**
 * Referral follow-through, the recording half: which introductions of an assessed thread are kept. Introductions are
 * recorded from informational threads only. Those read from a message's own words (a person named in a reply, a
 * forwarded background) are derived from bodies like the thread facts, so they are kept only while the account keeps
 * thread facts; a cc-introduction is known from its headers and its introduction words, and is always kept.
 */
import type { Kysely } from "kysely";
import { linkReferredContacts, recordReferrals } from "../db/referrals.js";
import type { Account, Database } from "../db/schema.js";
import type { ThreadAssessment } from "../domain/engine-types.js";
import { type FoundIntroduction, findIntroductions } from "../domain/introductions.js";
import type { MailMessage } from "../domain/mail.js";

/** The introductions of a thread read in full that this account keeps. */
export function introductionsToRecord(
  account: Pick<Account, "thread_facts">,
  full: readonly MailMessage[],
  me: readonly string[],
): FoundIntroduction[] {
  return findIntroductions(full, me).filter((f) => account.thread_facts || f.kind === "cc");
}

/** Inside the assessment's transaction: the thread's introductions, then links to people who became contacts. */
export async function storeReferrals(
  db: Kysely<Database>,
  accountId: number,
  threadId: number,
  assessment: ThreadAssessment,
  introductions: readonly FoundIntroduction[],
  now: Date,
): Promise<void> {
  if (!assessment.informational) return;
  if (introductions.length > 0) await recordReferrals(db, accountId, threadId, introductions, now);
  else await linkReferredContacts(db, accountId, now);
}
