/**
 * Evidence about one thread, apart from the decision: who asked whom for a conversation, in which message and
 * which part of it (the author's own words, or a message they quote), what the other side answered, and what
 * speaks against it — always judged from the person who wrote the words, never from the user's own signature.
 *
 * The result is a small vector of named numeric features (see FEATURES) plus what the reasons need (the request,
 * the phrases that matched, the people). The decision is made elsewhere (detection-model.ts) with fitted weights.
 * Pure: no I/O, no clock. Bodies are read here and nowhere after.
 */
import { domainOf, normalizeAddress, sameOrganisation } from "./addresses.js";
import type { Direction } from "./engine-types.js";
import type { EmailAddress, MailMessage } from "./mail.js";
import { type QuotedPart, splitMessage } from "./message-parts.js";
import { ACCEPTANCE, bulkHeaderReasons, isAutoReply, isDecline, isDoNotContact } from "./reply-cues.js";
import { INTRODUCTION_CUE } from "./signals-multilingual.js";
import { anySignal, findSignals, foldText, groupTotals, type SignalGroup, type SignalHit } from "./text-signals.js";

/** The features, in a fixed order (the model's weights follow it). */
export const FEATURES = [
  "req_ask",
  "req_purpose",
  "req_connection",
  "req_ask_purpose",
  "req_quoted",
  "host",
  "offer",
  "after_thanks",
  "update",
  "intro",
  "known",
  "known_talk",
  "known_user_opened",
  "replied",
  "agreed_time",
  "declined",
  "neg_hiring_contact",
  "neg_hiring_user",
  "neg_recruiter_contact",
  "neg_recruiter_user",
  "neg_sales_contact",
  "neg_sales_user",
  "neg_event",
  "neg_programme",
  "neg_press",
  "neg_work",
  "bulk_footer",
  "bulk_headers",
  "not_involved",
  "recipients",
  "colleague",
  "colleague_career",
  "host_career",
  "host_seeker",
  "host_user_offer",
  "host_passed_on",
  "role_mailbox",
  "absent_ask",
  "req_no_ask",
] as const;
export type FeatureName = (typeof FEATURES)[number];

/**
 * The direction each feature may push the decision (domain knowledge, enforced when fitting): +1 only towards
 * informational, -1 only away from it, 0 either way. The negative-signal features carry negative values, so
 * their weights are >= 0 like the positives'.
 */
export const FEATURE_SIGNS: Record<FeatureName, 1 | -1 | 0> = {
  req_ask: 1,
  req_purpose: 1,
  req_connection: 1,
  req_ask_purpose: 1,
  req_quoted: 0,
  host: 0,
  offer: 1,
  after_thanks: 1,
  update: 1,
  intro: 1,
  known: 1,
  known_talk: 1,
  known_user_opened: 1,
  replied: 1,
  agreed_time: 1,
  declined: 0,
  neg_hiring_contact: 1,
  neg_hiring_user: 1,
  neg_recruiter_contact: 1,
  neg_recruiter_user: 1,
  neg_sales_contact: 1,
  neg_sales_user: 1,
  neg_event: 1,
  neg_programme: 1,
  neg_press: 1,
  neg_work: 1,
  bulk_footer: -1,
  bulk_headers: -1,
  not_involved: -1,
  recipients: -1,
  colleague: -1,
  colleague_career: 0,
  host_career: 1,
  host_seeker: 1,
  host_user_offer: 1,
  host_passed_on: 0,
  role_mailbox: -1,
  absent_ask: 1,
  req_no_ask: -1,
};
export type FeatureVector = Record<FeatureName, number>;

export type Role = "user" | "contact";

/** One piece of text with its author: a message's own words, or a message it quotes. */
export interface Piece {
  role: Role;
  /** Index of the message (in date order) that holds the piece. */
  message: number;
  quoted: boolean;
  /** Addressed to the user (always false for the user's own words). */
  toUser: boolean;
  /** Author address when known. */
  author: string | null;
  authorName: string;
  folded: string;
  hits: SignalHit[];
  totals: Record<SignalGroup, number>;
}

export interface ThreadEvidence {
  features: FeatureVector;
  direction: Direction;
  /** Decided by the cheap path: nothing in the thread asks for, offers, or thanks for a conversation. */
  quick: boolean;
  /** The piece that asks for the conversation (null when none does). */
  request: Piece | null;
  /** Message-ID of the message holding the request (the user's outreach for a seeker thread). */
  requestMessageId: string | null;
  /** Index of the first message that belongs to the conversation proper (the request, or the first message). */
  requestIndex: number;
  contacts: string[];
  contactNames: Record<string, string>;
  introducer: string | null;
  knownContact: string | null;
  userInvolved: boolean;
  bulkHeaders: string[];
  /** The strongest negative group and its value (for the category of a negative thread). */
  strongestNegative: { group: SignalGroup; value: number };
  /** The first phrase that made each feature fire (for reasons people read). */
  matches: Partial<Record<FeatureName, string>>;
  declined: boolean;
  doNotContact: boolean;
  pieces: Piece[];
}

