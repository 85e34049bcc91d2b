/**
 * A labelled scenario (an mbox and an iCalendar file, as in the shared corpus and test/fixtures) as the seed the
 * fake Gmail and fake Graph serve: every message with its full plain-text body (HTML-only mail reduced to text),
 * threading headers, the headers that mark list and automated mail, and the calendar's events. Messages from any
 * of the owner's addresses land in Sent, the rest in the inbox.
 */
import { readFile } from "node:fs/promises";
import PostalMime, { type Address } from "postal-mime";
import type { CalendarEvent, EmailAddress } from "../src/domain/mail.js";
import { readIcs } from "../src/scan/ics-reader.js";
import { readMailSource } from "../src/scan/mail-sources.js";
import type { SeedMailbox, SeedMessage } from "./seed.js";

const KEPT_HEADER = /^(list-|precedence$|auto-submitted$|x-auto|feedback-id$|x-campaign|x-mailgun|x-sfmc)/i;
const ID = /<[^<>\s]+>/g;
const YEAR_MS = 366 * 86_400_000;

interface ScenarioInput {
  mbox: string;
  ics: string | null;
  /** The owner's addresses, the first one being the account's own. */
  me: readonly string[];
  now: Date;
  timeZone: string;
  /** The owner's display name (default: the name on their latest sent message). */
  ownerName?: string;
}

function flatten(list: Address[] | Address | undefined): EmailAddress[] {
  const out: EmailAddress[] = [];
  for (const a of Array.isArray(list) ? list : list ? [list] : []) {
    if ("group" in a && a.group) out.push(...flatten(a.group));
    else if (a.address) out.push({ address: a.address.toLowerCase(), name: a.name ?? "" });
  }
  return out;
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, "")
    .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, "\n\n");
}

async function seedMessage(raw: Buffer, me: ReadonlySet<string>): Promise<SeedMessage | null> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer" }).catch(() => null);
  const from = flatten(email?.from)[0];
  const messageId = email?.messageId?.match(ID)?.[0];
  if (!email || !from || !messageId) return null;
  const headers: Record<string, string> = {};
  for (const h of email.headers) if (KEPT_HEADER.test(h.key) && !(h.key in headers)) headers[h.key] = h.value;
  const date = email.date ? new Date(email.date) : null;
  if (!date || Number.isNaN(date.getTime())) return null;
  return {
    messageId,
    inReplyTo: email.inReplyTo?.match(ID)?.[0] ?? null,
    references: email.references?.match(ID) ?? [],
    from,
    to: flatten(email.to),
    cc: flatten(email.cc),
    subject: email.subject ?? "",
    date,
    text: email.text ?? (email.html ? htmlToText(email.html) : ""),
    folder: me.has(from.address) ? "sent" : "inbox",
    headers,
    attachments: [],
    unread: false,
  };
}

function events(text: string, input: ScenarioInput, me: ReadonlySet<string>): CalendarEvent[] {
  const read = readIcs(text, {
    me,
    timeZone: input.timeZone,
    windowStart: new Date(input.now.getTime() - YEAR_MS),
    windowEnd: new Date(input.now.getTime() + YEAR_MS),
  });
  return read.series.flatMap((s) => s.occurrences);
}

/** The scenario as a fake provider's seed. */
export async function seedFromScenario(input: ScenarioInput): Promise<SeedMailbox> {
  const me = new Set(input.me.map((a) => a.toLowerCase()));
  const messages: SeedMessage[] = [];
  for await (const raw of readMailSource(input.mbox, 4 << 20)) {
    const message = await seedMessage(raw.raw, me);
    if (message) messages.push(message);
  }
  messages.sort((a, b) => a.date.getTime() - b.date.getTime());
  const address = (input.me[0] ?? "").toLowerCase();
  const sentName = [...messages].reverse().find((m) => m.from.address === address && m.from.name)?.from.name;
  return {
    owner: { address, name: input.ownerName ?? sentName ?? "" },
    timeZone: input.timeZone,
    messages,
    events: input.ics ? events(await readFile(input.ics, "utf8"), input, me) : [],
  };
}
