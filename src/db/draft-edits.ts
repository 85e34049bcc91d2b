/**
 * The shapes of the user's edits to sent drafts (never any text), and the per-account template adjustments they
 * lead to: a part of one template dropped for this account on the user's say-so, undone by deleting the row, or a
 * suggestion dismissed so it is not made again. Every query is scoped by account.
 */
import type { Kysely } from "kysely";
import { type EditShape, type PartSuggestion, SUGGESTION_WINDOW, suggestDrops } from "../domain/draft-edits.js";
import type { Database } from "./schema.js";

export async function recordEdit(
  db: Kysely<Database>,
  edit: { accountId: number; draftId: number; templateRef: string; shape: EditShape; sentAt: Date },
): Promise<void> {
  await db
    .insertInto("draft_edits")
    .values({
      account_id: edit.accountId,
      draft_id: edit.draftId,
      template_ref: edit.templateRef,
      parts: JSON.stringify(edit.shape.parts),
      added: edit.shape.added,
      sent_at: edit.sentAt,
    })
    .onConflict((oc) => oc.columns(["account_id", "draft_id"]).doNothing())
    .execute();
}

/** The parts this account dropped from one template. */
export async function droppedParts(db: Kysely<Database>, accountId: number, templateRef: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom("template_adjustments")
    .select("part_key")
    .where("account_id", "=", accountId)
    .where("template_ref", "=", templateRef)
    .where("state", "=", "applied")
    .where("action", "=", "drop")
    .execute();
  return new Set(rows.map((r) => r.part_key));
}

export interface TemplateSuggestion extends PartSuggestion {
  templateRef: string;
}

/** Suggestions for one account: per template with sends, the parts to propose dropping, none decided on yet. */
export async function templateSuggestions(db: Kysely<Database>, accountId: number): Promise<TemplateSuggestion[]> {
  const edits = await db
    .selectFrom("draft_edits")
    .select(["template_ref", "parts", "added", "sent_at"])
    .where("account_id", "=", accountId)
    .orderBy("sent_at", "desc")
    .orderBy("draft_id", "desc")
    .execute();
  if (edits.length === 0) return [];
  const decided = await db
    .selectFrom("template_adjustments")
    .select(["template_ref", "part_key"])
    .where("account_id", "=", accountId)
    .execute();
  const taken = new Set(decided.map((d) => `${d.template_ref}|${d.part_key}`));
  const byTemplate = new Map<string, EditShape[]>();
  for (const e of edits) {
    const list = byTemplate.get(e.template_ref) ?? [];
    if (list.length < SUGGESTION_WINDOW) list.push({ parts: e.parts, added: e.added });
    byTemplate.set(e.template_ref, list);
  }
  return [...byTemplate].flatMap(([templateRef, shapes]) =>
    suggestDrops(shapes)
      .filter((s) => !taken.has(`${templateRef}|${s.part}`))
      .map((s) => ({ ...s, templateRef })),
  );
}

export interface AppliedAdjustment {
  templateRef: string;
  partKey: string;
  decidedAt: Date;
}

export async function appliedAdjustments(db: Kysely<Database>, accountId: number): Promise<AppliedAdjustment[]> {
  const rows = await db
    .selectFrom("template_adjustments")
    .select(["template_ref", "part_key", "decided_at"])
    .where("account_id", "=", accountId)
    .where("state", "=", "applied")
    .orderBy("decided_at", "desc")
    .execute();
  return rows.map((r) => ({ templateRef: r.template_ref, partKey: r.part_key, decidedAt: r.decided_at }));
}

/** Accepts (applied) or dismisses a suggestion; deciding again overwrites the earlier decision. */
export async function decideAdjustment(
  db: Kysely<Database>,
  decision: { accountId: number; templateRef: string; partKey: string; state: "applied" | "dismissed"; now: Date },
): Promise<void> {
  await db
    .insertInto("template_adjustments")
    .values({
      account_id: decision.accountId,
      template_ref: decision.templateRef,
      part_key: decision.partKey,
      action: "drop",
      state: decision.state,
      decided_at: decision.now,
    })
    .onConflict((oc) =>
      oc
        .columns(["account_id", "template_ref", "part_key"])
        .doUpdateSet({ state: decision.state, decided_at: decision.now }),
    )
    .execute();
}

/** Undoes an accepted change: the template is whole again for this account (and the suggestion may return). */
export async function undoAdjustment(
  db: Kysely<Database>,
  accountId: number,
  templateRef: string,
  partKey: string,
): Promise<boolean> {
  const done = await db
    .deleteFrom("template_adjustments")
    .where("account_id", "=", accountId)
    .where("template_ref", "=", templateRef)
    .where("part_key", "=", partKey)
    .where("state", "=", "applied")
    .executeTakeFirst();
  return Number(done.numDeletedRows) > 0;
}

/** The latest text Rapport drafted from one template for this account that had the part (to show it on the page). */
export async function latestPartText(
  db: Kysely<Database>,
  accountId: number,
  templateRef: string,
  partKey: string,
): Promise<string | null> {
  const rows = await db
    .selectFrom("drafts")
    .select(["body_text", "part_keys"])
    .where("account_id", "=", accountId)
    .where("template_ref", "=", templateRef)
    .where("body_text", "is not", null)
    .orderBy("id", "desc")
    .limit(SUGGESTION_WINDOW)
    .execute();
  for (const row of rows) {
    const paragraphs = (row.body_text ?? "").split("\n\n");
    const keys = row.part_keys ?? [];
    if (keys.length !== paragraphs.length) continue;
    const text = paragraphs.filter((_, i) => keys[i] === partKey).join("\n\n");
    if (text) return text;
  }
  return null;
}
