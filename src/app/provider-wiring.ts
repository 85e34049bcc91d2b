/**
 * How the composition root builds the adapter for a stored account: endpoints from config, tokens opened from the
 * database, refreshed (Google) or rotated (Microsoft) tokens sealed back into it, time from the context's clock. An
 * account whose provider has no adapter fails with a clear message rather than being skipped. The adapters
 * themselves know nothing of config, the database or the cipher.
 */
import { type Config, ConfigError, requireSecretKey } from "../config.js";
import type { ContextBase, ProviderFactory } from "../context.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { getAccount } from "../db/accounts.js";
import type { Account } from "../db/schema.js";
import { GmailProvider } from "../providers/gmail/gmail-provider.js";
import type { GoogleEndpoints } from "../providers/gmail/google-clients.js";
import { mailboxSlots } from "../providers/outlook/graph-client.js";
import type { MicrosoftOAuthConfig } from "../providers/outlook/microsoft-oauth.js";
import { OutlookProvider } from "../providers/outlook/outlook-provider.js";
import { openTokens, saveTokens } from "./token-store.js";

/** What the wiring is built from: the context's pieces, plus the cipher that only the root holds. */
export interface Wiring extends ContextBase {
  cipher: TokenCipher | null;
}

export function requireCipher(wiring: Pick<Wiring, "config" | "cipher">): TokenCipher {
  if (wiring.cipher) return wiring.cipher;
  requireSecretKey(wiring.config);
  throw new Error("unreachable: secret key present but no cipher");
}

export function googleEndpoints(config: Config): GoogleEndpoints {
  const { clientId, clientSecret, apiRootUrl, authUrl, tokenUrl } = config.google;
  if (!clientId || !clientSecret) {
    throw new ConfigError(
      "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are not set: create a Desktop OAuth client in Google Cloud Console and put both in your .env",
    );
  }
  return { clientId, clientSecret, apiRootUrl, authUrl, tokenUrl };
}

export function microsoftOAuthConfig(config: Config): MicrosoftOAuthConfig {
  const { clientId, clientSecret, tenant, loginUrl } = config.microsoft;
  if (!clientId) {
    throw new ConfigError(
      "MICROSOFT_CLIENT_ID is not set: register an app in Microsoft Entra (platform 'Mobile and desktop applications', redirect URI http://127.0.0.1/oauth/callback; the port is ignored on loopback) and put its client id in your .env",
    );
  }
  return { clientId, clientSecret, tenant, loginUrl };
}

function gmailFor(wiring: Wiring, account: Account, signal: AbortSignal): GmailProvider {
  const cipher = requireCipher(wiring);
  return new GmailProvider({
    endpoints: googleEndpoints(wiring.config),
    tokens: openTokens(cipher, account),
    onTokens: (tokens) => saveTokens(wiring.db, cipher, account.id, tokens, wiring.clock.now()),
    onError: (error) =>
      wiring.log.error({ err: error, account: account.id }, "could not store refreshed Google tokens"),
    aliases: [account.address, ...account.aliases],
    owner: { address: account.address, name: account.display_name },
    unitsPerMinuteCeiling: wiring.config.pacing.gmailUnitsPerMinute,
    signal,
    now: () => wiring.clock.now(),
  });
}

function outlookFor(wiring: Wiring, account: Account, signal: AbortSignal): OutlookProvider {
  const cipher = requireCipher(wiring);
  const { graphUrl } = wiring.config.microsoft;
  return OutlookProvider.forAccount({
    graphUrl,
    oauth: microsoftOAuthConfig(wiring.config),
    tokens: openTokens(cipher, account),
    saveTokens: (tokens) => saveTokens(wiring.db, cipher, account.id, tokens, wiring.clock.now()),
    loadTokens: async () => {
      const stored = await getAccount(wiring.db, account.id);
      return stored?.tokens_sealed ? openTokens(cipher, stored) : null;
    },
    clock: wiring.clock,
    ownAddresses: [account.address, ...account.aliases],
    slots: mailboxSlots(`${graphUrl} ${account.id}`),
    requestsPerMinute: wiring.config.pacing.outlookRequestsPerMinute,
    signal,
  });
}

export function providerFactory(wiring: Wiring): ProviderFactory {
  return (account: Account, signal?: AbortSignal) => {
    const stop = signal ?? wiring.signal;
    if (account.provider === "gmail") return gmailFor(wiring, account, stop);
    if (account.provider === "outlook") return outlookFor(wiring, account, stop);
    throw new Error(`no ${account.provider} adapter is available in this build`);
  };
}
