/**
 * The health of each connected account, as `rapport status`, the web page and /metrics show it. Read from the
 * database only (accounts, sync_state, drafts), so every replica reports the same thing and a dead provider can
 * never hang a status page.
 */
import type { Kysely } from "kysely";
import type { AccountStatus, Database, ProviderName } from "./schema.js";

/**
 * - `healthy`: synced, no failure since the last success
 * - `never_synced`: connected, first sync not finished yet
 * - `failing`: the last attempt failed; the worker retries with back-off
 * - `needs_reauth`: the provider refused the tokens; the user must connect again
 * - `paused` / `disabled`: the user stopped it
 */
export type HealthState = "healthy" | "never_synced" | "failing" | "needs_reauth" | "paused" | "disabled";

export interface AccountHealth {
  id: number;
  provider: ProviderName;
  address: string;
  status: AccountStatus;
  state: HealthState;
  /** The oldest of the per-resource last successes (mail, calendar): the account is as fresh as its stalest part. */
  lastSuccessAt: Date | null;
  /** Seconds since lastSuccessAt (null when never synced). */
  lagSeconds: number | null;
  /** Drafts Rapport left in the Drafts folder that the user has not sent or deleted yet. */
  draftsWaiting: number;
  /** Threads that could not be read or assessed, set aside and retried with a back-off (never blocking the rest). */
  threadsSetAside: number;
  /** One line: why the account needs attention, or null. */
  lastError: string | null;
  unitsSpent: number;
  resources: ResourceHealth[];
}

interface ResourceHealth {
  resource: "mail" | "calendar";
  stage: "backfill" | "incremental" | "resync";
  lastSuccessAt: Date | null;
  lastAttemptAt: Date | null;
  failureCount: number;
  retryAfter: Date | null;
  lastError: string | null;
  unitsSpent: number;
}

function oneLine(text: string | null | undefined): string | null {
  if (!text) return null;
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

export async function accountHealth(db: Kysely<Database>, now: Date): Promise<AccountHealth[]> {
  const accounts = await db
    .selectFrom("accounts")
    .select(["id", "provider", "address", "status", "status_reason"])
    .orderBy("id")
    .execute();
  const states = await db.selectFrom("sync_state").selectAll().orderBy("resource").execute();
  const waiting = await db
    .selectFrom("drafts")
    .select(["account_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("state", "=", "created")
    .groupBy("account_id")
    .execute();
  const waitingBy = new Map(waiting.map((w) => [w.account_id, Number(w.n)]));
  const aside = await db
    .selectFrom("threads")
    .select(["account_id", (eb) => eb.fn.countAll<string>().as("n")])
    .where("assess_failures", ">", 0)
    .where("needs_assessment", "=", true)
    .groupBy("account_id")
    .execute();
  const asideBy = new Map(aside.map((w) => [w.account_id, Number(w.n)]));
  return accounts.map((a) => {
    const resources: ResourceHealth[] = states
      .filter((s) => s.account_id === a.id)
      .map((s) => ({
        resource: s.resource,
        stage: s.stage,
        lastSuccessAt: s.last_success_at,
        lastAttemptAt: s.last_attempt_at,
        failureCount: s.failure_count,
        retryAfter: s.retry_after,
        lastError: oneLine(s.last_error),
        unitsSpent: s.units_spent,
      }));
    const successes = resources.map((r) => r.lastSuccessAt);
    const lastSuccessAt =
      successes.length > 0 && successes.every((d) => d !== null)
        ? new Date(Math.min(...successes.map((d) => (d as Date).getTime())))
        : null;
    // A success clears last_error, so an error still recorded is a failure since the last success.
    const failing = resources.filter((r) => r.failureCount > 0 || r.lastError !== null);
    const state: HealthState =
      a.status !== "active"
        ? a.status
        : failing.length > 0
          ? "failing"
          : lastSuccessAt === null
            ? "never_synced"
            : "healthy";
    const lastError =
      a.status === "needs_reauth"
        ? oneLine(a.status_reason ?? "the provider refused the stored tokens")
        : (failing.map((r) => `${r.resource}: ${r.lastError ?? "failed"}`)[0] ?? null);
    return {
      id: a.id,
      provider: a.provider,
      address: a.address,
      status: a.status,
      state,
      lastSuccessAt,
      lagSeconds: lastSuccessAt ? Math.max(0, Math.round((now.getTime() - lastSuccessAt.getTime()) / 1000)) : null,
      draftsWaiting: waitingBy.get(a.id) ?? 0,
      threadsSetAside: asideBy.get(a.id) ?? 0,
      lastError,
      unitsSpent: resources.reduce((sum, r) => sum + r.unitsSpent, 0),
      resources,
    };
  });
}

/** "3 min", "2 h 5 min", "4 d 3 h": lag for people. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "never";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}
