/**
 * One raw RFC 5322 message -> MailMessage, via postal-mime. Only what classification needs is kept: a few
 * headers, addresses, dates, ids, and (for personal mail only) a bounded, reply-stripped body excerpt.
 * Huge messages are cut before parsing so attachments are never decoded in full.
 */
import PostalMime, { type Address, type Email } from "postal-mime";
import type { EmailAddress, MailMessage } from "../domain/mail.js";
import { bulkHeaderReasons } from "../domain/text-signals.js";
import { visibleText } from "../domain/visible-text.js";

const KEPT_HEADERS = new Set([
  "list-id",
  "list-unsubscribe",
  "precedence",
  "auto-submitted",
  "x-autoreply",
  "x-autorespond",
  "feedback-id",
  "x-campaign",
  "x-mailgun-campaign",
  "x-sfmc-stack",
]);

export interface ConvertOptions {
  me: ReadonlySet<string>;
  /** Bytes handed to the MIME parser at most (the rest of a huge message is ignored). */
  maxParseBytes?: number;
  /** Characters of visible body text kept per message. */
  maxBodyChars?: number;
}

export class MessageParseError extends Error {}

const ID_RE = /<[^<>\s]+>/g;

function ids(value: string | undefined): string[] {
  return value ? (value.match(ID_RE) ?? []) : [];
}

function flatten(list: Address[] | Address | undefined): EmailAddress[] {
  if (!list) return [];
  const arr = Array.isArray(list) ? list : [list];
  const out: EmailAddress[] = [];
  for (const a of arr) {
    if (a.group) {
      for (const m of a.group) if (m.address) out.push({ address: m.address.trim().toLowerCase(), name: m.name ?? "" });
    } else if (a.address) {
      out.push({ address: a.address.trim().toLowerCase(), name: (a.name ?? "").replace(/\u0000/g, "") });
    }
  }
  return out.filter((a) => a.address.includes("@"));
}

function parseDate(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value);
  if (!Number.isNaN(d.getTime())) return d;
  // Common broken forms: a trailing zone name in parentheses or a missing seconds field.
  const cleaned = value.replace(/\([^)]*\)/g, "").replace(/\s+/g, " ").trim();
  const d2 = new Date(cleaned);
  return Number.isNaN(d2.getTime()) ? null : d2;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<br\s*\/?>|<\/p>|<\/div>|<\/li>|<\/tr>/gi, "\n")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/[ \t]+/g, " ");
}

function withoutNul(raw: Buffer): Buffer {
  if (raw.indexOf(0) < 0) return raw;
  const copy = Buffer.from(raw);
  for (let i = copy.indexOf(0); i >= 0; i = copy.indexOf(0, i + 1)) copy[i] = 0x20;
  return copy;
}

/** Cut a raw message to `max` bytes at a line boundary (headers always survive when they fit). */
function capped(raw: Buffer, max: number): Buffer {
  if (raw.length <= max) return raw;
  const nl = raw.lastIndexOf(0x0a, max);
  return raw.subarray(0, nl > 0 ? nl + 1 : max);
}

export async function parseRawMessage(raw: Buffer, options: ConvertOptions): Promise<MailMessage> {
  const input = withoutNul(capped(raw, options.maxParseBytes ?? 256 * 1024));
  if (input.length === 0 || input.indexOf(":") < 0) throw new MessageParseError("empty or headerless message");
  let email: Email;
  try {
    email = await PostalMime.parse(input, { attachmentEncoding: "arraybuffer", maxNestingDepth: 50 });
  } catch (e) {
    throw new MessageParseError(`MIME parse failed: ${(e as Error).message}`);
  }
  if (!email.headers || email.headers.length === 0) throw new MessageParseError("no headers");
  const headers: Record<string, string> = {};
  for (const h of email.headers) {
    if (KEPT_HEADERS.has(h.key) && headers[h.key] === undefined) headers[h.key] = h.value.slice(0, 500);
  }
  const fromList = flatten(email.from);
  const from = fromList[0] ?? null;
  const to = flatten(email.to);
  const cc = flatten(email.cc);
  const sentByUser = from !== null && options.me.has(from.address);
  const messageId = ids(email.messageId)[0] ?? null;
  const message: MailMessage = {
    providerId: null,
    providerThreadId: null,
    messageId,
    inReplyTo: ids(email.inReplyTo),
    references: ids(email.references),
    subject: (email.subject ?? "").replace(/\u0000/g, "").slice(0, 500),
    from,
    to: to.slice(0, 200),
    cc: cc.slice(0, 200),
    date: parseDate(email.date),
    sentByUser,
    headers,
    labels: [],
  };
  // Bodies only for mail that can be personal: list/bulk/automated mail is classified from its headers.
  const bulk = bulkHeaderReasons(headers, from?.address ?? null).length > 0 && !sentByUser;
  if (!bulk) {
    const text = email.text ?? (email.html ? htmlToText(email.html) : "");
    message.bodyText = visibleText(text, options.maxBodyChars ?? 2000);
  } else {
    message.bodyText = "";
  }
  return message;
}
