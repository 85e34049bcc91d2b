/**
 * Introductions a contact makes in a thread, read from its messages while their bodies are in memory: who introduced
 * whom, how, and in which message. Three shapes:
 * - cc: a contact writes to the user and someone else at once with an introduction's words ("Alex, meet Sam"), in the
 *   thread's first messages; the people copied in are the ones introduced;
 * - named: a contact names someone in their own words without copying them in ("you should talk to Priya Shah at
 *   Northwind, priya@northwind.example"); the address when one is written next to the name, else the name and the
 *   organisation as written;
 * - forward: a contact forwards someone's message to the user with a word of introduction ("Fwd: Priya's background —
 *   you two should talk"); the forwarded message's author is the one introduced.
 * Pure: nothing here is stored; the caller keeps the names and addresses only.
 */
import { isPlausibleAddress, normalizeAddress } from "./addresses.js";
import { foldName } from "./fact-people.js";
import type { EmailAddress, MailMessage } from "./mail.js";
import { splitMessage } from "./message-parts.js";
import { INTRODUCTION_CUE } from "./signals-multilingual.js";
import { foldText } from "./text-signals.js";

export type IntroductionKind = "cc" | "named" | "forward";

export interface FoundIntroduction {
  kind: IntroductionKind;
  referrer: EmailAddress;
  referred: { address: string | null; name: string; organisation: string | null };
  /** Message-ID of the message that made the introduction. */
  messageId: string | null;
  at: Date | null;
}

/** The thread's first messages: an introduction opens a thread (or comes right after its first message). */
const INTRO_WITHIN = 3;
const NAME = "(\\p{Lu}[\\p{L}'’-]+(?: (?:van |von |de |da |del |dos )?\\p{Lu}[\\p{L}'’-]+){0,2})";
const ORGANISATION = "(\\p{Lu}[\\p{L}\\p{N}&'’.-]*(?: (?:&|of|de|der|für) )?(?: ?\\p{Lu}[\\p{L}\\p{N}&'’.-]*){0,3})";
/** Words that send the user to someone, each language's, followed by the person's name. */
const SEND_TO: RegExp[] = [
  new RegExp(
    `\\b(?:should|could|might want to|may want to|ought to|recommend|suggest|would|'d|worth)\\s+(?:also\\s+|definitely\\s+|really\\s+)?(?:talk(?:ing)?|speak(?:ing)?|reach(?:ing)? out|get(?:ting)? in touch|connect(?:ing)?|chat(?:ting)?|meet(?:ing)?|contact(?:ing)?|writ(?:e|ing))\\s+(?:to |with )?(?:my (?:friend|colleague|former colleague|old colleague) )?${NAME}`,
    "u",
  ),
  new RegExp(
    `\\b(?:[Rr]each out|[Tt]alk|[Ss]peak|[Gg]et in touch|[Cc]onnect) (?:to|with) (?:my (?:friend|colleague|former colleague|old colleague) )?${NAME}`,
    "u",
  ),
  new RegExp(
    `\\b(?:[Ss]prich|[Ss]prechen Sie|[Ww]ende dich|[Ww]enden Sie sich|[Mm]elde dich|[Mm]elden Sie sich)(?: doch)?(?: mal)?(?: gern)? (?:mit|an|bei) (?:meine[rm]? (?:Kollegin|Kollegen|Freundin|Freund) )?${NAME}`,
    "u",
  ),
  new RegExp(
    `\\b(?:[Cc]ontacte[rz]?|[Pp]arle[rz]? (?:à|avec)|[ÉéEe]cri(?:s|vez|re) à)(?: de ma part)? (?:mon (?:collègue|ami) |ma (?:collègue|amie) )?${NAME}`,
    "u",
  ),
  new RegExp(
    `\\b(?:[Hh]abla(?:r|s)? con|[Hh]ables con|[Cc]ontacta(?:r|s)? a|[Ee]scr[ií]be(?:le)? a)(?: mi (?:colega|amig[oa]))? ${NAME}`,
    "u",
  ),
  new RegExp(
    `\\b(?:[Ff]al(?:e|a|ar) com|[Ee]ntr(?:e|a) em conta(?:c)?to com|[Cc]ontate|[Pp]rocure)(?: (?:a|o))?(?: minha colega| meu colega)? ${NAME}`,
    "u",
  ),
];
const ORGANISATION_AFTER = new RegExp(
  `^,?\\s+(?:at|from|of|bei|von|chez|de|en|em|da|do|na|no)\\s+${ORGANISATION}`,
  "u",
);
const ORGANISATION_PAREN = new RegExp(`^\\s*\\(${ORGANISATION}\\)`, "u");
const NOT_A_NAME =
  /^(I|We|She|He|They|You|It|Me|Us|Him|Her|Them|Someone|Somebody|Anyone|This|That|Who|Hi|Hello|Dear|Sie|Er|Ich|Wir|Elle|Il|On|Ella|Él|Ela|Ele|A|O|La|Le|El|Die|Der|Das|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|HR|LinkedIn|Recruiting)$/;
