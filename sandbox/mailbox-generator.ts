/**
 * Deterministic mailbox generator: the same options always give the same SeedMailbox, byte for byte.
 * It mixes ordinary mail (newsletters, receipts, chats with friends, one-off sent mail) with informational
 * interview threads woven in at random points in time, and calendar events for the meetings they lead to.
 * `truth` lists the informational threads so tests and the sandbox demo can check what the worker finds.
 */
import type { CalendarEvent, EmailAddress, EventAttendee } from "../src/domain/mail.js";
import { buildInformationalThread, INFORMATIONAL_KINDS, type InformationalKind } from "./informational-threads.js";
import {
  CHAT_LINES,
  CHAT_SUBJECTS,
  FIRST_NAMES,
  FRIEND_DOMAINS,
  LAST_NAMES,
  NEWSLETTERS,
  ORGANISATIONS,
  RECEIPTS,
  ROLES,
  TOPICS,
} from "./mailbox-words.js";
import { createRandom, type Random } from "./random.js";
import type { SeedMailbox, SeedMessage } from "./seed.js";

interface MailboxGeneratorOptions {
  seed: string | number;
  /** Exact number of messages to generate. */
  size: number;
  /** Target share of messages sent by the owner (0..1). Default 0.3. */
  sentShare?: number;
  /** Number of informational threads woven in. Default max(3, size / 100). */
  informationalThreads?: number;
  /** The end of the mailbox's history ("now" of the scenario). Default 2026-04-15T17:30:00Z. */
  now?: Date;
  /** Mail is spread over this many days before `now`. Default 400. */
  spanDays?: number;
  owner?: EmailAddress;
  timeZone?: string;
}

interface InformationalTruth {
  kind: InformationalKind;
  /** Message-ID of the first message of the thread. */
  rootMessageId: string;
  contact: EmailAddress;
  organisation: string;
  /** UID of the meeting event, when there is one. */
  meetingUid: string | null;
}

export interface GeneratedMailbox extends SeedMailbox {
  truth: { informational: InformationalTruth[] };
}

export const DEFAULT_SCENARIO_NOW = new Date("2026-04-15T17:30:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Everything a thread builder needs: randomness, ids, people. */
export interface GeneratorKit {
  random: Random;
  owner: EmailAddress;
  now: Date;
  messageId(host: string): string;
  person(domain?: string): EmailAddress & { organisation: string; role: string };
  message(fields: Omit<SeedMessage, "cc" | "headers" | "attachments" | "unread"> & Partial<SeedMessage>): SeedMessage;
}

export function createKit(random: Random, owner: EmailAddress, now: Date, seedTag: string): GeneratorKit {
  let counter = 0;
  return {
    random,
    owner,
    now,
    messageId: (host) => `<${seedTag}.${(counter++).toString(36)}.${random.int(0, 0xffffff).toString(16)}@${host}>`,
    person: (domain) => {
      const organisation = random.pick(ORGANISATIONS);
      const first = random.pick(FIRST_NAMES);
      const last = random.pick(LAST_NAMES);
      const local = `${first}.${last}`
        .normalize("NFD")
        .replace(/[^A-Za-z.]/g, "")
        .toLowerCase();
      return {
        name: `${first} ${last}`,
        address: `${local}@${domain ?? organisation.domain}`,
        organisation: organisation.name,
        role: random.pick(ROLES),
      };
    },
    message: (fields) => ({ cc: [], headers: {}, attachments: [], unread: false, ...fields }),
  };
}

export function generateMailbox(options: MailboxGeneratorOptions): GeneratedMailbox {
  const random = createRandom(options.seed);
  const now = options.now ?? DEFAULT_SCENARIO_NOW;
  const spanMs = (options.spanDays ?? 400) * DAY;
  const owner = options.owner ?? { name: "Alex Rivera", address: "alex.rivera@example.com" };
  const sentShare = options.sentShare ?? 0.3;
  const seedTag = `g${createRandom(`${options.seed}:tag`).int(0, 0xfffff).toString(36)}`;
  const kit = createKit(random, owner, now, seedTag);
  const informationalCount = Math.min(
    options.informationalThreads ?? Math.max(3, Math.round(options.size / 100)),
    Math.floor(options.size / 3),
  );

  const messages: SeedMessage[] = [];
  const events: CalendarEvent[] = [];
  const informational: InformationalTruth[] = [];

  for (let i = 0; i < informationalCount; i++) {
    const kind = INFORMATIONAL_KINDS[i % INFORMATIONAL_KINDS.length] as InformationalKind;
    const built = buildInformationalThread(kit, kind, i);
    messages.push(...built.messages);
    if (built.event) events.push(built.event);
    informational.push({
      kind,
      rootMessageId: built.messages[0]?.messageId ?? "",
      contact: { name: built.contact.name, address: built.contact.address },
      organisation: built.contact.organisation,
      meetingUid: built.event?.uid ?? null,
    });
  }

  let sent = messages.filter((m) => m.folder === "sent").length;
  while (messages.length < options.size) {
    const start = new Date(now.getTime() - random.next() * spanMs);
    const wantSent = sent < sentShare * (messages.length + 1);
    const thread = wantSent ? sentLedThread(kit, start) : inboxLedThread(kit, start);
    for (const m of thread) {
      if (messages.length >= options.size) break;
      messages.push(m);
      if (m.folder === "sent") sent++;
    }
  }

  events.push(...routineEvents(kit, owner, Math.max(2, Math.round(options.size / 40)), spanMs));
  messages.sort((a, b) => a.date.getTime() - b.date.getTime() || a.messageId.localeCompare(b.messageId));
  events.sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));
  return { owner, timeZone: options.timeZone ?? "America/Chicago", messages, events, truth: { informational } };
}

