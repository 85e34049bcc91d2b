/** The demo's closing summary, for people: contacts by stage, the drafts created, what waits and why, the digest. */
import type { Kysely } from "kysely";
import { type ListedDraft, listDrafts } from "../src/db/draft-list.js";
import { KIND_LABELS, loadPipeline, type PipelineEntry, STAGE_LABELS, STAGES } from "../src/db/pipeline.js";
import type { Database } from "../src/db/schema.js";
import type { LifecycleStage } from "../src/domain/index.js";
import type { CycleReport } from "../src/jobs/run-cycle.js";

interface SummaryInput {
  db: Kysely<Database>;
  now: Date;
  reports: CycleReport[];
  digestFiles: { address: string; file: string }[];
  draftFiles: { address: string; file: string }[];
  webUrl: string | null;
}

/** Drafts as the user would open them: who, what, and the whole text. */
export function formatDraftTexts(drafts: readonly ListedDraft[]): string {
  const created = drafts.filter((d) => d.state === "created").reverse();
  if (created.length === 0) return "No drafts.\n";
  return `${created
    .map((d) => {
      const to = d.toName ? `${d.toName} <${d.to}>` : d.to;
      return `${KIND_LABELS[d.kind]} to ${to}\nSubject: ${d.subject}\n\n${d.text ?? ""}`;
    })
    .join(`\n\n${"-".repeat(72)}\n\n`)}\n`;
}

function day(date: Date | null, timeZone: string): string {
  if (!date) return "";
  return new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", month: "short", day: "numeric" }).format(date);
}

function who(e: Pick<PipelineEntry, "name" | "address" | "organisation">): string {
  return `${e.name || e.address}${e.organisation ? ` (${e.organisation})` : ""}`;
}

export async function formatDemoSummary(input: SummaryInput): Promise<string> {
  const { db, now } = input;
  const zones = new Map(
    (await db.selectFrom("accounts").select(["id", "time_zone"]).execute()).map((a) => [a.id, a.time_zone]),
  );
  const out: string[] = [];
  out.push("", "Rapport sandbox: one whole cycle", "");
  for (const r of input.reports) {
    const mail = r.mail ? `${r.mail.inserted} message(s) synced` : "mail not synced";
    const events = r.calendar ? `${r.calendar.inserted} calendar event(s)` : "calendar not synced";
    const found = r.assessed ? `${r.assessed.informational} informational thread(s) found` : "";
    out.push(
      `  ${r.address}: ${r.status}${r.reason ? ` (${r.reason})` : ""} — ${[mail, events, found].filter(Boolean).join(", ")}`,
    );
  }

  const pipeline = await loadPipeline(db, now);
  out.push("", "Contacts by stage");
  for (const stage of STAGES) {
    const people = pipeline.filter((e) => e.stage === stage);
    if (people.length === 0) continue;
    out.push(`  ${STAGE_LABELS[stage as LifecycleStage].padEnd(18)} ${people.length}  ${people.map(who).join("; ")}`);
  }

  const drafts = (await listDrafts(db)).filter((d) => d.state === "created").reverse();
  out.push("", `Drafts created (${drafts.length}), waiting in the Drafts folders for you to edit and send`);
  for (const d of drafts) out.push(`  ${KIND_LABELS[d.kind].padEnd(9)} to ${d.to} — "${d.subject}" (in ${d.account})`);
  out.push("", "The drafts, as you will find them");
  for (const d of drafts) {
    out.push("", `  ${KIND_LABELS[d.kind]} to ${d.toName ? `${d.toName} <${d.to}>` : d.to}`);
    for (const line of (d.text ?? "").split("\n")) out.push(line ? `  │ ${line}` : "  │");
  }

  out.push("", "Waiting, and why");
  const waiting = pipeline.filter((e) => !e.next.what.endsWith("waiting in Drafts"));
  for (const e of waiting) {
    const zone = zones.get(e.accountId) ?? "UTC";
    const when = e.next.at ? (e.next.at > now ? `, from ${day(e.next.at, zone)}` : ", due now") : "";
    out.push(`  ${who(e)} — ${STAGE_LABELS[e.stage as LifecycleStage].toLowerCase()}: ${e.next.what}${when}`);
  }
  const skipped = input.reports.flatMap((r) => r.drafts.filter((d) => d.status === "skipped" || d.status === "failed"));
  for (const d of skipped) out.push(`  ${KIND_LABELS[d.kind]} to ${d.to} not drafted: ${d.reason ?? d.status}`);
  if (waiting.length === 0 && skipped.length === 0) out.push("  nothing");

  out.push("", "Weekly digest");
  for (const r of input.reports) out.push(`  ${r.address}: ${r.digest ?? "not run"}`);
  for (const f of input.digestFiles) out.push(`  written to ${f.file}`);
  out.push("", "Draft texts");
  for (const f of input.draftFiles) out.push(`  ${f.address}: written to ${f.file}`);
  if (input.webUrl) out.push("", `Web page: ${input.webUrl} (Ctrl-C to stop)`);
  return `${out.join("\n")}\n`;
}
