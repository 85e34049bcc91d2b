/**
 * Stored items rendered as Graph resources, typed with @microsoft/microsoft-graph-types so a shape drift
 * fails the type check. Bodies are HTML unless the request preferred text (trap 12); times are UTC.
 */
import type {
  Attendee,
  DateTimeTimeZone,
  Event,
  Message,
  Recipient,
  ResponseType,
  SingleValueLegacyExtendedProperty,
} from "@microsoft/microsoft-graph-types";
import type { AttendeeResponse, EmailAddress } from "../../src/domain/mail.js";
import { folderId } from "./ids.js";
import type { StoredEvent, StoredMessage } from "./store.js";

interface RenderOptions {
  select: Set<string> | null;
  textBody: boolean;
  expandProperties: Set<string> | null;
}

function recipient(address: EmailAddress): Recipient {
  return { emailAddress: { name: address.name, address: address.address } };
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

export function textToHtml(text: string): string {
  return `<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body><div>${escapeHtml(text).replaceAll("\n", "<br>")}</div></body></html>`;
}

function htmlToText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/gi, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&nbsp;", " ")
    .replaceAll("&amp;", "&")
    .trim();
}

function project<T extends { id?: string }>(full: T, select: Set<string> | null): T {
  if (select === null) return full;
  const out: Record<string, unknown> = { id: full.id };
  for (const key of select) {
    if (key in full) out[key] = (full as Record<string, unknown>)[key];
  }
  return out as T;
}

export function renderMessage(m: StoredMessage, options: RenderOptions): Message {
  const body =
    options.textBody === (m.body.contentType === "text")
      ? m.body
      : options.textBody
        ? { contentType: "text" as const, content: htmlToText(m.body.content) }
        : { contentType: "html" as const, content: textToHtml(m.body.content) };
  const full: Message = {
    id: m.id,
    createdDateTime: m.sentAt.toISOString(),
    lastModifiedDateTime: m.lastModified.toISOString(),
    receivedDateTime: m.receivedAt.toISOString(),
    sentDateTime: m.sentAt.toISOString(),
    subject: m.subject,
    bodyPreview: htmlToText(m.body.content).slice(0, 255),
    body,
    from: recipient(m.from),
    sender: recipient(m.from),
    toRecipients: m.to.map(recipient),
    ccRecipients: m.cc.map(recipient),
    bccRecipients: (m.bcc ?? []).map(recipient),
    replyTo: [],
    conversationId: m.conversationId,
    internetMessageId: m.internetMessageId,
    isRead: m.isRead,
    isDraft: m.isDraft,
    parentFolderId: folderId(m.folder),
    hasAttachments: false,
    internetMessageHeaders: m.isDraft ? null : m.headers,
  };
  const projected = project(full, options.select);
  if (options.expandProperties) {
    const props: SingleValueLegacyExtendedProperty[] = [];
    for (const [id, value] of m.extended) {
      if (options.expandProperties.has(id.toLowerCase())) props.push({ id, value });
    }
    projected.singleValueExtendedProperties = props;
  }
  return projected;
}

/** Graph's wire format for DateTimeTimeZone: no offset, seven fractional digits. */
function graphDateTime(date: Date): DateTimeTimeZone {
  return { dateTime: date.toISOString().replace("Z", "0000"), timeZone: "UTC" };
}

const RESPONSES: Record<AttendeeResponse, ResponseType> = {
  accepted: "accepted",
  declined: "declined",
  tentative: "tentativelyAccepted",
  "needs-action": "notResponded",
};

/**
 * Exchange's iCalUId is the hex of a GlobalObjectId; for an invitation that came from another calendar it
 * embeds the original UID after a "vCal-Uid" marker (MS-OXOCAL 2.2.1.27).
 */
function encodeGlobalObjectId(uid: string): string {
  const header = Buffer.from("040000008200E00074C5B7101A82E008", "hex");
  const data = Buffer.concat([Buffer.from("vCal-Uid", "ascii"), Buffer.from([1, 0, 0, 0]), Buffer.from(`${uid}\0`)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([header, Buffer.alloc(4), Buffer.alloc(8), Buffer.alloc(8), size, data])
    .toString("hex")
    .toUpperCase();
}

export function renderEvent(stored: StoredEvent, ownerAddress: string): Event {
  const e = stored.event;
  const owner = ownerAddress.toLowerCase();
  const attendees: Attendee[] = e.attendees.map((a) => ({
    type: "required",
    emailAddress: { name: a.name, address: a.address },
    status: { response: a.organizer ? "organizer" : RESPONSES[a.response], time: "0001-01-01T00:00:00Z" },
  }));
  const self = e.attendees.find((a) => a.address.toLowerCase() === owner);
  const isOrganizer = e.organizer?.address.toLowerCase() === owner;
  return {
    id: stored.id,
    iCalUId: encodeGlobalObjectId(e.uid),
    subject: e.summary,
    bodyPreview: e.description.slice(0, 255),
    body: { contentType: "text", content: e.description },
    start: graphDateTime(e.start),
    end: graphDateTime(e.end),
    isAllDay: e.allDay,
    isCancelled: stored.isCancelled,
    isOrganizer,
    showAs: e.status === "tentative" ? "tentative" : "busy",
    type: e.recurrenceId ? "occurrence" : "singleInstance",
    originalStart: e.recurrenceId ? e.recurrenceId.toISOString() : null,
    location: { displayName: e.location },
    organizer: e.organizer ? recipient(e.organizer) : null,
    attendees,
    responseStatus: {
      response: isOrganizer ? "organizer" : self ? RESPONSES[self.response] : "none",
      time: "0001-01-01T00:00:00Z",
    },
  };
}