export interface EvidenceOptions {
  /** Contacts already known from other informational threads (address -> direction). */
  knownContacts?: ReadonlyMap<string, Direction>;
}

const QUICK_GROUPS: SignalGroup[] = ["ask", "purpose", "after", "offer", "update", "connection"];
const EARLY_MESSAGES = 5;

const ZERO_FEATURES = Object.freeze(Object.fromEntries(FEATURES.map((f) => [f, 0])) as FeatureVector);

function zeroFeatures(): FeatureVector {
  return { ...ZERO_FEATURES };
}

function nameTokens(text: string): string[] {
  return foldText(text)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .split(/[^\p{L}]+/u)
    .filter((t) => t.length >= 3);
}

interface Participant {
  address: string;
  tokens: Set<string>;
}

function participantOf(a: EmailAddress): Participant {
  const local = a.address.split("@")[0] ?? "";
  return { address: normalizeAddress(a.address), tokens: new Set([...nameTokens(a.name), ...nameTokens(local)]) };
}

/**
 * The name tokens of everyone in the thread (the user's from their addresses and the names they write under),
 * for telling who wrote a quoted message. Only a thread that gets past the cheap path needs them.
 */
function participantsOf(
  views: readonly MessageView[],
  meSet: ReadonlySet<string>,
): { participants: Map<string, Participant>; user: { tokens: Set<string> } } {
  const participants = new Map<string, Participant>();
  const userTokens = new Set<string>();
  for (const a of meSet) for (const t of nameTokens(a.split("@")[0] ?? "")) userTokens.add(t);
  for (const v of views) {
    for (const a of [...(v.msg.from ? [v.msg.from] : []), ...v.msg.to, ...v.msg.cc]) {
      const addr = normalizeAddress(a.address);
      if (meSet.has(addr)) {
        for (const t of nameTokens(a.name)) userTokens.add(t);
        continue;
      }
      if (!participants.has(addr)) participants.set(addr, participantOf(a));
    }
  }
  return { participants, user: { tokens: userTokens } };
}

/** How well a name written in a quote header ("Kaminski, Vince J", "Rob Wilson") fits a participant. */
function nameMatches(name: string, p: { tokens: Set<string> }): boolean {
  const tokens = nameTokens(name);
  if (tokens.length === 0) return false;
  const hits = tokens.filter((t) => p.tokens.has(t)).length;
  return hits >= 2 || (hits === 1 && tokens.length === 1) || (hits >= 1 && tokens.length >= 2 && p.tokens.size <= 2);
}

function positiveScore(p: Piece): number {
  return p.totals.ask + p.totals.purpose + p.totals.connection;
}

function firstMatch(pieces: readonly Piece[], group: SignalGroup): string | undefined {
  for (const p of pieces) {
    const h = p.hits.find((x) => x.group === group);
    if (h) return h.match;
  }
  return undefined;
}

interface MessageView {
  msg: MailMessage;
  user: boolean;
  from: string | null;
  recipients: string[];
  direct: string[];
  own: string;
  signature: string;
  quoted: QuotedPart[];
  allFolded: string;
}

function viewOf(m: MailMessage, me: ReadonlySet<string>, present: ReadonlySet<string>): MessageView {
  const from = m.from ? normalizeAddress(m.from.address) : null;
  const parts = splitMessage(m.bodyText ?? "");
  // a reply's quote of a message that is itself in the thread says nothing new: read the original instead
  const parent = m.inReplyTo[0] ?? m.references[m.references.length - 1];
  if (parent && present.has(parent)) parts.quoted = [];
  const quotedText = parts.quoted.map((q) => q.text).join("\n");
  return {
    msg: m,
    user: m.sentByUser || (from !== null && me.has(from)),
    from,
    recipients: [...m.to, ...m.cc].map((a) => normalizeAddress(a.address)),
    direct: m.to.map((a) => normalizeAddress(a.address)),
    own: parts.own,
    signature: parts.signature,
    quoted: parts.quoted,
    allFolded: foldText(`${m.subject ?? ""}\n${parts.own}\n${quotedText}`),
  };
}

function piece(
  role: Role,
  message: number,
  quoted: boolean,
  toUser: boolean,
  author: string | null,
  authorName: string,
  text: string,
): Piece {
  const folded = foldText(text);
  const hits = folded.trim() ? findSignals(folded) : [];
  return { role, message, quoted, toUser, author, authorName, folded, hits, totals: groupTotals(hits) };
}

