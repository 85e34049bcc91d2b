/**
 * LinkedIn's own export of a member's connections ("Connections.csv" in "Get a copy of your data"): a few preamble
 * lines ("Notes:" and a quoted paragraph about missing e-mail addresses), then a header row — First Name, Last Name,
 * URL, Email Address, Company, Position, Connected On — and one row per connection. Fields are quoted when they
 * hold commas; the file may start with a byte-order mark; most e-mail columns are empty (members choose whether
 * their connections see their address). Pure: text in, connections and per-row problems out (csv-parse reads the
 * CSV itself). A row that cannot be used is reported with its line number and skipped; a file that is not such an
 * export (no header, a quote never closed) is refused with one line naming where.
 */
import { CsvError, parse } from "csv-parse/sync";
import { isPlausibleAddress } from "./addresses.js";

export interface LinkedInConnectionRow {
  /** The file's line the row starts on (1-based). */
  line: number;
  firstName: string;
  lastName: string;
  /** "First Last", as written. */
  name: string;
  /** Folded name for matching (see nameKey). */
  nameKey: string;
  /** Lower-cased, or null when the export has none. */
  address: string | null;
  profileUrl: string | null;
  organisation: string | null;
  position: string | null;
  /** "YYYY-MM-DD", or null when absent or unreadable. */
  connectedOn: string | null;
  /** Identity across imports: the profile URL, else the address, else name and company. */
  sourceKey: string;
}

export interface RowProblem {
  line: number;
  reason: string;
  /** True when the row was left out; false when it was imported with the field ignored. */
  skipped: boolean;
}

export interface LinkedInExport {
  connections: LinkedInConnectionRow[];
  problems: RowProblem[];
  /** Line of the header row. */
  headerLine: number;
}

export class LinkedInExportError extends Error {
  override readonly name = "LinkedInExportError";
}

const COLUMNS = {
  firstName: "first name",
  lastName: "last name",
  url: "url",
  email: "email address",
  company: "company",
  position: "position",
  connectedOn: "connected on",
} as const;
type Column = keyof typeof COLUMNS;

/** How many records may come before the header (LinkedIn writes two or three). */
const MAX_PREAMBLE_RECORDS = 20;
const MAX_FIELD = 300;
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * A name as a match compares it: Unicode-normalised, accents and case folded, punctuation and repeated spaces
 * dropped ("María  López-Díaz" and "maria lopez diaz" agree). Non-Latin scripts keep their letters.
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function clean(value: string | undefined): string {
  return (value ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, MAX_FIELD);
}

/** "15 Mar 2024" (LinkedIn's current form), "2024-03-15", or "3/15/24" / "03/15/2024" (older exports, US order). */
export function parseConnectedOn(value: string): string | null {
  const v = value.trim();
  let y: number;
  let m: number;
  let d: number;
  const named = /^(\d{1,2})[ -]([A-Za-z]{3})[a-z]*\.?[ -](\d{4})$/.exec(v);
  const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(v);
  if (named) {
    [d, m, y] = [Number(named[1]), MONTHS.indexOf((named[2] ?? "").toLowerCase()) + 1, Number(named[3])];
  } else if (isoDate) {
    [y, m, d] = [Number(isoDate[1]), Number(isoDate[2]), Number(isoDate[3])];
  } else if (us) {
    const year = Number(us[3]);
    [m, d, y] = [Number(us[1]), Number(us[2]), year < 100 ? 2000 + year : year];
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 2002 || y > 2100) return null; // LinkedIn began in 2003; anything else is not a connection date
  return date.toISOString().slice(0, 10);
}

function profileKey(url: string): string | null {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return null;
  const u = new URL(url);
  let path = u.pathname;
  try {
    path = decodeURI(path);
  } catch {
    // a malformed escape stays as written
  }
  return `${u.hostname.toLowerCase().replace(/^www\./, "")}${path.toLowerCase().replace(/\/+$/, "")}`;
}

interface Record {
  fields: string[];
  line: number;
}

