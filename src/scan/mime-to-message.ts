/**
 * One raw RFC 5322 message -> MailMessage, via postal-mime. Only what classification needs is kept: a few
 * headers, addresses, dates, ids, and (for personal mail only) a bounded, reply-stripped body excerpt.
 * Huge messages are cut before parsing so attachments are never decoded in full.
 */
import PostalMime, { type Address, addressParser, decodeWords, type Email } from "postal-mime";
import { classifierText } from "../domain/classifier-text.js";
import { htmlToText } from "../domain/html-text.js";
import type { EmailAddress, MailMessage } from "../domain/mail.js";
import { bulkHeaderReasons } from "../domain/reply-cues.js";

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
const NO_HEADERS: Record<string, string> = Object.freeze({}) as Record<string, string>;

function ids(value: string | undefined): string[] {
  const found = value ? value.match(ID_RE) : null;
  return found ? found.map(detach) : NO_IDS;
}

const NO_ADDRESSES: EmailAddress[] = [];
const NO_IDS: string[] = [];
const NO_LABELS: string[] = [];
Object.freeze(NO_ADDRESSES);
Object.freeze(NO_IDS);
Object.freeze(NO_LABELS);

/** Interning: a mailbox repeats the same addresses and names thousands of times. */
const interned = new Map<string, string>();
function intern(s: string): string {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size > 200_000) interned.clear();
  const copy = s.length > 0 ? Buffer.from(s, "utf8").toString("utf8") : "";
  interned.set(copy, copy);
  return copy;
}
/** A flat copy that does not keep a larger parent string alive. */
function detach(s: string): string {
  return s.length === 0 ? "" : Buffer.from(s, "utf8").toString("utf8");
}

const addressCache = new Map<string, EmailAddress>();
function addressOf(address: string, name: string): EmailAddress {
  const key = `${address}\u0001${name}`;
  const hit = addressCache.get(key);
  if (hit) return hit;
  if (addressCache.size > 200_000) addressCache.clear();
  const a: EmailAddress = Object.freeze({ address: intern(address), name: intern(name) });
  addressCache.set(key, a);
  return a;
}

function flatten(list: Address[] | Address | undefined): EmailAddress[] {
  if (!list) return NO_ADDRESSES;
  const arr = Array.isArray(list) ? list : [list];
  const out: EmailAddress[] = [];
  for (const a of arr) {
    if (a.group) {
      for (const m of a.group) if (m.address) out.push(addressOf(m.address.trim().toLowerCase(), m.name ?? ""));
    } else if (a.address) {
      out.push(addressOf(a.address.trim().toLowerCase(), (a.name ?? "").replace(/\u0000/g, "")));
    }
  }
  const valid = out.filter((a) => a.address.includes("@"));
  return valid.length > 0 ? valid : NO_ADDRESSES;
}

/** A Date header longer than this is not a date (the longest real ones, with a zone comment, are ~80). */
const MAX_DATE_CHARS = 200;

/** The header without its RFC 5322 comments ("(PST)", nested ones too), in one pass. */
function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  for (const ch of value) {
    if (ch === "(") depth++;
    else if (ch === ")" && depth > 0) depth--;
    else if (depth === 0) out += ch;
  }
  return out;
}

