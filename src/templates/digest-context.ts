/**
 * Turns digest data into what the templates print: finished phrases ("9 days"), local dates, the chart's bar
 * heights. Pure. Lists are always arrays (maybe empty); values that may be unknown are null, never "".
 */
import type { DigestData, Person } from "../db/digest-data.js";
import type { DraftKind } from "../db/schema.js";
import type { KnownVia } from "../domain/someone-else-there.js";
import { localDayDifference, toLocal } from "../domain/time-zone.js";
import { dayMonth } from "./dates.js";
import { plural } from "./helpers.js";
import { cleanName, firstNameOf } from "./wording.js";

/** Tallest bar, in pixels. */
const CHART_HEIGHT = 96;
const BAR_COLOR = "#2f6f5e";
const EMPTY_COLOR = "#d9e2df";
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = "January February March April May June July August September October November December".split(" ");
const KIND_LABEL: Record<DraftKind, string> = {
  thank_you: "Thank-you",
  nudge: "Follow-up",
  check_in: "Check-in",
  intro_reply: "Reply to an introduction",
  referral_outreach: "First note to someone you were referred to",
};

interface DigestContext {
  title: string;
  /** "2–8 March" (the seven days reported). */
  periodLabel: string;
  greetingName: string | null;
  held: { count: number; label: string; items: { who: string; organisation: string | null; when: string }[] };
  goal: { label: string; count: number; target: number; percent: number; met: boolean; barWidth: number } | null;
  quarter: { count: number; label: string };
  chart: {
    bars: { label: string; count: number; height: number; color: string; current: boolean; textBar: string }[];
    total: number;
    summary: string;
  };
  drafts: { what: string; age: string }[];
  awaiting: { who: string; organisation: string | null; days: string }[];
  upcoming: { who: string; organisation: string | null; when: string }[];
  referrals: { who: string; organisation: string | null; via: string | null }[];
  /** "3 introductions this quarter: 2 from Ana Lopez, 1 from Ken Ito" — credit to who made them; null when none. */
  introductions: string | null;
  /** People named without an address: listed so the user can find one (no draft until then). */
  noAddress: { who: string; organisation: string | null; via: string | null }[];
  quiet: { who: string; organisation: string | null; since: string }[];
  suggestions: {
    who: string;
    organisation: string;
    days: string;
    others: { who: string; position: string | null; reason: string }[];
  }[];
  reauth: { address: string; provider: string }[];
  allQuiet: boolean;
}

/** "Product Manager, Northwind": the position (imported from LinkedIn) beside the organisation, when known. */
function affiliation(p: Person): string | null {
  const position = p.position?.trim() || null;
  if (position && p.organisation && !position.toLowerCase().includes(p.organisation.toLowerCase()))
    return `${position}, ${p.organisation}`;
  return position ?? p.organisation;
}

/** Why this person is worth a message: how the user knows them. */
function knownBecause(via: KnownVia, now: Date, tz: string): string {
  if (via.kind === "calendar") return `you met on ${dayAndMonth(via.at, now, tz)}`;
  if (via.kind === "mail")
    return via.at
      ? `you have written to each other, last on ${dayAndMonth(via.at, now, tz)}`
      : "you have written to each other";
  if (!via.at) return "a LinkedIn connection";
  const l = toLocal(via.at, tz);
  return `a LinkedIn connection since ${MONTHS[l.month - 1]} ${l.year}`;
}

/** People introduced without an address, with who introduced them. */
function noAddress(people: DigestData["noAddressYet"]): DigestContext["noAddress"] {
  return people.map((n) => ({
    who: cleanName(n.name) ?? n.name,
    organisation: n.organisation?.trim() || null,
    via: cleanName(n.referrer),
  }));
}

/** Credit to the people who made this quarter's introductions, the three who made most by name. */
function credit(intro: DigestData["introductions"]): string | null {
  if (intro.total === 0) return null;
  const shown = intro.byReferrer.slice(0, 3);
  const rest = intro.total - shown.reduce((sum, r) => sum + r.count, 0);
  const named = shown.map((r) => `${r.count} from ${cleanName(r.name) ?? r.address}`);
  if (rest > 0) named.push(`${rest} from others`);
  return `${plural(intro.total, "introduction")} this quarter: ${named.join(", ")}`;
}

function displayOf(p: Person & { summary?: string }): string {
  return cleanName(p.name) ?? (p.address || cleanName(p.summary) || "a contact");
}

/**
 * Names that stand for two different people in this digest get their address, so the reader can tell "Maria Lopez
 * (maria@northwind.example)" from "Maria Lopez (mlopez@contoso.example)".
 */
function nameTeller(data: DigestData): (p: Person & { summary?: string }) => string {
  const people = [
    ...data.held,
    ...data.draftsWaiting,
    ...data.awaitingReply,
    ...data.upcoming,
    ...data.referrals,
    ...data.quiet,
    ...data.suggestions.flatMap((s) => [s.waiting, ...s.others]),
  ];
  const addresses = new Map<string, Set<string>>();
  for (const p of people) {
    const name = cleanName(p.name);
    if (!name || !p.address) continue;
    const key = name.toLowerCase();
    addresses.set(key, (addresses.get(key) ?? new Set()).add(p.address.toLowerCase()));
  }
  return (p) => {
    const name = displayOf(p);
    const shared = (addresses.get(name.toLowerCase())?.size ?? 0) > 1;
    return shared && p.address ? `${name} (${p.address})` : name;
  };
}

