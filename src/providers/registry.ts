/**
 * Builds the right adapter for an account. The adapters register here as they are written; an account whose
 * provider has no adapter fails with a clear message rather than silently skipping.
 */
import type { ContextBase, ProviderFactory } from "../context.js";
import type { Account } from "../db/schema.js";

export function createProviderFactory(_base: ContextBase): ProviderFactory {
  return (account: Account) => {
    throw new Error(`no ${account.provider} adapter is available in this build`);
  };
}
