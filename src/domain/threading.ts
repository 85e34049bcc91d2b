/**
 * Thread reconstruction, JWZ style (https://www.jwz.org/doc/threading.html): an id table of containers,
 * parent links taken from References (oldest first) then In-Reply-To, never creating a loop; every message
 * belongs to the tree of its topmost ancestor (phantom containers for messages we never saw keep siblings
 * together). Subject matching is only a careful fallback for replies that carry no references at all.
 */
import type { MailMessage } from "./mail.js";

export interface MailThread<M extends ThreadableMessage = MailMessage> {
  /** Message-ID of the thread's first message (earliest date; file order breaks ties). */
  threadId: string;
  subject: string;
  /** Oldest first. */
  messages: M[];
}

export type ThreadableMessage = Pick<
  MailMessage,
  "messageId" | "inReplyTo" | "references" | "subject" | "date" | "from" | "to" | "cc"
>;

interface Container {
  id: string;
  parent: Container | null;
  /** Index of the message in the input, or -1 for a phantom (referenced, never seen). */
  index: number;
}

const REPLY_PREFIX =
  /^\s*((re|aw|sv|vs|antw|ref|rif|odp|vá|res|atb|r|回复|答复|fwd?|fw|wg|tr|enc|doorst)\s*(\[\d+\]|\(\d+\))?\s*[:：]\s*)+/i;

/** Subject without reply/forward prefixes, list tags and extra spaces, lower-cased. */
export function normalizeSubject(subject: string): string {
  let s = subject ?? "";
  for (let i = 0; i < 5; i++) {
    const before = s;
    s = s.replace(/^\s*\[[^\]]{1,40}\]\s*/, "").replace(REPLY_PREFIX, "");
    if (s === before) break;
  }
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

/** True when the subject starts with a reply prefix (Re:, AW:, SV:, ...), not a forward. */
export function isReplySubject(subject: string): boolean {
  const m = REPLY_PREFIX.exec(subject ?? "");
  return !!m && !/^\s*(fwd?|fw|wg|tr|enc|doorst)\b/i.test(m[0]);
}

function isAncestor(candidate: Container, of: Container): boolean {
  for (let c: Container | null = candidate, n = 0; c && n < 10000; c = c.parent, n++) {
    if (c === of) return true;
  }
  return false;
}

/**
 * Links every message's container under its parent (JWZ step 1): the References chain, then In-Reply-To, with the
 * message's own parent winning over a link guessed from another message's chain. Returns the containers that hold
 * a message, in input order.
 */
function linkContainers(messages: readonly ThreadableMessage[]): Container[] {
  const table = new Map<string, Container>();
  const own: Container[] = [];
  const get = (id: string): Container => {
    let c = table.get(id);
    if (!c) {
      c = { id, parent: null, index: -1 };
      table.set(id, c);
    }
    return c;
  };
  const link = (parent: Container, child: Container): void => {
    if (child.parent || parent === child || isAncestor(parent, child)) return;
    child.parent = parent;
  };
  messages.forEach((m, index) => {
    const id = m.messageId ?? `<rapport.${index}@local>`;
    let c = table.get(id);
    if (c && c.index >= 0) {
      // Duplicate Message-ID: keep it as its own container hanging under the first copy.
      const dup: Container = { id: `${id}#${index}`, parent: null, index };
      link(c, dup);
      own.push(dup);
      return;
    }
    c = get(id);
    c.index = index;
    own.push(c);
    const chain = [...m.references];
    for (const r of m.inReplyTo) if (!chain.includes(r)) chain.push(r);
    let prev: Container | null = null;
    for (const ref of chain) {
      const rc = get(ref);
      if (prev) link(prev, rc);
      prev = rc;
    }
    if (prev && prev !== c) {
      // The message's own parent is authoritative: replace a guessed link from another message's chain.
      if (c.parent && c.parent !== prev && !isAncestor(prev, c)) c.parent = null;
      link(prev, c);
    }
  });
  return own;
}

