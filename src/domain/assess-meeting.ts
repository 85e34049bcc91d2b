/**
 * Is a calendar event an informational conversation? Pure: decided from the event and the thread
 * assessments (who the user has informational threads with), never from message bodies.
 */
import { addressesInText, domainOf, normalizeAddress, sameOrganisation } from "./addresses.js";
import type { Direction, MeetingAssessment, ThreadCategory } from "./engine-types.js";
import type { CalendarEvent } from "./mail.js";
import { foldText } from "./text-signals.js";

/** What the thread side knows about one contact. */
export interface ContactThreadInfo {
  threadId: string;
  informational: boolean;
  direction: Direction | null;
  category: ThreadCategory;
  /** The contact's display name when a thread knows it. */
  name?: string;
}

export interface AssessMeetingOptions {
  recurring?: boolean;
}

/** Steps of a hiring process (an "informational interview" is not one). */
const FORMAL =
  /\binterview|\bhiring[- ]manager\b|\brecruit(er|ing|ment)\b|\btalent (acquisition|partner)\b|\b(phone|video|recruiter|initial) screen|\bscreening\b|\bassessment (cent(re|er)|day)\b|\b(round|stage) \d\b|\bpanel\b|\bcandidate\b|\boffer (call|discussion)\b|\bvorstellungsgespräch\b|\bentretien d'embauche\b|\bentrevista\b/;
/** Titles of one-to-one career conversations; meals alone ("Lunch with Mom") are not enough. */
const INFORMAL_TITLE =
  /\b(coffee|kaffee|café|cafe|caffè|koffie|fika|informational|info chat|chat|catch[- ]?up|call with|call:|call|intro(duction)?|virtual coffee|career|advice|gespräch|conversa|charla|<>|meet(ing)? with)\b|\s[/&x↔]\s|\bw\/\s|\bmit [a-zà-ÿ]|\b\d+[- ]?min(ute)?s? (meeting|call|chat)\b|\bmeeting between\b/;
/** A team's welcome or farewell for someone: a social occasion, whoever organised it. */
const TEAM_OCCASION =
  /\b(welcome (lunch|breakfast|drinks|dinner|coffee|reception)|farewell|leaving (drinks|lunch|party|do))\b/;
const GROUP_TITLE =
  /\b(meetup|meet-up|conference|fair|expo|webinar|workshop|class|course|session|lecture|seminar|committee|team|all[- ]hands|standup|stand-up|sync|review|training|party|birthday|dinner with (the )?family)\b/;

