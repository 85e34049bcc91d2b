/**
 * Step (a) of the engine: read one thread (with bodies) and decide whether it is an informational
 * conversation, in which direction, with whom, and what was agreed. The only step that reads bodies; the
 * result is JSON-serialisable and carries its reasons.
 */
import { domainOf, normalizeAddress, organisationName, sameOrganisation } from "./addresses.js";
import { extractAgreedMeetings } from "./agreed-time.js";
import type { Direction, ThreadAssessment, ThreadCategory } from "./engine-types.js";
import type { EmailAddress, MailMessage } from "./mail.js";
import { bulkHeaderReasons, isAutoReply, isDecline, isDoNotContact } from "./reply-cues.js";
import { findSignals, foldText, groupTotals, type SignalGroup, type SignalHit } from "./text-signals.js";
import { quickVisibleText, visibleText } from "./visible-text.js";

export interface AssessThreadOptions {
  /** User's IANA time zone (reading "Thursday at 2pm"). */
  timeZone: string;
  defaultMeetingMinutes?: number;
  /**
   * Contacts already known from other informational threads (address -> direction). A thread that continues
   * such a relationship (a progress update, a later question) is informational too.
   */
  knownContacts?: ReadonlyMap<string, Direction>;
}

/** Score at which a thread is called informational. */
export const DECISION_THRESHOLD = 3;

interface MessageView {
  msg: MailMessage;
  user: boolean;
  from: string | null;
  recipients: string[];
  folded: string;
  text: string;
  hits: SignalHit[];
  totals: Record<SignalGroup, number>;
  askTotal: number;
  complete: boolean;
  bulk: string[];
}

const fmt = (n: number): string => (n > 0 ? `+${n.toFixed(1)}` : n.toFixed(1));

function viewOf(m: MailMessage, me: ReadonlySet<string>): MessageView {
  const from = m.from ? normalizeAddress(m.from.address) : null;
  const text = quickVisibleText(m.bodyText ?? "");
  const folded = foldText(`${m.subject ?? ""}\n${text}`);
  // Only the cheap "asks for a conversation" signals first; the rest when the thread can matter.
  const askHits = findSignals(folded, "ask");
  return {
    msg: m,
    user: m.sentByUser || (from !== null && me.has(from)),
    from,
    recipients: [...m.to, ...m.cc].map((a) => normalizeAddress(a.address)),
    folded,
    text,
    hits: askHits,
    totals: groupTotals(askHits),
    askTotal: groupTotals(askHits).ask,
    complete: false,
    bulk: bulkHeaderReasons(m.headers ?? {}, from),
  };
}

function completeView(v: MessageView): void {
  if (v.complete) return;
  v.hits = findSignals(v.folded);
  v.totals = groupTotals(v.hits);
  v.complete = true;
}

const QUICK_REASONS: string[] = ["not informational: nobody asks for a conversation in the opening messages"];
const QUICK_BULK_REASONS: string[] = [
  ...QUICK_REASONS,
  "bulk or automated mail (list, bulk or auto-generated headers)",
];

/** A thread with no request for a conversation in its opening messages: not informational, cheaply. */
function quickNegative(
  views: MessageView[],
  me: ReadonlySet<string>,
  names: Record<string, string>,
  empty: ThreadAssessment,
): ThreadAssessment {
  const first = views[0] as MessageView;
  const opener = views.find((v) => v.user || v.recipients.some((r) => me.has(r))) ?? first;
  const contacts: string[] = [];
  const add = (a: string | null): void => {
    if (a && !me.has(a) && !contacts.includes(a)) contacts.push(a);
  };
  if (opener.user) opener.recipients.forEach(add);
  else add(opener.from);
  for (const v of views) if (!v.user) add(v.from);
  const bulk = views.some((v) => !v.user && v.bulk.length > 0);
  return {
    ...empty,
    confidence: 0.95,
    category: bulk ? "bulk" : "other",
    reasons: bulk ? QUICK_BULK_REASONS : QUICK_REASONS,
    contacts: contacts.slice(0, 20),
    contactNames: Object.fromEntries(contacts.filter((c) => names[c]).map((c) => [c, names[c] as string])),
    requestMessageId: opener.msg.messageId,
  };
}

