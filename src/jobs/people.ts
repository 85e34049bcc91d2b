/**
 * Per-person controls as the CLI (`rapport person`) and the pipeline page change them: validated input in the
 * account's own dates, stored on the contact (db/person-controls.ts), and the person as both show it. The rules read
 * the controls at the next evaluation (jobs/evaluate-account.ts → domain/evaluate-mailbox.ts).
 */
import type { Kysely } from "kysely";
import { importedProfile } from "../db/linkedin.js";
import {
  type ControlsChange,
  changeControls,
  findContact,
  listTouches,
  logTouch,
  TOUCH_KINDS,
} from "../db/person-controls.js";
import type { Account, Contact, Database, TouchKind } from "../db/schema.js";
import { dateKey, fromLocal, toLocal } from "../domain/time-zone.js";

/** Input the user can fix: printed as one line by the CLI, shown on the page. */
export class PersonInputError extends Error {
  override readonly name = "PersonInputError";
}

export interface PersonView {
  contactId: number;
  address: string;
  name: string;
  organisation: string | null;
  position: string | null;
  stage: string | null;
  doNotContact: boolean;
  snoozedUntil: string | null;
  checkInAfterDays: number | null;
  nudgeAfterBusinessDays: number | null;
  /** Newest first; `on` is the local date in the account's time zone. */
  touches: { at: Date; on: string; kind: TouchKind; note: string }[];
}

export interface TouchInput {
  /** Local date "YYYY-MM-DD"; default today. */
  on?: string;
  kind: string;
  note?: string;
}

/** The local date of an instant, "YYYY-MM-DD". */
function today(now: Date, timeZone: string): string {
  const l = toLocal(now, timeZone);
  return dateKey(l.year, l.month, l.day);
}

export function parseLocalDate(value: string, what: string): string {
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !d || d.toISOString().slice(0, 10) !== v) {
    throw new PersonInputError(`${what}: expected a date as YYYY-MM-DD (got "${value}")`);
  }
  return v;
}

export function parseDays(value: string, what: string, max: number): number | null {
  const v = value.trim();
  if (v === "") return null;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > max)
    throw new PersonInputError(`${what}: expected a whole number from 1 to ${max}`);
  return n;
}

/** A snooze ends on a date after today (the account's today): until then nothing about the person is drafted. */
export function parseSnooze(value: string, now: Date, timeZone: string): string {
  const date = parseLocalDate(value, "snooze until");
  if (date <= today(now, timeZone)) throw new PersonInputError(`snooze until: ${date} is not after today`);
  return date;
}

/** The instant a touch on a local date is recorded at: noon that day, or now when that is earlier. */
function touchInstant(on: string | undefined, now: Date, timeZone: string): Date {
  const date = on === undefined || on.trim() === "" ? today(now, timeZone) : parseLocalDate(on, "touch date");
  if (date > today(now, timeZone)) throw new PersonInputError(`touch date: ${date} is in the future`);
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const noon = fromLocal({ year, month, day, hour: 12, minute: 0, second: 0, millisecond: 0 }, timeZone);
  return noon.getTime() > now.getTime() ? now : noon;
}

function touchKind(kind: string): TouchKind {
  const k = kind.trim().toLowerCase();
  if (!(TOUCH_KINDS as readonly string[]).includes(k)) {
    throw new PersonInputError(`touch: expected one of ${TOUCH_KINDS.join(", ")} (got "${kind}")`);
  }
  return k as TouchKind;
}

export async function requireContact(db: Kysely<Database>, account: Account, address: string): Promise<Contact> {
  const contact = await findContact(db, account.id, address);
  if (!contact)
    throw new PersonInputError(`no contact ${address.trim()} in ${account.address} (see: rapport contacts)`);
  return contact;
}

/** Applies a change of controls and, when given, logs a touch; returns the person as they stand now. */
export async function updatePerson(
  db: Kysely<Database>,
  account: Account,
  contact: Contact,
  change: { controls?: ControlsChange; touch?: TouchInput },
  now: Date,
): Promise<PersonView> {
  const touch = change.touch
    ? {
        at: touchInstant(change.touch.on, now, account.time_zone),
        kind: touchKind(change.touch.kind),
        note: (change.touch.note ?? "").replace(/\s+/g, " ").trim(),
      }
    : null;
  if (touch && touch.note.length > 200) throw new PersonInputError("touch note: at most 200 characters");
  await db.transaction().execute(async (tx) => {
    if (change.controls) await changeControls(tx, account.id, contact.id, change.controls, now);
    if (touch) await logTouch(tx, account.id, contact.id, touch, now);
  });
  return personView(db, account, contact.address);
}

export async function personView(db: Kysely<Database>, account: Account, address: string): Promise<PersonView> {
  const c = await requireContact(db, account, address);
  const profile = await importedProfile(db, account.id, c.id);
  const touches = await listTouches(db, account.id, c.id);
  return {
    contactId: c.id,
    address: c.address,
    name: c.name,
    organisation: c.organisation ?? profile?.organisation ?? null,
    position: profile?.position ?? null,
    stage: c.stage,
    doNotContact: c.do_not_contact,
    snoozedUntil: c.snoozed_until,
    checkInAfterDays: c.check_in_after_days,
    nudgeAfterBusinessDays: c.nudge_after_business_days,
    touches: touches.map((t) => ({ at: t.at, on: today(t.at, account.time_zone), kind: t.kind, note: t.note })),
  };
}