function parseDate(header: string | undefined): Date | null {
  if (!header) return null;
  const value = header.length > MAX_DATE_CHARS ? header.slice(0, MAX_DATE_CHARS) : header;
  const d = new Date(value);
  if (!Number.isNaN(d.getTime())) return d;
  // Common broken forms: a trailing zone name in parentheses or a missing seconds field.
  const d2 = new Date(withoutComments(value).replace(/\s+/g, " ").trim());
  return Number.isNaN(d2.getTime()) ? null : d2;
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

/** End of the header block (index of the blank line), or -1. */
function headerEnd(raw: Buffer): number {
  const lf = raw.indexOf("\n\n");
  const crlf = raw.indexOf("\r\n\r\n");
  if (lf < 0) return crlf;
  if (crlf < 0) return lf;
  return Math.min(lf, crlf);
}

const BULK_HEADER =
  /^(list-id|list-unsubscribe|precedence:\s*(bulk|list|junk)|auto-submitted:\s*auto-generated|feedback-id|x-campaign)/im;

/**
 * What the MIME parser gets: list/bulk mail only its header block (it is classified from headers, and its
 * body is never read), other mail its headers and the first `maxParseBytes` of its body.
 */
function parserInput(raw: Buffer, maxParseBytes: number): Buffer {
  const end = headerEnd(raw);
  if (end < 0) return capped(raw, maxParseBytes);
  const head = raw.subarray(0, Math.min(end, 64 * 1024)).toString("latin1");
  if (BULK_HEADER.test(head)) return raw.subarray(0, end + 2);
  return capped(raw, end + maxParseBytes);
}

/**
 * Header block -> lower-cased name/value pairs (folded lines unfolded). Header text is decoded as UTF-8 when it
 * is valid UTF-8, else as Latin-1; RFC 2047 words are decoded by postal-mime's decodeWords on the fields used.
 */
function splitHeaders(block: Buffer): { key: string; value: string }[] {
  let text = block.toString("utf8");
  if (text.includes("\ufffd")) text = block.toString("latin1");
  const out: { key: string; value: string }[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line)) {
      const last = out[out.length - 1];
      if (last) last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    out.push({ key: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
  }
  return out;
}

/**
 * List and bulk mail is classified from its headers alone: its headers are read without running the full MIME
 * parser (no body, no parts), which is most of a real mailbox's volume.
 */
function headerOnlyEmail(block: Buffer): Email {
  const headers = splitHeaders(block);
  const get = (k: string): string | undefined => headers.find((h) => h.key === k)?.value;
  const addresses = (k: string): Address[] | undefined => {
    const v = get(k);
    if (!v) return undefined;
    try {
      return addressParser(v);
    } catch {
      return undefined;
    }
  };
  const decoded = (k: string): string | undefined => {
    const v = get(k);
    if (v === undefined) return undefined;
    try {
      return decodeWords(v);
    } catch {
      return v;
    }
  };
  const from = addresses("from");
  return {
    headers: headers.map((h) => ({ key: h.key, originalKey: h.key, value: h.value })),
    headerLines: [],
    from: from?.[0],
    to: addresses("to"),
    cc: addresses("cc"),
    subject: decoded("subject"),
    messageId: get("message-id"),
    inReplyTo: get("in-reply-to"),
    references: get("references"),
    date: get("date"),
    attachments: [],
  };
}

export async function parseRawMessage(raw: Buffer, options: ConvertOptions): Promise<MailMessage> {
  const input = withoutNul(parserInput(raw, options.maxParseBytes ?? 64 * 1024));
  if (input.length === 0 || input.indexOf(":") < 0) throw new MessageParseError("empty or headerless message");
  let email: Email;
  const end = headerEnd(input);
  const headerOnly = end >= 0 && end + 2 >= input.length - 2;
  try {
    email = headerOnly
      ? headerOnlyEmail(input.subarray(0, end))
      : await PostalMime.parse(input, { attachmentEncoding: "arraybuffer", maxNestingDepth: 50 });
  } catch (e) {
    throw new MessageParseError(`MIME parse failed: ${(e as Error).message}`);
  }
  if (!email.headers || email.headers.length === 0) throw new MessageParseError("no headers");
  let headers: Record<string, string> = NO_HEADERS;
  for (const h of email.headers) {
    if (KEPT_HEADERS.has(h.key) && headers[h.key] === undefined) {
      if (headers === NO_HEADERS) headers = {};
      headers[h.key] = intern(h.value.slice(0, 300));
    }
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
    subject: detach((email.subject ?? "").replace(/\u0000/g, "").slice(0, 300)),
    from,
    to: to.length > 200 ? to.slice(0, 200) : to,
    cc: cc.length > 200 ? cc.slice(0, 200) : cc,
    date: parseDate(email.date),
    sentByUser,
    headers,
    labels: NO_LABELS,
  };
  // Bodies only for mail that can be personal: list/bulk/automated mail is classified from its headers.
  const bulk = bulkHeaderReasons(headers, from?.address ?? null).length > 0 && !sentByUser;
  if (!bulk) {
    const text = email.text ?? (email.html ? htmlToText(email.html) : "");
    message.bodyText = detach(classifierText(message.subject, text, options.maxBodyChars ?? 1200));
  } else {
    message.bodyText = "";
  }
  return message;
}