const POSITIVE: SignalGroup[] = ["ask", "purpose", "connection"];
const NEGATIVE: SignalGroup[] = ["hiring", "recruiter", "sales", "bulk", "event", "programme"];

function requestScore(v: MessageView): number {
  return v.totals.ask + v.totals.purpose + v.totals.connection;
}

function isIntroduction(v: MessageView, me: ReadonlySet<string>): boolean {
  if (v.user) return false;
  const others = v.recipients.filter((r) => !me.has(r));
  return (
    others.length >= 1 &&
    v.recipients.some((r) => me.has(r)) &&
    (/\b(intro|introduc|<>|e-?meet|meet each other|connect(ing)? you)/.test(v.folded) ||
      v.hits.some((h) => h.id === "connection.referral"))
  );
}

const REFERRAL_DIRECT =
  /\b((?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.? )?[A-ZÀ-ÖØ-Þ][\p{L}'’-]+(?: [A-ZÀ-ÖØ-Þ][\p{L}'’-]+){0,2}) (?:suggested|recommended|mentioned you|gave me your|passed (?:along|on) your|thought you)/u;
const REFERRAL_NAME =
  /\b((?:(?:Dr|Prof|Professor|Mr|Mrs|Ms|Mx)\.? )?[A-ZÀ-ÖØ-Þ][\p{L}'’-]+(?: [A-ZÀ-ÖØ-Þ][\p{L}'’-]+){0,2}),? (?:[^,.]{0,80}?,? )?(?:suggested|recommended|mentioned you|gave me your|passed (?:along|on) your|thought you)/u;

