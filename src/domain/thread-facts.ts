/**
 * The few facts a draft needs from a thread, derived while its bodies are in memory (the worker's assessment
 * step) and stored instead of them: the language and register, how the user greeted each person, what the user
 * asked to learn, how long and how they asked to meet (and how they did), the field they are moving into, who
 * suggested the contact, each person's organisation and short name as written, and the role line of the user's
 * signature. Every text is a short phrase (at most ~120 characters) found verbatim in the thread; nothing is made
 * up, nothing else of a body is kept. Pure: no I/O, no clock.
 */
import { normalizeAddress } from "./addresses.js";
import { detectFormal, detectLanguage, usesTu } from "./fact-language.js";
import {
  greetingFor,
  nameTokens,
  organisationIn,
  organisationInText,
  roleLine,
  SIGNOFF_LINE,
  signedName,
  userSignoff,
} from "./fact-people.js";
import {
  type Ask,
  type Duration,
  findAsk,
  findDuration,
  findField,
  findMedia,
  findReferrer,
  lastMedium,
  type Medium,
} from "./fact-phrases.js";
import type { MailMessage } from "./mail.js";
import { splitMessage } from "./message-parts.js";

export type { Ask, Duration, Medium };

export interface ThreadFacts {
  v: 1;
  /** ISO 639-1 code of the language the user writes in here (null: unclear). */
  language: string | null;
  /** The user addresses the contact formally (Sie, vous, usted, o senhor, "Dear Dr. …"); null: unclear. */
  formal: boolean | null;
  /** Portuguese: the user writes "tu" (second-person verbs). */
  tu: boolean;
  /** What the user asked to learn. */
  ask: Ask | null;
  /** The field the user is moving into ("UX research"). */
  field: string | null;
  /** The length of conversation asked for. */
  duration: Duration | null;
  /** How the user asked to meet (in order of mention). */
  askMedia: Medium[];
  /** How the conversation was settled on (the last way of meeting the replies name). */
  heldMedium: Medium | null;
  /** Who suggested the contact, as written. */
  referredBy: string | null;
  /** Per contact address: the user's latest greeting line to them, as written. */
  greetings: Record<string, string>;
  /** Per contact address: the short name they sign with. */
  signedNames: Record<string, string>;
  /** Per contact address: their organisation as written (signature, display name or text). */
  organisations: Record<string, string>;
  /** The role line of the user's signature in their latest message here, when and from which address. */
  userRole: { text: string; at: string; from: string } | null;
  /** How the user closed and signed their latest message here ("Herzliche Grüsse", "Tessa"). */
  userClosing: string | null;
  userSignedAs: string | null;
}

interface Read {
  message: MailMessage;
  user: boolean;
  from: string | null;
  own: string;
  signature: string;
  /** Text the message quotes from the user's own earlier mail (an outreach that is not in the mailbox itself). */
  quotedMine: string[];
}

const MAX_CONTACTS = 10;

function readAll(messages: readonly MailMessage[], me: ReadonlySet<string>): Read[] {
  return [...messages]
    .sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0))
    .map((message) => {
      const from = message.from ? normalizeAddress(message.from.address) : null;
      const parts = splitMessage(message.bodyText ?? "", { maxInput: 24_000, maxOwn: 4_000 });
      return {
        message,
        user: message.sentByUser || (from !== null && me.has(from)),
        from,
        own: parts.own,
        signature: parts.signature,
        quotedMine: parts.quoted
          .filter((q) => q.authorAddress !== null && me.has(normalizeAddress(q.authorAddress)))
          .map((q) => q.text),
      };
    });
}

interface Request {
  /** The message the request is in (null: it is only quoted, its own message is not in the mailbox). */
  read: Read | null;
  text: string;
}

/**
 * The user's request: their first message that asks for something (or names a length); else the user's own
 * words quoted under a reply when the outreach itself is not in the mailbox; else their first message.
 */
function requestOf(reads: readonly Read[], language: string | null): Request | null {
  const mine = reads.filter((r) => r.user);
  const asks = (text: string) => findAsk(text, language) !== null || findDuration(text) !== null;
  const found = mine.find((r) => asks(r.own));
  if (found) return { read: found, text: found.own };
  const quoted = reads.flatMap((r) => r.quotedMine).find(asks);
  if (quoted) return { read: null, text: quoted };
  return mine[0] ? { read: mine[0], text: mine[0].own } : null;
}

