/** The read pages: accounts with their health, the pipeline, the drafts and their fate, the digest preview. */

import { accountHealth, type HealthState } from "../db/account-health.js";
import { getAccount, listAccounts } from "../db/accounts.js";
import { loadDigestData } from "../db/digest-data.js";
import { DRAFT_FATES, listDrafts } from "../db/draft-list.js";
import { TOUCH_KINDS } from "../db/person-controls.js";
import { KIND_LABELS, loadPipeline, STAGE_LABELS, STAGES } from "../db/pipeline.js";
import type { Account } from "../db/schema.js";
import type { LifecycleStage } from "../domain/index.js";
import { loadTemplates } from "../templates/catalog.js";
import { renderDigest } from "../templates/digest.js";
import { HttpError, sendHtml } from "./http.js";
import { frame, page, type WebRequest } from "./request.js";
import { WEEKDAYS } from "./settings-form.js";
import { templateChangesView } from "./template-changes.js";

const STATE_LABELS: Record<HealthState, string> = {
  healthy: "Healthy",
  never_synced: "Connected, first sync pending",
  failing: "Sync failing, retrying",
  needs_reauth: "Needs re-authorisation",
  paused: "Paused",
  disabled: "Disabled",
};

export async function accountsPage(w: WebRequest): Promise<void> {
  const { ctx } = w.app;
  const accounts = await listAccounts(ctx.db);
  const zones = new Map(accounts.map((a) => [a.id, a.time_zone]));
  const health = await accountHealth(ctx.db, ctx.clock.now());
  page(w, 200, "accounts", frame(w, "Accounts", "accounts"), {
    providers: ctx.consent.configured(),
    accounts: health.map((h) => ({
      ...h,
      stateLabel: STATE_LABELS[h.state],
      needsReauth: h.state === "needs_reauth",
      timeZone: zones.get(h.id) ?? "UTC",
    })),
  });
}

export async function pipelinePage(w: WebRequest, error: string | null = null, status = 200): Promise<void> {
  const { ctx } = w.app;
  const accounts = await listAccounts(ctx.db);
  const zones = new Map(accounts.map((a) => [a.id, a.time_zone]));
  const entries = await loadPipeline(ctx.db, ctx.clock.now());
  const groups = STAGES.map((stage: LifecycleStage) => ({
    stage,
    label: STAGE_LABELS[stage],
    entries: entries.filter((e) => e.stage === stage).map((e) => ({ ...e, timeZone: zones.get(e.accountId) ?? "UTC" })),
  })).filter((g) => g.entries.length > 0);
  page(
    w,
    status,
    "pipeline",
    { ...frame(w, "Pipeline", "pipeline"), error },
    {
      groups,
      touchKinds: TOUCH_KINDS,
      multipleAccounts: accounts.length > 1,
      accounts: accounts.map((a) => ({ id: a.id, address: a.address })),
    },
  );
}

export async function draftsPage(w: WebRequest): Promise<void> {
  const drafts = await listDrafts(w.app.ctx.db);
  const accounts = new Set(drafts.map((d) => d.account));
  page(w, 200, "drafts", frame(w, "Drafts", "drafts"), {
    templates: await templateChangesView(w, await listAccounts(w.app.ctx.db)),
    multipleAccounts: accounts.size > 1,
    drafts: drafts.map((d) => ({
      id: d.id,
      kindLabel: KIND_LABELS[d.kind],
      to: d.toName ? `${d.toName} <${d.to}>` : d.to,
      subject: d.subject,
      text: d.text,
      fate: DRAFT_FATES[d.state],
      lastError: d.lastError,
      createdAt: d.createdAt,
      timeZone: d.timeZone,
      accountAddress: d.account,
    })),
  });
}

/** The account named by ?account=ID, else the first one; null when none is connected. */
export async function pickAccount(w: WebRequest): Promise<{ account: Account | null; accounts: Account[] }> {
  const accounts = await listAccounts(w.app.ctx.db);
  const wanted = Number(w.url.searchParams.get("account"));
  const account = accounts.find((a) => a.id === wanted) ?? accounts[0] ?? null;
  return { account, accounts };
}

export async function digestPage(w: WebRequest): Promise<void> {
  const { account, accounts } = await pickAccount(w);
  page(w, 200, "digest", frame(w, "Digest", "digest"), {
    accounts: accounts.map((a) => ({ id: a.id, address: a.address })),
    account: account ? { id: account.id, address: account.address } : null,
    schedule: account ? `${WEEKDAYS[account.digest_weekday]}s at ${account.digest_time} (${account.time_zone})` : "",
  });
}

/** The digest exactly as it would be e-mailed now (its own HTML document, shown in the page's frame). */
export async function digestPreview(w: WebRequest): Promise<void> {
  const { ctx } = w.app;
  const account = await getAccount(ctx.db, Number(w.params[0]));
  if (!account) throw new HttpError(404, "no such account");
  const data = await loadDigestData(ctx.db, account, ctx.clock.now());
  const digest = renderDigest(loadTemplates(ctx.config), data);
  sendHtml(w.res, 200, digest.html, {
    // The e-mail's own styles, nothing else; it may not navigate or run anything.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
  });
}
