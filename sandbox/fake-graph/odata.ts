/**
 * The slice of OData the fake understands: `$filter` clauses joined by `and` (string/boolean equality and
 * `singleValueExtendedProperties/any(...)`), `$expand=singleValueExtendedProperties($filter=id eq '...')`,
 * and the `Prefer` header. Anything else is a 400, as Graph answers an unsupported query.
 */
import type { StoredMessage } from "./store.js";

export class ODataError extends Error {
  override readonly name = "ODataError";
}

type MessagePredicate = (m: StoredMessage) => boolean;

const STRING_FIELDS: Record<string, (m: StoredMessage) => string> = {
  id: (m) => m.id,
  internetmessageid: (m) => m.internetMessageId,
  conversationid: (m) => m.conversationId,
  subject: (m) => m.subject,
};

const BOOLEAN_FIELDS: Record<string, (m: StoredMessage) => boolean> = {
  isdraft: (m) => m.isDraft,
  isread: (m) => m.isRead,
};

/** Splits on a keyword (" and ", " or ") outside quotes and parentheses. */
function splitTopLevel(expr: string, keyword: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inQuote = false;
  let start = 0;
  const lower = expr.toLowerCase();
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (ch === "'") {
      // '' inside a literal is an escaped quote: toggling twice keeps us inside.
      inQuote = !inQuote;
    } else if (!inQuote && ch === "(") depth++;
    else if (!inQuote && ch === ")") depth--;
    else if (!inQuote && depth === 0 && lower.startsWith(keyword, i)) {
      parts.push(expr.slice(start, i));
      start = i + keyword.length;
      i += keyword.length - 1;
    }
  }
  parts.push(expr.slice(start));
  return parts.map((p) => p.trim());
}

function literal(text: string): string {
  const match = /^'((?:[^']|'')*)'$/.exec(text.trim());
  if (!match) throw new ODataError(`expected a quoted literal, got ${text}`);
  return (match[1] ?? "").replaceAll("''", "'");
}

function propertyClauses(inner: string, variable: string): { id: string | null; value: string | null } {
  const result: { id: string | null; value: string | null } = { id: null, value: null };
  for (const clause of splitTopLevel(inner, " and ")) {
    const match = new RegExp(`^${variable}/(id|value) eq (.+)$`, "i").exec(clause);
    if (!match) throw new ODataError(`unsupported lambda clause: ${clause}`);
    result[(match[1] ?? "").toLowerCase() as "id" | "value"] = literal(match[2] ?? "");
  }
  return result;
}

function clausePredicate(clause: string): MessagePredicate {
  const any = /^singleValueExtendedProperties\/any\((\w+):\s*(.+)\)$/i.exec(clause);
  if (any) {
    const { id, value } = propertyClauses(any[2] ?? "", any[1] ?? "ep");
    if (id === null) throw new ODataError("extended property filters need ep/id");
    const propertyId = id.toLowerCase();
    return (m) => {
      for (const [key, v] of m.extended) {
        if (key.toLowerCase() === propertyId && (value === null || v === value)) return true;
      }
      return false;
    };
  }
  const eq = /^(\w+) eq (.+)$/i.exec(clause);
  if (!eq) throw new ODataError(`unsupported filter clause: ${clause}`);
  const field = (eq[1] ?? "").toLowerCase();
  const raw = (eq[2] ?? "").trim();
  const stringField = STRING_FIELDS[field];
  if (stringField) {
    const expected = literal(raw);
    return (m) => stringField(m) === expected;
  }
  const boolField = BOOLEAN_FIELDS[field];
  if (boolField && (raw === "true" || raw === "false")) {
    const expected = raw === "true";
    return (m) => boolField(m) === expected;
  }
  throw new ODataError(`unsupported filter field: ${eq[1]}`);
}

export function parseMessageFilter(expr: string | null): MessagePredicate {
  if (expr === null || expr.trim() === "") return () => true;
  const predicates = splitTopLevel(expr.trim(), " and ").map(clausePredicate);
  return (m) => predicates.every((p) => p(m));
}

/** `singleValueExtendedProperties($filter=id eq 'a' or id eq 'b')` → the ids to include (lower-cased). */
export function parseExpand(expand: string | null): Set<string> | null {
  if (expand === null || expand.trim() === "") return null;
  const match = /^singleValueExtendedProperties\(\$filter=(.+)\)$/i.exec(expand.trim());
  if (!match) throw new ODataError(`unsupported $expand: ${expand}`);
  const ids = new Set<string>();
  for (const clause of splitTopLevel(match[1] ?? "", " or ")) {
    const id = /^id eq (.+)$/i.exec(clause);
    if (!id) throw new ODataError(`unsupported $expand filter: ${clause}`);
    ids.add(literal(id[1] ?? "").toLowerCase());
  }
  return ids;
}

export function parseSelect(select: string | null): Set<string> | null {
  if (select === null || select.trim() === "") return null;
  return new Set(select.split(",").map((s) => s.trim()));
}

export interface Preferences {
  maxPageSize: number | null;
  immutableIds: boolean;
  textBody: boolean;
}

export function parsePrefer(header: string | string[] | undefined): Preferences {
  const values = (Array.isArray(header) ? header.join(",") : (header ?? "")).split(",").map((v) => v.trim());
  const prefs: Preferences = { maxPageSize: null, immutableIds: false, textBody: false };
  for (const value of values) {
    const [key = "", raw = ""] = value.split("=", 2).map((s) => s.trim());
    const unquoted = raw.replace(/^"(.*)"$/, "$1");
    if (key.toLowerCase() === "odata.maxpagesize" && /^\d+$/.test(unquoted)) prefs.maxPageSize = Number(unquoted);
    if (key.toLowerCase() === "idtype" && unquoted.toLowerCase() === "immutableid") prefs.immutableIds = true;
    if (key.toLowerCase() === "outlook.body-content-type" && unquoted.toLowerCase() === "text") prefs.textBody = true;
  }
  return prefs;
}
