/**
 * Stored OAuth tokens, opened and re-sealed. Only the composition root holds the cipher that opens them: the
 * adapters it builds get plain tokens and hand refreshed ones back through `saveTokens`.
 */
import type { TokenCipher } from "../crypto/token-cipher.js";
import { getAccount, setSealedTokens } from "../db/accounts.js";
import type { Account } from "../db/schema.js";
import type { OAuthTokens } from "../domain/provider-port.js";

export function openTokens(cipher: TokenCipher, account: Pick<Account, "tokens_sealed" | "address">): OAuthTokens {
  if (!account.tokens_sealed) throw new Error(`account ${account.address} has no stored tokens: connect it again`);
  return JSON.parse(cipher.open(account.tokens_sealed)) as OAuthTokens;
}

/** Persists refreshed (possibly rotated) tokens; a missing new refresh token keeps the old one. */
export async function saveTokens(
  db: Parameters<typeof getAccount>[0],
  cipher: TokenCipher,
  accountId: number,
  tokens: OAuthTokens,
  now: Date,
): Promise<void> {
  const current = await getAccount(db, accountId);
  const previous = current?.tokens_sealed ? openTokens(cipher, current) : null;
  const merged: OAuthTokens = { ...tokens, refreshToken: tokens.refreshToken ?? previous?.refreshToken ?? null };
  await setSealedTokens(db, accountId, cipher.seal(JSON.stringify(merged)), now);
}
