/**
 * What "try someone else there" (domain/someone-else-there.ts) needs, read for one account: outreach waiting for a
 * reply with the organisation of the person written to, the people the user knows at organisations (contacts from
 * mail, with the meetings held with them, and imported LinkedIn connections), and the replies from people at those
 * organisations since the oldest waiting outreach.
 */
import type { Kysely } from "kysely";
import type { BusinessCalendar } from "../domain/business-days.js";
import type { CadenceRules } from "../domain/engine-types.js";
import { DEFAULT_CADENCE_RULES } from "../domain/engine-types.js";
import {
  type KnownPerson,
  type KnownVia,
  type OrganisationReply,
  type Suggestion,
  suggestOthersThere,
  type WaitingOutreach,
} from "../domain/someone-else-there.js";
import { dateKey, toLocal } from "../domain/time-zone.js";
import type { Account, Database } from "./schema.js";

function calendarOf(account: Account): BusinessCalendar {
  const rules: CadenceRules = { ...DEFAULT_CADENCE_RULES, ...(account.cadence as Partial<CadenceRules>) };
  return { timeZone: account.time_zone, holidays: rules.holidays, weekend: rules.weekend };
}

/** Contacts with their organisation as mail gave it, else as LinkedIn did. */
function contactsWithProfile(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom("contacts as c")
    .leftJoin("linkedin_connections as l", (j) =>
      j.onRef("l.account_id", "=", "c.account_id").onRef("l.contact_id", "=", "c.id"),
    )
    .select([
      "c.id",
      "c.address",
      "c.name",
      "c.stage",
      "c.do_not_contact",
      "c.snoozed_until",
      "c.last_message_at",
      "c.organisation",
      "l.organisation as imported_organisation",
      "l.position",
      "l.connected_on",
      "l.id as linkedin_id",
    ])
    .where("c.account_id", "=", accountId)
    .execute();
}

async function waitingOutreach(db: Kysely<Database>, accountId: number, orgOf: Map<number, string>) {
  const threads = await db
    .selectFrom("threads as t")
    .innerJoin("contacts as c", (j) => j.onRef("c.account_id", "=", "t.account_id").onRef("c.id", "=", "t.contact_id"))
    .select(["t.last_message_at", "c.id", "c.address", "c.name"])
    .where("t.account_id", "=", accountId)
    .where("t.direction", "=", "seeker")
    .where("t.stage", "in", ["outreach_sent", "nudged"])
    .where("t.last_message_at", "is not", null)
    .execute();
  const out: WaitingOutreach[] = [];
  for (const t of threads) {
    const organisation = orgOf.get(t.id);
    if (organisation && t.last_message_at) {
      out.push({ address: t.address, name: t.name || null, organisation, since: t.last_message_at });
    }
  }
  return out;
}

async function meetingsHeld(db: Kysely<Database>, accountId: number, now: Date): Promise<Map<number, Date>> {
  const rows = await db
    .selectFrom("meetings")
    .select(["contact_id", (eb) => eb.fn.max("end_at").as("at")])
    .where("account_id", "=", accountId)
    .where("contact_id", "is not", null)
    .where("status", "!=", "cancelled")
    .where("end_at", "<=", now)
    .groupBy("contact_id")
    .execute();
  return new Map(rows.map((r) => [r.contact_id as number, new Date(r.at as Date | string)]));
}

function linkedInSince(connectedOn: string | null): Date | null {
  return connectedOn ? new Date(`${connectedOn}T12:00:00Z`) : null;
}

async function unmatchedConnections(db: Kysely<Database>, accountId: number): Promise<KnownPerson[]> {
  const rows = await db
    .selectFrom("linkedin_connections")
    .select(["id", "first_name", "last_name", "address", "organisation", "position", "connected_on"])
    .where("account_id", "=", accountId)
    .where("contact_id", "is", null)
    .where("organisation", "is not", null)
    .execute();
  return rows.map((r) => ({
    id: `linkedin:${r.id}`,
    name: [r.first_name, r.last_name].filter(Boolean).join(" ") || null,
    address: r.address,
    organisation: r.organisation as string,
    position: r.position,
    via: [{ kind: "linkedin", at: linkedInSince(r.connected_on) }],
  }));
}

/** Replies since `since` from people whose organisation is known. */
async function repliesSince(
  db: Kysely<Database>,
  accountId: number,
  since: Date,
  orgByAddress: Map<string, string>,
): Promise<OrganisationReply[]> {
  if (orgByAddress.size === 0) return [];
  const rows = await db
    .selectFrom("messages")
    .select(["from_address", "sent_at", "labels"])
    .where("account_id", "=", accountId)
    .where("sent_by_user", "=", false)
    .where("sent_at", ">", since)
    .where("from_address", "in", [...orgByAddress.keys()])
    .execute();
  return rows
    .filter((r) => !r.labels.includes("DRAFT") && r.sent_at && r.from_address)
    .map((r) => ({
      from: r.from_address as string,
      organisation: orgByAddress.get(r.from_address as string) as string,
      at: r.sent_at as Date,
    }));
}

export async function loadSuggestions(db: Kysely<Database>, account: Account, now: Date): Promise<Suggestion[]> {
  const local = toLocal(now, account.time_zone);
  const today = dateKey(local.year, local.month, local.day);
  const contacts = await contactsWithProfile(db, account.id);
  const orgOf = new Map<number, string>();
  for (const c of contacts) {
    const organisation = c.organisation || c.imported_organisation;
    if (organisation) orgOf.set(c.id, organisation);
  }
  const waiting = await waitingOutreach(db, account.id, orgOf);
  if (waiting.length === 0) return [];
  const met = await meetingsHeld(db, account.id, now);
  const excluded = new Set([account.address, ...account.aliases].map((a) => a.toLowerCase()));
  const known: KnownPerson[] = [];
  for (const c of contacts) {
    const snoozed = c.snoozed_until !== null && c.snoozed_until > today;
    if (c.do_not_contact || snoozed || c.stage === "outreach_sent" || c.stage === "nudged") excluded.add(c.address);
    const organisation = orgOf.get(c.id);
    if (!organisation) continue;
    const via: KnownVia[] = [];
    const meeting = met.get(c.id);
    if (meeting) via.push({ kind: "calendar", at: meeting });
    if (c.last_message_at) via.push({ kind: "mail", at: c.last_message_at });
    if (c.linkedin_id !== null) via.push({ kind: "linkedin", at: linkedInSince(c.connected_on) });
    known.push({
      id: `contact:${c.id}`,
      name: c.name || null,
      address: c.address,
      organisation,
      position: c.position,
      via,
    });
  }
  known.push(...(await unmatchedConnections(db, account.id)));
  const orgByAddress = new Map(known.filter((p) => p.address).map((p) => [p.address as string, p.organisation]));
  const oldest = new Date(Math.min(...waiting.map((w) => w.since.getTime())));
  const replies = await repliesSince(db, account.id, oldest, orgByAddress);
  return suggestOthersThere({ waiting, known, replies, now, calendar: calendarOf(account), excluded });
}
