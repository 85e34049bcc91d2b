/**
 * What the weekly digest reports, read from the database as of `now` (the account's zone decides the weeks and the
 * goal period). "This week" is the seven days before the digest goes out, so a Monday-morning digest reports the
 * week just past; the chart shows twelve such seven-day windows.
 */
import type { Kysely } from "kysely";
import { goalPeriodStart, startOfDate } from "../domain/digest-period.js";
import type { KnownVia } from "../domain/someone-else-there.js";
import { dateKey, toLocal } from "../domain/time-zone.js";
import type { Account, Database, DraftKind, TouchKind } from "./schema.js";
import { loadSuggestions } from "./someone-else-there.js";

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const CHART_WEEKS = 12;
/** A relationship with no message for this long has gone quiet (the check-in cadence's six weeks). */
const QUIET_AFTER_DAYS = 42;
const UPCOMING_DAYS = 14;
const LIST_LIMIT = 8;

export interface Person {
  name: string | null;
  address: string;
  /** As mail wrote it, else as the person wrote it on LinkedIn (imported). */
  organisation: string | null;
  /** The person's position as they wrote it on LinkedIn (imported), when known. */
  position?: string | null;
}

export interface DigestData {
  account: { address: string; displayName: string; timeZone: string };
  now: Date;
  held: (Person & { at: Date; summary: string })[];
  goal: { target: number; period: "week" | "month" | "quarter"; count: number };
  quarterCount: number;
  /** Oldest first; each window ends where the next begins, the last one ends now. */
  weekly: { start: Date; count: number }[];
  draftsWaiting: (Person & { kind: DraftKind; createdAt: Date })[];
  awaitingReply: (Person & { since: Date; subject: string })[];
  upcoming: (Person & { start: Date; summary: string })[];
  referrals: (Person & { referrer: string | null })[];
  /**
   * Introductions made this quarter (the referrals recorded, and people first met this quarter whom a thread says a
   * contact suggested), counted by who made them (most first).
   */
  introductions: { total: number; byReferrer: { name: string | null; address: string; count: number }[] };
  /** People a contact named in the last 90 days without an address: no draft until the user finds one. */
  noAddressYet: { name: string; organisation: string | null; referrer: string | null }[];
  quiet: (Person & { lastMessageAt: Date })[];
  /** "Try someone else there": an outreach unanswered for three business days, and others the user knows there. */
  suggestions: {
    waiting: Person & { since: Date };
    businessDays: number;
    others: (Person & { via: KnownVia })[];
  }[];
  reauth: { address: string; provider: string }[];
}

interface PersonRow {
  name?: string | null;
  address?: string | null;
  organisation?: string | null;
  imported_organisation?: string | null;
  position?: string | null;
}

function person(row: PersonRow): Person {
  return {
    name: row.name || null,
    address: row.address ?? "",
    organisation: row.organisation || row.imported_organisation || null,
    position: row.position || null,
  };
}

/** The imported LinkedIn profile of contact `c`, joined as `l` (organisation and position as the person wrote them). */
const PROFILE = ["l.organisation as imported_organisation", "l.position"] as const;

async function heldMeetings(db: Kysely<Database>, accountId: number, from: Date, to: Date) {
  return db
    .selectFrom("meetings as m")
    .leftJoin("contacts as c", (j) => j.onRef("c.account_id", "=", "m.account_id").onRef("c.id", "=", "m.contact_id"))
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select(["m.end_at", "m.summary", "c.name", "c.address", "c.organisation", ...PROFILE])
    .where("m.account_id", "=", accountId)
    .where("m.informational", "=", true)
    .where("m.status", "!=", "cancelled")
    .where("m.end_at", ">=", from)
    .where("m.end_at", "<=", to)
    .orderBy("m.end_at")
    .execute();
}

const TOUCH_LABELS: Record<TouchKind, string> = {
  call: "Call",
  coffee: "Coffee",
  video: "Video call",
  event: "Met at an event",
  other: "Conversation",
};

/** Conversations the user logged by hand (in neither mail nor calendar): they count like meetings held. */
async function loggedTouches(db: Kysely<Database>, accountId: number, from: Date, to: Date) {
  const rows = await db
    .selectFrom("contact_touches as t")
    .innerJoin("contacts as c", (j) => j.onRef("c.account_id", "=", "t.account_id").onRef("c.id", "=", "t.contact_id"))
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select(["t.at", "t.kind", "c.name", "c.address", "c.organisation", ...PROFILE])
    .where("t.account_id", "=", accountId)
    .where("t.at", ">=", from)
    .where("t.at", "<=", to)
    .execute();
  return rows.map((r) => ({ ...r, end_at: r.at, summary: `${TOUCH_LABELS[r.kind]} (logged)` }));
}