/** Opening subjects count for the person who wrote the first message ("Re:" subjects: the quoted author). */
const REPLY_SUBJECT = /^\s*((re|aw|sv|vs|r|rif|antw|enc|fw|fwd|wg|tr|rv)\s*(\[\d+\])?\s*[:：]\s*)+/i;

export function threadEvidence(
  messages: readonly MailMessage[],
  me: readonly string[],
  options: EvidenceOptions = {},
): ThreadEvidence {
  const meSet = new Set(me.map(normalizeAddress));
  const sorted = [...messages].sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  const present = new Set(sorted.map((m) => m.messageId).filter((id): id is string => id !== null));
  const views = sorted.map((m) => viewOf(m, meSet, present));
  const features = zeroFeatures();
  const matches: Partial<Record<FeatureName, string>> = {};

  // --- people
  const names: Record<string, string> = {};
  for (const v of views) {
    for (const a of [...(v.msg.from ? [v.msg.from] : []), ...v.msg.to, ...v.msg.cc]) {
      const addr = normalizeAddress(a.address);
      if (meSet.has(addr)) continue;
      if (a.name && !names[addr]) names[addr] = a.name;
    }
  }

  const userInvolved = views.some((v) => v.user || v.direct.some((a) => meSet.has(a)));
  const bulkHeaders = [
    ...new Set(
      views
        .filter((v) => !v.user && !isAutoReply(v.msg.headers ?? {}, v.msg.subject))
        .flatMap((v) => bulkHeaderReasons(v.msg.headers ?? {}, v.from)),
    ),
  ];
  const known = options.knownContacts;
  const knownContact =
    (known &&
      views
        .flatMap((v) => [v.from, ...v.recipients])
        .find((a): a is string => a !== null && !meSet.has(a) && known.has(a))) ??
    null;
  const introIndex = views.findIndex(
    (v, i) =>
      i < 3 &&
      !v.user &&
      v.recipients.some((r) => meSet.has(r)) &&
      v.recipients.some((r) => !meSet.has(r) && r !== v.from) &&
      INTRODUCTION_CUE.test(v.allFolded),
  );
  const intro = introIndex >= 0 ? views[introIndex] : undefined;

  // --- the cheap path: nothing anywhere asks for, offers, or thanks for a conversation, and the user does not
  // open the thread sending someone she already had a career conversation with something to read (an article
  // shared keeps a relationship going; everyday mail with the same person does not)
  const anyCue = views.some((v) => anySignal(v.allFolded, QUICK_GROUPS));
  const opener = views[0];
  const sharesWithKnown =
    knownContact !== null &&
    bulkHeaders.length === 0 &&
    opener?.user &&
    opener.direct.includes(knownContact) &&
    SHARED_LINK.test(opener.own);
  if (!anyCue && !intro && !sharesWithKnown) {
    const contacts = fallbackContacts(views, meSet);
    return {
      features,
      direction: "seeker",
      quick: true,
      request: null,
      requestMessageId: views.find((v) => v.user || v.recipients.some((r) => meSet.has(r)))?.msg.messageId ?? null,
      requestIndex: 0,
      contacts,
      contactNames: pick(names, contacts),
      introducer: null,
      knownContact: null,
      userInvolved,
      bulkHeaders,
      strongestNegative: { group: "bulk", value: bulkHeaders.length > 0 ? -6 : 0 },
      matches,
      declined: false,
      doNotContact: false,
      pieces: [],
    };
  }

  // --- pieces: each message's own words, and the messages it quotes, with their authors
  const { participants, user: userParticipant } = participantsOf(views, meSet);
  const toUserText = (text: string): boolean =>
    !!text &&
    ([...meSet].some((a) => text.toLowerCase().includes(a)) ||
      nameMatches(text.split(/[,;]/)[0] ?? text, userParticipant));
  const pieces: Piece[] = [];
  const firstSubject = views[0]?.msg.subject ?? "";
  const firstIsReply = REPLY_SUBJECT.test(firstSubject);
  views.forEach((v, i) => {
    const role: Role = v.user ? "user" : "contact";
    const toUser = !v.user && v.recipients.some((r) => meSet.has(r));
    const subject = i === 0 && !firstIsReply ? `${firstSubject}\n` : "";
    pieces.push(piece(role, i, false, toUser, v.from, v.msg.from?.name ?? "", `${subject}${v.own}`));
    v.quoted.forEach((q, qi) => {
      const author = resolveQuotedAuthor(q, v, meSet, participants, userParticipant);
      // a quote's recipient: its header's To: line, else the person its container answers
      const qToUser =
        author.role === "contact" &&
        (q.to ? toUserText(q.to) : v.user || qi > 0 || v.recipients.some((r) => meSet.has(r)));
      const quotedSubject = i === 0 && qi === 0 && firstIsReply ? `${firstSubject.replace(REPLY_SUBJECT, "")}\n` : "";
      pieces.push(piece(author.role, i, true, qToUser, author.address, q.authorName, `${quotedSubject}${q.text}`));
    });
  });
  // the thread opens with a reply that quotes nothing: what it answers is not in the mailbox
  const opensOnAbsent = firstIsReply && views[0] !== undefined && views[0].quoted.length === 0;
  const absent = views[0] && opensOnAbsent ? absentAsk(views[0], firstSubject, meSet) : null;
  if (absent) pieces.push(absent);

  // --- who asked whom: the strongest request on each side, in the opening messages or quoted by them
  const early = (p: Piece): boolean => p.message < EARLY_MESSAGES && (introIndex < 0 || p.message !== introIndex);
  const best = (filter: (p: Piece) => boolean): Piece | null => {
    let top: Piece | null = null;
    for (const p of pieces) {
      if (!early(p) || !filter(p)) continue;
      if (positiveScore(p) <= 0) continue;
      if (
        !top ||
        positiveScore(p) > positiveScore(top) ||
        (positiveScore(p) === positiveScore(top) && top.quoted && !p.quoted)
      )
        top = p;
    }
    return top;
  };
  const seeker = best((p) => p.role === "user");
  // the other side asks only when its words ask for something and offer nothing ("happy to tell you how…" is help)
  const host = best(
    (p) => p.role === "contact" && p.toUser && p.totals.ask > 0 && (p.totals.offer === 0 || p.totals.ask >= 2),
  );
  // a contact's offer counts in their own words or quoted to the user (the reply that survives only quoted)
  const offerPieces = pieces.filter((p) => p.role === "contact" && (!p.quoted || p.toUser) && p.totals.offer > 0);
  const offer = Math.max(0, ...offerPieces.map((p) => p.totals.offer));
  // the one who thanks for a conversation is the one who was helped
  const thanks = (role: Role): number =>
    Math.max(0, ...pieces.filter((p) => !p.quoted && p.role === role).map((p) => p.totals.after));
  // after an introduction "great to meet you" is a greeting either side writes, not how one found the other
  const strength = (p: Piece | null): number =>
    p ? positiveScore(p) - (intro && p.message !== introIndex ? p.totals.connection : 0) : 0;
  const seekerStrength = strength(seeker) + offer * 0.75 + thanks("user") * 0.5;
  const userOffer = Math.max(0, ...pieces.filter((p) => p.role === "user" && !p.quoted).map((p) => p.totals.offer));
  const hostStrength = strength(host) + thanks("contact") * 0.5 + userOffer * 0.75;
  let direction: Direction = hostStrength > seekerStrength ? "host" : "seeker";
  // a relationship keeps its direction unless this thread clearly asks the other way
  if (knownContact && known && Math.abs(seekerStrength - hostStrength) < 1)
    direction = known.get(knownContact) ?? direction;
  // an introduction brings the user (a seeker, by default) to someone: the introduced person's "shall we have a
  // call?" is an answer, unless they say they are the student or the user offers the help
  if (intro && direction === "host" && userOffer === 0 && !host?.hits.some((h) => h.id === "purpose.seeker"))
    direction = "seeker";
  const request = direction === "host" ? host : seeker;
  const requestIndex = request ? request.message : Math.max(0, introIndex + 1 < views.length ? introIndex + 1 : 0);
  const requestView = views[requestIndex] ?? views[0];

  // --- contacts: the people the request is between (introducers apart)
  const contacts: string[] = [];
  const add = (a: string | null): void => {
    if (a && !meSet.has(a) && !contacts.includes(a)) contacts.push(a);
  };
  if (request?.quoted && request.role === "contact" && request.author) {
    // an ask forwarded or quoted: its author is the contact, whoever the forward went to
    add(request.author);
  }
  if (requestView?.user) for (const r of requestView.recipients) add(r);
  else add(requestView?.from ?? null);
  for (const v of views) if (!v.user && v !== intro) add(v.from);
  for (const v of views) if (v.user) for (const r of v.direct) add(r);
  // people who wrote to the user in quoted messages (a forwarded request, a reply quoting an answer)
  for (const p of pieces) if (p.quoted && p.role === "contact" && p.toUser) add(p.author);
  const introducer = intro?.from ?? null;
  if (introducer && intro) {
    // an introduction's conversation is with the people introduced; the introducer is the referrer
    const introduced = intro.recipients.filter((r) => r !== introducer && !meSet.has(r));
    const rest = contacts.filter((c) => c !== introducer && !introduced.includes(c));
    contacts.splice(0, contacts.length, ...introduced, ...rest);
    if (contacts.length === 0) contacts.push(introducer);
  }
  const primary = contacts[0] ?? null;

  // --- features of the request
  if (request) {
    features.req_ask = request.totals.ask;
    features.req_purpose = request.totals.purpose;
    features.req_connection = request.totals.connection;
    features.req_ask_purpose = (Math.min(request.totals.ask, 2) * Math.min(request.totals.purpose, 2)) / 2;
    features.req_quoted = request.quoted ? 1 : 0;
    // career words with nothing asked: a statement, news, or an answer to a message in the thread, not a request.
    // The user's statement in reply to a message the mailbox lacks (a "Re:" that opens the thread quoting nothing,
    // asking no question) answers an ask nobody can read: that says nothing either way
    const answersAbsent =
      opensOnAbsent && request.role === "user" && request.message === 0 && !request.folded.includes("?");
    features.req_no_ask = request.totals.ask > 0 || answersAbsent ? 0 : 1;
    for (const [f, g] of [
      ["req_ask", "ask"],
      ["req_purpose", "purpose"],
      ["req_connection", "connection"],
    ] as const) {
      const m = request.hits.find((h) => h.group === g)?.match;
      if (m) matches[f] = m;
    }
  }
  features.host = direction === "host" ? 1 : 0;
  features.offer = direction === "seeker" ? offer : 0;
  if (offer > 0) matches.offer = firstMatch(offerPieces, "offer");
  const ownPieces = pieces.filter((p) => !p.quoted);
  const afterPieces = ownPieces.filter((p) => p.totals.after > 0 && p !== request);
  features.after_thanks = Math.max(0, ...afterPieces.map((p) => p.totals.after));
  if (afterPieces.length) matches.after_thanks = firstMatch(afterPieces, "after");
  const updatePieces = ownPieces.filter((p) => p.role === "user" && p.totals.update > 0);
  features.update = Math.max(0, ...updatePieces.map((p) => p.totals.update));
  if (updatePieces.length) matches.update = firstMatch(updatePieces, "update");
  features.intro = intro ? 1 : 0;
  if (knownContact) {
    features.known = 1;
    const talk = ownPieces.some((p) => talks(p, 1.5));
    features.known_talk = talk ? 1 : 0;
    // the user keeps the relationship going (an article, a piece of news), rather than the contact writing
    // about something else (a project at work, weekend plans)
    features.known_user_opened = opener?.user ? 1 : 0;
  }
  // what follows the request: for a request that survives only quoted, the message quoting it is the answer
  const after = views.slice(request?.quoted ? requestIndex : requestIndex + 1);
  const requester = requestView?.user ?? true;
  const answers = after.filter((v) => v.user !== requester && !isAutoReply(v.msg.headers ?? {}, v.msg.subject));
  // an answer counts when something was asked (or someone was introduced): a reply to a farewell is not one
  features.replied = answers.length > 0 && (request !== null || intro !== undefined) ? 1 : 0;
  features.agreed_time = after.some((v) => TIME_CUE.test(v.allFolded) && ACCEPTANCE.test(foldText(v.own))) ? 1 : 0;
  const declined = answers.some((v) => isDecline(foldText(v.own)));
  features.declined = declined ? 1 : 0;
  const doNotContact = views.some((v) => !v.user && isDoNotContact(foldText(v.own)));

  // --- negatives, each counted for the side that wrote it (signatures never count)
  let strongestNegative: { group: SignalGroup; value: number } = { group: "bulk", value: 0 };
  const negative = (group: SignalGroup, role: Role | null): { value: number; match?: string } => {
    let value = 0;
    let match: string | undefined;
    for (const p of pieces) {
      if (role && p.role !== role) continue;
      if (p.totals[group] < value) {
        value = p.totals[group];
        match = p.hits.find((h) => h.group === group)?.match;
      }
    }
    return { value, match };
  };
  const negFeatures: [FeatureName, SignalGroup, Role | null][] = [
    ["neg_hiring_contact", "hiring", "contact"],
    ["neg_hiring_user", "hiring", "user"],
    ["neg_recruiter_contact", "recruiter", "contact"],
    ["neg_recruiter_user", "recruiter", "user"],
    ["neg_sales_contact", "sales", "contact"],
    ["neg_sales_user", "sales", "user"],
    ["neg_event", "event", null],
    ["neg_programme", "programme", null],
    ["neg_press", "press", "contact"],
    ["neg_work", "work", null],
  ];
  for (const [f, g, role] of negFeatures) {
    const n = negative(g, role);
    features[f] = n.value;
    if (n.match) matches[f] = n.match;
    if (n.value < strongestNegative.value) strongestNegative = { group: g, value: n.value };
  }
  // a contact's own signature says what they do ("Talent Acquisition", "Recruiter"): their role counts
  const roleInSignature = views
    .filter((v) => !v.user && v.signature)
    .flatMap((v) => findSignals(foldText(v.signature), "recruiter"))[0];
  if (roleInSignature && features.neg_recruiter_contact > roleInSignature.weight) {
    features.neg_recruiter_contact = roleInSignature.weight;
    matches.neg_recruiter_contact = roleInSignature.match;
    if (roleInSignature.weight < strongestNegative.value)
      strongestNegative = { group: "recruiter", value: roleInSignature.weight };
  }
  // bulk footers sit in the signature area of list mail: read the contact's whole message
  const footer = views
    .filter((v) => !v.user)
    .map((v) => findSignals(foldText(`${v.own}\n${v.signature}`), "bulk"))
    .find((h) => h.length > 0);
  if (footer) {
    features.bulk_footer = 1;
    matches.bulk_footer = footer[0]?.match;
    if (-6 < strongestNegative.value) strongestNegative = { group: "bulk", value: -6 };
  }
  if (bulkHeaders.length > 0) {
    features.bulk_headers = 1;
    strongestNegative = { group: "bulk", value: -6 };
  }

  // --- structure
  features.not_involved = userInvolved ? 0 : 1;
  const others = (requestView?.recipients ?? []).filter((r) => !meSet.has(r));
  features.recipients = Math.log2(1 + Math.max(0, others.length - 1));
  const myWork = [...meSet].filter(
    (a) => !/\.(edu|ac\.[a-z]{2})$/.test(domainOf(a)) && !/(^|\.)students?\./.test(domainOf(a)),
  );
  features.colleague = primary && myWork.some((a) => sameOrganisation(a, primary)) ? 1 : 0;
  // a colleague asking about careers (internal mobility) is not a colleague's work request. Of the user's own
  // words to a colleague, one career word alone ("an alumni list", "the transition to online trading") does not
  // make it one: the user writes about careers to colleagues for many reasons
  const careerWords = direction === "seeker" ? Math.max(0, features.req_purpose - 1) * 2 : features.req_purpose;
  features.colleague_career = features.colleague * (Math.min(careerWords, 2) / 2);
  // someone asking the user about careers, as opposed to wanting something else from them
  features.host_career = features.host * (Math.min(features.req_purpose, 2) / 2);
  // the one asking the user is a student, a graduate or someone changing careers, by their words or address
  const askerIsSeeker =
    direction === "host" &&
    request !== null &&
    (SELF_AS_SEEKER.test(request.folded) ||
      request.hits.some((h) => h.id.startsWith("purpose.seeker.")) ||
      (primary !== null && STUDENT_DOMAIN.test(domainOf(primary))));
  features.host_seeker = askerIsSeeker ? 1 : 0;
  // the user, asked, offers help in their own words (time, a meeting, an introduction, a résumé passed on) to
  // someone who is not pitching a job, a sale or a story: "fico à disposição" to a recruiter is politeness
  const helpPieces = pieces.filter(
    (p) =>
      p.role === "user" &&
      !p.quoted &&
      p.totals.offer > 0 &&
      p.totals.recruiter + p.totals.hiring + p.totals.sales === 0,
  );
  const pitched =
    features.neg_hiring_contact + features.neg_recruiter_contact + features.neg_sales_contact + features.neg_press < 0;
  features.host_user_offer = direction === "host" && helpPieces.length > 0 && !pitched ? 1 : 0;
  if (features.host_user_offer) matches.host_user_offer = firstMatch(helpPieces, "offer");
  // the user sends the ask on to someone else (a forward of the asker's message to a colleague), maybe with the
  // asker copied in; addressed to the asker, it is an answer. An asker named without an address ("Tamara
  // Hopkins/ENRON", a Notes forward) matched no participant, so is not among the recipients.
  const holder = request?.quoted ? views[request.message] : undefined;
  const askerLeftOut = request?.author ? !holder?.direct.includes(request.author) : request?.authorName !== "";
  features.host_passed_on = direction === "host" && holder?.user && request?.role === "contact" && askerLeftOut ? 1 : 0;
  // the other party is an organisation's shared mailbox (jobs@, careers@, newsletter@, hello@), not a person
  features.role_mailbox = primary !== null && ROLE_MAILBOX.test(primary.split("@")[0] ?? "") ? 1 : 0;
  features.absent_ask = absent && features.role_mailbox === 0 && bulkHeaders.length === 0 ? 1 : 0;

  return {
    features,
    direction,
    quick: false,
    request,
    requestMessageId: requestView?.msg.messageId ?? null,
    requestIndex,
    contacts: contacts.slice(0, 20),
    contactNames: pick(names, contacts),
    introducer,
    knownContact,
    userInvolved,
    bulkHeaders,
    strongestNegative,
    matches,
    declined,
    doNotContact,
    pieces,
  };
}

