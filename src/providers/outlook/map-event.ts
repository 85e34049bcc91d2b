/**
 * Graph events → CalendarEvent. Times are requested in UTC (Prefer: outlook.timezone="UTC"). The ICS UID is
 * recovered from Exchange's iCalUId when it wraps one ("vCal-Uid" GlobalObjectId, MS-OXOCAL); otherwise the
 * iCalUId itself is the UID (trap 14: match meetings by attendees and time too, not by UID alone).
 */
import type { DateTimeTimeZone, Event, Recipient, ResponseType } from "@microsoft/microsoft-graph-types";
import type { AttendeeResponse, CalendarEvent, EmailAddress } from "../../domain/mail.js";

const GLOBAL_OBJECT_ID_PREFIX = "040000008200E00074C5B7101A82E008";
const VCAL_MARKER = Buffer.concat([Buffer.from("vCal-Uid", "ascii"), Buffer.from([1, 0, 0, 0])]);

/** The original UID inside an Exchange GlobalObjectId, or the id itself when it does not wrap one. */
function uidFromICalUId(iCalUId: string): string {
  if (!iCalUId.toUpperCase().startsWith(GLOBAL_OBJECT_ID_PREFIX) || !/^[0-9a-f]+$/i.test(iCalUId)) return iCalUId;
  const bytes = Buffer.from(iCalUId, "hex");
  // 16-byte class id, 4 bytes instance date, 8 creation time, 8 reserved, then a 4-byte size and the data.
  const sizeOffset = 36;
  if (bytes.length < sizeOffset + 4) return iCalUId;
  const size = bytes.readUInt32LE(sizeOffset);
  const data = bytes.subarray(sizeOffset + 4, sizeOffset + 4 + size);
  if (!data.subarray(0, VCAL_MARKER.length).equals(VCAL_MARKER)) return iCalUId;
  const uid = data.subarray(VCAL_MARKER.length).toString("utf8").replace(/\0+$/, "");
  return uid || iCalUId;
}

function parseDateTime(value: DateTimeTimeZone | null | undefined): Date | null {
  if (!value?.dateTime) return null;
  // We ask for UTC (Prefer: outlook.timezone="UTC"); Graph then sends wall-clock UTC without an offset.
  const hasOffset = /(Z|[+-]\d\d:\d\d)$/.test(value.dateTime);
  const ms = Date.parse(hasOffset ? value.dateTime : `${value.dateTime}Z`);
  return Number.isNaN(ms) ? null : new Date(ms);
}

const RESPONSES: Record<ResponseType, AttendeeResponse> = {
  none: "needs-action",
  notResponded: "needs-action",
  organizer: "accepted",
  accepted: "accepted",
  tentativelyAccepted: "tentative",
  declined: "declined",
};

function toAddress(r: Recipient | null | undefined): EmailAddress | null {
  const address = r?.emailAddress?.address;
  return address ? { address: address.toLowerCase(), name: r?.emailAddress?.name ?? "" } : null;
}

/** null when the event lacks the times it needs (never seen from Graph, but not trusted either). */
export function mapEvent(e: Event, ownAddresses: Set<string>): CalendarEvent | null {
  const start = parseDateTime(e.start);
  const end = parseDateTime(e.end);
  if (!e.id || !start || !end) return null;
  const organizer = toAddress(e.organizer);
  const attendees = (e.attendees ?? []).flatMap((a) => {
    const address = toAddress(a);
    if (!address) return [];
    return [
      {
        ...address,
        response: RESPONSES[a.status?.response ?? "none"] ?? "needs-action",
        organizer: organizer?.address === address.address,
        self: ownAddresses.has(address.address),
      },
    ];
  });
  const status = e.isCancelled ? "cancelled" : e.showAs === "tentative" ? "tentative" : "confirmed";
  const originalMs = e.originalStart ? Date.parse(e.originalStart) : Number.NaN;
  const originalStart = Number.isNaN(originalMs) ? null : new Date(originalMs);
  return {
    uid: uidFromICalUId(e.iCalUId ?? e.id),
    providerId: e.id,
    summary: e.subject ?? "",
    description: e.body?.contentType === "text" ? (e.body.content ?? "") : (e.bodyPreview ?? ""),
    location: e.location?.displayName ?? "",
    start,
    end,
    allDay: e.isAllDay === true,
    status,
    organizer,
    attendees,
    recurrenceId: e.type === "occurrence" || e.type === "exception" ? originalStart : null,
  };
}

export function overlapsWindow(event: CalendarEvent, since: Date, until: Date): boolean {
  return event.start < until && event.end > since;
}