/** Informational meetings held (and touches logged) in the last twelve weeks, and back to the goal and quarter starts. */
async function conversations(db: Kysely<Database>, account: Account, now: Date) {
  const tz = account.time_zone;
  const chartStart = new Date(now.getTime() - CHART_WEEKS * WEEK_MS);
  const quarterStart = startOfDate(goalPeriodStart(now, tz, "quarter"), tz);
  const goalStart = startOfDate(goalPeriodStart(now, tz, account.goal_period), tz);
  const earliest = new Date(Math.min(chartStart.getTime(), quarterStart.getTime(), goalStart.getTime()));
  const meetings = [
    ...(await heldMeetings(db, account.id, earliest, now)),
    ...(await loggedTouches(db, account.id, earliest, now)),
  ].sort((a, b) => a.end_at.getTime() - b.end_at.getTime());
  const weekStart = new Date(now.getTime() - WEEK_MS);
  const since = (from: Date) => meetings.filter((m) => m.end_at.getTime() >= from.getTime()).length;
  return {
    held: meetings
      .filter((m) => m.end_at.getTime() > weekStart.getTime())
      .map((m) => ({ ...person(m), at: m.end_at, summary: m.summary })),
    goal: { target: account.goal_conversations, period: account.goal_period, count: since(goalStart) },
    quarterCount: since(quarterStart),
    weekly: Array.from({ length: CHART_WEEKS }, (_, i) => {
      const start = new Date(chartStart.getTime() + i * WEEK_MS);
      const end = start.getTime() + WEEK_MS;
      const count = meetings.filter((m) => m.end_at.getTime() > start.getTime() && m.end_at.getTime() <= end).length;
      return { start, count };
    }),
  };
}

async function draftsWaiting(db: Kysely<Database>, accountId: number, now: Date): Promise<DigestData["draftsWaiting"]> {
  const drafts = await db
    .selectFrom("drafts as d")
    .leftJoin("contacts as c", (j) =>
      j.onRef("c.account_id", "=", "d.account_id").onRef("c.address", "=", "d.to_address"),
    )
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select(["d.kind", "d.created_at", "d.to_address", "c.name", "c.organisation", ...PROFILE])
    .where("d.account_id", "=", accountId)
    .where("d.state", "=", "created")
    .orderBy("d.created_at")
    .limit(LIST_LIMIT)
    .execute();
  return drafts.map((d) => ({
    ...person({ ...d, address: d.to_address }),
    kind: d.kind,
    createdAt: d.created_at ?? now,
  }));
}

/** The account's local date today, "YYYY-MM-DD": a snooze until a later date is still on. */
function localToday(account: Account, now: Date): string {
  const l = toLocal(now, account.time_zone);
  return dateKey(l.year, l.month, l.day);
}

/** Outreach still unanswered, except to people the user snoozed or marked do-not-contact. */
async function awaitingReply(db: Kysely<Database>, account: Account, now: Date): Promise<DigestData["awaitingReply"]> {
  const accountId = account.id;
  const threads = await db
    .selectFrom("threads as t")
    .leftJoin("contacts as c", (j) => j.onRef("c.account_id", "=", "t.account_id").onRef("c.id", "=", "t.contact_id"))
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select(["t.subject", "t.last_message_at", "c.name", "c.address", "c.organisation", ...PROFILE])
    .where("t.account_id", "=", accountId)
    .where("t.direction", "=", "seeker")
    .where("t.stage", "in", ["outreach_sent", "nudged"])
    .where("t.last_message_at", "is not", null)
    .where((eb) => eb.or([eb("c.id", "is", null), eb("c.do_not_contact", "=", false)]))
    .where((eb) => eb.or([eb("c.snoozed_until", "is", null), eb("c.snoozed_until", "<=", localToday(account, now))]))
    .orderBy("t.last_message_at")
    .limit(LIST_LIMIT)
    .execute();
  return threads.map((t) => ({ ...person(t), since: t.last_message_at ?? now, subject: t.subject }));
}

