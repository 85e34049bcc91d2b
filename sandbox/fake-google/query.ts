/**
 * The subset of Gmail search syntax the fake understands: after:/before: (epoch seconds or YYYY/MM/DD),
 * newer_than:/older_than: (Nd), in:/label:, is:unread, rfc822msgid:, and plain words (subject or body).
 */
import { header, type StoredMessage } from "./message-format.js";

interface ParsedQuery {
  after?: number;
  before?: number;
  labels: string[];
  unread: boolean;
  rfc822msgid?: string;
  words: string[];
  wantsTrash: boolean;
}

const IN_LABELS: Record<string, string> = {
  sent: "SENT",
  inbox: "INBOX",
  drafts: "DRAFT",
  trash: "TRASH",
  spam: "SPAM",
};

function parseDate(value: string): number {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const match = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(value);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function parseQuery(q: string): ParsedQuery {
  const parsed: ParsedQuery = { labels: [], unread: false, words: [], wantsTrash: false };
  for (const token of q.match(/\S+/g) ?? []) {
    const [key, ...rest] = token.split(":");
    const value = rest.join(":");
    switch (rest.length === 0 ? "" : key?.toLowerCase()) {
      case "after":
        parsed.after = parseDate(value);
        break;
      case "before":
        parsed.before = parseDate(value);
        break;
      case "newer_than":
        parsed.after = Date.now() - Number.parseInt(value, 10) * 86_400_000;
        break;
      case "older_than":
        parsed.before = Date.now() - Number.parseInt(value, 10) * 86_400_000;
        break;
      case "in":
        if (value !== "anywhere") parsed.labels.push(IN_LABELS[value.toLowerCase()] ?? value.toUpperCase());
        parsed.wantsTrash ||= value === "anywhere" || value === "trash" || value === "spam";
        break;
      case "label":
        parsed.labels.push(value.toUpperCase());
        break;
      case "is":
        if (value === "unread") parsed.unread = true;
        break;
      case "rfc822msgid":
        parsed.rfc822msgid = value.replace(/^<|>$/g, "");
        break;
      default:
        parsed.words.push(token.toLowerCase());
    }
  }
  return parsed;
}

export function matchesQuery(m: StoredMessage, q: ParsedQuery): boolean {
  if (q.after !== undefined && !(m.internalDate >= q.after)) return false;
  if (q.before !== undefined && !(m.internalDate < q.before)) return false;
  if (!q.labels.every((l) => m.labelIds.includes(l))) return false;
  if (q.unread && !m.labelIds.includes("UNREAD")) return false;
  if (q.rfc822msgid && (header(m, "Message-ID") ?? "").replace(/^<|>$/g, "") !== q.rfc822msgid) return false;
  if (q.words.length > 0) {
    const haystack = `${header(m, "Subject") ?? ""} ${m.text}`.toLowerCase();
    if (!q.words.every((w) => haystack.includes(w))) return false;
  }
  return true;
}