const FORWARD_SUBJECT = /^\s*(?:fwd?|fw|wg|tr|rv|enc|i)\s*:/i;
/** A forward's word that it is meant as an introduction ("you two should talk", "her background"). */
const FORWARD_CUE =
  /\b(should|might want to|could|worth) (talk|speak|meet|connect|reach out|get in touch|chat)|\b(background|bio|cv|resume|résumé|profile)\b|\b(you two|the two of you)\b/;
/** How far after a name an address still belongs to it. */
const ADDRESS_REACH = 200;
const ADDRESS_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

interface Author {
  message: MailMessage;
  from: string;
  own: string;
  quoted: ReturnType<typeof splitMessage>["quoted"];
}

function cleanName(name: string): string {
  return name.replace(/^[\s"'“”]+|[\s"'“”,.;:]+$/g, "").replace(/\s+/g, " ");
}

function recipientsOf(message: MailMessage): EmailAddress[] {
  return [...message.to, ...message.cc].map((a) => ({ address: normalizeAddress(a.address), name: cleanName(a.name) }));
}

/** A contact's messages to the user, with their own words (quotes and signature apart). */
function contactMessages(messages: readonly MailMessage[], me: ReadonlySet<string>): Author[] {
  const out: Author[] = [];
  for (const message of messages) {
    const from = message.from ? normalizeAddress(message.from.address) : null;
    if (!from || me.has(from) || message.sentByUser) continue;
    if (!recipientsOf(message).some((r) => me.has(r.address))) continue;
    const parts = splitMessage(message.bodyText ?? "", { maxInput: 24_000, maxOwn: 4_000 });
    out.push({ message, from, own: parts.own, quoted: parts.quoted });
  }
  return out;
}

function referrerOf(author: Author): EmailAddress {
  return { address: author.from, name: cleanName(author.message.from?.name ?? "") };
}

function ccIntroductions(messages: readonly MailMessage[], authors: readonly Author[], me: ReadonlySet<string>) {
  const out: FoundIntroduction[] = [];
  for (const author of authors) {
    if (messages.indexOf(author.message) >= INTRO_WITHIN) continue;
    const others = recipientsOf(author.message).filter((r) => !me.has(r.address) && r.address !== author.from);
    if (others.length === 0) continue;
    if (!INTRODUCTION_CUE.test(foldText(`${author.message.subject}\n${author.own}`))) continue;
    for (const person of others) {
      out.push({
        kind: "cc",
        referrer: referrerOf(author),
        referred: { address: person.address, name: person.name, organisation: null },
        messageId: author.message.messageId,
        at: author.message.date,
      });
    }
    break; // one introduction per thread: the first
  }
  return out;
}

/** The organisation written right after a name ("Priya Shah at Northwind", "Priya Shah (Northwind)"). */
function organisationAfter(text: string): string | null {
  const m = ORGANISATION_AFTER.exec(text) ?? ORGANISATION_PAREN.exec(text);
  const found = m?.[1]?.replace(/[.,;:]+$/, "").trim();
  return found && found.length >= 2 && !NOT_A_NAME.test(found) ? found : null;
}

/** The first address written within reach after a name that is nobody already in the thread. */
function addressAfter(text: string, taken: ReadonlySet<string>): string | null {
  const near = text.slice(0, ADDRESS_REACH);
  for (const m of near.matchAll(ADDRESS_IN_TEXT)) {
    const address = normalizeAddress(m[0].replace(/[.]+$/, ""));
    if (isPlausibleAddress(address) && !taken.has(address)) return address;
  }
  return null;
}

function namedIntroductions(authors: readonly Author[], participants: ReadonlySet<string>, names: ReadonlySet<string>) {
  const out: FoundIntroduction[] = [];
  for (const author of authors) {
    const text = author.own;
    for (const pattern of SEND_TO) {
      const re = new RegExp(pattern.source, "gu");
      for (const m of text.matchAll(re)) {
        const name = cleanName(m[1] ?? "");
        const first = name.split(" ")[0] ?? "";
        if (!name || NOT_A_NAME.test(first) || NOT_A_NAME.test(name) || names.has(foldName(name))) continue;
        const rest = text.slice((m.index ?? 0) + m[0].length);
        const address = addressAfter(rest, participants);
        const organisation = organisationAfter(rest);
        // one word is a name only with an address or an organisation beside it ("talk to Priya at Northwind")
        if (!address && !organisation && !name.includes(" ")) continue;
        out.push({
          kind: "named",
          referrer: referrerOf(author),
          referred: { address, name, organisation },
          messageId: author.message.messageId,
          at: author.message.date,
        });
      }
    }
  }
  return out;
}

function forwardedIntroductions(authors: readonly Author[], participants: ReadonlySet<string>) {
  const out: FoundIntroduction[] = [];
  for (const author of authors) {
    if (!FORWARD_SUBJECT.test(author.message.subject)) continue;
    const cue = foldText(author.own);
    if (!INTRODUCTION_CUE.test(cue) && !FORWARD_CUE.test(cue)) continue;
    const forwarded = author.quoted[0];
    const address = forwarded?.authorAddress ? normalizeAddress(forwarded.authorAddress) : null;
    if (!forwarded || !address || participants.has(address) || !isPlausibleAddress(address)) continue;
    out.push({
      kind: "forward",
      referrer: referrerOf(author),
      referred: { address, name: cleanName(forwarded.authorName), organisation: null },
      messageId: author.message.messageId,
      at: author.message.date,
    });
  }
  return out;
}

/** The introductions contacts made in this thread, each referred person once (the first mention wins). */
export function findIntroductions(messages: readonly MailMessage[], me: readonly string[]): FoundIntroduction[] {
  const meSet = new Set(me.map(normalizeAddress));
  const sorted = [...messages].sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  const authors = contactMessages(sorted, meSet);
  const participants = new Set<string>(meSet);
  const names = new Set<string>();
  for (const m of sorted) {
    for (const a of [...(m.from ? [m.from] : []), ...m.to, ...m.cc]) {
      participants.add(normalizeAddress(a.address));
      if (a.name.trim()) names.add(foldName(cleanName(a.name)));
    }
  }
  const found = [
    ...ccIntroductions(sorted, authors, meSet),
    ...namedIntroductions(authors, participants, names),
    ...forwardedIntroductions(authors, participants),
  ];
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = f.referred.address ?? foldName(f.referred.name);
    if (seen.has(key) || f.referred.address === f.referrer.address) return false;
    seen.add(key);
    return true;
  });
}

