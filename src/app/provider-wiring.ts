/**
 * Builds the right adapter for an account. The adapters register here as they are written; an account whose
 * provider has no adapter fails with a clear message rather than silently skipping.
 */
import type { ContextBase, ProviderFactory } from "../context.js";
import type { Account } from "../db/schema.js";
import { createGmailProvider } from "../providers/gmail/factory.js";
import { createOutlookProvider } from "../providers/outlook/factory.js";

export function createProviderFactory(base: ContextBase): ProviderFactory {
  return (account: Account) => {
    if (account.provider === "gmail") return createGmailProvider(base, account);
    if (account.provider === "outlook") return createOutlookProvider(base, account);
    throw new Error(`no ${account.provider} adapter is available in this build`);
  };
}
