/**
 * Connecting and disconnecting accounts, wired: the provider's consent halves (providers/gmail/google-oauth.ts,
 * providers/outlook/connect.ts) given their endpoints from config, and the web flow's pending consent sealed into
 * the OAuth `state` under RAPPORT_SECRET_KEY, so any replica sharing the key can finish a flow another one started
 * and nothing waits in memory. The code a state accompanies is single-use at the provider: a replay fails there.
 */
import type { Config } from "../config.js";
import type { ConsentFlows, PendingConsent } from "../context.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import type { Account } from "../db/schema.js";
import type { ProviderKind, RevokeOutcome } from "../domain/provider-port.js";
import {
  connectGmail,
  finishGoogleConsent,
  googleConsentUrl,
  revokeGoogleGrant,
} from "../providers/gmail/google-oauth.js";
import {
  connectOutlook,
  finishMicrosoftConsent,
  MICROSOFT_REVOKE_ADVICE,
  microsoftConsentUrl,
} from "../providers/outlook/connect.js";
import { googleEndpoints, microsoftOAuthConfig, requireCipher, type Wiring } from "./provider-wiring.js";
import { openTokens } from "./token-store.js";

const CONSENT_TTL_MS = 10 * 60_000;
const PURPOSE = "rapport-oauth-state";

function sealState(cipher: TokenCipher, consent: PendingConsent): string {
  return Buffer.from(cipher.seal(JSON.stringify({ purpose: PURPOSE, ...consent }))).toString("base64url");
}

/** The consent behind a state, or null when it is forged, expired, for another provider or another browser. */
function openState(
  cipher: TokenCipher,
  state: string,
  expect: { provider: ProviderKind; browser: string; now: number },
): PendingConsent | null {
  try {
    const value = JSON.parse(cipher.open(Buffer.from(state, "base64url").toString("utf8"))) as PendingConsent & {
      purpose?: string;
    };
    if (value.purpose !== PURPOSE || value.provider !== expect.provider || value.expiresAt <= expect.now) return null;
    if (typeof value.browser !== "string" || value.browser !== expect.browser) return null;
    return value;
  } catch {
    return null;
  }
}

/** Which providers have OAuth clients configured (the page only offers those). */
function configuredProviders(config: Config): Record<ProviderKind, boolean> {
  return {
    gmail: Boolean(config.google.clientId && config.google.clientSecret),
    outlook: Boolean(config.microsoft.clientId),
  };
}

async function revokeGrant(wiring: Wiring, account: Account): Promise<RevokeOutcome> {
  if (account.provider === "outlook") return MICROSOFT_REVOKE_ADVICE;
  if (account.provider !== "gmail") return { done: false, detail: "nothing to revoke (offline account)" };
  if (!account.tokens_sealed) return { done: false, detail: "no stored tokens to revoke" };
  if (!wiring.cipher) {
    return { done: false, detail: "RAPPORT_SECRET_KEY is not set: cannot read the tokens to revoke them" };
  }
  let token: string;
  try {
    const tokens = openTokens(wiring.cipher, account);
    token = tokens.refreshToken ?? tokens.accessToken;
  } catch (error) {
    return { done: false, detail: `tokens unreadable (${(error as Error).message}); nothing revoked` };
  }
  return revokeGoogleGrant(wiring.config.google.tokenUrl, token);
}

export function consentFlows(wiring: Wiring): ConsentFlows {
  const { config, clock } = wiring;
  const now = () => clock.now();
  return {
    configured: () => configuredProviders(config),
    loopback: (provider, input) =>
      provider === "gmail"
        ? connectGmail({ endpoints: googleEndpoints(config), signal: wiring.signal, now, ...input })
        : connectOutlook({
            oauth: microsoftOAuthConfig(config),
            graphUrl: config.microsoft.graphUrl,
            signal: wiring.signal,
            now,
            ...input,
          }),
    async begin(provider, request) {
      const cipher = requireCipher(wiring);
      const expiresAt = clock.now().getTime() + CONSENT_TTL_MS;
      const { redirectUri, loginHint, browser } = request;
      const stateFor = (verifier: string) => sealState(cipher, { provider, verifier, redirectUri, browser, expiresAt });
      const consent =
        provider === "gmail"
          ? await googleConsentUrl(googleEndpoints(config), { redirectUri, loginHint, stateFor })
          : microsoftConsentUrl(microsoftOAuthConfig(config), { redirectUri, loginHint, stateFor });
      return consent.url;
    },
    pending: (provider, state, browser) =>
      openState(requireCipher(wiring), state, { provider, browser, now: clock.now().getTime() }),
    finish: (pending, code) => {
      const answer = { code, verifier: pending.verifier, redirectUri: pending.redirectUri };
      return pending.provider === "gmail"
        ? finishGoogleConsent(googleEndpoints(config), answer, { now })
        : finishMicrosoftConsent(microsoftOAuthConfig(config), config.microsoft.graphUrl, answer, clock.now());
    },
    revoke: (account) => revokeGrant(wiring, account),
  };
}
