/**
 * Builds the Outlook adapter for a stored account: tokens opened from the database, every rotated pair sealed
 * back into it before use, endpoints from config (MICROSOFT_GRAPH_URL, MICROSOFT_LOGIN_URL, MICROSOFT_TENANT).
 */
import { type Config, ConfigError } from "../../config.js";
import { type ContextBase, requireCipher } from "../../context.js";
import { getAccount, openTokens, saveTokens } from "../../db/accounts.js";
import type { Account } from "../../db/schema.js";
import { mailboxSlots } from "./graph-client.js";
import type { MicrosoftOAuthConfig } from "./microsoft-oauth.js";
import { OutlookProvider } from "./outlook-provider.js";

export function microsoftOAuthConfig(config: Config): MicrosoftOAuthConfig {
  const { clientId, clientSecret, tenant, loginUrl } = config.microsoft;
  if (!clientId) {
    throw new ConfigError(
      "MICROSOFT_CLIENT_ID is not set: register an app in Microsoft Entra (platform 'Mobile and desktop applications', redirect URI http://127.0.0.1/oauth/callback; the port is ignored on loopback) and put its client id in your .env",
    );
  }
  return { clientId, clientSecret, tenant, loginUrl };
}

export function createOutlookProvider(base: ContextBase, account: Account): OutlookProvider {
  const cipher = requireCipher(base);
  return OutlookProvider.forAccount({
    graphUrl: base.config.microsoft.graphUrl,
    oauth: microsoftOAuthConfig(base.config),
    tokens: openTokens(cipher, account),
    saveTokens: (tokens) => saveTokens(base.db, cipher, account.id, tokens),
    loadTokens: async () => {
      const stored = await getAccount(base.db, account.id);
      return stored?.tokens_sealed ? openTokens(cipher, stored) : null;
    },
    clock: base.clock,
    slots: mailboxSlots(`${base.config.microsoft.graphUrl} ${account.id}`),
  });
}
