/**
 * The labelled scenarios the detector is trained and measured on: this repository's own (test/fixtures/…)
 * and, when the team's shared folder sits beside the checkout, ../shared/corpus/{dev,real} — read in place,
 * never copied. Scoring follows ../shared/tools/corpus.py: a thread counts for the truth thread holding its id
 * (threads linked by References/In-Reply-To), meetings by UID, due drafts by (kind, to, inReplyTo).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Direction, MailboxEvaluation } from "../src/domain/index.js";
import { readMailSource } from "../src/scan/mail-sources.js";
import { parseRawMessage } from "../src/scan/mime-to-message.js";

export interface Truth {
  me: string[];
  now: string;
  tz: string;
  threads: Record<string, { informational: boolean; direction?: Direction; contact?: string; note?: string }>;
  meetings: Record<string, { informational: boolean; contact?: string }>;
  due: { kind: string; to: string; inReplyTo: string }[];
}

export interface Scenario {
  name: string;
  /** Where it comes from: dev, real, ours, heldout, blind. */
  set: string;
  dir: string;
  mbox: string;
  ics: string | null;
  truth: Truth;
}

/** The checkout: the nearest folder above this file with a package.json (works from training/ and dist/training/). */
function findRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
const ROOT = findRoot(import.meta.dirname);
const SHARED = path.resolve(ROOT, "../shared/corpus");

export const SCENARIO_SETS: { set: string; dir: string }[] = [
  { set: "dev", dir: path.join(SHARED, "dev") },
  { set: "real", dir: path.join(SHARED, "real") },
  { set: "ours", dir: path.join(ROOT, "test/fixtures/scenarios") },
  { set: "heldout", dir: path.join(ROOT, "test/fixtures/heldout") },
  { set: "blind", dir: path.join(ROOT, "test/fixtures/blind") },
];

export function discoverScenarios(sets?: readonly string[]): Scenario[] {
  const out: Scenario[] = [];
  for (const s of SCENARIO_SETS) {
    if (sets && !sets.includes(s.set)) continue;
    if (!existsSync(s.dir)) continue;
    for (const name of readdirSync(s.dir).sort()) {
      const dir = path.join(s.dir, name);
      const truthFile = path.join(dir, "truth.json");
      if (!existsSync(truthFile)) continue;
      const ics = path.join(dir, "calendar.ics");
      out.push({
        name,
        set: s.set,
        dir,
        mbox: path.join(dir, "mailbox.mbox"),
        ics: existsSync(ics) ? ics : null,
        truth: JSON.parse(readFileSync(truthFile, "utf8")) as Truth,
      });
    }
  }
  return out;
}

/** Message-ID -> root of its truth thread (union of messages linked by References/In-Reply-To). */
export async function truthRoots(mbox: string): Promise<Map<string, string>> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const order: string[] = [];
  for await (const raw of readMailSource(mbox, 1 << 20)) {
    const m = await parseRawMessage(raw.raw, { me: new Set() }).catch(() => null);
    if (!m?.messageId) continue;
    order.push(m.messageId);
    find(m.messageId);
    for (const r of [...m.references, ...m.inReplyTo]) {
      const a = find(m.messageId);
      const b = find(r);
      if (a !== b) parent.set(b, a);
    }
  }
  const first = new Map<string, string>();
  for (const id of order) if (!first.has(find(id))) first.set(find(id), id);
  return new Map(order.map((id) => [id, first.get(find(id)) as string]));
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface ScenarioScore {
  threads: Counts;
  meetings: Counts;
  due: Counts;
  /** Truth roots missed and wrongly found, for reading. */
  missed: string[];
  extra: string[];
  /** Due drafts missed and wrongly found ("kind|to|inReplyTo"). */
  dueMissed: string[];
  dueExtra: string[];
}

export function emptyScore(): ScenarioScore {
  return {
    threads: { tp: 0, fp: 0, fn: 0 },
    meetings: { tp: 0, fp: 0, fn: 0 },
    due: { tp: 0, fp: 0, fn: 0 },
    missed: [],
    extra: [],
    dueMissed: [],
    dueExtra: [],
  };
}

export function scoreEvaluation(truth: Truth, roots: ReadonlyMap<string, string>, e: MailboxEvaluation): ScenarioScore {
  const s = emptyScore();
  const said = new Map<string, boolean>();
  for (const t of e.threads) {
    const root = roots.get(t.threadId) ?? t.threadId;
    said.set(root, (said.get(root) ?? false) || t.informational);
  }
  for (const [root, t] of Object.entries(truth.threads)) {
    const got = said.get(root) ?? false;
    if (t.informational && got) s.threads.tp++;
    else if (t.informational) {
      s.threads.fn++;
      s.missed.push(root);
    } else if (got) {
      s.threads.fp++;
      s.extra.push(root);
    }
  }
  const msaid = new Map(e.meetings.map((m) => [m.uid, m.informational]));
  for (const [uid, m] of Object.entries(truth.meetings)) {
    const got = msaid.get(uid) ?? false;
    if (m.informational && got) s.meetings.tp++;
    else if (m.informational) s.meetings.fn++;
    else if (got) s.meetings.fp++;
  }
  const key = (d: { kind: string; to: string; inReplyTo: string | null }) => `${d.kind}|${d.to.toLowerCase()}|${d.inReplyTo}`;
  const want = new Set(truth.due.map(key));
  const got = new Set(e.due.map(key));
  s.due.tp = [...got].filter((k) => want.has(k)).length;
  s.due.fp = got.size - s.due.tp;
  s.due.fn = want.size - s.due.tp;
  s.dueMissed = [...want].filter((k) => !got.has(k));
  s.dueExtra = [...got].filter((k) => !want.has(k));
  return s;
}

export function addScores(a: ScenarioScore, b: ScenarioScore): ScenarioScore {
  const add = (x: Counts, y: Counts): Counts => ({ tp: x.tp + y.tp, fp: x.fp + y.fp, fn: x.fn + y.fn });
  return {
    threads: add(a.threads, b.threads),
    meetings: add(a.meetings, b.meetings),
    due: add(a.due, b.due),
    missed: [...a.missed, ...b.missed],
    extra: [...a.extra, ...b.extra],
    dueMissed: [...a.dueMissed, ...b.dueMissed],
    dueExtra: [...a.dueExtra, ...b.dueExtra],
  };
}

export const precision = (c: Counts): number => (c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp));
export const recall = (c: Counts): number => (c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn));
