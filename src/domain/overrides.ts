/**
 * User corrections of a classification. Pure: the store (database table or JSON file) lives outside the domain.
 */
import type { ClassificationOverride, ThreadAssessment } from "./engine-types.js";

export interface OverrideStore {
  list(accountKey: string): Promise<ClassificationOverride[]>;
  save(accountKey: string, override: ClassificationOverride): Promise<void>;
}

interface Overridable {
  threadId: string;
  messages: readonly { messageId: string | null }[];
  assessment: ThreadAssessment;
}

/**
 * Returns copies of the threads with overrides applied. An override matches the thread whose root id it names,
 * or any thread containing a message with that id (threads can gain an earlier root later). The newest override
 * for a thread wins.
 */
export function applyOverrides<T extends Overridable>(
  threads: readonly T[],
  overrides: readonly ClassificationOverride[],
): T[] {
  if (overrides.length === 0) return [...threads];
  const sorted = [...overrides].sort((a, b) => (a.createdAt ?? "").localeCompare(b.createdAt ?? ""));
  const byKey = new Map<string, ClassificationOverride>();
  for (const o of sorted) byKey.set(o.threadKey, o);
  return threads.map((t) => {
    let o = byKey.get(t.threadId);
    if (!o) {
      for (const m of t.messages) {
        const hit = m.messageId ? byKey.get(m.messageId) : undefined;
        if (hit) o = hit;
      }
    }
    if (!o) return t;
    const direction = o.informational ? (o.direction ?? t.assessment.direction ?? "seeker") : null;
    const assessment: ThreadAssessment = {
      ...t.assessment,
      informational: o.informational,
      direction,
      confidence: 1,
      category: o.informational
        ? "informational"
        : t.assessment.category === "informational"
          ? "other"
          : t.assessment.category,
      reasons: [
        `corrected by the user${o.createdAt ? ` on ${o.createdAt.slice(0, 10)}` : ""}: ${o.informational ? `informational (${direction})` : "not informational"}`,
        ...t.assessment.reasons,
      ],
    };
    return { ...t, assessment };
  });
}
