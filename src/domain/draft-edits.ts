/**
 * What the user did to a draft before sending it, as a shape only: for each part Rapport wrote (greeting, each
 * paragraph, sign-off — named by templates/template-parts.ts) whether it was kept, rewritten or deleted, and how
 * many paragraphs of their own were added. Computed in memory from the drafted text and the sent text; neither is
 * kept by this module. And, from the shapes of the last sends of one template, which parts to propose dropping.
 */
import { cutQuoted } from "./visible-text.js";

export type PartEdit = "kept" | "rewritten" | "deleted";

export interface EditShape {
  parts: { part: string; edit: PartEdit }[];
  added: number;
}

/** Words for comparing paragraphs: lower case, letters and digits only. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function normalised(text: string): string {
  return words(text).join(" ");
}

/** Dice coefficient of the two paragraphs' word sets (0: nothing shared, 1: the same words). */
function similarity(a: string, b: string): number {
  const wa = new Set(words(a));
  const wb = new Set(words(b));
  if (wa.size === 0 || wb.size === 0) return 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

/** A drafted paragraph counts as rewritten (not deleted) when the sent paragraph in its place shares this much. */
const REWRITE_SIMILARITY = 0.3;

export function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n(?:[ \t]*\n)+/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Longest common subsequence of equal paragraphs: index pairs (drafted, sent), in order. */
function anchors(drafted: readonly string[], sent: readonly string[]): [number, number][] {
  const n = drafted.length;
  const m = sent.length;
  const table = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = table[i] as number[];
      row[j] =
        drafted[i] === sent[j]
          ? ((table[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((table[i + 1] as number[])[j] as number, row[j + 1] as number);
    }
  }
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (drafted[i] === sent[j]) {
      out.push([i, j]);
      i++;
      j++;
    } else if (((table[i + 1] as number[])[j] as number) >= ((table[i] as number[])[j + 1] as number)) i++;
    else j++;
  }
  return out;
}

/**
 * Compares the drafted text (one part key per paragraph) with the text the user sent (quoted history below it is
 * cut off first). A part with several paragraphs (a sign-off with a signature) is kept only when all of them are.
 * Null when the two cannot be compared, or when the sent message kept nothing of the draft's body.
 */
export function compareSent(draftedText: string, partKeys: readonly string[], sentBody: string): EditShape | null {
  const drafted = paragraphs(draftedText);
  if (drafted.length !== partKeys.length || drafted.length === 0) return null;
  const sent = paragraphs(cutQuoted(sentBody));
  const d = drafted.map(normalised);
  const s = sent.map(normalised);
  const fate = new Array<PartEdit>(d.length).fill("deleted");
  const used = new Array<boolean>(s.length).fill(false);
  const pairs = anchors(d, s);
  for (const [i, j] of pairs) {
    fate[i] = "kept";
    used[j] = true;
  }
  // Between two anchors: each drafted paragraph left takes the most similar sent paragraph left, in order.
  const bounds: [number, number][] = [[-1, -1], ...pairs, [d.length, s.length]];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const [i0, j0] = bounds[k] as [number, number];
    const [i1, j1] = bounds[k + 1] as [number, number];
    let from = j0 + 1;
    for (let i = i0 + 1; i < i1; i++) {
      let best = -1;
      let bestScore = REWRITE_SIMILARITY;
      for (let j = from; j < j1; j++) {
        const score = similarity(drafted[i] as string, sent[j] as string);
        if (!used[j] && score >= bestScore) {
          best = j;
          bestScore = score;
        }
      }
      if (best >= 0) {
        fate[i] = "rewritten";
        used[best] = true;
        from = best + 1;
      }
    }
  }
  const parts: EditShape["parts"] = [];
  partKeys.forEach((key, i) => {
    const edit = fate[i] as PartEdit;
    const last = parts.at(-1);
    if (last && last.part === key) {
      if (last.edit !== edit) last.edit = "rewritten";
    } else parts.push({ part: key, edit });
  });
  // A reply of the user's own that answers the same message (the fate check counts it as this draft sent) keeps
  // nothing of the draft's body: it says nothing about the template.
  const body = parts.filter((p) => p.part !== "greeting" && p.part !== "signoff");
  if (body.length > 0 && body.every((p) => p.edit === "deleted")) return null;
  return { parts, added: used.filter((u) => !u).length };
}

/** How many of the latest sends of one template are looked at for a suggestion. */
export const SUGGESTION_WINDOW = 5;
/** A part must have been deleted or rewritten at least this often (and in most sends that had it). */
export const SUGGESTION_MIN_SENDS = 3;

export interface PartSuggestion {
  part: string;
  /** Sends (of the window) whose draft had this part. */
  had: number;
  deleted: number;
  rewritten: number;
}

/**
 * Parts to propose dropping, from the edit shapes of the latest sends of one template (newest first): a part
 * deleted or rewritten in at least SUGGESTION_MIN_SENDS of the last SUGGESTION_WINDOW sends, and in more than half
 * of those that had it. The greeting and the sign-off are never proposed: a message needs them.
 */
export function suggestDrops(latest: readonly EditShape[]): PartSuggestion[] {
  const tally = new Map<string, PartSuggestion>();
  for (const shape of latest.slice(0, SUGGESTION_WINDOW)) {
    for (const { part, edit } of shape.parts) {
      const t = tally.get(part) ?? { part, had: 0, deleted: 0, rewritten: 0 };
      t.had++;
      if (edit === "deleted") t.deleted++;
      if (edit === "rewritten") t.rewritten++;
      tally.set(part, t);
    }
  }
  return [...tally.values()].filter((t) => {
    const changed = t.deleted + t.rewritten;
    return t.part !== "greeting" && t.part !== "signoff" && changed >= SUGGESTION_MIN_SENDS && changed * 2 > t.had;
  });
}
