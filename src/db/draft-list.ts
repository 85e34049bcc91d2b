/**
 * The drafts Rapport wrote, as the user reads them: kind, recipient (with their name), subject, the text, the fate
 * and when. Scoped by account when one is given; newest first.
 */
import type { Kysely } from "kysely";
import type { Database, DraftKind, DraftState } from "./schema.js";

export interface ListedDraft {
  id: number;
  account: string;
  timeZone: string;
  kind: DraftKind;
  state: DraftState;
  to: string;
  toName: string | null;
  subject: string;
  text: string | null;
  createdAt: Date;
  lastError: string | null;
}

/** What became of a draft, in words (the CLI and the web page both say it this way). */
export const DRAFT_FATES: Record<ListedDraft["state"], string> = {
  claimed: "being written",
  created: "waiting in Drafts",
  sent: "sent by you",
  deleted: "deleted by you",
  superseded: "outdated: the conversation moved on",
  failed: "could not be created",
  dry_run: "dry run (not written)",
};

export async function listDrafts(
  db: Kysely<Database>,
  options: { accountId?: number; limit?: number } = {},
): Promise<ListedDraft[]> {
  let query = db
    .selectFrom("drafts as d")
    .innerJoin("accounts as a", "a.id", "d.account_id")
    .leftJoin("contacts as c", (j) =>
      j.onRef("c.account_id", "=", "d.account_id").onRef("c.address", "=", "d.to_address"),
    )
    .select([
      "d.id",
      "d.kind",
      "d.state",
      "d.to_address",
      "d.subject",
      "d.body_text",
      "d.claimed_at",
      "d.created_at",
      "d.last_error",
      "a.address",
      "a.time_zone",
      "c.name",
    ])
    .orderBy("d.claimed_at", "desc")
    .orderBy("d.id", "desc")
    .limit(options.limit ?? 200);
  if (options.accountId !== undefined) query = query.where("d.account_id", "=", options.accountId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    account: r.address,
    timeZone: r.time_zone,
    kind: r.kind,
    state: r.state,
    to: r.to_address,
    toName: r.name || null,
    subject: r.subject,
    text: r.body_text,
    createdAt: r.created_at ?? r.claimed_at,
    lastError: r.state === "failed" ? r.last_error : null,
  }));
}