/** Display names of everyone but the user, by address (the first non-empty one seen). */
function displayNames(reads: readonly Read[], me: ReadonlySet<string>): Map<string, string> {
  const names = new Map<string, string>();
  for (const r of reads) {
    const m = r.message;
    for (const a of [...(m.from ? [m.from] : []), ...m.to, ...m.cc]) {
      const address = normalizeAddress(a.address);
      if (me.has(address)) continue;
      if (!names.has(address) || (!names.get(address) && a.name)) names.set(address, a.name.trim());
    }
  }
  return names;
}

function perContact(
  reads: readonly Read[],
  names: ReadonlyMap<string, string>,
  allText: string,
): Pick<ThreadFacts, "greetings" | "signedNames" | "organisations"> {
  const out: Pick<ThreadFacts, "greetings" | "signedNames" | "organisations"> = {
    greetings: {},
    signedNames: {},
    organisations: {},
  };
  for (const [address, name] of [...names.entries()].slice(0, MAX_CONTACTS)) {
    const tokens = nameTokens(name, address);
    const toThem = reads.filter((r) => r.user && r.message.to.some((t) => normalizeAddress(t.address) === address));
    for (const r of [...toThem].reverse()) {
      const greeting = greetingFor(r.own, tokens);
      if (greeting) {
        out.greetings[address] = greeting;
        break;
      }
    }
    const theirs = reads.filter((r) => r.from === address).reverse();
    for (const r of theirs) {
      const signed = signedName(r.own, r.signature, tokens);
      if (signed) {
        out.signedNames[address] = signed;
        break;
      }
    }
    const signatureLines = theirs.flatMap((r) => r.signature.split("\n").slice(0, 8)).map((l) => l.trim());
    const organisation = organisationIn([...signatureLines, name], address) ?? organisationInText(allText, address);
    if (organisation) out.organisations[address] = organisation;
  }
  return out;
}

