/**
 * Builds the Gmail adapter for a stored account: tokens opened from the database, refreshed tokens sealed back
 * into it, endpoints from config, time from the context's clock.
 */

import type { Config } from "../../config.js";
import { ConfigError } from "../../config.js";
import type { ContextBase } from "../../context.js";
import { requireCipher } from "../../context.js";
import { openTokens, saveTokens } from "../../db/accounts.js";
import type { Account } from "../../db/schema.js";
import { GmailProvider } from "./gmail-provider.js";
import type { GoogleEndpoints } from "./google-clients.js";

export function googleEndpoints(config: Config): GoogleEndpoints {
  const { clientId, clientSecret, apiRootUrl, authUrl, tokenUrl } = config.google;
  if (!clientId || !clientSecret) {
    throw new ConfigError(
      "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are not set: create a Desktop OAuth client in Google Cloud Console and put both in your .env",
    );
  }
  return { clientId, clientSecret, apiRootUrl, authUrl, tokenUrl };
}

export function createGmailProvider(base: ContextBase, account: Account): GmailProvider {
  const cipher = requireCipher(base);
  return new GmailProvider({
    endpoints: googleEndpoints(base.config),
    tokens: openTokens(cipher, account),
    onTokens: (tokens) => saveTokens(base.db, cipher, account.id, tokens),
    onError: (error) => base.log.error({ err: error, account: account.id }, "could not store refreshed Google tokens"),
    aliases: [account.address, ...account.aliases],
    signal: base.signal,
    now: () => base.clock.now(),
  });
}