export function assessMeeting(
  event: CalendarEvent,
  me: readonly string[],
  threadsByContact: ReadonlyMap<string, readonly ContactThreadInfo[]>,
  options: AssessMeetingOptions = {},
): MeetingAssessment {
  const meSet = new Set(me.map(normalizeAddress));
  const reasons: string[] = [];
  const people = [...(event.organizer ? [event.organizer] : []), ...event.attendees];
  const counterparts = [...new Set(people.map((p) => normalizeAddress(p.address)).filter((a) => !meSet.has(a)))];
  const self = event.attendees.find((a) => a.self || meSet.has(normalizeAddress(a.address)));
  const userDeclined = self?.response === "declined";
  const declinedBy = [
    ...new Set(
      event.attendees
        .filter((a) => a !== self && a.response === "declined")
        .map((a) => normalizeAddress(a.address))
        .filter((a) => !meSet.has(a)),
    ),
  ];
  // a self-made note ("Lunch: Ana (ana@x.org)") names the contact in its text
  const mentioned = addressesInText(`${event.summary}\n${event.description}\n${event.location}`).filter(
    (a) => !meSet.has(a) && (counterparts.length === 0 || threadsByContact.has(a)),
  );
  // a personal entry with no one invited ("Lunch w/ Tom Greene", "Call Raj Iyer 860-…") names the contact
  const named = counterparts.length === 0 && mentioned.length === 0 ? namedContacts(event, threadsByContact) : [];
  const contacts = [...new Set([...counterparts, ...mentioned, ...named])];
  const title = foldText(`${event.summary}`);
  const text = foldText(`${event.summary}\n${event.description}`);

  const linked = contacts.flatMap((c) => (threadsByContact.get(c) ?? []).map((t) => ({ c, t })));
  const informationalLink = linked.find((l) => l.t.informational);
  const negativeLink = linked.find(
    (l) => !l.t.informational && ["formal_hiring", "recruiter", "sales", "work"].includes(l.t.category),
  );
  const threadIds = [...new Set(linked.map((l) => l.t.threadId))];

  const result = (informational: boolean, direction: Direction | null, confidence: number): MeetingAssessment => ({
    informational,
    direction: informational ? direction : null,
    confidence,
    reasons,
    contacts,
    threadIds,
    userDeclined,
    ...(declinedBy.length > 0 ? { declinedBy } : {}),
  });

  if (options.recurring) {
    reasons.push("recurring series (a standing meeting, class or routine)");
    return result(false, null, 0.9);
  }
  if (event.allDay) {
    reasons.push("all-day event");
    return result(false, null, 0.9);
  }
  if (contacts.length === 0) {
    reasons.push("no other participant (a personal appointment)");
    return result(false, null, 0.85);
  }
  if (FORMAL.test(text) && !/\binformational\b/.test(text)) {
    reasons.push(`formal hiring step ("${event.summary}")`);
    return result(false, null, 0.9);
  }
  if (contacts.length > 4) {
    reasons.push(`${contacts.length} participants (a group event, not a one-to-one conversation)`);
    return result(false, null, 0.85);
  }
  if (TEAM_OCCASION.test(title)) {
    reasons.push(`a team occasion ("${event.summary}")`);
    return result(false, null, 0.75);
  }
  if (informationalLink) {
    reasons.push(`with ${informationalLink.c}, contact of informational thread ${informationalLink.t.threadId}`);
    return result(true, informationalLink.t.direction ?? "seeker", 0.9);
  }
  if (negativeLink) {
    reasons.push(`with ${negativeLink.c}, whose thread is ${negativeLink.t.category.replace("_", " ")}`);
    return result(false, null, 0.8);
  }
  const myWork = [...meSet].filter((a) => !/\.(edu|ac\.[a-z]{2})$/.test(domainOf(a)));
  if (contacts.every((c) => myWork.some((a) => sameOrganisation(a, c)))) {
    reasons.push("only colleagues from the user's own organisation");
    return result(false, null, 0.8);
  }
  if (GROUP_TITLE.test(title)) {
    reasons.push(`title reads as a group or routine event ("${event.summary}")`);
    return result(false, null, 0.7);
  }
  if (INFORMAL_TITLE.test(title) && contacts.length <= 2) {
    reasons.push(`one-to-one conversation by its title ("${event.summary}"), no email thread`);
    const organizerIsMe = !!event.organizer && meSet.has(normalizeAddress(event.organizer.address));
    return result(true, organizerIsMe && /\bstudent\b/.test(text) ? "host" : "seeker", 0.65);
  }
  reasons.push("no sign of an informational conversation");
  return result(false, null, 0.6);
}

/**
 * Contacts of informational threads whose full name, or whose surname when no other contact shares it, the
 * event's summary or description spells out; whose first name the summary writes ("coffee w Kira") when no other
 * contact has it; or whose initials it writes dotted ("Lunch - R.T.", a discreet entry) when no other contact has
 * them.
 */
function namedContacts(
  event: CalendarEvent,
  threadsByContact: ReadonlyMap<string, readonly ContactThreadInfo[]>,
): string[] {
  const people = namedPeople(threadsByContact);
  if (people.length === 0) return [];
  const summary = withoutRelatives(event.summary);
  const text = ` ${wordsOf(`${summary}\n${withoutRelatives(event.description)}`)} `;
  if (text.trim() === "") return [];
  const title = ` ${wordsOf(summary)} `;
  const initials = [...`${event.summary}`.matchAll(DOTTED_INITIALS)].map((m) => `${m[1]}${m[2]}`.toLowerCase());
  return people
    .filter(
      (p) =>
        text.includes(` ${p.full} `) ||
        (p.surname !== null && text.includes(` ${p.surname} `)) ||
        (p.firstName !== null && title.includes(` ${p.firstName} `)) ||
        (p.initials !== null && initials.includes(p.initials)),
    )
    .map((p) => p.address)
    .slice(0, 2);
}

/**
 * A name that only says whose relative or friend someone is ("Call Ayanda (Sipho's friend)", "lunch with Kim's
 * sister") is not the person met: it is taken out before names are looked for.
 */