/** The message indexes under each root container, each group in date order (undated last, then input order). */
function groupByRoot(own: readonly Container[], messages: readonly ThreadableMessage[]): number[][] {
  const rootOf = (c: Container): Container => {
    let r = c;
    for (let n = 0; r.parent && n < 10000; n++) r = r.parent;
    return r;
  };
  const groups = new Map<Container, number[]>();
  for (const c of own) {
    const r = rootOf(c);
    const g = groups.get(r);
    if (g) g.push(c.index);
    else groups.set(r, [c.index]);
  }
  const time = (i: number): number => messages[i]?.date?.getTime() ?? Number.POSITIVE_INFINITY;
  return [...groups.values()].map((idx) =>
    idx.sort((a, b) => {
      const ta = time(a);
      const tb = time(b);
      return ta === tb ? a - b : ta < tb ? -1 : 1;
    }),
  );
}

/**
 * Groups messages into threads. Messages without a Message-ID get a synthetic one (`<rapport.N@local>`),
 * duplicates of an id already seen are treated as separate messages of the same thread.
 */
export function buildThreads<M extends ThreadableMessage>(messages: readonly M[]): MailThread<M>[] {
  const merged = mergeBySubject(groupByRoot(linkContainers(messages), messages), messages);
  const threads = merged.map((idx) => {
    const msgs = idx.map((i) => messages[i] as M);
    const first = idx[0] ?? 0;
    const firstMsg = messages[first];
    return {
      threadId: firstMsg?.messageId ?? `<rapport.${first}@local>`,
      subject: firstMsg?.subject ?? "",
      messages: msgs,
    };
  });
  const starts = threads.map((t) => t.messages[0]?.date?.getTime() ?? 0);
  return byKey(starts).map((i) => threads[i] as MailThread<M>);
}

/**
 * Positions 0..n-1 in the order a stable sort by `keys` puts them (the same order as sorting the items with a
 * comparator reading each key, without reaching into a message and its Date in every comparison).
 */
function byKey(keys: readonly number[]): number[] {
  return keys.map((_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number));
}

const SUBJECT_WINDOW_MS = 45 * 864e5;

function participants(m: ThreadableMessage): string[] {
  const out: string[] = [];
  if (m.from) out.push(m.from.address);
  for (const a of m.to) out.push(a.address);
  for (const a of m.cc) out.push(a.address);
  return out;
}

/**
 * Fallback: a thread whose first message is a reply ("Re: ...") without any References/In-Reply-To joins the
 * most recent earlier thread with the same normalised subject that shares its sender or recipients, if that
 * thread was active within the last 45 days. Everything else stays separate (an introduction is its own
 * thread, a new outreach with the same subject is its own thread).
 */
function mergeBySubject<M extends ThreadableMessage>(groups: number[][], messages: readonly M[]): number[][] {
  const bySubject = new Map<string, number[][]>();
  const result: number[][] = [];
  const starts = groups.map((g) => messages[g[0] ?? 0]?.date?.getTime() ?? 0);
  for (const position of byKey(starts)) {
    const g = groups[position] as number[];
    const first = messages[g[0] ?? 0];
    if (!first) continue;
    const key = normalizeSubject(first.subject);
    const orphanReply =
      key.length >= 3 && first.references.length === 0 && first.inReplyTo.length === 0 && isReplySubject(first.subject);
    let target: number[] | undefined;
    if (orphanReply) {
      const t0 = first.date?.getTime();
      const people = new Set(participants(first));
      for (const cand of (bySubject.get(key) ?? []).slice().reverse()) {
        const last = messages[cand[cand.length - 1] ?? 0];
        const lastTime = last?.date?.getTime();
        if (t0 !== undefined && lastTime !== undefined && (t0 < lastTime - 864e5 || t0 - lastTime > SUBJECT_WINDOW_MS))
          continue;
        const shares = cand.some((i) => {
          const m = messages[i];
          return !!m && participants(m).some((p) => people.has(p));
        });
        if (shares) {
          target = cand;
          break;
        }
      }
    }
    if (target) {
      target.push(...g);
      target.sort((a, b) => (messages[a]?.date?.getTime() ?? 0) - (messages[b]?.date?.getTime() ?? 0) || a - b);
    } else {
      result.push(g);
      const list = bySubject.get(key);
      if (list) list.push(g);
      else bySubject.set(key, [g]);
    }
  }
  return result;
}
