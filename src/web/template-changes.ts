/**
 * The drafts page's template suggestions, learnt from the user's edits ("you deleted … in 3 of 3 nudges you sent —
 * leave it out?"), and the changes accepted so far, each with Undo. Accepting drops that part of that template for
 * that account only (db/draft-edits.ts); drafts already written are not touched.
 */
import {
  appliedAdjustments,
  decideAdjustment,
  latestPartText,
  templateSuggestions,
  undoAdjustment,
} from "../db/draft-edits.js";
import type { Account } from "../db/schema.js";
import { HttpError, redirect } from "./http.js";
import type { WebRequest } from "./request.js";

const PLURALS: Record<string, string> = { "thank-you": "thank-yous", nudge: "nudges", "check-in": "check-ins" };

/** "nudge/en@28445c2a35" → "nudges". */
function kindPlural(templateRef: string): string {
  const name = templateRef.split("/")[0] ?? templateRef;
  return PLURALS[name] ?? `${name} drafts`;
}

function quoted(text: string | null, part: string): string {
  if (!text) return `the part “${part}”`;
  const line = text.replace(/\s+/g, " ").trim();
  return `“${line.length > 90 ? `${line.slice(0, 89)}…` : line}”`;
}

function editedWords(deleted: number, rewritten: number, had: number): string {
  const verbs = [deleted > 0 ? `deleted it ${deleted}` : null, rewritten > 0 ? `rewrote it ${rewritten}` : null];
  return `you ${verbs.filter(Boolean).join(" and ")} of the last ${had} times it was in a draft you sent`;
}

/** The suggestions and accepted changes of every account, ready for templates/web/drafts.hbs. */
export async function templateChangesView(w: WebRequest, accounts: readonly Account[]) {
  const { db } = w.app.ctx;
  const suggestions = [];
  const changes = [];
  for (const account of accounts) {
    for (const s of await templateSuggestions(db, account.id)) {
      const text = await latestPartText(db, account.id, s.templateRef, s.part);
      suggestions.push({
        accountId: account.id,
        accountAddress: account.address,
        templateRef: s.templateRef,
        part: s.part,
        kinds: kindPlural(s.templateRef),
        partText: quoted(text, s.part),
        why: editedWords(s.deleted, s.rewritten, s.had),
      });
    }
    for (const a of await appliedAdjustments(db, account.id)) {
      const text = await latestPartText(db, account.id, a.templateRef, a.partKey);
      changes.push({
        accountId: account.id,
        accountAddress: account.address,
        templateRef: a.templateRef,
        part: a.partKey,
        kinds: kindPlural(a.templateRef),
        partText: quoted(text, a.partKey),
        decidedAt: a.decidedAt,
        timeZone: account.time_zone,
      });
    }
  }
  return { suggestions, changes, multipleAccounts: accounts.length > 1 };
}

const DECISIONS = ["accept", "dismiss", "undo"] as const;

/** POST /drafts/templates/ACCOUNT: decision=accept|dismiss|undo, template, part. */
export async function decideTemplateChange(w: WebRequest, form: URLSearchParams): Promise<void> {
  const { ctx } = w.app;
  const accountId = Number(w.params[0]);
  const decision = form.get("decision") as (typeof DECISIONS)[number];
  const templateRef = form.get("template") ?? "";
  const partKey = form.get("part") ?? "";
  if (!DECISIONS.includes(decision) || !templateRef || !partKey) throw new HttpError(400, "incomplete form");
  const known = (await templateSuggestions(ctx.db, accountId)).some(
    (s) => s.templateRef === templateRef && s.part === partKey,
  );
  const now = ctx.clock.now();
  if (decision === "undo") {
    if (!(await undoAdjustment(ctx.db, accountId, templateRef, partKey))) throw new HttpError(404, "no such change");
    ctx.log.info({ account: accountId, templateRef, part: partKey }, "template change undone from the web page");
    return redirect(w.res, "/drafts?notice=template-restored");
  }
  if (!known) throw new HttpError(404, "no such suggestion");
  const state = decision === "accept" ? "applied" : "dismissed";
  await decideAdjustment(ctx.db, { accountId, templateRef, partKey, state, now });
  ctx.log.info(
    { account: accountId, templateRef, part: partKey, state },
    "template suggestion decided on the web page",
  );
  redirect(w.res, `/drafts?notice=${decision === "accept" ? "template-changed" : "suggestion-dismissed"}`);
}
