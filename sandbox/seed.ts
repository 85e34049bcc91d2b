/**
 * The seed a fake provider server is loaded with: one mailbox owner, their mail and their calendar.
 * Produced by the deterministic mailbox generator (sandbox/mailbox-generator.ts) or read from an mbox + ics
 * (the scan readers), and consumed by both fakes (Gmail/Calendar and Graph).
 */
import type { CalendarEvent, EmailAddress } from "../src/domain/mail.js";

export interface SeedMessage {
  /** RFC 5322 Message-ID with angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  references: string[];
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  subject: string;
  date: Date;
  text: string;
  /** Where the message lives: the owner's sent mail or their inbox. */
  folder: "inbox" | "sent";
  /** Extra headers (e.g. List-Unsubscribe for newsletters). */
  headers: Record<string, string>;
  /** Optional attachment sizes in bytes (content is generated filler). */
  attachments: { filename: string; contentType: string; size: number }[];
  unread: boolean;
}

export interface SeedMailbox {
  owner: EmailAddress;
  /**
   * The owner's signature as their provider keeps it (Gmail send-as, HTML). Absent: none. The send-as display name
   * is `owner.name`.
   */
  signature?: string;
  timeZone: string;
  messages: SeedMessage[];
  events: CalendarEvent[];
}
