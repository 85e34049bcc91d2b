/**
 * What an assessment writes: the thread's verdict columns, and for an informational thread its contacts and
 * referrals, in one transaction per thread; the verdicts of threads that are not informational (no contact, no facts,
 * no referral: one UPDATE each) are written together, one statement for many (`storeNotInformational`).
 */
import { sql } from "kysely";
import type { AppContext } from "../context.js";
import type { Account, Message } from "../db/schema.js";
import type { ThreadAssessment } from "../domain/index.js";
import type { FoundIntroduction } from "../domain/introductions.js";
import type { ThreadFacts } from "../domain/thread-facts.js";
import { linkContacts } from "./contacts.js";
import { storeReferrals } from "./referrals.js";

/** The root of a thread: the earliest message that does not answer another message of the same thread. */
export function rootMessageId(
  messages: readonly Pick<Message, "message_id" | "in_reply_to" | "refs" | "sent_at">[],
): string | null {
  const ids = new Set(messages.map((m) => m.message_id).filter((id): id is string => id !== null));
  const roots = messages.filter((m) => m.message_id && ![...m.in_reply_to, ...m.refs].some((r) => ids.has(r)));
  const pick = (roots.length > 0 ? roots : messages).filter((m) => m.message_id);
  pick.sort((a, b) => (a.sent_at?.getTime() ?? 0) - (b.sent_at?.getTime() ?? 0));
  return pick[0]?.message_id ?? null;
}

/** The columns an assessment sets on its thread. */
export function assessedColumns(assessment: ThreadAssessment, facts: ThreadFacts | null, now: Date) {
  return {
    informational: assessment.informational,
    direction: assessment.direction,
    confidence: assessment.confidence,
    reasons: JSON.stringify(assessment.reasons),
    assessment: JSON.stringify(assessment),
    facts: facts ? JSON.stringify(facts) : null,
    assessed_at: now,
    needs_assessment: false,
    assess_failures: 0,
    assess_retry_after: null,
    assess_error: null,
    updated_at: now,
  };
}

export async function storeAssessment(
  ctx: AppContext,
  account: Account,
  threadId: number,
  messages: readonly Message[],
  assessment: ThreadAssessment,
  facts: ThreadFacts | null,
  introductions: readonly FoundIntroduction[] = [],
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const contactId = await linkContacts(tx, account.id, assessment, messages, now, facts);
    await storeReferrals(tx, account.id, threadId, assessment, introductions, now);
    await tx
      .updateTable("threads")
      .set({
        ...assessedColumns(assessment, facts, now),
        root_message_id: rootMessageId(messages),
        subject: messages[0]?.subject ?? "",
        contact_id: contactId,
      })
      .where("account_id", "=", account.id)
      .where("id", "=", threadId)
      .execute();
  });
}

/** A verdict that is not informational, to be written with others (`storeNotInformational`). */
export interface PlainVerdict {
  threadId: number;
  messages: readonly Message[];
  assessment: ThreadAssessment;
}

/**
 * Writes verdicts that are not informational in one statement: what `storeAssessment` writes for each of them (it
 * links no contact, keeps no facts and records no referral for such a thread), the assessment's own columns per row.
 */
export async function storeNotInformational(
  ctx: AppContext,
  accountId: number,
  verdicts: readonly PlainVerdict[],
): Promise<void> {
  if (verdicts.length === 0) return;
  if (verdicts.some((v) => v.assessment.informational)) throw new Error("an informational verdict is written alone");
  const now = ctx.clock.now();
  const rows = verdicts.map(({ threadId, messages, assessment }) => {
    const c = assessedColumns(assessment, null, now);
    return sql`(${threadId}::bigint, ${c.direction}::text, ${c.confidence}::real, ${c.reasons}::jsonb,
      ${c.assessment}::jsonb, ${rootMessageId(messages)}::text, ${messages[0]?.subject ?? ""}::text)`;
  });
  const { direction, confidence, reasons, assessment, ...same } = assessedColumns(
    verdicts[0]?.assessment as ThreadAssessment,
    null,
    now,
  );
  const shared = Object.entries(same).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  await sql`UPDATE threads AS t
    SET ${sql.join(shared)}, direction = v.direction, confidence = v.confidence, reasons = v.reasons,
      assessment = v.assessment, root_message_id = v.root, subject = v.subject, contact_id = null
    FROM (VALUES ${sql.join(rows)}) AS v(id, direction, confidence, reasons, assessment, root, subject)
    WHERE t.account_id = ${accountId} AND t.id = v.id`.execute(ctx.db);
}