/**
 * Whether the user opened the thread sending a link (an article shared): the one kind of thread the cheap path
 * decides that a contact becoming known later can change (the worker's second look reads these again).
 */
export function opensWithSharedLink(messages: readonly MailMessage[], me: readonly string[]): boolean {
  const meSet = new Set(me.map(normalizeAddress));
  const first = [...messages].sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0))[0];
  if (!first) return false;
  const fromUser = first.sentByUser || (first.from !== null && meSet.has(normalizeAddress(first.from.address)));
  return fromUser && SHARED_LINK.test(splitMessage(first.bodyText ?? "").own);
}

/** A link to something to read ("https://…", "www.…"). */
const SHARED_LINK = /\bhttps?:\/\/[^\s/]+\.[a-z]{2,}|\bwww\.[a-z0-9-]+\.[a-z]{2,}/i;

/** Whether a piece says enough about careers or the relationship: an update, thanks, an ask, a referral, an offer. */
function talks(p: Piece, atLeast: number): boolean {
  const t = p.totals;
  return t.update + t.after + t.purpose + t.ask + t.connection + t.offer >= atLeast;
}

/** Local parts of shared mailboxes: applications, lists and front desks ("jobs", "careers-uk", "no_reply", "hello"). */
const ROLE_MAILBOX =
  /^(jobs?|careers?|recruit(ing|ment|ers?)?|talent|hiring|hr|apply|applications?|candidates?|no-?reply|do-?not-?reply|newsletters?|news|infolettre|hello|info|team|updates?|notifications?|notify|alerts?|marketing|digest|support|contact|admin|office|press|media|events?|community|members(hip)?|subscriptions?|billing|sales|bonjour|hola|kontakt|contacto)([._+-][a-z0-9]+)*$/;

