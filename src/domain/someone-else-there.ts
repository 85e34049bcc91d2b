/**
 * "Try someone else there": when an outreach to someone at an organisation has had no reply for three business days
 * (the job-search literature's rule), the people the user already knows at the same organisation — from mail, the
 * calendar, or imported LinkedIn connections — are worth a message too. Pure: who is waiting, who is known, and who
 * answered come in as data; suggestions with their reasons go out. Nothing is suggested at an organisation where
 * someone answered since the outreach.
 */
import { addBusinessDays, type BusinessCalendar, businessDaysElapsed } from "./business-days.js";

export interface WaitingOutreach {
  address: string;
  name: string | null;
  organisation: string;
  /** The user's last message in the unanswered thread. */
  since: Date;
}

export type KnownVia =
  | { kind: "calendar"; at: Date }
  | { kind: "mail"; at: Date | null }
  | { kind: "linkedin"; at: Date | null };

export interface KnownPerson {
  /** Stable identity (a contact or an imported connection). */
  id: string;
  name: string | null;
  address: string | null;
  organisation: string;
  position: string | null;
  /** How the user knows them, strongest first after sorting (a meeting, then mail, then LinkedIn). */
  via: KnownVia[];
}

export interface OrganisationReply {
  /** Address of the person who wrote. */
  from: string;
  organisation: string;
  at: Date;
}

export interface Suggestion {
  waiting: WaitingOutreach;
  businessDays: number;
  others: { person: KnownPerson; via: KnownVia }[];
}

export interface SuggestInput {
  waiting: readonly WaitingOutreach[];
  known: readonly KnownPerson[];
  replies: readonly OrganisationReply[];
  now: Date;
  calendar: BusinessCalendar;
  /** Addresses never suggested: the user's own, do-not-contact, snoozed, anyone with an outreach of their own waiting. */
  excluded: ReadonlySet<string>;
  afterBusinessDays?: number;
  perOrganisation?: number;
}

const LEGAL_FORMS = new Set(
  "inc incorporated ltd limited llc llp plc corp corporation co company gmbh ag sa sas sarl srl spa bv nv oy ab as kk pty pte the".split(
    " ",
  ),
);

/** An organisation's name as a comparison sees it: accents, case, punctuation and legal forms dropped. */
export function organisationKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((w) => w !== "" && !LEGAL_FORMS.has(w))
    .join(" ");
}

/**
 * Two names of one organisation: equal once folded ("Northwind Traders, Inc." and "northwind traders"), or one the
 * leading words of the other ("Northwind" and "Northwind Traders") when the shorter is at least four letters long.
 */
export function sameOrganisationName(a: string, b: string): boolean {
  const [x, y] = [organisationKey(a), organisationKey(b)].sort((p, q) => p.length - q.length) as [string, string];
  if (x === "" || y === "") return false;
  return x === y || (x.length >= 4 && y.startsWith(`${x} `));
}

const STRENGTH: Record<KnownVia["kind"], number> = { calendar: 0, mail: 1, linkedin: 2 };

function strongest(person: KnownPerson): KnownVia | null {
  const sorted = [...person.via].sort(
    (a, b) => STRENGTH[a.kind] - STRENGTH[b.kind] || (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0),
  );
  return sorted[0] ?? null;
}

export function suggestOthersThere(input: SuggestInput): Suggestion[] {
  const after = input.afterBusinessDays ?? 3;
  const limit = input.perOrganisation ?? 3;
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const byAge = [...input.waiting].sort((a, b) => a.since.getTime() - b.since.getTime());
  for (const w of byAge) {
    if (addBusinessDays(w.since, after, input.calendar).getTime() > input.now.getTime()) continue;
    const key = organisationKey(w.organisation);
    if (seen.has(key)) continue; // one suggestion per organisation, for its oldest waiting outreach
    const answered = input.replies.some(
      (r) => r.at.getTime() > w.since.getTime() && sameOrganisationName(r.organisation, w.organisation),
    );
    if (answered) continue;
    const others = input.known
      .filter((p) => sameOrganisationName(p.organisation, w.organisation))
      .filter((p) => !p.address || (p.address !== w.address && !input.excluded.has(p.address)))
      .map((person) => ({ person, via: strongest(person) }))
      .filter((o): o is { person: KnownPerson; via: KnownVia } => o.via !== null)
      .sort(
        (a, b) =>
          STRENGTH[a.via.kind] - STRENGTH[b.via.kind] ||
          (b.via.at?.getTime() ?? 0) - (a.via.at?.getTime() ?? 0) ||
          a.person.id.localeCompare(b.person.id),
      )
      .slice(0, limit);
    if (others.length === 0) continue;
    seen.add(key);
    out.push({ waiting: w, businessDays: businessDaysElapsed(w.since, input.now, input.calendar), others });
  }
  return out;
}
