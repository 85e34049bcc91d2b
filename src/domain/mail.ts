/**
 * The project's own shapes for mail and calendar data. Provider adapters (Gmail, Graph) and the offline
 * readers (mbox, .eml, .ics) translate into these; the detection engine and the worker only ever see these.
 * Bodies are carried in memory (bodyText) for classification and are never persisted.
 */

export interface EmailAddress {
  /** Lower-cased address, e.g. "maria@example.com". */
  address: string;
  /** Display name as written in the header, decoded (may be empty). */
  name: string;
}

export interface MailMessage {
  /** Provider message id (Gmail message id, Graph immutable id); null when read from a file. */
  providerId: string | null;
  /** Provider thread id (Gmail threadId, Graph conversationId); null when read from a file. */
  providerThreadId: string | null;
  /** RFC 5322 Message-ID with angle brackets, e.g. "<abc@host>"; null when the message has none. */
  messageId: string | null;
  /** Message-IDs from In-Reply-To (angle brackets kept). */
  inReplyTo: string[];
  /** Message-IDs from References, oldest first (angle brackets kept). */
  references: string[];
  subject: string;
  from: EmailAddress | null;
  to: EmailAddress[];
  cc: EmailAddress[];
  /** When the message was written (Date header, or the provider's received time); null if unknown. */
  date: Date | null;
  /** True when From is one of the user's own addresses. */
  sentByUser: boolean;
  /** Plain-text body with quoted replies still in place; only in memory, never stored. Undefined = not fetched. */
  bodyText?: string;
  /**
   * A few extra headers that help classification (lower-cased names): list-id, list-unsubscribe, precedence,
   * auto-submitted, x-rapport-draft, ... Values as raw strings.
   */
  headers: Record<string, string>;
  /** Provider labels/folders when known (Gmail labelIds like SENT, DRAFT, INBOX; Graph folder name). */
  labels: string[];
}

export type AttendeeResponse = "accepted" | "declined" | "tentative" | "needs-action";

export interface EventAttendee extends EmailAddress {
  response: AttendeeResponse;
  organizer: boolean;
  self: boolean;
}

export type EventStatus = "confirmed" | "tentative" | "cancelled";

/** One occurrence of a calendar event (recurring series are expanded into occurrences). */
export interface CalendarEvent {
  /** iCalendar UID (for an occurrence of a series: the series UID). */
  uid: string;
  /** Provider event id (Google event id, Graph event id); null when read from a file. */
  providerId: string | null;
  summary: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
  allDay: boolean;
  status: EventStatus;
  organizer: EmailAddress | null;
  attendees: EventAttendee[];
  /** For an occurrence of a recurring series: the original start of that occurrence. */
  recurrenceId: Date | null;
}