/** The person who introduced the user in the thread's first message (cc introduction), by display name. */
function introducer(reads: readonly Read[], me: ReadonlySet<string>): string | null {
  const first = reads[0];
  if (!first || first.user || !first.from) return null;
  const recipients = [...first.message.to, ...first.message.cc].map((a) => normalizeAddress(a.address));
  const others = recipients.filter((a) => !me.has(a) && a !== first.from);
  if (!recipients.some((a) => me.has(a)) || others.length === 0) return null;
  const name = first.message.from?.name.replace(/^[\s"'“”]+|[\s"'“”]+$/g, "") ?? "";
  return name && !name.includes("@") ? name : null;
}

function userTokensOf(reads: readonly Read[], me: ReadonlySet<string>): Set<string> {
  const tokens = new Set<string>();
  for (const r of reads.filter((x) => x.user)) {
    for (const t of nameTokens(r.message.from?.name ?? "", r.from ?? "")) tokens.add(t);
  }
  for (const a of me) for (const t of nameTokens("", a)) tokens.add(t);
  return tokens;
}

/**
 * The block a message is signed with: the signature the splitter found, or (when it did not recognise the closing)
 * the tail of the writer's own text from its closing line on.
 */
function signedBlock(r: Read): string {
  if (r.signature) return r.signature;
  const lines = r.own.split("\n");
  for (let i = lines.length - 1; i >= Math.max(0, lines.length - 6); i--) {
    if (SIGNOFF_LINE.test((lines[i] ?? "").trim())) return lines.slice(i).join("\n");
  }
  return "";
}

function userRoleOf(reads: readonly Read[], tokens: ReadonlySet<string>): ThreadFacts["userRole"] {
  for (const r of [...reads].reverse()) {
    const block = r.user ? signedBlock(r) : "";
    if (!block) continue;
    const role = roleLine(block, tokens);
    if (role) return { text: role, at: (r.message.date ?? new Date(0)).toISOString(), from: r.from ?? "" };
  }
  return null;
}

function userSignoffOf(
  reads: readonly Read[],
  tokens: ReadonlySet<string>,
): Pick<ThreadFacts, "userClosing" | "userSignedAs"> {
  for (const r of [...reads].reverse()) {
    if (!r.user) continue;
    const found = userSignoff(r.own, r.signature, tokens);
    if (found.closing) return { userClosing: found.closing, userSignedAs: found.signedAs };
  }
  return { userClosing: null, userSignedAs: null };
}

/**
 * What the user asked to learn. A short, general English question ("how you got started") is completed with the
 * subject's topic when the subject names one ("… to talk about public policy?" → "how you got started in public
 * policy"), so the draft says what the conversation was about.
 */
function askOf(requestText: string, subject: string, language: string | null): Ask | null {
  const ask = findAsk(requestText, language);
  // a request without words about what to learn often says it in its subject ("café pra falar da vida de DPO?")
  if (!ask) return findAsk(subject.replace(/^(?:\s*(?:re|aw|wg|fw|fwd|tr|rv|res|enc)\s*:\s*)+/i, ""), language);
  if (ask.kind !== "clause" || (language ?? "en") !== "en" || ask.text.split(/\s+/).length > 4) return ask;
  const topic = findAsk(subject, "en");
  if (topic?.kind !== "topic" || topic.text.split(/\s+/).length > 5) return ask;
  const text = `${ask.text} in ${topic.text}`;
  return text.length <= 120 ? { kind: "clause", text } : ask;
}

/** The facts of one thread; null when no body was read. */
export function deriveThreadFacts(messages: readonly MailMessage[], me: readonly string[]): ThreadFacts | null {
  if (!messages.some((m) => m.bodyText)) return null;
  const meSet = new Set(me.map(normalizeAddress));
  const reads = readAll(messages, meSet);
  const userText = reads
    .filter((r) => r.user)
    .map((r) => r.own)
    .join("\n\n");
  const language = detectLanguage(userText) ?? detectLanguage(reads.map((r) => r.own).join("\n\n"));
  const request = requestOf(reads, language);
  const subject = reads[0]?.message.subject ?? "";
  const requestText = request?.text ?? "";
  const after = request?.read ? reads.slice(reads.indexOf(request.read) + 1) : reads;
  const askMedia = findMedia(requestText);
  const formal =
    [...reads]
      .reverse()
      .filter((r) => r.user)
      .map((r) => detectFormal(r.own, language))
      .find((f) => f !== null) ?? null;
  const allText = [subject, ...reads.map((r) => r.own)].join("\n\n");
  const userTokens = userTokensOf(reads, meSet);
  return {
    v: 1,
    language,
    formal,
    tu: language === "pt" && usesTu(userText),
    ask: askOf(requestText, subject, language),
    field: findField(subject) ?? findField(requestText),
    duration: findDuration(requestText) ?? findDuration(subject),
    askMedia,
    heldMedium:
      lastMedium(after.map((r) => r.own).join("\n\n")) ?? (askMedia.length === 1 ? (askMedia[0] ?? null) : null),
    referredBy: findReferrer(`${subject}\n${requestText}`) ?? introducer(reads, meSet),
    ...perContact(reads, displayNames(reads, meSet), allText),
    userRole: userRoleOf(reads, userTokens),
    ...userSignoffOf(reads, userTokens),
  };
}

const ASK_KINDS = new Set(["clause", "topic"]);

/** Reads stored facts back, tolerating older or partial rows; null when there are none. */
export function parseThreadFacts(value: unknown): ThreadFacts | null {
  if (!value || typeof value !== "object") return null;
  const raw = value as Partial<ThreadFacts>;
  if (raw.v !== 1) return null;
  const text = (v: unknown, max = 160): string | null =>
    typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : null;
  const record = (v: unknown): Record<string, string> =>
    v && typeof v === "object"
      ? Object.fromEntries(Object.entries(v).filter((e): e is [string, string] => typeof e[1] === "string"))
      : {};
  const ask = raw.ask && ASK_KINDS.has(raw.ask.kind) && text(raw.ask.text) ? raw.ask : null;
  return {
    v: 1,
    language: text(raw.language, 8),
    formal: typeof raw.formal === "boolean" ? raw.formal : null,
    tu: raw.tu === true,
    ask,
    field: text(raw.field),
    duration: raw.duration && typeof raw.duration.minutes === "number" && text(raw.duration.text) ? raw.duration : null,
    askMedia: Array.isArray(raw.askMedia) ? raw.askMedia.filter((m) => typeof m === "string") : [],
    heldMedium: text(raw.heldMedium) as Medium | null,
    referredBy: text(raw.referredBy),
    greetings: record(raw.greetings),
    signedNames: record(raw.signedNames),
    organisations: record(raw.organisations),
    userRole:
      raw.userRole && text(raw.userRole.text)
        ? { text: raw.userRole.text, at: String(raw.userRole.at ?? ""), from: String(raw.userRole.from ?? "") }
        : null,
    userClosing: text(raw.userClosing, 40),
    userSignedAs: text(raw.userSignedAs, 60),
  };
}
