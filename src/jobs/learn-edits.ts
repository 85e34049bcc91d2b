/**
 * Learning from the user's edits: when the fate check finds a draft was sent, the sent message is read once (its
 * thread, one provider call — only then, so idle cycles cost nothing more), compared in memory with the text
 * Rapport drafted, and only the shape of the edit is stored (db/draft-edits.ts). The sent body is dropped at once.
 */
import type { AppContext } from "../context.js";
import { recordEdit } from "../db/draft-edits.js";
import { draftMarker } from "../db/draft-ledger.js";
import type { Account, Draft } from "../db/schema.js";
import { compareSent } from "../domain/draft-edits.js";
import type { MailMessage } from "../domain/mail.js";
import type { MailProvider } from "../domain/provider-port.js";

/** The sent message that is this draft: it carries the marker, or answers the message the draft answered. */
function sentCopy(messages: readonly MailMessage[], row: Draft): MailMessage | null {
  const marker = draftMarker(row);
  const sent = messages.filter((m) => m.labels.includes("SENT") && !m.labels.includes("DRAFT") && m.sentByUser);
  const marked = sent.find((m) => m.headers["x-rapport-draft"] === marker);
  if (marked) return marked;
  if (!row.in_reply_to) return null;
  const answering = sent.filter(
    (m) =>
      m.inReplyTo.includes(row.in_reply_to as string) && (m.date?.getTime() ?? 0) >= (row.created_at?.getTime() ?? 0),
  );
  return answering.at(-1) ?? null;
}

/**
 * Records the shape of the user's edit of a draft just found sent. Never throws: a failure to read the sent
 * message only means nothing is learnt from this one send.
 */
export async function learnFromSent(
  ctx: AppContext,
  provider: MailProvider,
  account: Account,
  row: Draft & { thread_key: string | null },
): Promise<boolean> {
  if (!row.template_ref || !row.part_keys || !row.body_text || !row.thread_key) return false;
  const log = ctx.log.child({ account: account.id, ledgerId: row.id });
  try {
    const messages = await provider.fetchThread(row.thread_key);
    const sent = sentCopy(messages, row);
    if (!sent?.bodyText) {
      log.info("sent draft not found in its thread: no edit recorded");
      return false;
    }
    const shape = compareSent(row.body_text, row.part_keys, sent.bodyText);
    if (!shape) {
      log.info("sent message keeps nothing of the draft's body: no edit recorded");
      return false;
    }
    await recordEdit(ctx.db, {
      accountId: account.id,
      draftId: row.id,
      templateRef: row.template_ref,
      shape,
      sentAt: sent.date ?? ctx.clock.now(),
    });
    log.info({ parts: shape.parts.length, added: shape.added }, "edit of a sent draft recorded");
    return true;
  } catch (error) {
    log.warn({ reason: (error as Error).message?.split("\n")[0] }, "could not read a sent draft: no edit recorded");
    return false;
  }
}
