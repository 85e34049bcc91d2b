/**
 * Imports LinkedIn's Connections.csv for one account (`rapport import linkedin`, the web page's upload): the export
 * is read (domain/linkedin-export.ts), its people upserted and matched to contacts (db/linkedin.ts). Bad rows are
 * reported and skipped; a file that is not such an export throws a LinkedInExportError naming the line.
 */
import type { Kysely } from "kysely";
import { type ImportSummary, importLinkedInConnections } from "../db/linkedin.js";
import type { Account, Database } from "../db/schema.js";
import { LinkedInExportError, parseLinkedInExport, type RowProblem } from "../domain/linkedin-export.js";

/** LinkedIn's export of even a very large network (30,000 connections) is a few megabytes. */
export const MAX_EXPORT_BYTES = 20 * 1024 * 1024;

export interface LinkedInImportResult extends ImportSummary {
  problems: RowProblem[];
}

export async function importLinkedIn(
  db: Kysely<Database>,
  account: Pick<Account, "id">,
  bytes: Buffer,
  now: Date,
): Promise<LinkedInImportResult> {
  if (bytes.length > MAX_EXPORT_BYTES) {
    throw new LinkedInExportError(`the file is ${bytes.length} bytes; at most ${MAX_EXPORT_BYTES} are read`);
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const parsed = parseLinkedInExport(text);
  const summary = await importLinkedInConnections(db, account.id, parsed.connections, now);
  return { ...summary, problems: parsed.problems };
}

/** The result in a few lines, for the CLI and the page. */
export function describeImport(r: LinkedInImportResult): string[] {
  const skipped = r.problems.filter((p) => p.skipped).length;
  return [
    `${r.rows} ${r.rows === 1 ? "person" : "people"} read: ${r.added} new, ${r.updated} updated, ${r.unchanged} unchanged${skipped ? `; ${skipped} ${skipped === 1 ? "row" : "rows"} skipped` : ""}`,
    `matched to your contacts: ${r.matchedByAddress} by address, ${r.matchedByName} by name`,
    ...r.problems.map((p) => `line ${p.line}: ${p.reason}${p.skipped ? " (skipped)" : ""}`),
  ];
}