/** What a thread's headers say about each message (stored rows and provider messages alike). */
export interface MessageHeaders {
  from: string | null;
  to: readonly string[];
  cc: readonly string[];
  sentByUser: boolean;
}

/** Recipients at most on a message that may be an introduction (a wider send is a group mail, not an introduction). */
const INTRO_MAX_RECIPIENTS = 6;

/**
 * The shape of a thread that may hold a cc-introduction the user has not answered yet: in its first messages someone
 * else wrote to the user directly and to at least one other person, to a handful of people at most. Such threads are
 * read even though the user did not write in them (every other such thread is left unread).
 */
export function introductionShape(messages: readonly MessageHeaders[], me: readonly string[]): boolean {
  const meSet = new Set(me.map(normalizeAddress));
  return messages.slice(0, INTRO_WITHIN).some((m) => {
    const from = m.from ? normalizeAddress(m.from) : null;
    if (!from || m.sentByUser || meSet.has(from)) return false;
    const recipients = [...m.to, ...m.cc].map(normalizeAddress);
    if (recipients.length > INTRO_MAX_RECIPIENTS || !recipients.some((r) => meSet.has(r))) return false;
    return recipients.some((r) => !meSet.has(r) && r !== from);
  });
}

/** A thread read in full that may be a cc-introduction: the shape, and an introduction's words in that message. */
export function mayBeIntroduction(messages: readonly MailMessage[], me: readonly string[]): boolean {
  const sorted = [...messages].sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  const headers = sorted.map((m) => ({
    from: m.from?.address ?? null,
    to: m.to.map((a) => a.address),
    cc: m.cc.map((a) => a.address),
    sentByUser: m.sentByUser,
  }));
  if (!introductionShape(headers, me)) return false;
  const meSet = new Set(me.map(normalizeAddress));
  return ccIntroductions(sorted, contactMessages(sorted, meSet), meSet).length > 0;
}

/** The key a referral is stored under: its address, else its folded name. */
export function referredKey(referred: FoundIntroduction["referred"]): string {
  return referred.address ?? foldName(referred.name);
}