function readRecords(text: string): Record[] {
  try {
    // one line ending everywhere: csv-parse guesses the record delimiter, and line numbers must count \r\n as one
    const rows = parse(text.replace(/\r\n?/g, "\n"), {
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      raw: true,
    }) as unknown as { record: string[]; info: { lines: number }; raw: string }[];
    return rows.map((r) => {
      // raw carries the empty lines skipped before the record and its own line end: neither is inside it
      const inner = r.raw.replace(/^\n+/, "").replace(/\n$/, "");
      return { fields: r.record, line: r.info.lines - (inner.match(/\n/g)?.length ?? 0) };
    });
  } catch (error) {
    if (error instanceof CsvError) {
      const where = (error as CsvError & { lines?: number }).lines;
      const what = error.code === "CSV_QUOTE_NOT_CLOSED" ? "a quoted field is never closed" : error.message;
      throw new LinkedInExportError(`line ${where ?? "?"}: not a readable CSV file (${what})`);
    }
    throw error;
  }
}

function findHeader(records: readonly Record[]): { index: number; columns: Map<Column, number> } {
  for (const [index, r] of records.slice(0, MAX_PREAMBLE_RECORDS + 1).entries()) {
    const names = r.fields.map((f) => clean(f).toLowerCase());
    if (!names.includes(COLUMNS.firstName) || !names.includes(COLUMNS.lastName)) continue;
    const columns = new Map<Column, number>();
    for (const [key, title] of Object.entries(COLUMNS) as [Column, string][]) {
      const at = names.indexOf(title);
      if (at >= 0) columns.set(key, at);
    }
    return { index, columns };
  }
  throw new LinkedInExportError(
    `line ${records[0]?.line ?? 1}: no LinkedIn header ("First Name,Last Name,URL,Email Address,Company,Position,Connected On") in the first ${MAX_PREAMBLE_RECORDS} rows: is this LinkedIn's Connections.csv?`,
  );
}

function readRow(r: Record, columns: Map<Column, number>, width: number, problems: RowProblem[]) {
  const get = (c: Column) => {
    const at = columns.get(c);
    return at === undefined ? "" : clean(r.fields[at]);
  };
  const extra = r.fields.slice(width).filter((f) => f.trim() !== "");
  if (extra.length > 0) {
    return `${r.fields.length} fields where the header has ${width} (a comma outside quotes?)`;
  }
  const firstName = get("firstName");
  const lastName = get("lastName");
  if (!firstName && !lastName) return r.fields.length < width ? `${r.fields.length} of ${width} fields` : "no name";
  const email = get("email").toLowerCase();
  const address = email && isPlausibleAddress(email) ? email : null;
  if (email && !address) problems.push({ line: r.line, reason: `"${email}" is not an e-mail address`, skipped: false });
  const when = get("connectedOn");
  const connectedOn = when ? parseConnectedOn(when) : null;
  if (when && !connectedOn) problems.push({ line: r.line, reason: `unreadable date "${when}"`, skipped: false });
  const url = get("url");
  const organisation = get("company") || null;
  const name = [firstName, lastName].filter(Boolean).join(" ");
  const fromUrl = url ? profileKey(url) : null;
  return {
    line: r.line,
    firstName,
    lastName,
    name,
    nameKey: nameKey(name),
    address,
    profileUrl: fromUrl ? url : null,
    organisation,
    position: get("position") || null,
    connectedOn,
    sourceKey: fromUrl ?? (address ? `mailto:${address}` : `name:${nameKey(name)}|${nameKey(organisation ?? "")}`),
  };
}

export function parseLinkedInExport(text: string): LinkedInExport {
  if (text.includes("\u0000")) throw new LinkedInExportError("line 1: this is not a text file");
  const records = readRecords(text);
  const { index, columns } = findHeader(records);
  const width = (records[index] as Record).fields.length;
  const problems: RowProblem[] = [];
  const byKey = new Map<string, LinkedInConnectionRow>();
  for (const r of records.slice(index + 1)) {
    if (r.fields.every((f) => f.trim() === "")) continue;
    const row = readRow(r, columns, width, problems);
    if (typeof row === "string") {
      problems.push({ line: r.line, reason: row, skipped: true });
      continue;
    }
    const earlier = byKey.get(row.sourceKey);
    if (earlier) {
      problems.push({
        line: row.line,
        reason: `the same person as line ${earlier.line}; this row is kept`,
        skipped: false,
      });
    }
    byKey.set(row.sourceKey, row);
  }
  problems.sort((a, b) => a.line - b.line);
  return { connections: [...byKey.values()], problems, headerLine: (records[index] as Record).line };
}
