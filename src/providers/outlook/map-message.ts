/**
 * Graph messages → MailMessage. messageId is internetMessageId, providerThreadId the conversationId, labels
 * the Gmail-style name of the folder (INBOX, SENT, DRAFT, TRASH, ...) plus UNREAD, so the worker reads both
 * providers alike. In-Reply-To/References come from internetMessageHeaders, which only thread fetches select.
 */
import type { Message, Recipient } from "@microsoft/microsoft-graph-types";
import { htmlToText } from "../../domain/html-text.js";
import type { EmailAddress, MailMessage } from "../../domain/mail.js";

/** Well-known folders we sync or recognise, by the label they map to. */
export const FOLDER_LABELS = {
  inbox: "INBOX",
  sentitems: "SENT",
  drafts: "DRAFT",
  deleteditems: "TRASH",
  junkemail: "SPAM",
  archive: "ARCHIVE",
} as const;
export type WellKnownFolder = keyof typeof FOLDER_LABELS;
export const OTHER_FOLDER_LABEL = "OTHER";

/** Properties the delta pages carry: what classification needs without bodies. */
export const SYNC_SELECT = [
  "id",
  "conversationId",
  "internetMessageId",
  "subject",
  "from",
  "sender",
  "toRecipients",
  "ccRecipients",
  "receivedDateTime",
  "sentDateTime",
  "isDraft",
  "isRead",
  "parentFolderId",
];

export const THREAD_SELECT = [...SYNC_SELECT, "body", "internetMessageHeaders"];

/** Headers kept in MailMessage.headers (lower-cased). */
const KEPT_HEADERS = new Set([
  "list-id",
  "list-unsubscribe",
  "precedence",
  "auto-submitted",
  "x-auto-response-suppress",
  "x-rapport-draft",
  "x-rapport-digest",
]);

function toAddress(r: Recipient | null | undefined): EmailAddress | null {
  const address = r?.emailAddress?.address;
  if (!address) return null;
  return { address: address.toLowerCase(), name: r?.emailAddress?.name ?? "" };
}

function toAddresses(list: Recipient[] | null | undefined): EmailAddress[] {
  return (list ?? []).map(toAddress).filter((a): a is EmailAddress => a !== null);
}

/** Message-IDs in a header value, angle brackets kept. */
function messageIdsIn(value: string | undefined): string[] {
  return value?.match(/<[^<>\s]+>/g) ?? [];
}

export interface MapContext {
  /** Lower-cased addresses of the account owner. */
  ownAddresses: Set<string>;
  /** Label for a parentFolderId (unknown ids map to OTHER). */
  labelOf(parentFolderId: string | null | undefined): string;
  /** Name of the extended property carrying the draft marker, and its value when expanded. */
  markerPropertyId?: string;
}

export function mapMessage(m: Message, ctx: MapContext): MailMessage {
  const from = toAddress(m.from ?? m.sender);
  const headerList = m.internetMessageHeaders ?? [];
  const headers: Record<string, string> = {};
  let inReplyTo: string[] = [];
  let references: string[] = [];
  for (const h of headerList) {
    const name = (h.name ?? "").toLowerCase();
    if (name === "in-reply-to") inReplyTo = messageIdsIn(h.value ?? undefined);
    else if (name === "references") references = messageIdsIn(h.value ?? undefined);
    else if (KEPT_HEADERS.has(name)) headers[name] = h.value ?? "";
  }
  if (ctx.markerPropertyId) {
    const marker = (m.singleValueExtendedProperties ?? []).find(
      (p) => p.id?.toLowerCase() === ctx.markerPropertyId?.toLowerCase(),
    );
    if (marker?.value) headers["x-rapport-draft"] = marker.value;
  }
  const labels = [ctx.labelOf(m.parentFolderId)];
  if (m.isDraft && !labels.includes("DRAFT")) labels.push("DRAFT");
  if (m.isRead === false) labels.push("UNREAD");
  const dateText = m.sentDateTime ?? m.receivedDateTime;
  const message: MailMessage = {
    providerId: m.id ?? null,
    providerThreadId: m.conversationId ?? null,
    messageId: m.internetMessageId ?? null,
    inReplyTo,
    references,
    subject: m.subject ?? "",
    from,
    to: toAddresses(m.toRecipients),
    cc: toAddresses(m.ccRecipients),
    date: instantOf(dateText),
    sentByUser: from !== null && ctx.ownAddresses.has(from.address),
    headers,
    labels,
  };
  if (m.body?.content !== undefined && m.body.content !== null) {
    // HTML only when the Prefer header was not honoured.
    message.bodyText = m.body.contentType === "html" ? htmlToText(m.body.content) : m.body.content;
  }
  return message;
}

/** A Graph timestamp as a Date, or null when there is none or it cannot be read. */
function instantOf(text: string | null | undefined): Date | null {
  const ms = text ? Date.parse(text) : Number.NaN;
  return Number.isNaN(ms) ? null : new Date(ms);
}

/** The receive time used for the backfill window (Sent Items: when it was sent). */
export function messageTime(m: Message): number | null {
  const text = m.receivedDateTime ?? m.sentDateTime;
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
