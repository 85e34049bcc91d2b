/**
 * Training rows: for each thread of a scenario, the evidence features the engine computes (the same code path
 * as `rapport scan`) and the truth label. Relationships are given from the truth (a contact met in another
 * informational thread is "known"), as the engine's second pass would know them.
 */
import {
  type Direction,
  FEATURES,
  type FeatureName,
  type MailThread,
  threadEvidence,
} from "../src/domain/index.js";
import { readThreads } from "../src/scan/scan-mailbox.js";
import { type Scenario, truthRoots } from "./scenario-corpus.js";

export interface Row {
  scenario: string;
  threadId: string;
  root: string;
  label: 0 | 1;
  x: number[];
  direction: Direction;
  truthDirection: Direction | null;
}

export interface ScenarioRows {
  rows: Row[];
  /** Positive truth threads the cheap path rejects (no model can find them). */
  quickMisses: string[];
}

export async function scenarioRows(s: Scenario): Promise<ScenarioRows> {
  const roots = await truthRoots(s.mbox);
  const { threads } = await readThreads({ mail: s.mbox, me: s.truth.me });
  const positivesByContact = new Map<string, string[]>();
  for (const [root, t] of Object.entries(s.truth.threads)) {
    if (!t.informational || !t.contact) continue;
    const c = t.contact.toLowerCase();
    positivesByContact.set(c, [...(positivesByContact.get(c) ?? []), root]);
  }
  const rows: Row[] = [];
  const quickMisses: string[] = [];
  const seenRoots = new Set<string>();
  for (const t of threads as MailThread[]) {
    const root = rootOf(t, roots);
    const truth = s.truth.threads[root];
    if (!truth) continue;
    const known = new Map<string, Direction>();
    for (const [c, list] of positivesByContact) {
      if (list.some((r) => r !== root)) {
        const dir = s.truth.threads[list.find((r) => r !== root) as string]?.direction ?? "seeker";
        known.set(c, dir);
      }
    }
    const e = threadEvidence(t.messages, s.truth.me, { knownContacts: known });
    if (e.quick) {
      if (truth.informational && !seenRoots.has(root)) quickMisses.push(root);
      continue;
    }
    seenRoots.add(root);
    rows.push({
      scenario: `${s.set}/${s.name}`,
      threadId: t.threadId,
      root,
      label: truth.informational ? 1 : 0,
      x: FEATURES.map((f: FeatureName) => e.features[f]),
      direction: e.direction,
      truthDirection: truth.direction ?? null,
    });
  }
  return { rows, quickMisses };
}

function rootOf(t: MailThread, roots: ReadonlyMap<string, string>): string {
  for (const m of t.messages) {
    const r = m.messageId ? roots.get(m.messageId) : undefined;
    if (r) return r;
  }
  return roots.get(t.threadId) ?? t.threadId;
}
