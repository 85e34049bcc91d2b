/** Scan output: the JSON contract and the human summary table. */
import type { MailboxEvaluation } from "../domain/engine-types.js";
import { formatLocalIso } from "../domain/time-zone.js";
import type { ScanProblems } from "./scan-mailbox.js";

type ThreadOut = MailboxEvaluation["threads"][number];
type MeetingOut = MailboxEvaluation["meetings"][number];
type DueOut = MailboxEvaluation["due"][number];

function threadJson(t: ThreadOut): Record<string, unknown> {
  return {
    threadId: t.threadId,
    subject: t.subject,
    informational: t.informational,
    direction: t.direction,
    stage: t.stage,
    contacts: t.contacts,
    confidence: t.confidence,
    reasons: t.reasons,
    ...(t.evidence ? { evidence: t.evidence } : {}),
    ...(t.referredBy ? { referredBy: t.referredBy } : {}),
    ...(t.organisation ? { organisation: t.organisation } : {}),
  };
}

function meetingJson(m: MeetingOut): Record<string, unknown> {
  return {
    uid: m.uid,
    informational: m.informational,
    contacts: m.contacts,
    start: m.start,
    end: m.end,
    status: m.status,
    summary: m.summary,
    reasons: m.reasons,
  };
}

function dueJson(d: DueOut): Record<string, unknown> {
  return {
    kind: d.kind,
    to: d.to,
    inReplyTo: d.inReplyTo,
    threadId: d.threadId,
    subject: d.subject,
    dueSince: d.dueSince,
    reason: d.reason,
  };
}

/** The `--json` object: threads, meetings and due drafts (every thread and event, negatives included). */
export function toJsonOutput(e: MailboxEvaluation): Record<string, unknown> {
  return { threads: e.threads.map(threadJson), meetings: e.meetings.map(meetingJson), due: e.due.map(dueJson) };
}

/**
 * The same JSON object as `toJsonOutput`, produced one thread, meeting or due draft at a time, so a mailbox
 * with 100,000 threads never needs its whole output in memory at once.
 */
export function* jsonOutputChunks(e: MailboxEvaluation): Generator<string> {
  const sections: [string, readonly unknown[], (x: never) => Record<string, unknown>][] = [
    ["threads", e.threads, threadJson],
    ["meetings", e.meetings, meetingJson],
    ["due", e.due, dueJson],
  ];
  yield "{";
  let firstSection = true;
  for (const [name, items, map] of sections) {
    yield `${firstSection ? "" : ","}\n"${name}": [`;
    firstSection = false;
    let first = true;
    for (const item of items) {
      yield `${first ? "\n" : ",\n"}${JSON.stringify(map(item as never))}`;
      first = false;
    }
    yield "\n]";
  }
  yield "\n}\n";
}

function cut(s: string, n: number): string {
  const clean = s.replace(/\s+/g, " ").trim();
  return clean.length <= n ? clean.padEnd(n) : `${clean.slice(0, n - 1)}…`;
}

/** Readable summary: informational threads (contacts, stage, what is due, why), meetings, due drafts. */
export function toTable(e: MailboxEvaluation, timeZone: string): string {
  const lines: string[] = [];
  const dueByThread = new Map<string, string[]>();
  for (const d of e.due) {
    if (!d.threadId) continue;
    const list = dueByThread.get(d.threadId) ?? [];
    list.push(d.kind.replace("_", "-"));
    dueByThread.set(d.threadId, list);
  }
  const info = e.threads.filter((t) => t.informational);
  lines.push(`Informational threads: ${info.length} of ${e.threads.length}`);
  lines.push(`${cut("CONTACT", 34)}  ${cut("DIR", 6)}  ${cut("STAGE", 17)}  ${cut("DUE", 10)}  WHY`);
  for (const t of info) {
    // the verdict line comes first; the first sentence after it is the strongest reason
    const why = t.reasons[1] ?? t.reasons[0] ?? "";
    lines.push(
      `${cut(t.contacts[0] ?? "?", 34)}  ${cut(t.direction ?? "", 6)}  ${cut(t.stage, 17)}  ${cut((dueByThread.get(t.threadId) ?? []).join(",") || "-", 10)}  ${cut(`${t.subject} — ${why}`, 90)}`,
    );
  }
  const meetings = e.meetings.filter((m) => m.informational);
  lines.push("");
  lines.push(`Informational meetings: ${meetings.length} of ${e.meetings.length}`);
  for (const m of meetings) {
    lines.push(
      `${cut(m.contacts[0] ?? "?", 34)}  ${cut(formatLocalIso(new Date(m.start), timeZone).slice(0, 16).replace("T", " "), 17)}  ${cut(m.status, 10)}  ${cut(m.summary, 60)}`,
    );
  }
  lines.push("");
  lines.push(`Due drafts: ${e.due.length}`);
  for (const d of e.due) {
    lines.push(
      `${cut(d.kind.replace("_", "-"), 10)}  ${cut(d.to, 34)}  since ${formatLocalIso(new Date(d.dueSince), timeZone).slice(0, 16).replace("T", " ")}  ${cut(d.reason, 80)}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** One stderr line about skipped and defective messages, or null when there is nothing to say. */
export function problemsSummary(p: ScanProblems): string[] {
  const out: string[] = [];
  if (p.skipped.length > 0) {
    const reasons = new Map<string, number>();
    for (const s of p.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    const list = [...reasons].map(([r, n]) => `${n} ${r}`).join("; ");
    out.push(`skipped ${p.skipped.length} message${p.skipped.length === 1 ? "" : "s"}: ${list}`);
  }
  if (p.warnings.size > 0) {
    out.push(`read with defects (kept): ${[...p.warnings].map(([w, n]) => `${n} ${w}`).join("; ")}`);
  }
  for (const c of p.calendar) out.push(`calendar: ${c}`);
  return out;
}
