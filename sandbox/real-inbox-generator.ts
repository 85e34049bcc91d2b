/**
 * A mailbox shaped like a real inbox rather than like the default generator's: most mail is incoming-only
 * (newsletters, notifications, mailing lists the user never answers), a few thousand sent messages, and a couple of
 * thousand threads the user took part in within the look-back — every one of them worth reading in full. Replies
 * quote the message they answer, as mail clients do, so bodies grow along a thread. Deterministic per seed.
 *
 * Defaults (the shape issue 13 measured): 22,000 messages, 2,000 threads the user wrote in within 360 days,
 * about 3,400 sent messages, about 14,000 incoming-only messages, 300 calendar events.
 */
import type { EmailAddress } from "../src/domain/mail.js";
import { buildInformationalThread, INFORMATIONAL_KINDS, type InformationalKind } from "./informational-threads.js";
import {
  createKit,
  DEFAULT_SCENARIO_NOW,
  type GeneratedMailbox,
  type GeneratorKit,
  later,
  routineEvents,
} from "./mailbox-generator.js";
import { CHAT_LINES, CHAT_SUBJECTS, FRIEND_DOMAINS, NEWSLETTERS, RECEIPTS, TOPICS } from "./mailbox-words.js";
import { createRandom } from "./random.js";
import type { SeedMessage } from "./seed.js";

export interface RealInboxOptions {
  seed: string | number;
  /** Messages in all. Default 22,000. */
  size?: number;
  /** Threads the user wrote in, all within `userSpanDays` of now. Default 2,000. */
  userThreads?: number;
  /** Messages in the user's threads (the rest is incoming-only). Default 8,000 (about 3,400 of them sent). */
  userThreadMessages?: number;
  /** Of the user's threads, how many are informational interviews. Default 70. */
  informationalThreads?: number;
  events?: number;
  now?: Date;
  userSpanDays?: number;
  /** Incoming-only mail is spread over this many days. Default 400. */
  spanDays?: number;
}

const DAY = 86_400_000;

export function generateRealInbox(options: RealInboxOptions): GeneratedMailbox {
  const random = createRandom(`real:${options.seed}`);
  const now = options.now ?? DEFAULT_SCENARIO_NOW;
  const owner: EmailAddress = { name: "Alex Rivera", address: "alex.rivera@example.com" };
  const kit = createKit(random, owner, now, `r${createRandom(`${options.seed}:tag`).int(0, 0xfffff).toString(36)}`);
  const size = options.size ?? 22_000;
  const userThreads = options.userThreads ?? 2_000;
  const userMessages = options.userThreadMessages ?? 8_000;
  const messages: SeedMessage[] = [];
  const events = [];
  const informational: GeneratedMailbox["truth"]["informational"] = [];
  const informationalCount = Math.min(options.informationalThreads ?? 70, userThreads);
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
  const userSpan = (options.userSpanDays ?? 360) * DAY;
  for (let t = informationalCount; t < userThreads; t++) {
    const left = userThreads - t;
    const average = (userMessages - messages.length) / left;
    const length = Math.max(1, Math.min(12, Math.round(average + random.int(-2, 2))));
    const start = new Date(now.getTime() - random.next() * userSpan);
    messages.push(...userThread(kit, start, length));
  }
  const span = (options.spanDays ?? 400) * DAY;
  while (messages.length < size) {
    const start = new Date(now.getTime() - random.next() * span);
    for (const m of incomingOnly(kit, start)) if (messages.length < size) messages.push(m);
  }
  const eventCount = Math.max(0, (options.events ?? 300) - events.length);
  events.push(...routineEvents(kit, owner, eventCount, span));
  messages.sort((a, b) => a.date.getTime() - b.date.getTime() || a.messageId.localeCompare(b.messageId));
  events.sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));
  return { owner, timeZone: "America/Chicago", messages, events, truth: { informational } };
}