/** Keeps follow-ups in the past: a reply never lands after the scenario's "now". */
export function later(kit: GeneratorKit, date: Date, minHours: number, maxHours: number): Date {
  const next = date.getTime() + kit.random.int(minHours * 60, maxHours * 60) * 60_000;
  return new Date(Math.min(next, kit.now.getTime() - kit.random.int(1, 59) * 60_000));
}

/** A conversation the owner starts (a chat, or a one-off with no answer). */
function sentLedThread(kit: GeneratorKit, start: Date): SeedMessage[] {
  const friend = kit.person(kit.random.pick(FRIEND_DOMAINS));
  const length = kit.random.chance(0.4) ? 1 : kit.random.int(2, 5);
  return conversation(kit, friend, kit.random.pick(CHAT_SUBJECTS), start, length, true);
}

/** Mail that arrives: newsletters and receipts (never answered), or a chat the owner answers. */
function inboxLedThread(kit: GeneratorKit, start: Date): SeedMessage[] {
  const roll = kit.random.next();
  if (roll < 0.45) {
    const letter = kit.random.pick(NEWSLETTERS);
    const topic = kit.random.pick(TOPICS);
    return [
      kit.message({
        messageId: kit.messageId(letter.address.split("@")[1] ?? "example.com"),
        inReplyTo: null,
        references: [],
        from: { name: letter.name, address: letter.address },
        to: [kit.owner],
        subject: letter.subject.replace("{topic}", topic),
        date: start,
        text: `Hello,\n\nThis issue covers ${topic}. Read more on our site.\n\nUnsubscribe any time.`,
        folder: "inbox",
        headers: {
          "List-Unsubscribe": `<mailto:unsubscribe@${letter.address.split("@")[1]}>`,
          "List-Id": `<${letter.address.replace("@", ".")}>`,
          Precedence: "bulk",
        },
        unread: kit.random.chance(0.6),
      }),
    ];
  }
  if (roll < 0.6) {
    const receipt = kit.random.pick(RECEIPTS);
    return [
      kit.message({
        messageId: kit.messageId(receipt.address.split("@")[1] ?? "example.com"),
        inReplyTo: null,
        references: [],
        from: { name: receipt.name, address: receipt.address },
        to: [kit.owner],
        subject: receipt.subject,
        date: start,
        text: "This is an automated message. Please do not reply.",
        folder: "inbox",
        headers: { "Auto-Submitted": "auto-generated" },
      }),
    ];
  }
  const friend = kit.person(kit.random.pick(FRIEND_DOMAINS));
  return conversation(kit, friend, kit.random.pick(CHAT_SUBJECTS), start, kit.random.int(1, 4), false);
}

function conversation(
  kit: GeneratorKit,
  other: EmailAddress,
  subject: string,
  start: Date,
  length: number,
  ownerFirst: boolean,
): SeedMessage[] {
  const out: SeedMessage[] = [];
  let date = start;
  for (let i = 0; i < length; i++) {
    const fromOwner = ownerFirst ? i % 2 === 0 : i % 2 === 1;
    const from = fromOwner ? kit.owner : other;
    const previous = out[out.length - 1];
    const withAttachment = fromOwner && kit.random.chance(0.05);
    out.push(
      kit.message({
        messageId: kit.messageId(from.address.split("@")[1] ?? "example.com"),
        inReplyTo: previous?.messageId ?? null,
        references: previous ? [...previous.references, previous.messageId] : [],
        from,
        to: [fromOwner ? other : kit.owner],
        subject: i === 0 ? subject : `Re: ${subject}`,
        date,
        text: kit.random.pick(CHAT_LINES),
        folder: fromOwner ? "sent" : "inbox",
        attachments: withAttachment ? [{ filename: "photo.jpg", contentType: "image/jpeg", size: 24_000 }] : [],
        unread: !fromOwner && kit.random.chance(0.2),
      }),
    );
    date = later(kit, date, 1, 72);
  }
  return out;
}

export function routineEvents(kit: GeneratorKit, owner: EmailAddress, count: number, spanMs: number): CalendarEvent[] {
  const out: CalendarEvent[] = [];
  const self: EventAttendee = { ...owner, response: "accepted", organizer: true, self: true };
  for (let i = 0; i < count; i++) {
    const start = new Date(
      Math.floor((kit.now.getTime() - kit.random.next() * spanMs + 30 * DAY) / (30 * 60_000)) * 30 * 60_000,
    );
    const friend = kit.person(kit.random.pick(FRIEND_DOMAINS));
    const withFriend = kit.random.chance(0.5);
    out.push({
      uid: `routine-${i}-${start.getTime().toString(36)}@generator.example`,
      providerId: null,
      summary: withFriend
        ? `Lunch with ${friend.name.split(" ")[0]}`
        : kit.random.pick(["Dentist", "Gym", "Focus time"]),
      description: "",
      location: withFriend ? "Corner Café" : "",
      start,
      end: new Date(start.getTime() + HOUR),
      allDay: false,
      status: "confirmed",
      organizer: owner,
      attendees: withFriend
        ? [self, { name: friend.name, address: friend.address, response: "accepted", organizer: false, self: false }]
        : [],
      recurrenceId: null,
    });
  }
  return out;
}