/** The writer says what they are: "I'm a freshman", "as a final-year student", "I recently graduated". */
const SELF_AS_SEEKER =
  /\b(i'?m|i am|as an?|currently an?|i'?ve (just )?(become|started as)) ([a-z'-]+ ){0,3}(student|graduate|grad|freshman|sophomore|undergrad|intern|trainee|apprentice|career changer|phd candidate|mba candidate)\b|\bi (just |recently )?(graduated|finished my (degree|studies|phd|masters?))\b|\bi'?m (leaving|getting out of) the (army|military|navy|service)\b|\bi'?m (changing|switching) careers\b|\b(finishing|doing|completing|starting) (my|a) (master'?s|masters|mba|phd|doctorate|bachelor'?s|degree|diploma)\b|\bmajor(ing)? in\b|\bmy (degree|major|studies|dissertation|thesis)\b|\b(i'?m|i am) (thinking about|considering|exploring|hoping to|trying to decide about) (majoring|studying|a career|going into|getting into|moving into|switching|a move|a switch|becoming|doing)\b|\b(i'?m|i am) (in|doing|finishing|starting) (year|grade) \d{1,2}\b|\b(i'?m|i am) (in|doing) (my )?(senior|junior|final|last) year\b|\b(i'?m|i am|i've been) (currently |still |now )?(weighing( up)?|interested in|choosing between|comparing|deciding between|looking at|applying to|trying to (decide|choose) (between|whether to)) ([a-z-]+ ){0,3}(programs|programmes|degrees?|courses|schools|universities|unis?|apprenticeships?|certifications?|study|studying)\b|\bi'?m (ets'?ing|separating from the (army|military|navy|service)|transitioning out of the (army|military|navy|service|forces))\b|\b(i'?m|i am|we'?re|we are|my (family|partner|wife|husband) and i are) (planning to |about to |hoping to |looking to )?(relocat(e|ing)|mov(e|ing)) (back )?to\b|\b(want|hope|hoping|plan|planning|keen|trying) to (do|get into|go into|become|break into|work in) ([a-z-]+ ){1,4}like you( did)?\b/;
