/**
 * How the fake stores a message and renders it in Gmail's formats (minimal | metadata | full | raw).
 * Seeded messages keep their structured fields and build MIME only when `raw` is asked for; messages the
 * client uploads (drafts, sends) keep the client's raw MIME and a parsed view of it.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import MailComposer from "nodemailer/lib/mail-composer/index.js";
import PostalMime from "postal-mime";
import type { EmailAddress } from "../../src/domain/mail.js";
import type { SeedMessage } from "../seed.js";
import { base64url } from "./http-util.js";

interface StoredAttachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface StoredMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  internalDate: number;
  historyId: number;
  headers: gmail_v1.Schema$MessagePartHeader[];
  text: string;
  html: string | null;
  attachments: StoredAttachment[];
  /** The client's own MIME (base64url), for uploaded messages. */
  raw: string | null;
}

export type MessageFormat = "minimal" | "metadata" | "full" | "raw";

function formatAddress(address: EmailAddress): string {
  if (!address.name) return address.address;
  const needsQuotes = /[()<>[\]:;@\\,."]/.test(address.name);
  const name = needsQuotes ? `"${address.name.replace(/["\\]/g, "\\$&")}"` : address.name;
  return `${name} <${address.address}>`;
}

export function headersFromSeed(seed: SeedMessage): gmail_v1.Schema$MessagePartHeader[] {
  const headers: gmail_v1.Schema$MessagePartHeader[] = [
    { name: "From", value: formatAddress(seed.from) },
    { name: "To", value: seed.to.map(formatAddress).join(", ") },
  ];
  if (seed.cc.length > 0) headers.push({ name: "Cc", value: seed.cc.map(formatAddress).join(", ") });
  headers.push(
    { name: "Subject", value: seed.subject },
    { name: "Date", value: seed.date.toUTCString().replace("GMT", "+0000") },
    { name: "Message-ID", value: seed.messageId },
  );
  if (seed.inReplyTo) headers.push({ name: "In-Reply-To", value: seed.inReplyTo });
  if (seed.references.length > 0) headers.push({ name: "References", value: seed.references.join(" ") });
  for (const [name, value] of Object.entries(seed.headers)) headers.push({ name, value });
  headers.push({ name: "MIME-Version", value: "1.0" });
  return headers;
}

/** Parses MIME a client uploaded (drafts.create, messages.send) into the stored shape. */
export async function parseUploadedRaw(
  rawBase64url: string,
): Promise<Omit<StoredMessage, "id" | "threadId" | "labelIds" | "historyId" | "internalDate">> {
  const bytes = Buffer.from(rawBase64url, "base64url");
  const email = await PostalMime.parse(bytes);
  return {
    headers: email.headers.map((h) => ({ name: h.originalKey, value: h.value })),
    text: email.text ?? "",
    html: email.html ?? null,
    attachments: email.attachments.map((a) => ({
      filename: a.filename ?? "attachment",
      contentType: a.mimeType,
      size: typeof a.content === "string" ? a.content.length : a.content.byteLength,
    })),
    raw: rawBase64url,
  };
}

export function header(message: StoredMessage, name: string): string | undefined {
  const lower = name.toLowerCase();
  return message.headers.find((h) => h.name?.toLowerCase() === lower)?.value ?? undefined;
}

function snippetOf(message: StoredMessage): string {
  return message.text.replace(/\s+/g, " ").trim().slice(0, 120);
}

function sizeOf(message: StoredMessage): number {
  if (message.raw) return Math.ceil((message.raw.length * 3) / 4);
  return message.text.length + 600 + message.attachments.reduce((sum, a) => sum + Math.ceil(a.size * 1.37), 0);
}

export async function renderMessage(
  message: StoredMessage,
  format: MessageFormat,
  metadataHeaders: string[] = [],
): Promise<gmail_v1.Schema$Message> {
  const base: gmail_v1.Schema$Message = {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    snippet: snippetOf(message),
    historyId: String(message.historyId),
    internalDate: String(message.internalDate),
    sizeEstimate: sizeOf(message),
  };
  if (format === "minimal") return base;
  if (format === "raw") return { ...base, raw: message.raw ?? base64url(await buildRaw(message)) };
  if (format === "metadata") {
    const wanted = new Set(metadataHeaders.map((h) => h.toLowerCase()));
    const headers =
      wanted.size === 0 ? message.headers : message.headers.filter((h) => wanted.has((h.name ?? "").toLowerCase()));
    return { ...base, payload: { partId: "", mimeType: topMimeType(message), filename: "", headers } };
  }
  return { ...base, payload: fullPayload(message) };
}

function topMimeType(message: StoredMessage): string {
  if (message.attachments.length > 0) return "multipart/mixed";
  return message.html ? "multipart/alternative" : "text/plain";
}

function textPart(partId: string, mimeType: string, content: string): gmail_v1.Schema$MessagePart {
  const data = base64url(content);
  return {
    partId,
    mimeType,
    filename: "",
    headers: [{ name: "Content-Type", value: `${mimeType}; charset="UTF-8"` }],
    body: { size: Buffer.byteLength(content), data },
  };
}

function fullPayload(message: StoredMessage): gmail_v1.Schema$MessagePart {
  const body: gmail_v1.Schema$MessagePart[] = [textPart("0", "text/plain", message.text)];
  if (message.html) body.push(textPart("1", "text/html", message.html));
  const bodyNode: gmail_v1.Schema$MessagePart =
    body.length === 1
      ? (body[0] as gmail_v1.Schema$MessagePart)
      : { partId: "0", mimeType: "multipart/alternative", filename: "", headers: [], body: { size: 0 }, parts: body };
  if (message.attachments.length === 0) {
    return { ...bodyNode, partId: "", headers: [...message.headers, ...(bodyNode.headers ?? [])] };
  }
  const attachments = message.attachments.map(
    (a, i): gmail_v1.Schema$MessagePart => ({
      partId: String(i + 1),
      mimeType: a.contentType,
      filename: a.filename,
      headers: [{ name: "Content-Disposition", value: `attachment; filename="${a.filename}"` }],
      body: { size: a.size, attachmentId: `att-${message.id}-${i}` },
    }),
  );
  return {
    partId: "",
    mimeType: "multipart/mixed",
    filename: "",
    headers: message.headers,
    body: { size: 0 },
    parts: [{ ...bodyNode, partId: "0" }, ...attachments],
  };
}

/** MIME for a seeded message, built by nodemailer's MailComposer (filler bytes for attachments). */
async function buildRaw(message: StoredMessage): Promise<Buffer> {
  const keep = new Set([
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    "mime-version",
  ]);
  const extra: Record<string, string> = {};
  for (const h of message.headers) {
    if (h.name && h.value && !keep.has(h.name.toLowerCase())) extra[h.name] = h.value;
  }
  const composer = new MailComposer({
    from: header(message, "From"),
    to: header(message, "To"),
    cc: header(message, "Cc"),
    subject: header(message, "Subject"),
    date: new Date(message.internalDate),
    messageId: header(message, "Message-ID"),
    inReplyTo: header(message, "In-Reply-To"),
    references: header(message, "References"),
    text: message.text,
    html: message.html ?? undefined,
    headers: extra,
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: Buffer.alloc(a.size, 0x41),
    })),
  });
  return composer.compile().build();
}
