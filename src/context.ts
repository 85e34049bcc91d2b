/**
 * The context every job, page and command works with: database, config, logger, clock, shutdown signal, and the
 * provider access the composition root wired from config and the token cipher. Jobs are plain functions of it.
 * This file is only the shape, one of the two seams every layer may share (the other is the provider port);
 * app/compose.ts is the one place that builds it, and the only place that can open stored tokens.
 */
import type { Clock } from "./clock.js";
import type { Config } from "./config.js";
import type { TokenSealer } from "./crypto/token-cipher.js";
import type { DatabaseHandle } from "./db/database.js";
import type { Account } from "./db/schema.js";
import type { AccountProfile, MailProvider, OAuthTokens, ProviderKind, RevokeOutcome } from "./domain/provider-port.js";
import type { Logger } from "./logger.js";

/**
 * The adapter for a stored account: its tokens opened, and refreshed ones sealed back, by the composition root. Its
 * requests stop when `signal` aborts: pass the job's (ctx.signal), so a job that was given up (pg-boss took it back,
 * its lease was lost, the process is stopping) stops calling the provider.
 */
export type ProviderFactory = (account: Account, signal?: AbortSignal) => MailProvider;

/** A finished consent: who connected, and the tokens to store (sealed) with the account. */
interface Consent {
  profile: AccountProfile;
  tokens: OAuthTokens;
}

/** A consent the web page started; it travels sealed inside the OAuth `state`, so any replica can finish it. */
export interface PendingConsent {
  provider: ProviderKind;
  verifier: string;
  redirectUri: string;
  /** The browser that started the flow (its CSRF cookie): a callback from another browser is refused. */
  browser: string;
  expiresAt: number;
}

/** Connecting and disconnecting accounts, with the provider endpoints and the secret key already applied. */
export interface ConsentFlows {
  /** Providers with an OAuth client configured (the page offers only those). */
  configured(): Record<ProviderKind, boolean>;
  /** `rapport connect`: the consent page in the user's browser, the redirect to a one-shot loopback listener. */
  loopback(
    provider: ProviderKind,
    input: { port?: number | undefined; onConsentUrl(url: string): void },
  ): Promise<Consent>;
  /** The web page's flow, first half: the provider's consent URL, the pending flow sealed into its `state`. */
  begin(
    provider: ProviderKind,
    request: { redirectUri: string; loginHint?: string | undefined; browser: string },
  ): Promise<string>;
  /** The flow behind a callback's `state`, or null when it is forged, expired, or from another provider or browser. */
  pending(provider: ProviderKind, state: string, browser: string): PendingConsent | null;
  /** Second half: exchanges the code and reads the profile. */
  finish(pending: PendingConsent, code: string): Promise<Consent>;
  /** Revokes the account's grant where the provider lets an app do that; never throws. */
  revoke(account: Account): Promise<RevokeOutcome>;
}

export interface AppContext {
  readonly db: DatabaseHandle["db"];
  readonly database: DatabaseHandle;
  readonly config: Config;
  readonly log: Logger;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  /** Null when RAPPORT_SECRET_KEY is unset (storing tokens then fails with a message naming it). */
  readonly sealer: TokenSealer | null;
  readonly providers: ProviderFactory;
  readonly consent: ConsentFlows;
}

/** The context without its provider wiring: what the composition root builds the wiring from. */
export type ContextBase = Omit<AppContext, "providers" | "consent">;