/** A conversation the user takes part in: they write at least once; the other side sometimes writes twice. */
function userThread(kit: GeneratorKit, start: Date, length: number): SeedMessage[] {
  const other = kit.person(kit.random.pick(FRIEND_DOMAINS));
  const subject = kit.random.pick(CHAT_SUBJECTS);
  const out: SeedMessage[] = [];
  let date = start;
  let ownerWrote = false;
  let fromOwner = kit.random.chance(0.5);
  for (let i = 0; i < length; i++) {
    if (i === length - 1 && !ownerWrote) fromOwner = true;
    ownerWrote ||= fromOwner;
    const previous = out.at(-1);
    const from = fromOwner ? kit.owner : other;
    const line = kit.random.pick(CHAT_LINES);
    const quoted = previous ? `\n\nOn ${previous.date.toUTCString()} wrote:\n${quote(previous.text)}` : "";
    out.push(
      kit.message({
        messageId: kit.messageId(from.address.split("@")[1] ?? "example.com"),
        inReplyTo: previous?.messageId ?? null,
        references: previous ? [...previous.references, previous.messageId] : [],
        from,
        to: [fromOwner ? other : kit.owner],
        subject: i === 0 ? subject : `Re: ${subject}`,
        date,
        text: `${line}\n\n${from.name.split(" ")[0]}${quoted}`,
        folder: fromOwner ? "sent" : "inbox",
      }),
    );
    date = later(kit, date, 1, 72);
    // Mostly turn-taking; now and then the other side writes twice in a row.
    fromOwner = fromOwner ? false : !kit.random.chance(0.36);
  }
  return out;
}

function quote(text: string): string {
  return text
    .split("\n")
    .slice(0, 80)
    .map((l) => `> ${l}`)
    .join("\n");
}

/** Mail the user never answers: a newsletter, a notification, or a mailing-list thread among others. */
function incomingOnly(kit: GeneratorKit, start: Date): SeedMessage[] {
  const roll = kit.random.next();
  const topic = kit.random.pick(TOPICS);
  if (roll < 0.5) {
    const letter = kit.random.pick(NEWSLETTERS);
    const domain = letter.address.split("@")[1] ?? "example.com";
    const body = `Hello,\n\nThis issue covers ${topic}.\n\n${"Read more on our site. ".repeat(40)}\n\nUnsubscribe any time.`;
    return [
      kit.message({
        messageId: kit.messageId(domain),
        inReplyTo: null,
        references: [],
        from: { name: letter.name, address: letter.address },
        to: [kit.owner],
        subject: letter.subject.replace("{topic}", topic),
        date: start,
        text: body,
        folder: "inbox",
        headers: { "List-Unsubscribe": `<mailto:unsubscribe@${domain}>`, "List-Id": `<${domain}>`, Precedence: "bulk" },
        unread: kit.random.chance(0.6),
      }),
    ];
  }
  if (roll < 0.8) {
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
  return listThread(kit, start, topic);
}

/** A mailing-list discussion among other people, delivered to the user through the list. */
function listThread(kit: GeneratorKit, start: Date, topic: string): SeedMessage[] {
  const list: EmailAddress = { name: "Practitioners list", address: "practice@lists.example.org" };
  const out: SeedMessage[] = [];
  let date = start;
  for (let i = 0, n = kit.random.int(1, 4); i < n; i++) {
    const from = kit.person();
    const previous = out.at(-1);
    out.push(
      kit.message({
        messageId: kit.messageId(from.address.split("@")[1] ?? "example.com"),
        inReplyTo: previous?.messageId ?? null,
        references: previous ? [...previous.references, previous.messageId] : [],
        from,
        to: [list],
        subject: `${i === 0 ? "" : "Re: "}[practice] ${topic}`,
        date,
        text: `${kit.random.pick(CHAT_LINES)}\n\n${from.name}`,
        folder: "inbox",
        headers: { "List-Id": "<practice.lists.example.org>", Precedence: "list" },
      }),
    );
    date = later(kit, date, 1, 48);
  }
  return out;
}