async function upcoming(db: Kysely<Database>, accountId: number, now: Date): Promise<DigestData["upcoming"]> {
  const meetings = await db
    .selectFrom("meetings as m")
    .leftJoin("contacts as c", (j) => j.onRef("c.account_id", "=", "m.account_id").onRef("c.id", "=", "m.contact_id"))
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select(["m.start_at", "m.summary", "c.name", "c.address", "c.organisation", ...PROFILE])
    .where("m.account_id", "=", accountId)
    .where("m.informational", "=", true)
    .where("m.status", "!=", "cancelled")
    .where("m.start_at", ">", now)
    .where("m.start_at", "<=", new Date(now.getTime() + UPCOMING_DAYS * DAY_MS))
    .orderBy("m.start_at")
    .limit(LIST_LIMIT)
    .execute();
  return meetings.map((m) => ({ ...person(m), start: m.start_at, summary: m.summary }));
}

/** Contacts first seen this week who came through a referral. */
async function referrals(db: Kysely<Database>, accountId: number, now: Date): Promise<DigestData["referrals"]> {
  const contacts = await db
    .selectFrom("contacts as c")
    .innerJoin("contacts as r", (j) =>
      j.onRef("r.account_id", "=", "c.account_id").onRef("r.id", "=", "c.referred_by_contact_id"),
    )
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select(["c.name", "c.address", "c.organisation", "r.name as referrer", ...PROFILE])
    .where("c.account_id", "=", accountId)
    .where("c.first_seen_at", ">", new Date(now.getTime() - WEEK_MS))
    .where("c.first_seen_at", "<=", now)
    .orderBy("c.first_seen_at")
    .limit(LIST_LIMIT)
    .execute();
  return contacts.map((r) => ({ ...person(r), referrer: r.referrer || null }));
}

/**
 * People met and thanked with whom nothing was exchanged (mail, or a touch logged by hand) for the check-in cadence —
 * their own when the user set one — except those snoozed or marked do-not-contact.
 */
/**
 * Introductions this quarter: the referrals recorded this quarter (db/referrals.ts), and contacts first seen this
 * quarter whose referrer is known only from a thread ("Maria suggested I reach out") — each person once.
 */
async function introductions(db: Kysely<Database>, account: Account, now: Date): Promise<DigestData["introductions"]> {
  const quarterStart = startOfDate(goalPeriodStart(now, account.time_zone, "quarter"), account.time_zone);
  const recorded = await db
    .selectFrom("referrals as f")
    .innerJoin("contacts as r", (j) =>
      j.onRef("r.account_id", "=", "f.account_id").onRef("r.id", "=", "f.referrer_contact_id"),
    )
    .select(["r.id", "r.name", "r.address", (eb) => eb.fn.count<string>("f.referred_key").distinct().as("n")])
    .where("f.account_id", "=", account.id)
    .where("f.introduced_at", ">=", quarterStart)
    .where("f.introduced_at", "<=", now)
    .groupBy(["r.id", "r.name", "r.address"])
    .execute();
  const linked = await db
    .selectFrom("contacts as c")
    .innerJoin("contacts as r", (j) =>
      j.onRef("r.account_id", "=", "c.account_id").onRef("r.id", "=", "c.referred_by_contact_id"),
    )
    .select(["r.id", "r.name", "r.address", (eb) => eb.fn.countAll<string>().as("n")])
    .where("c.account_id", "=", account.id)
    .where("c.first_seen_at", ">=", quarterStart)
    .where("c.first_seen_at", "<=", now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("referrals as f")
            .select("f.id")
            .whereRef("f.account_id", "=", "c.account_id")
            .whereRef("f.referred_contact_id", "=", "c.id"),
        ),
      ),
    )
    .groupBy(["r.id", "r.name", "r.address"])
    .execute();
  const counts = new Map<number, { name: string; address: string; n: number }>();
  for (const r of [...recorded, ...linked]) {
    const seen = counts.get(r.id);
    counts.set(r.id, { name: r.name, address: r.address, n: (seen?.n ?? 0) + Number(r.n) });
  }
  const byReferrer = [...counts.values()]
    .map((r) => ({ name: r.name || null, address: r.address, count: r.n }))
    .sort((a, b) => b.count - a.count || (a.name ?? a.address).localeCompare(b.name ?? b.address));
  return { total: byReferrer.reduce((sum, r) => sum + r.count, 0), byReferrer };
}

