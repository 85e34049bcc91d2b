/**
 * The user's corrections of a classification (`rapport classify`), per account: later scans and syncs respect
 * them. Offline scans keep them under an 'offline' account named after the --me addresses.
 */
import type { Kysely } from "kysely";
import type { ClassificationOverride, Direction } from "../domain/engine-types.js";
import { findAccountByAddress } from "./accounts.js";
import type { Account, Database } from "./schema.js";

/** The account (of any provider) whose address or alias is one of `me`. */
export async function accountFor(db: Kysely<Database>, me: readonly string[]): Promise<Account | undefined> {
  for (const a of me) {
    const found = await findAccountByAddress(db, a);
    if (found) return found;
  }
  return undefined;
}

export async function overridesOf(db: Kysely<Database>, accountId: number): Promise<ClassificationOverride[]> {
  const rows = await db
    .selectFrom("classification_overrides")
    .selectAll()
    .where("account_id", "=", accountId)
    .execute();
  return rows.map((r) => ({
    threadKey: r.thread_key,
    informational: r.informational,
    direction: r.direction as Direction | null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Records an override for the account of `me`, creating an 'offline' account for them when there is none. */
export async function saveOverride(
  db: Kysely<Database>,
  me: readonly string[],
  override: ClassificationOverride & { note?: string | null },
  now: Date,
): Promise<number> {
  let account = await accountFor(db, me);
  if (!account) {
    const [primary, ...aliases] = me;
    account = await db
      .insertInto("accounts")
      .values({ provider: "offline", address: primary ?? "", aliases, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  await db
    .deleteFrom("classification_overrides")
    .where("account_id", "=", account.id)
    .where("thread_key", "=", override.threadKey)
    .execute();
  await db
    .insertInto("classification_overrides")
    .values({
      account_id: account.id,
      thread_key: override.threadKey,
      informational: override.informational,
      direction: override.direction,
      note: override.note ?? null,
      created_at: now,
    })
    .execute();
  // A correction changes the lifecycle: the account's next cycle evaluates again.
  await db
    .updateTable("accounts")
    .set((eb) => ({ changes: eb("changes", "+", 1) }))
    .where("id", "=", account.id)
    .execute();
  return account.id;
}