const RELATIVE_OF =
  /(?:\p{Lu}[\p{L}-]*\s+)?[\p{L}-]+['’]s\s+(?:(?:old|best|close|new|former|good)\s+)?(?:friend|mate|buddy|sister|brother|cousin|mum|mom|mother|dad|father|son|daughter|niece|nephew|aunt|uncle|husband|wife|partner|fianc[eé]e?|boyfriend|girlfriend|colleague|co-?worker|boss|manager|neighbou?r|contact|referral|intro|classmate|flatmate|roommate)s?(?!\p{L})/gu;

const withoutRelatives = (text: string): string => text.replace(RELATIVE_OF, " ");

/** "R.T." or "R. T." (not a word: each letter followed by a dot). */
const DOTTED_INITIALS = /(?<![\p{L}.])(\p{Lu})\.\s?(\p{Lu})\.(?!\p{L})/gu;

const wordsOf = (text: string): string =>
  foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

interface NamedPerson {
  address: string;
  full: string;
  /** The surname, when it is long enough and no other named contact shares it. */
  surname: string | null;
  /** The first name, when it is long enough and no other named contact shares it. */
  firstName: string | null;
  /** First and last initial, when no other named contact shares them. */
  initials: string | null;
}

/** Informational contacts with a full name, worked out once per index (every personal event reads it). */
const namedPeopleOf = new WeakMap<ReadonlyMap<string, readonly ContactThreadInfo[]>, NamedPerson[]>();

function namedPeople(threadsByContact: ReadonlyMap<string, readonly ContactThreadInfo[]>): NamedPerson[] {
  const known = namedPeopleOf.get(threadsByContact);
  if (known) return known;
  const all: (Omit<NamedPerson, "initials" | "firstName"> & {
    first: string;
    last: string;
    initials: string;
    informational: boolean;
  })[] = [];
  for (const [address, infos] of threadsByContact) {
    const name = infos.find((i) => i.name)?.name;
    if (!name) continue;
    const tokens = wordsOf(name)
      .split(" ")
      .filter((t) => t.length > 1);
    if (tokens.length < 2) continue;
    const last = tokens[tokens.length - 1] as string;
    all.push({
      address,
      full: tokens.join(" "),
      first: tokens[0] as string,
      last,
      surname: null,
      initials: `${tokens[0]?.[0] ?? ""}${last[0] ?? ""}`,
      informational: infos.some((i) => i.informational),
    });
  }
  const surnameCount = new Map<string, number>();
  const firstCount = new Map<string, number>();
  const initialsCount = new Map<string, number>();
  for (const p of all) {
    surnameCount.set(p.last, (surnameCount.get(p.last) ?? 0) + 1);
    firstCount.set(p.first, (firstCount.get(p.first) ?? 0) + 1);
    initialsCount.set(p.initials, (initialsCount.get(p.initials) ?? 0) + 1);
  }
  const people = all
    .filter((p) => p.informational)
    .map((p) => ({
      address: p.address,
      full: p.full,
      surname: p.last.length >= 4 && surnameCount.get(p.last) === 1 ? p.last : null,
      firstName: p.first.length >= 3 && firstCount.get(p.first) === 1 ? p.first : null,
      initials: initialsCount.get(p.initials) === 1 ? p.initials : null,
    }));
  namedPeopleOf.set(threadsByContact, people);
  return people;
}

/** Index threads by each of their contacts. */
export function indexThreadsByContact(
  threads: Iterable<{
    threadId: string;
    assessment: {
      informational: boolean;
      direction: Direction | null;
      category: ThreadCategory;
      contacts: string[];
      contactNames?: Record<string, string>;
    };
  }>,
): Map<string, ContactThreadInfo[]> {
  const map = new Map<string, ContactThreadInfo[]>();
  for (const t of threads) {
    for (const c of t.assessment.contacts) {
      const list = map.get(c) ?? [];
      list.push({
        threadId: t.threadId,
        informational: t.assessment.informational,
        direction: t.assessment.direction,
        category: t.assessment.category,
        ...(t.assessment.contactNames?.[c] ? { name: t.assessment.contactNames[c] } : {}),
      });
      map.set(c, list);
    }
  }
  return map;
}