/** People named in the last 90 days with no address, who have not become a contact since. */
async function noAddressYet(db: Kysely<Database>, accountId: number, now: Date): Promise<DigestData["noAddressYet"]> {
  const rows = await db
    .selectFrom("referrals as f")
    .innerJoin("contacts as r", (j) =>
      j.onRef("r.account_id", "=", "f.account_id").onRef("r.id", "=", "f.referrer_contact_id"),
    )
    .select(["f.referred_name", "f.referred_organisation", "r.name as referrer"])
    .where("f.account_id", "=", accountId)
    .where("f.referred_address", "is", null)
    .where("f.referred_contact_id", "is", null)
    .where("f.introduced_at", ">", new Date(now.getTime() - 90 * DAY_MS))
    .where("f.introduced_at", "<=", now)
    .orderBy("f.introduced_at")
    .limit(LIST_LIMIT)
    .execute();
  return rows.map((r) => ({
    name: r.referred_name,
    organisation: r.referred_organisation,
    referrer: r.referrer || null,
  }));
}

async function quiet(db: Kysely<Database>, account: Account, now: Date): Promise<DigestData["quiet"]> {
  const contacts = await db
    .selectFrom("contacts as c")
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select((eb) => [
      "c.name",
      "c.address",
      "c.organisation",
      "c.last_message_at",
      "c.check_in_after_days",
      ...PROFILE,
      eb
        .selectFrom("contact_touches as t")
        .select((t) => t.fn.max("t.at").as("at"))
        .whereRef("t.account_id", "=", "c.account_id")
        .whereRef("t.contact_id", "=", "c.id")
        .as("last_touch_at"),
    ])
    .where("c.account_id", "=", account.id)
    .where("c.do_not_contact", "=", false)
    .where("c.stage", "in", ["met", "thanked", "in_touch"])
    .where("c.last_message_at", "is not", null)
    .where((eb) => eb.or([eb("c.snoozed_until", "is", null), eb("c.snoozed_until", "<=", localToday(account, now))]))
    .execute();
  return contacts
    .map((c) => {
      const touched = c.last_touch_at ? new Date(c.last_touch_at as Date | string) : null;
      const last = touched && touched > (c.last_message_at as Date) ? touched : (c.last_message_at as Date);
      return { ...person(c), lastMessageAt: last, after: c.check_in_after_days ?? QUIET_AFTER_DAYS };
    })
    .filter((c) => c.lastMessageAt.getTime() < now.getTime() - c.after * DAY_MS)
    .sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime())
    .slice(0, 5)
    .map(({ after: _after, ...c }) => c);
}

/**
 * The owner's accounts that lost access: this one, and the accounts the owner declared as their own (addresses in
 * this account's aliases). Never matched by display name: an install that serves many people (a career centre) may
 * hold two "Alex Kim"s, and one must never see the other's addresses.
 */
async function needingReauth(db: Kysely<Database>, account: Account): Promise<DigestData["reauth"]> {
  const own = [account.address, ...account.aliases].map((a) => a.trim().toLowerCase());
  return db
    .selectFrom("accounts")
    .select(["address", "provider"])
    .where("status", "=", "needs_reauth")
    .where((eb) => eb.or([eb("id", "=", account.id), eb("address", "in", own)]))
    .orderBy("id")
    .execute();
}

export async function loadDigestData(db: Kysely<Database>, account: Account, now: Date): Promise<DigestData> {
  return {
    account: {
      address: account.address,
      displayName: account.sender_name.trim() || account.display_name,
      timeZone: account.time_zone,
    },
    now,
    ...(await conversations(db, account, now)),
    draftsWaiting: await draftsWaiting(db, account.id, now),
    awaitingReply: await awaitingReply(db, account, now),
    upcoming: await upcoming(db, account.id, now),
    referrals: await referrals(db, account.id, now),
    introductions: await introductions(db, account, now),
    noAddressYet: await noAddressYet(db, account.id, now),
    quiet: await quiet(db, account, now),
    suggestions: (await loadSuggestions(db, account, now)).map((s) => ({
      waiting: {
        name: s.waiting.name,
        address: s.waiting.address,
        organisation: s.waiting.organisation,
        since: s.waiting.since,
      },
      businessDays: s.businessDays,
      others: s.others.map((o) => ({
        name: o.person.name,
        address: o.person.address ?? "",
        organisation: o.person.organisation,
        position: o.person.position,
        via: o.via,
      })),
    })),
    reauth: await needingReauth(db, account),
  };
}
