/**
 * Informational-interview threads for the mailbox generator, one builder per lifecycle situation
 * (see shared docs/domain.md): outreach, scheduling, meeting, thank-you, nudge, referral, host side.
 */
import type { CalendarEvent, EmailAddress } from "../src/domain/mail.js";
import type { GeneratorKit } from "./mailbox-generator.js";
import { TOPICS } from "./mailbox-words.js";
import type { SeedMessage } from "./seed.js";

export const INFORMATIONAL_KINDS = [
  "thank-you-due",
  "thanked",
  "nudge-due",
  "scheduled",
  "referral",
  "host",
  "cancelled",
] as const;
export type InformationalKind = (typeof INFORMATIONAL_KINDS)[number];

type Contact = EmailAddress & { organisation: string; role: string };

interface BuiltThread {
  messages: SeedMessage[];
  event: CalendarEvent | null;
  contact: Contact;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function buildInformationalThread(kit: GeneratorKit, kind: InformationalKind, index: number): BuiltThread {
  const contact = kit.person();
  const topic = kit.random.pick(TOPICS);
  const first = contact.name.split(" ")[0] ?? contact.name;
  const now = kit.now.getTime();
  // Meeting time relative to now, chosen so each kind is in the state its name says.
  const meetingOffset: Record<InformationalKind, number> = {
    "thank-you-due": -kit.random.int(4, 20) * HOUR,
    thanked: -kit.random.int(10, 200) * DAY,
    "nudge-due": 0,
    scheduled: kit.random.int(2, 9) * DAY,
    referral: -kit.random.int(60, 150) * DAY,
    host: -kit.random.int(5, 90) * DAY,
    cancelled: -kit.random.int(3, 30) * DAY,
  };
  const meetingStart = roundToHalfHour(now + meetingOffset[kind]);
  const thread = new ThreadWriter(kit, kind === "host" ? `Coffee chat about ${topic}?` : subjectFor(kind, topic));
  const owner = kit.owner;

  if (kind === "nudge-due") {
    thread.add(
      owner,
      contact,
      new Date(now - kit.random.int(11, 14) * DAY),
      outreach(contact, first, topic, null, ownerFirst(kit)),
    );
    return { messages: thread.messages, event: null, contact };
  }

  const firstAt = meetingStart - kit.random.int(5, 12) * DAY - (kind === "scheduled" ? 5 * DAY : 0);
  const opening = Math.min(firstAt, now - 10 * DAY);
  if (kind === "host") {
    thread.add(contact, owner, new Date(opening), hostAsk(first, topic));
    thread.add(
      owner,
      contact,
      new Date(opening + 5 * HOUR),
      `Hi ${first},\n\nHappy to help. ${slot(meetingStart)} works for me.\n\nBest,\n${ownerFirst(kit)}`,
    );
  } else {
    let intro: string | null = null;
    if (kind === "referral") {
      const referrer = kit.person();
      intro = referrer.name;
    }
    thread.add(owner, contact, new Date(opening), outreach(contact, first, topic, intro, ownerFirst(kit)));
    thread.add(
      contact,
      owner,
      new Date(opening + kit.random.int(3, 40) * HOUR),
      `Hi ${ownerFirst(kit)},\n\nGlad to chat about ${topic}. Would ${slot(meetingStart)} work? I can do a 20-minute video call.\n\n${first}`,
    );
    thread.add(
      owner,
      contact,
      new Date(opening + kit.random.int(41, 70) * HOUR),
      `That works perfectly, thank you! Talk then.\n\n${ownerFirst(kit)}`,
    );
  }
  if (kind === "thanked" || kind === "referral") {
    const thanks = new Date(meetingStart + kit.random.int(2, 20) * HOUR);
    thread.add(
      owner,
      contact,
      thanks,
      `Hi ${first},\n\nThank you for taking the time to talk about ${topic} today. Your advice on building a portfolio was really helpful.\n\nBest,\n${ownerFirst(kit)}`,
      kind === "thanked" && index % 2 === 0,
    );
  }
  const uid = `info-${index}-${meetingStart.toString(36)}@generator.example`;
  const event: CalendarEvent = {
    uid,
    providerId: null,
    summary: kind === "host" ? `Coffee chat with ${first}` : `${ownerFirst(kit)} / ${first}: informational chat`,
    description: `Informational chat about ${topic}.`,
    location: "Video call",
    start: new Date(meetingStart),
    end: new Date(meetingStart + 30 * 60_000),
    allDay: false,
    status: kind === "cancelled" ? "cancelled" : "confirmed",
    organizer: kind === "host" ? owner : { name: contact.name, address: contact.address },
    attendees: [
      { ...owner, response: "accepted", organizer: kind === "host", self: true },
      { name: contact.name, address: contact.address, response: "accepted", organizer: kind !== "host", self: false },
    ],
    recurrenceId: null,
  };
  return { messages: thread.messages, event, contact };
}

class ThreadWriter {
  readonly messages: SeedMessage[] = [];
  constructor(
    private readonly kit: GeneratorKit,
    private readonly subject: string,
  ) {}

  add(from: EmailAddress, to: EmailAddress, at: Date, text: string, withResume = false): void {
    const previous = this.messages[this.messages.length - 1];
    const date = new Date(Math.min(at.getTime(), this.kit.now.getTime() - 60_000));
    const fromOwner = from.address === this.kit.owner.address;
    this.messages.push(
      this.kit.message({
        messageId: this.kit.messageId(from.address.split("@")[1] ?? "example.com"),
        inReplyTo: previous?.messageId ?? null,
        references: previous ? [...previous.references, previous.messageId] : [],
        from: { name: from.name, address: from.address },
        to: [{ name: to.name, address: to.address }],
        subject: previous ? `Re: ${this.subject}` : this.subject,
        date,
        text,
        folder: fromOwner ? "sent" : "inbox",
        attachments: withResume ? [{ filename: "résumé.pdf", contentType: "application/pdf", size: 48_000 }] : [],
      }),
    );
  }
}

function subjectFor(kind: InformationalKind, topic: string): string {
  if (kind === "referral") return `Introduction — advice on ${topic}`;
  return `Would you have 20 minutes to talk about ${topic}?`;
}

function outreach(contact: Contact, first: string, topic: string, referrer: string | null, me: string): string {
  const link = referrer ? `${referrer} suggested I reach out to you. ` : "";
  return `Hi ${first},\n\n${link}I'm exploring a move into ${topic} and admire your work as ${contact.role} at ${contact.organisation}. Would you have 20 minutes in the next couple of weeks for a short call? I'd love to hear how you got started.\n\nThank you,\n${me}`;
}

function hostAsk(first: string, topic: string): string {
  return `Hello,\n\nI'm a student looking into ${topic} and would be grateful for a short coffee chat about your path, if you have time.\n\nKind regards,\n${first}`;
}

function ownerFirst(kit: GeneratorKit): string {
  return kit.owner.name.split(" ")[0] ?? kit.owner.name;
}

function slot(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace(":00 GMT", " UTC");
}

function roundToHalfHour(epochMs: number): number {
  return Math.round(epochMs / (30 * 60_000)) * 30 * 60_000;
}
