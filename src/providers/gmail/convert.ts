/** Translation from Gmail / Calendar schema objects into the project's own shapes (domain/mail.ts). */
import type { calendar_v3 } from "@googleapis/calendar";
import type { gmail_v1 } from "@googleapis/gmail";
import { addressParser, decodeWords } from "postal-mime";
import { HTML_TEXT_LIMITS, htmlToText } from "../../domain/html-text.js";
import type { AttendeeResponse, CalendarEvent, EmailAddress, EventAttendee, MailMessage } from "../../domain/mail.js";
import { fromLocal, isValidTimeZone } from "../../domain/time-zone.js";

/** Headers fetched with format=metadata: what threading and classification need, nothing more. */
export const METADATA_HEADERS = [
  "From",
  "To",
  "Cc",
  "Subject",
  "Date",
  "Message-ID",
  "In-Reply-To",
  "References",
  "List-Id",
  "List-Unsubscribe",
  "Precedence",
  "Auto-Submitted",
  "X-Rapport-Draft",
] as const;

const CONTEXT_HEADERS = new Set(["list-id", "list-unsubscribe", "precedence", "auto-submitted", "x-rapport-draft"]);
const MESSAGE_ID = /<[^<>\s]+>/g;

function headerMap(headers: gmail_v1.Schema$MessagePartHeader[] | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const h of headers ?? []) {
    const name = h.name?.toLowerCase();
    if (name && !map.has(name)) map.set(name, h.value ?? "");
  }
  return map;
}

function parseAddresses(value: string | undefined): EmailAddress[] {
  if (!value) return [];
  return addressParser(value, { flatten: true })
    .filter((a): a is { name: string; address: string } => typeof a.address === "string" && a.address.includes("@"))
    .map((a) => ({ address: a.address.toLowerCase(), name: decodeWords(a.name ?? "").trim() }));
}

/** Milliseconds a Date can hold (Date.parse and a numeric internalDate can give more, or NaN). */
function isInstant(ms: number): boolean {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

function messageIds(value: string | undefined): string[] {
  return value?.match(MESSAGE_ID) ?? [];
}

export function toMailMessage(message: gmail_v1.Schema$Message, ownAddresses: ReadonlySet<string>): MailMessage {
  const h = headerMap(message.payload?.headers);
  const from = parseAddresses(h.get("from"))[0] ?? null;
  const dateHeader = h.get("date");
  const parsedDate = dateHeader ? Date.parse(dateHeader) : Number.NaN;
  const internal = Number(message.internalDate);
  const date = isInstant(parsedDate)
    ? new Date(parsedDate)
    : isInstant(internal) && internal > 0
      ? new Date(internal)
      : null;
  const labels = message.labelIds ?? [];
  const headers: Record<string, string> = {};
  for (const [name, value] of h) if (CONTEXT_HEADERS.has(name)) headers[name] = value;
  const out: MailMessage = {
    providerId: message.id ?? null,
    providerThreadId: message.threadId ?? null,
    messageId: messageIds(h.get("message-id"))[0] ?? null,
    inReplyTo: messageIds(h.get("in-reply-to")),
    references: messageIds(h.get("references")),
    subject: decodeWords(h.get("subject") ?? ""),
    from,
    to: parseAddresses(h.get("to")),
    cc: parseAddresses(h.get("cc")),
    date,
    sentByUser: (from !== null && ownAddresses.has(from.address)) || labels.includes("SENT"),
    headers,
    labels,
  };
  const text = message.payload ? plainText(message.payload) : undefined;
  if (text !== undefined) out.bodyText = text;
  return out;
}

/** Bytes of a body part decoded at most: a body part can be tens of megabytes, the classifier reads far less. */
const MAX_BODY_BYTES = HTML_TEXT_LIMITS.maxInputChars;

/** The start of a base64url body, decoded (whole 4-character groups only, so nothing is mis-decoded). */
function decodedBody(data: string): string {
  const groups = Math.ceil(MAX_BODY_BYTES / 3) * 4;
  return Buffer.from(data.length > groups ? data.slice(0, groups) : data, "base64url").toString("utf8");
}

/** The text/plain body of a full-format payload (HTML converted as a fallback); undefined for metadata. */
function plainText(part: gmail_v1.Schema$MessagePart): string | undefined {
  const plain = findPart(part, "text/plain");
  if (plain?.body?.data) return decodedBody(plain.body.data);
  const html = findPart(part, "text/html");
  if (html?.body?.data) return htmlToText(decodedBody(html.body.data));
  return undefined;
}

function findPart(part: gmail_v1.Schema$MessagePart, mimeType: string): gmail_v1.Schema$MessagePart | undefined {
  if (part.mimeType === mimeType && !part.filename && part.body?.data !== undefined) return part;
  for (const child of part.parts ?? []) {
    const found = findPart(child, mimeType);
    if (found) return found;
  }
  return undefined;
}

const RESPONSES: Record<string, AttendeeResponse> = {
  accepted: "accepted",
  declined: "declined",
  tentative: "tentative",
  needsAction: "needs-action",
};

/**
 * A timed event's instant, or an all-day event's date at midnight where the user lives (the calendar's zone): an
 * all-day event on 16 June in Los Angeles starts at 07:00 UTC, not at 00:00 UTC.
 */
function eventTime(
  time: calendar_v3.Schema$EventDateTime | undefined,
  timeZone: string,
): { at: Date; allDay: boolean } | null {
  if (time?.dateTime) return { at: new Date(time.dateTime), allDay: false };
  const date = time?.date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(time.date) : null;
  if (date) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const zone = time?.timeZone && isValidTimeZone(time.timeZone) ? time.timeZone : timeZone;
    return { at: fromLocal({ year, month, day, hour: 0, minute: 0 }, zone), allDay: true };
  }
  return null;
}

/**
 * Null for a cancelled event that only carries its id (what incremental sync returns for deletions). `timeZone` is
 * the calendar's (events.list says it), where all-day dates begin.
 */
export function toCalendarEvent(event: calendar_v3.Schema$Event, timeZone = "UTC"): CalendarEvent | null {
  const zone = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const start = eventTime(event.start, zone);
  const end = eventTime(event.end, zone);
  // Unreadable times (never seen from Google, but not trusted either) leave nothing to place: no event.
  if (!event.id || !start || !end || !isInstant(start.at.getTime()) || !isInstant(end.at.getTime())) return null;
  const attendees = (event.attendees ?? [])
    .filter((a) => a.email && !a.resource)
    .map(
      (a): EventAttendee => ({
        address: (a.email ?? "").toLowerCase(),
        name: a.displayName ?? "",
        response: RESPONSES[a.responseStatus ?? ""] ?? "needs-action",
        organizer: a.organizer === true,
        self: a.self === true,
      }),
    );
  const original = eventTime(event.originalStartTime, zone);
  return {
    uid: event.iCalUID ?? event.id,
    providerId: event.id,
    summary: event.summary ?? "",
    description: event.description ?? "",
    location: event.location ?? event.hangoutLink ?? "",
    start: start.at,
    end: end.at,
    allDay: start.allDay,
    status: event.status === "cancelled" ? "cancelled" : event.status === "tentative" ? "tentative" : "confirmed",
    organizer: event.organizer?.email
      ? { address: event.organizer.email.toLowerCase(), name: event.organizer.displayName ?? "" }
      : null,
    attendees,
    recurrenceId: original && isInstant(original.at.getTime()) ? original.at : null,
  };
}
