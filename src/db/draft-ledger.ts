/**
 * The drafts ledger: exactly one draft per (account, target, kind, cycle). A row is claimed before the provider
 * is called and the provider's draft id recorded after, so a crash in between leaves a `claimed` row that the
 * next run resolves by looking the draft up by its marker. Every transition is a compare-and-set
 * (`UPDATE … WHERE state = … AND attempts = … RETURNING`), so two replicas can never both own a row. A claim's
 * `claimed_at` is when its holder last confirmed it: the holder renews it while it works (db/lease.ts), and only a
 * claim left unconfirmed for CLAIM_LEASE_MS is stale.
 *
 * Cycles: a kind can recur for the same target (a check-in after each long silence, a thank-you after a second
 * meeting). A new cycle opens only when the latest row is final (sent, deleted, superseded) and the engine reports
 * a *new occasion*: a due time later than both the latest row's due time and the moment it was resolved. So a
 * deleted draft is never recreated for the same occasion, and a sent one is not repeated until the conversation
 * has moved on.
 */
import { type Kysely, sql } from "kysely";
import { CLAIM_LEASE_MS } from "../domain/time-budget.js";
import type { Database, Draft, DraftKind, DraftState } from "./schema.js";

/** How long a claim stays its holder's after the holder last renewed it (domain/time-budget.ts). */
export { CLAIM_LEASE_MS };

/**
 * Provider attempts per row retried on every run; after that a failed row is retried once an hour. Interruptions
 * (a crash, a lost answer) and timeouts count as attempts too, so a row that never comes back would make a draft
 * go missing for good after a bad hour.
 */
const MAX_ATTEMPTS = 5;
export const RETRY_AFTER_MAX_ATTEMPTS_MS = 3_600_000;
const FINAL_STATES: ReadonlySet<DraftState> = new Set(["sent", "deleted", "superseded"]);

/** The marker stored with each draft: `<account id>.<ledger row id>` (see DraftRequest.marker). */
export function draftMarker(row: Pick<Draft, "account_id" | "id">): string {
  return `${row.account_id}.${row.id}`;
}

interface SlotRequest {
  accountId: number;
  targetKey: string;
  kind: DraftKind;
  dueSince: Date;
  threadId: number | null;
  contactId: number | null;
  toAddress: string;
  inReplyTo: string | null;
  subject: string;
  /** The text Rapport wrote (kept so the user can read it in `rapport drafts` and on the page). */
  text?: string;
  /** The template it came from and the template part of each of its paragraphs (templates/drafts.ts). */
  parts?: DraftParts;
  now: Date;
  dryRun: boolean;
}

/** Which template, and which part of it, each paragraph of a draft's text came from (learning from edits). */
export interface DraftParts {
  templateRef: string;
  partKeys: string[] | null;
}

type Slot = { owned: true; row: Draft; retaken: boolean } | { owned: false; row: Draft | null; why: string };

function isNewOccasion(dueSince: Date, latest: Pick<Draft, "due_since" | "resolved_at">): boolean {
  const after = Math.max(latest.due_since?.getTime() ?? 0, latest.resolved_at?.getTime() ?? 0);
  return dueSince.getTime() > after;
}

async function latestRow(db: Kysely<Database>, accountId: number, targetKey: string, kind: DraftKind) {
  return db
    .selectFrom("drafts")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("target_key", "=", targetKey)
    .where("kind", "=", kind)
    .orderBy("cycle", "desc")
    .limit(1)
    .executeTakeFirst();
}

/**
 * The latest ledger row of each (target, kind) a pass is about to draft, in one query: key `${kind}|${target}`.
 */
export async function latestRows(
  db: Kysely<Database>,
  accountId: number,
  slots: readonly { targetKey: string; kind: DraftKind }[],
): Promise<Map<string, Draft>> {
  if (slots.length === 0) return new Map();
  const rows = await db
    .selectFrom("drafts")
    .selectAll()
    .distinctOn(["target_key", "kind"])
    .where("account_id", "=", accountId)
    .where("target_key", "in", [...new Set(slots.map((s) => s.targetKey))])
    .orderBy("target_key")
    .orderBy("kind")
    .orderBy("cycle", "desc")
    .execute();
  return new Map(rows.map((r) => [`${r.kind}|${r.target_key}`, r]));
}

/**
 * Why a due draft whose latest ledger row is `latest` needs nothing from this run (it exists, was sent or deleted
 * for this occasion, another run holds it); null when the run should claim it (claimSlot decides for good).
 */
