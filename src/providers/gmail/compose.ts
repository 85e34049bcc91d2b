/**
 * RFC 5322 MIME for drafts and the digest, built by nodemailer's MailComposer (it encodes non-ASCII names and
 * subjects as encoded-words and folds long lines). What comes from mail — names, addresses, Message-IDs,
 * subjects — is checked or cleaned here first, so nothing read from a message can add a header.
 */
import { randomBytes } from "node:crypto";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import type { EmailAddress } from "../../domain/mail.js";
import { type DraftRequest, ProviderError } from "../../domain/provider-port.js";

export const DRAFT_MARKER_HEADER = "X-Rapport-Draft";
const MESSAGE_ID = /^<[^<>\s@]+@[^<>\s@]+>$/;
const ADDRESS = /^[^\s<>()[\]",;:\\@]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$/;
const MARKER = /^[A-Za-z0-9._:-]{1,128}$/;
/** RFC 5322 suggests trimming long References; keep the root and the most recent ones. */
const MAX_REFERENCES = 20;

/** Control characters (CR/LF included) become spaces: a name or subject is one line of text. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

function checkedAddress(who: EmailAddress, role: string): { name: string; address: string } {
  const address = who.address.trim();
  if (!ADDRESS.test(address)) {
    throw new ProviderError("permanent", `refusing to write a draft: ${role} address is not a plain address`, {
      provider: "gmail",
    });
  }
  return { name: oneLine(who.name), address };
}

function validMessageIds(ids: readonly (string | null | undefined)[]): string[] {
  return ids.filter((id): id is string => typeof id === "string" && MESSAGE_ID.test(id));
}

function replySubject(threadSubject: string): string {
  const subject = oneLine(threadSubject);
  return /^re\s*:/i.test(subject) ? subject : `Re: ${subject}`;
}

function newMessageId(fromAddress: string, kind: string): string {
  const domain = fromAddress.split("@")[1] ?? "rapport.invalid";
  return `<rapport.${kind}.${randomBytes(12).toString("hex")}@${domain}>`;
}

interface ComposedDraft {
  raw: string;
  messageId: string;
  inReplyTo: string | null;
}

export async function composeDraft(request: DraftRequest, date: Date): Promise<ComposedDraft> {
  if (!MARKER.test(request.marker)) {
    throw new ProviderError("permanent", "draft marker must be 1-128 characters of [A-Za-z0-9._:-]", {
      provider: "gmail",
    });
  }
  const from = checkedAddress(request.from, "From");
  const to = checkedAddress(request.to, "To");
  const cc = (request.cc ?? []).map((a) => checkedAddress(a, "Cc"));
  const bcc = (request.bcc ?? []).map((a) => checkedAddress(a, "Bcc"));
  const reply = request.replyTo;
  const parent = reply ? (validMessageIds([reply.messageId])[0] ?? null) : null;
  const chain = reply ? validMessageIds([...reply.references, parent]) : [];
  const references = [...new Set(chain)];
  const trimmed =
    references.length > MAX_REFERENCES
      ? [references[0] as string, ...references.slice(-(MAX_REFERENCES - 1))]
      : references;
  const messageId = newMessageId(from.address, "draft");
  const composer = new MailComposer({
    from,
    to,
    ...(cc.length > 0 ? { cc } : {}),
    ...(bcc.length > 0 ? { bcc } : {}),
    subject: reply ? replySubject(reply.subject) : oneLine(request.subject),
    date,
    messageId,
    inReplyTo: parent ?? undefined,
    references: trimmed.length > 0 ? trimmed : undefined,
    text: request.text,
    html: request.html,
    headers: { [DRAFT_MARKER_HEADER]: request.marker },
  });
  const node = composer.compile();
  // a draft keeps its Bcc line (the user sees who is blind-copied; Gmail drops the header when it sends)
  node.keepBcc = true;
  const raw = (await node.build()).toString("base64url");
  return { raw, messageId, inReplyTo: parent };
}

export async function composeToSelf(
  owner: EmailAddress,
  message: { subject: string; text: string; html: string },
  date: Date,
): Promise<{ raw: string; messageId: string }> {
  const self = checkedAddress(owner, "owner");
  const messageId = newMessageId(self.address, "digest");
  const composer = new MailComposer({
    from: self,
    to: self,
    subject: oneLine(message.subject),
    date,
    messageId,
    text: message.text,
    html: message.html,
    headers: { "X-Rapport-Digest": "1", "Auto-Submitted": "auto-generated" },
  });
  return { raw: (await composer.compile().build()).toString("base64url"), messageId };
}