export function assessThread(
  messages: readonly MailMessage[],
  me: readonly string[],
  options: AssessThreadOptions,
): ThreadAssessment {
  const meSet = new Set(me.map(normalizeAddress));
  const sorted = [...messages].sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  const views = sorted.map((m) => viewOf(m, meSet));
  const reasons: string[] = [];
  const names: Record<string, string> = {};
  const remember = (a: EmailAddress): void => {
    const addr = normalizeAddress(a.address);
    if (a.name && !meSet.has(addr) && !names[addr]) names[addr] = a.name;
  };
  for (const v of views) {
    if (v.msg.from) remember(v.msg.from);
    for (const a of [...v.msg.to, ...v.msg.cc]) remember(a);
  }

  const empty: ThreadAssessment = {
    informational: false,
    direction: null,
    confidence: 1,
    category: "other",
    reasons: ["empty thread"],
    contacts: [],
    contactNames: {},
    declined: false,
    doNotContact: false,
    meetingCancelled: false,
    agreedMeetings: [],
    requestMessageId: null,
  };
  const first = views[0];
  if (!first) return empty;
  const knownHere = options.knownContacts
    ? views.some(
        (v) =>
          (v.from && options.knownContacts?.has(v.from)) || v.recipients.some((r) => options.knownContacts?.has(r)),
      )
    : false;
  if (!knownHere && !views.slice(0, 4).some((v) => v.askTotal >= 1)) return quickNegative(views, meSet, names, empty);
  for (const v of views) completeView(v);

  // --- which message asks for the conversation
  const early = views.slice(0, 4);
  const eligible = early.filter((v) => v.user || v.recipients.some((r) => meSet.has(r)));
  const intro = isIntroduction(first, meSet) ? first : null;
  let request =
    eligible.find((v) => v !== intro && v.totals.ask >= 1 && v.totals.purpose >= 1) ??
    [...eligible].filter((v) => v !== intro).sort((a, b) => requestScore(b) - requestScore(a))[0] ??
    first;
  if (intro && request === intro) request = eligible.find((v) => v !== intro) ?? intro;
  const direction: Direction = request.user ? "seeker" : "host";

  // --- contacts
  const contacts: string[] = [];
  const add = (a: string | null): void => {
    if (a && !meSet.has(a) && !contacts.includes(a)) contacts.push(a);
  };
  if (request.user) {
    for (const a of [...request.msg.to, ...request.msg.cc]) add(normalizeAddress(a.address));
  } else add(request.from);
  for (const v of views) if (!v.user && v !== intro) add(v.from);
  let referredBy: string | undefined;
  if (intro?.from) {
    const introducer = intro.from;
    const stillAddressed = request.user && request.recipients.includes(introducer);
    if (!stillAddressed) {
      const i = contacts.indexOf(introducer);
      if (i >= 0) contacts.splice(i, 1);
    }
    referredBy = names[introducer] ?? introducer;
  } else {
    const m = REFERRAL_DIRECT.exec(request.text) ?? REFERRAL_NAME.exec(request.text);
    const name = m?.[1]?.replace(/^(Hi|Hello|Hey|Dear|Hallo|Bonjour|Hola|Oi|Ciao)\s+/, "");
    if (name && !/^(I|We|She|He|They|You|It|Someone|Somebody|This|That|Who|Hi|Hello|Dear)$/.test(name))
      referredBy = name;
  }
  const primary = contacts[0] ?? null;

  // --- score
  let score = 0;
  const addScore = (delta: number, why: string): void => {
    if (delta === 0) return;
    score += delta;
    reasons.push(`${fmt(delta)} ${why}`);
  };
  const who = request.user ? "the user's message" : `the message from ${request.from ?? "unknown"}`;
  for (const g of POSITIVE) {
    const hits = request.hits.filter((h) => h.group === g);
    if (hits.length === 0) continue;
    addScore(request.totals[g], `${who}: ${hits.map((h) => `${h.label} ("${h.match}")`).join("; ")}`);
  }
  if (intro && intro !== request) addScore(1, `introduction by ${referredBy ?? intro.from}`);
  const afterThanks = views.find((v) => v !== request && v.totals.after > 0 && v.user === request.user);
  if (afterThanks) addScore(afterThanks.totals.after, "thanks the other person for a conversation afterwards");

  // negatives: the request message counts fully, the strongest other evidence per group at half weight
  let category: ThreadCategory = "other";
  const strongestNeg: { group: SignalGroup; value: number } = { group: "bulk", value: 0 };
  for (const g of NEGATIVE) {
    const own = request.totals[g];
    const other = Math.min(0, ...views.filter((v) => v !== request).map((v) => v.totals[g]));
    const value = own + Math.min(0, other - own) * 0.5;
    if (value < 0) {
      const src = [request, ...views].find((v) => v.totals[g] < 0);
      const labels = src ? src.hits.filter((h) => h.group === g).map((h) => `${h.label} ("${h.match}")`) : [];
      addScore(value, labels.join("; ") || g);
      if (value < strongestNeg.value) {
        strongestNeg.group = g;
        strongestNeg.value = value;
      }
    }
  }
  // list/bulk headers of mail the user received (auto-replies such as out-of-office notes do not make a thread bulk)
  const bulkHeaders = [
    ...new Set(views.filter((v) => !v.user && !isAutoReply(v.msg.headers ?? {}, v.msg.subject)).flatMap((v) => v.bulk)),
  ];
  if (bulkHeaders.length > 0) {
    addScore(-6, `bulk or automated mail: ${bulkHeaders.slice(0, 3).join("; ")}`);
    strongestNeg.group = "bulk";
    strongestNeg.value = -6;
  }
  if (strongestNeg.value <= -2) {
    category =
      strongestNeg.group === "hiring"
        ? "formal_hiring"
        : strongestNeg.group === "programme"
          ? "event"
          : (strongestNeg.group as ThreadCategory);
  }

  // structure
  const userInvolved = views.some((v) => v.user || v.msg.to.some((a) => meSet.has(normalizeAddress(a.address))));
  if (!userInvolved) addScore(-4, "the user is neither the sender nor a direct recipient");
  const otherRecipients = request.recipients.filter((r) => !meSet.has(r));
  if (otherRecipients.length > 4) addScore(-2, `sent to ${otherRecipients.length} people`);
  const myWork = [...meSet].filter(
    (a) => !/\.(edu|ac\.[a-z]{2})$/.test(domainOf(a)) && !/(^|\.)students?\./.test(domainOf(a)),
  );
  if (primary && myWork.some((a) => sameOrganisation(a, primary))) {
    addScore(-1.5, `${primary} works in the user's own organisation`);
    if (category === "other") category = "work";
  }
  const known = options.knownContacts ? contacts.find((c) => options.knownContacts?.has(c)) : undefined;
  let continuation = false;
  const relationshipTalk = views.some(
    (v) => v.totals.update + v.totals.after + v.totals.purpose + v.totals.ask + v.totals.connection >= 1.5,
  );
  if (
    known &&
    relationshipTalk &&
    userInvolved &&
    bulkHeaders.length === 0 &&
    strongestNeg.value > -2 &&
    contacts.length <= 3
  ) {
    continuation = true;
    addScore(3.5, `continues an informational relationship with ${known}`);
  }

  const ask = request.totals.ask;
  const purpose = request.totals.purpose;
  // The user's own personal outreach asking someone for a short conversation, with some career context or a
  // connection (a referral, "I saw your talk") and nothing that reads like hiring, recruiting, sales or
  // colleague work, is a request for career conversation even without an explicit career-path topic word.
  const colleague = primary !== null && myWork.some((a) => sameOrganisation(a, primary));
  const personalOutreach =
    request.user &&
    ask >= 1 &&
    purpose + request.totals.connection > 0 &&
    strongestNeg.value === 0 &&
    bulkHeaders.length === 0 &&
    !colleague &&
    otherRecipients.length <= 2;
  if (personalOutreach && !(ask >= 1 && purpose >= 1)) {
    reasons.push("the user's own personal request for a short conversation, with career context or a connection");
    addScore(0.5, "one-to-one personal outreach by the user");
  }
  const shaped = (ask >= 1 && purpose >= 1) || ask >= 3 || continuation || personalOutreach;
  if (!shaped && score >= DECISION_THRESHOLD)
    reasons.push("no request for a conversation about someone's career path (needs both)");
  const informational = shaped && score >= DECISION_THRESHOLD && contacts.length > 0;
  const p = 1 / (1 + Math.exp(-(score - DECISION_THRESHOLD)));
  const finalDirection: Direction =
    continuation && known ? (options.knownContacts?.get(known) ?? direction) : direction;
  reasons.unshift(
    informational
      ? `informational (${finalDirection}): score ${score.toFixed(1)} >= ${DECISION_THRESHOLD}`
      : `not informational: score ${score.toFixed(1)}${shaped ? ` < ${DECISION_THRESHOLD}` : ""}`,
  );

  // --- what happened after the request
  const after = views.slice(views.indexOf(request) + 1);
  const counterpartAfter = after.filter((v) => v.user !== request.user);
  const declined = informational && counterpartAfter.some((v) => isDecline(v.folded));
  const doNotContact = views.some((v) => !v.user && isDoNotContact(v.folded));
  if (declined) reasons.push("the contact declined the request");
  if (doNotContact) reasons.push("the contact asked not to be contacted");
  const agreed = informational
    ? extractAgreedMeetings(
        views.slice(views.indexOf(request)).map((v) => ({
          messageId: v.msg.messageId,
          date: v.msg.date,
          sentByUser: v.user,
          text: visibleText(v.msg.bodyText ?? ""),
        })),
        options.timeZone,
        options.defaultMeetingMinutes ?? 30,
      )
    : { meetings: [], cancelled: false };
  for (const a of agreed.meetings) reasons.push(`time agreed by email: ${a.start}`);
  if (agreed.cancelled) reasons.push("an agreed time was called off");

  const result: ThreadAssessment = {
    informational,
    direction: informational ? finalDirection : null,
    confidence: Number((informational ? p : 1 - p).toFixed(3)),
    category: informational ? "informational" : category,
    reasons,
    contacts,
    contactNames: Object.fromEntries(contacts.filter((c) => names[c]).map((c) => [c, names[c] as string])),
    declined,
    doNotContact,
    meetingCancelled: agreed.cancelled,
    agreedMeetings: agreed.meetings,
    requestMessageId: request.msg.messageId,
  };
  if (referredBy && informational) result.referredBy = referredBy;
  const org = primary ? organisationName(primary) : undefined;
  if (org) result.organisation = org;
  return result;
}

/** Contacts of informational threads, for the second pass (continuations of a known relationship). */
export function informationalContacts(assessments: Iterable<ThreadAssessment>): Map<string, Direction> {
  const out = new Map<string, Direction>();
  for (const a of assessments) {
    if (!a.informational || !a.direction) continue;
    const c = a.contacts[0];
    if (c && !out.has(c)) out.set(c, a.direction);
  }
  return out;
}