function dayAndMonth(date: Date, now: Date, tz: string): string {
  return dayMonth(date, now, tz, "en");
}

function days(from: Date, now: Date, tz: string): string {
  const n = Math.max(0, localDayDifference(from, now, tz));
  return n === 0 ? "today" : plural(n, "day");
}

function weeks(from: Date, now: Date): string {
  return plural(Math.floor((now.getTime() - from.getTime()) / (7 * 86_400_000)), "week");
}

function when(date: Date, now: Date, tz: string): string {
  const l = toLocal(date, tz);
  const hh = String(l.hour).padStart(2, "0");
  const mm = String(l.minute).padStart(2, "0");
  return `${WEEKDAYS[l.weekday]} ${dayAndMonth(date, now, tz)}, ${hh}:${mm}`;
}

function periodLabel(now: Date, tz: string): string {
  const from = new Date(now.getTime() - 6 * 86_400_000);
  const a = toLocal(from, tz);
  const b = toLocal(now, tz);
  const end = dayAndMonth(now, now, tz);
  return a.month === b.month && a.year === b.year ? `${a.day}–${end}` : `${dayAndMonth(from, now, tz)} – ${end}`;
}

export function buildDigestContext(data: DigestData): DigestContext {
  const { now } = data;
  const tz = data.account.timeZone;
  const max = Math.max(1, ...data.weekly.map((w) => w.count));
  const total = data.weekly.reduce((sum, w) => sum + w.count, 0);
  const goal = data.goal;
  const goalLabel = goal.period === "week" ? "this week" : goal.period === "month" ? "this month" : "this quarter";
  const percent = goal.target > 0 ? Math.min(100, Math.round((goal.count / goal.target) * 100)) : 0;
  const reauth = data.reauth;
  const who = nameTeller(data);
  const context: DigestContext = {
    title: "Your networking week",
    periodLabel: periodLabel(now, tz),
    greetingName: firstNameOf(data.account.displayName),
    held: {
      count: data.held.length,
      label: plural(data.held.length, "conversation"),
      items: data.held.map((m) => ({ who: who(m), organisation: affiliation(m), when: when(m.at, now, tz) })),
    },
    goal:
      goal.target > 0
        ? {
            label: goalLabel,
            count: goal.count,
            target: goal.target,
            percent,
            met: goal.count >= goal.target,
            barWidth: Math.max(2, percent),
          }
        : null,
    quarter: { count: data.quarterCount, label: plural(data.quarterCount, "conversation") },
    chart: {
      bars: data.weekly.map((w, i) => ({
        label: dayAndMonth(w.start, now, tz).replace(/ (\w{3})\w*( \d+)?$/, " $1"),
        count: w.count,
        height: w.count === 0 ? 2 : Math.max(4, Math.round((w.count / max) * CHART_HEIGHT)),
        color: w.count === 0 ? EMPTY_COLOR : BAR_COLOR,
        current: i === data.weekly.length - 1,
        textBar: w.count === 0 ? "·" : "■".repeat(Math.min(w.count, 30)),
      })),
      total,
      summary: `${plural(total, "conversation")} in the last ${data.weekly.length} weeks`,
    },
    drafts: data.draftsWaiting.map((d) => ({
      what: `${KIND_LABEL[d.kind]} to ${who(d)}`,
      age: days(d.createdAt, now, tz),
    })),
    awaiting: data.awaitingReply.map((a) => ({
      who: who(a),
      organisation: affiliation(a),
      days: days(a.since, now, tz),
    })),
    upcoming: data.upcoming.map((u) => ({ who: who(u), organisation: affiliation(u), when: when(u.start, now, tz) })),
    referrals: data.referrals.map((r) => ({ who: who(r), organisation: affiliation(r), via: cleanName(r.referrer) })),
    introductions: credit(data.introductions),
    noAddress: noAddress(data.noAddressYet),
    quiet: data.quiet.map((q) => ({ who: who(q), organisation: affiliation(q), since: weeks(q.lastMessageAt, now) })),
    suggestions: data.suggestions.map((s) => ({
      who: who(s.waiting),
      organisation: s.waiting.organisation ?? "",
      days: plural(s.businessDays, "business day"),
      others: s.others.map((o) => ({
        who: who(o),
        position: o.position?.trim() || null,
        reason: knownBecause(o.via, now, tz),
      })),
    })),
    reauth,
    allQuiet: false,
  };
  context.allQuiet =
    context.held.count === 0 &&
    context.drafts.length === 0 &&
    context.awaiting.length === 0 &&
    context.upcoming.length === 0 &&
    context.referrals.length === 0 &&
    context.noAddress.length === 0 &&
    context.suggestions.length === 0;
  return context;
}