export function leaveAlone(
  latest: Draft | undefined,
  req: Pick<SlotRequest, "dueSince" | "now" | "dryRun">,
): string | null {
  if (!latest || (FINAL_STATES.has(latest.state) && isNewOccasion(req.dueSince, latest))) return null;
  if (req.dryRun) return `already ${latest.state}`;
  const stale = latest.state === "claimed" && latest.claimed_at.getTime() <= req.now.getTime() - CLAIM_LEASE_MS;
  const retryable =
    latest.state === "failed" &&
    (latest.attempts < MAX_ATTEMPTS || latest.updated_at.getTime() <= req.now.getTime() - RETRY_AFTER_MAX_ATTEMPTS_MS);
  const goingLive = latest.state === "dry_run" && !req.dryRun;
  return stale || retryable || goingLive ? null : `already ${latest.state}`;
}

/** Claims the ledger slot for a due draft, or says why this run must leave it alone. */
export async function claimSlot(db: Kysely<Database>, req: SlotRequest): Promise<Slot> {
  const latest = await latestRow(db, req.accountId, req.targetKey, req.kind);
  if (!latest || (FINAL_STATES.has(latest.state) && isNewOccasion(req.dueSince, latest))) {
    const row = await db
      .insertInto("drafts")
      .values({
        account_id: req.accountId,
        target_key: req.targetKey,
        kind: req.kind,
        cycle: latest ? latest.cycle + 1 : 1,
        state: req.dryRun ? "dry_run" : "claimed",
        thread_id: req.threadId,
        contact_id: req.contactId,
        to_address: req.toAddress,
        in_reply_to: req.inReplyTo,
        subject: req.subject,
        body_text: req.text ?? null,
        template_ref: req.parts?.templateRef ?? null,
        part_keys: req.parts?.partKeys ?? null,
        due_since: req.dueSince,
        attempts: req.dryRun ? 0 : 1,
        claimed_at: req.now,
        updated_at: req.now,
      })
      .onConflict((oc) => oc.columns(["account_id", "target_key", "kind", "cycle"]).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? { owned: true, row, retaken: false } : { owned: false, row: null, why: "claimed by another run" };
  }
  // A dry run never takes a row over: that would lead to a provider call.
  const why = leaveAlone(latest, req);
  if (why) return { owned: false, row: latest, why };
  const row = await retake(db, latest, req.now);
  return row
    ? { owned: true, row, retaken: latest.state !== "dry_run" }
    : { owned: false, row: latest, why: "taken over by another run" };
}

/** Takes a row over for a new provider attempt, only if nobody changed it since it was read. */
export async function retake(db: Kysely<Database>, seen: Draft, now: Date): Promise<Draft | undefined> {
  return db
    .updateTable("drafts")
    .set((eb) => ({
      state: "claimed",
      attempts: eb("attempts", "+", 1),
      claimed_at: now,
      last_error: null,
      updated_at: now,
    }))
    .where("account_id", "=", seen.account_id)
    .where("id", "=", seen.id)
    .where("state", "=", seen.state)
    .where("attempts", "=", seen.attempts)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Confirms a claim its holder is still working on. True while the row is still this holder's (its attempt count
 * unchanged, whether still claimed or already settled by the holder itself); false once another run took it over.
 */
export async function renewClaim(db: Kysely<Database>, owned: Draft, now: Date): Promise<boolean> {
  const renewed = await db
    .updateTable("drafts")
    .set({ claimed_at: now })
    .where("account_id", "=", owned.account_id)
    .where("id", "=", owned.id)
    .where("state", "=", "claimed")
    .where("attempts", "=", owned.attempts)
    .returning("id")
    .executeTakeFirst();
  if (renewed) return true;
  const row = await db
    .selectFrom("drafts")
    .select("attempts")
    .where("account_id", "=", owned.account_id)
    .where("id", "=", owned.id)
    .executeTakeFirst();
  return row?.attempts === owned.attempts;
}

/** Records the provider's draft; false when the claim was taken over meanwhile (the caller logs it). */
export async function markCreated(
  db: Kysely<Database>,
  owned: Draft,
  ref: { draftId: string; messageId: string | null },
  now: Date,
  written?: { subject: string; text: string; parts?: DraftParts },
): Promise<boolean> {
  const parts = written?.parts ? { template_ref: written.parts.templateRef, part_keys: written.parts.partKeys } : {};
  const row = await db
    .updateTable("drafts")
    .set({
      ...(written ? { subject: written.subject, body_text: written.text, ...parts } : {}),
      state: "created",
      provider_draft_id: ref.draftId,
      provider_message_id: ref.messageId,
      created_at: now,
      last_error: null,
      updated_at: now,
    })
    .where("account_id", "=", owned.account_id)
    .where("id", "=", owned.id)
    .where("state", "=", "claimed")
    .where("attempts", "=", owned.attempts)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function markFailed(db: Kysely<Database>, owned: Draft, error: string, now: Date): Promise<void> {
  await db
    .updateTable("drafts")
    .set({ state: "failed", last_error: error.slice(0, 500), updated_at: now })
    .where("account_id", "=", owned.account_id)
    .where("id", "=", owned.id)
    .where("state", "=", "claimed")
    .where("attempts", "=", owned.attempts)
    .execute();
}

/** created → sent | deleted, once. */
export async function markResolved(
  db: Kysely<Database>,
  row: Draft,
  state: "sent" | "deleted",
  now: Date,
): Promise<boolean> {
  const done = await db
    .updateTable("drafts")
    .set({ state, resolved_at: now, updated_at: now })
    .where("account_id", "=", row.account_id)
    .where("id", "=", row.id)
    .where("state", "=", "created")
    .returning("id")
    .executeTakeFirst();
  return done !== undefined;
}

/** Claims whose lease ran out: their run died (or stalled) between claiming and recording. */
export async function staleClaims(db: Kysely<Database>, accountId: number, now: Date): Promise<Draft[]> {
  return db
    .selectFrom("drafts")
    .selectAll()
    .where("account_id", "=", accountId)
    .where("state", "=", "claimed")
    .where("claimed_at", "<=", new Date(now.getTime() - CLAIM_LEASE_MS))
    .orderBy("id")
    .execute();
}

/** Drafts waiting in the user's Drafts folder, as far as the ledger knows, with the provider thread they sit in. */
export async function openDrafts(
  db: Kysely<Database>,
  accountId: number,
): Promise<(Draft & { thread_key: string | null })[]> {
  return db
    .selectFrom("drafts as d")
    .leftJoin("threads as t", (j) => j.onRef("t.account_id", "=", "d.account_id").onRef("t.id", "=", "d.thread_id"))
    .selectAll("d")
    .select("t.thread_key")
    .where("d.account_id", "=", accountId)
    .where("d.state", "=", "created")
    .orderBy("d.id")
    .execute();
}

/**
 * A waiting draft the conversation has moved past — someone wrote in its thread after it was created (not by
 * sending this draft) and the engine no longer calls it due — is marked superseded, so the digest and the page
 * stop listing it as waiting. The draft itself stays in the user's Drafts folder: Rapport never deletes mail.
 * Returns the kinds of the drafts it superseded.
 */
export async function supersedeOutdated(
  db: Kysely<Database>,
  accountId: number,
  stillDue: ReadonlySet<string>,
  now: Date,
): Promise<DraftKind[]> {
  const rows = await db
    .selectFrom("drafts as d")
    .select(["d.id", "d.target_key", "d.kind"])
    .where("d.account_id", "=", accountId)
    .where("d.state", "=", "created")
    .where("d.thread_id", "is not", null)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("messages as m")
          .select("m.provider_message_id")
          .whereRef("m.account_id", "=", "d.account_id")
          .whereRef("m.thread_id", "=", "d.thread_id")
          .whereRef("m.sent_at", ">", "d.created_at")
          .where((eb) => eb.not(eb(eb.val("DRAFT"), "=", eb.fn.any("m.labels"))))
          .where((eb) =>
            eb.or([
              eb("m.rapport_marker", "is", null),
              eb("m.rapport_marker", "!=", sql<string>`d.account_id::text || '.' || d.id::text`),
            ]),
          ),
      ),
    )
    .execute();
  const superseded: DraftKind[] = [];
  for (const row of rows) {
    if (stillDue.has(`${row.kind}|${row.target_key}`)) continue;
    const done = await db
      .updateTable("drafts")
      .set({ state: "superseded", resolved_at: now, updated_at: now })
      .where("account_id", "=", accountId)
      .where("id", "=", row.id)
      .where("state", "=", "created")
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) > 0) superseded.push(row.kind);
  }
  return superseded;
}