const STUDENT_DOMAIN = /\.(edu|ac)(\.[a-z]{2})?$|(^|\.)(students?|stud|alumni|etu|etudiant)\./;

const TIME_CUE =
  /\d{1,2}(:\d{2})?\s*(am|pm|a\.m\.|p\.m\.|uhr|h\b)|\d{1,2}[:.h]\d{2}\b|\bnoon\b|\bmidday\b|\bat \d{1,2}\b|\d{1,2}\s*時/;

function pick(names: Record<string, string>, contacts: readonly string[]): Record<string, string> {
  return Object.fromEntries(contacts.filter((c) => names[c]).map((c) => [c, names[c] as string]));
}

function fallbackContacts(views: readonly MessageView[], meSet: ReadonlySet<string>): string[] {
  const contacts: string[] = [];
  const add = (a: string | null): void => {
    if (a && !meSet.has(a) && !contacts.includes(a)) contacts.push(a);
  };
  const opener = views.find((v) => v.user || v.recipients.some((r) => meSet.has(r))) ?? views[0];
  if (opener?.user) opener.recipients.forEach(add);
  else add(opener?.from ?? null);
  for (const v of views) if (!v.user) add(v.from);
  return contacts.slice(0, 20);
}

/** A reply's subject that is itself the ask: "Re: coffee?", "Re: 15 minutes?", "Re: advice on moving into UX", "Re: pa-advice po", "Re: 2ahwa?". */
const SUBJECT_ASK =
  /^(?:a |one |quick |short |small |brief |career |random )*(?:question|q|coffee|chat|call|phone call|catch[- ]?up|advice|lunch|drinks?|beer|cuppa|pint)s?(?: (?:sometime|soon|next week|this week|please))?\s*[?!.]*$|\b(?:coffee|chat|call|catch[- ]?up|advice|lunch|cuppa|\d{1,2} ?(?:min|mins|minutes))\s*\?+$|^(?:a |some |quick |career )?(?:advice|questions?|chat) (?:on|about|re|regarding|for)\b|\bpick your brain\b|\bcareer (?:question|advice|chat)\b|\b(?:could|can|may) i ask\b|\b(?:kaffee|cafe|cafezinho|consejo|pregunta|conselho|frage|consulta|kape|tanong|2ahwa|ahwa|so2al|su2al)(?: (?:po|lang|lang po|tayo))?\s*\?$|\bpa-?(?:advice|advise|tanong)\b/;

