/** The page's actions: connect (OAuth redirect flow with the callback on this server), remove, settings. */

import { getAccount, upsertAccount } from "../db/accounts.js";
import { ProviderError, type ProviderKind } from "../domain/provider-port.js";
import { removeAccount } from "../jobs/remove-account.js";
import { HttpError, redirect } from "./http.js";
import { pickAccount } from "./pages.js";
import { baseUrl, frame, message, page, type WebRequest } from "./request.js";
import { GOAL_PERIODS, parseSettingsForm, saveSettings, settingsView, WEEKDAYS } from "./settings-form.js";

/** Connect buttons name the mail service; callbacks name the identity provider (the redirect URIs you register). */
const CALLBACK_NAMES: Record<ProviderKind, string> = { gmail: "google", outlook: "microsoft" };

function providerParam(w: WebRequest): ProviderKind {
  const name = w.params[0];
  if (name === "gmail" || name === "google") return "gmail";
  if (name === "outlook" || name === "microsoft") return "outlook";
  throw new HttpError(404, "unknown provider");
}

function callbackUrl(w: WebRequest, provider: ProviderKind): string {
  return `${baseUrl(w)}/oauth/${CALLBACK_NAMES[provider]}/callback`;
}

export async function startConnect(w: WebRequest, form: URLSearchParams): Promise<void> {
  const provider = providerParam(w);
  const { consent } = w.app.ctx;
  if (!consent.configured()[provider]) {
    return message(w, 400, "Not configured", `No ${provider} OAuth client is configured: see the README.`);
  }
  const hint = form.get("login_hint")?.trim();
  const url = await consent.begin(provider, {
    redirectUri: callbackUrl(w, provider),
    loginHint: hint || undefined,
    browser: w.browser,
  });
  redirect(w.res, url);
}

export async function finishConnect(w: WebRequest): Promise<void> {
  const provider = providerParam(w);
  const { ctx } = w.app;
  const q = w.url.searchParams;
  const pending = ctx.consent.pending(provider, q.get("state") ?? "", w.browser);
  if (!pending) {
    return message(
      w,
      400,
      "Sign-in not completed",
      "This answer does not belong to a sign-in started from this browser in the last ten minutes. Start again from Accounts.",
    );
  }
  const refused = q.get("error");
  const code = q.get("code");
  if (refused || !code) {
    return message(w, 400, "Sign-in not completed", `The provider did not grant access (${refused ?? "no code"}).`);
  }
  try {
    const { profile, tokens } = await ctx.consent.finish(pending, code);
    const account = await upsertAccount(
      ctx.db,
      ctx.sealer,
      {
        provider,
        address: profile.address,
        displayName: profile.displayName,
        providerSignature: profile.signature ?? "",
        timeZone: profile.timeZone ?? "UTC",
        tokens,
      },
      ctx.clock.now(),
    );
    ctx.log.info({ account: account.id, provider }, "account connected from the web page");
    w.app.onAccountConnected?.(account.id);
    redirect(w.res, "/accounts?notice=connected");
  } catch (error) {
    const text =
      error instanceof ProviderError ? error.message : `could not finish connecting: ${(error as Error).message}`;
    ctx.log.warn({ provider, err: error }, "web connect failed");
    const status = error instanceof ProviderError && error.code === "auth" ? 400 : 502;
    message(w, status, "Sign-in not completed", text.split("\n")[0] ?? text);
  }
}

export async function removeAccountAction(w: WebRequest): Promise<void> {
  const { ctx } = w.app;
  const account = await getAccount(ctx.db, Number(w.params[0]));
  if (!account) throw new HttpError(404, "no such account");
  const result = await removeAccount(ctx, account);
  ctx.log.info({ account: account.id, revoked: result.revoke.done }, "account removed from the web page");
  redirect(w.res, "/accounts?notice=removed");
}

export async function settingsPage(w: WebRequest, error: string | null = null, status = 200): Promise<void> {
  const { account, accounts } = await pickAccount(w);
  page(
    w,
    status,
    "settings",
    { ...frame(w, "Settings", "settings"), error },
    {
      accounts: accounts.map((a) => ({ id: a.id, address: a.address })),
      account: account ? settingsView(account) : null,
      weekdays: WEEKDAYS,
      periods: GOAL_PERIODS,
    },
  );
}

export async function saveSettingsAction(w: WebRequest, form: URLSearchParams): Promise<void> {
  const { ctx } = w.app;
  const account = await getAccount(ctx.db, Number(w.params[0]));
  if (!account) throw new HttpError(404, "no such account");
  const parsed = parseSettingsForm(form);
  if (!parsed.ok) {
    w.url.searchParams.set("account", String(account.id));
    return settingsPage(w, parsed.error, 400);
  }
  await saveSettings(ctx.db, account, parsed.value, ctx.clock.now());
  redirect(w.res, `/settings?account=${account.id}&notice=saved`);
}
