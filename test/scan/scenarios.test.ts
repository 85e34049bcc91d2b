/**
 * Scores the labeled scenarios (ours under test/fixtures/scenarios, and the shared dev corpus when present) the
 * way the shared corpus scorer does: a thread counts for the truth thread that holds its threadId, meetings by
 * UID, due drafts by (kind, to, inReplyTo). Each must reach 0.95 precision and recall.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readMailSource } from "../../src/scan/mail-sources.js";
import { parseRawMessage } from "../../src/scan/mime-to-message.js";
import { scanMailbox } from "../../src/scan/scan-mailbox.js";

interface Truth {
  me: string[];
  now: string;
  tz: string;
  threads: Record<string, { informational: boolean }>;
  meetings: Record<string, { informational: boolean }>;
  due: { kind: string; to: string; inReplyTo: string }[];
}

// The team's shared dev corpus sits beside the checkout (../shared) on developer machines and in CI; the
// project's own scenarios are always here.
const ROOTS = [
  path.resolve(import.meta.dirname, "../fixtures/scenarios"),
  path.resolve(import.meta.dirname, "../../../shared/corpus/dev"),
];
const scenarios = ROOTS.filter(existsSync).flatMap((root) =>
  readdirSync(root)
    .map((d) => path.join(root, d))
    .filter((d) => existsSync(path.join(d, "truth.json"))),
);

/** Union of the messages linked by References/In-Reply-To (independent of the engine's threading). */
async function truthRoots(mbox: string): Promise<Map<string, string>> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while ((parent.get(r) ?? r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const order: string[] = [];
  for await (const raw of readMailSource(mbox, 1 << 20)) {
    const m = await parseRawMessage(raw.raw, { me: new Set() });
    if (!m.messageId) continue;
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

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

describe.each(scenarios)("scenario %s", (dir) => {
  it("scores at least 0.95 precision and recall on threads, meetings and due drafts", async () => {
    const truth = JSON.parse(readFileSync(path.join(dir, "truth.json"), "utf8")) as Truth;
    const mbox = path.join(dir, "mailbox.mbox");
    const result = await scanMailbox({
      mail: mbox,
      ics: path.join(dir, "calendar.ics"),
      me: truth.me,
      now: new Date(truth.now),
      timeZone: truth.tz,
    });
    const roots = await truthRoots(mbox);
    const said = new Map<string, boolean>();
    for (const t of result.evaluation.threads) {
      const root = roots.get(t.threadId) ?? t.threadId;
      said.set(root, (said.get(root) ?? false) || t.informational);
    }
    const c = { tp: 0, fp: 0, fn: 0 };
    for (const [root, t] of Object.entries(truth.threads)) {
      const got = said.get(root) ?? false;
      if (t.informational && got) c.tp++;
      else if (t.informational) c.fn++;
      else if (got) c.fp++;
    }
    const m = { tp: 0, fp: 0, fn: 0 };
    const msaid = new Map(result.evaluation.meetings.map((x) => [x.uid, x.informational]));
    for (const [uid, t] of Object.entries(truth.meetings)) {
      const got = msaid.get(uid) ?? false;
      if (t.informational && got) m.tp++;
      else if (t.informational) m.fn++;
      else if (got) m.fp++;
    }
    const key = (d: { kind: string; to: string; inReplyTo: string | null }) =>
      `${d.kind}|${d.to.toLowerCase()}|${d.inReplyTo}`;
    const want = new Set(truth.due.map(key));
    const got = new Set(result.evaluation.due.map(key));
    const dtp = [...got].filter((k) => want.has(k)).length;
    const scores = {
      threads: Math.min(ratio(c.tp, c.tp + c.fp), ratio(c.tp, c.tp + c.fn)),
      meetings: Math.min(ratio(m.tp, m.tp + m.fp), ratio(m.tp, m.tp + m.fn)),
      due: Math.min(ratio(dtp, got.size), ratio(dtp, want.size)),
    };
    expect(scores).toEqual({ threads: expect.any(Number), meetings: expect.any(Number), due: expect.any(Number) });
    expect(scores.threads, `threads ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(0.95);
    expect(scores.meetings, `meetings ${JSON.stringify(m)}`).toBeGreaterThanOrEqual(0.95);
    expect(
      scores.due,
      `due missing ${[...want].filter((k) => !got.has(k))} extra ${[...got].filter((k) => !want.has(k))}`,
    ).toBeGreaterThanOrEqual(0.95);
    // every thread and every event appears in the output
    expect(new Set([...said.keys()])).toEqual(new Set(Object.keys(truth.threads)));
    expect(new Set(result.evaluation.meetings.map((x) => x.uid))).toEqual(new Set(Object.keys(truth.meetings)));
  });
});