/**
 * The first message in the mailbox answers a message that is not there and quotes nothing of it (a Takeout of
 * some labels, an ask sent to another address): the subject is all that is left of the ask, and it was written
 * by the other side. It counts as their quoted ask when it reads as one and the reply agrees to talk or names a
 * time ("Re: coffee?" — "Yes, happy to - how about Tuesday? 7:30").
 */
function absentAsk(v: MessageView, subject: string, meSet: ReadonlySet<string>): Piece | null {
  if (FORWARD_SUBJECT.test(subject)) return null;
  const asked = foldText(subject.replace(REPLY_SUBJECT, "")).trim();
  const m = asked.length <= 80 ? SUBJECT_ASK.exec(asked) : null;
  if (!m) return null;
  const own = foldText(v.own.slice(0, 600));
  const agrees = anySignal(own, ["offer"]) || (ACCEPTANCE.test(own) && TIME_CUE.test(own));
  if (!agrees) return null;
  const author = v.user ? (v.direct.find((a) => !meSet.has(a)) ?? null) : null;
  const p = piece(v.user ? "contact" : "user", 0, true, v.user, author, "", asked);
  const hit: SignalHit = { id: "ask.subject", group: "ask", weight: 1, label: "asks in the subject", match: m[0] };
  const hits = [...p.hits, hit];
  return { ...p, hits, totals: groupTotals(hits) };
}

const FORWARD_SUBJECT = /^\s*(?:re\s*:\s*)*(fw|fwd|wg|tr|rv|enc)\s*:/i;

/** Who wrote a quoted message: the user, or someone else (with an address when one is known). */
function resolveQuotedAuthor(
  q: QuotedPart,
  container: MessageView,
  meSet: ReadonlySet<string>,
  participants: ReadonlyMap<string, Participant>,
  user: { tokens: Set<string> },
): { role: Role; address: string | null } {
  if (q.authorAddress) {
    if (meSet.has(q.authorAddress)) return { role: "user", address: q.authorAddress };
    return { role: "contact", address: q.authorAddress };
  }
  if (q.authorName) {
    if (nameMatches(q.authorName, user)) return { role: "user", address: null };
    for (const p of participants.values())
      if (nameMatches(q.authorName, p)) return { role: "contact", address: p.address };
    return { role: "contact", address: null };
  }
  // no header: a reply quotes the message it answers
  if (container.user) {
    const answered = container.direct.find((a) => !meSet.has(a)) ?? null;
    return { role: "contact", address: answered };
  }
  return { role: "user", address: null };
}
