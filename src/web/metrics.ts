/**
 * The /metrics page: the process's counters (metrics.ts) plus gauges read from the database at scrape time —
 * account health, lag, drafts by state, queue depth, quota spent — so any replica's /metrics tells the whole
 * truth, including accounts this process never touched.
 */
import { type Kysely, sql } from "kysely";
import { Counter, Gauge } from "prom-client";
import { accountHealth } from "../db/account-health.js";
import type { Database } from "../db/schema.js";
import { registry } from "../metrics.js";

const accountUp = new Gauge({
  name: "rapport_account_healthy",
  help: "1 when the account synced and its last attempt succeeded, else 0",
  labelNames: ["account", "address", "provider", "state"] as const,
  registers: [registry],
});
const needsReauth = new Gauge({
  name: "rapport_account_needs_reauth",
  help: "1 when the provider refused the account's tokens (the user must connect it again)",
  labelNames: ["account", "address", "provider"] as const,
  registers: [registry],
});
const syncLag = new Gauge({
  name: "rapport_sync_lag_seconds",
  help: "Seconds since the account's last successful sync (its stalest resource); absent before the first",
  labelNames: ["account"] as const,
  registers: [registry],
});
const syncFailures = new Gauge({
  name: "rapport_sync_consecutive_failures",
  help: "Consecutive failed syncs of a resource since its last success",
  labelNames: ["account", "resource"] as const,
  registers: [registry],
});
const threadsSetAside = new Gauge({
  name: "rapport_threads_set_aside",
  help: "Threads that could not be read or assessed, set aside with a back-off (the rest of the account goes on)",
  labelNames: ["account"] as const,
  registers: [registry],
});
const unitsSpent = new Gauge({
  name: "rapport_quota_units_spent",
  help: "Quota units spent on an account's resource since it was connected (all processes)",
  labelNames: ["account", "resource"] as const,
  registers: [registry],
});
const draftsByState = new Gauge({
  name: "rapport_drafts",
  help: "Drafts in the ledger by kind and state (created = waiting in the user's Drafts folder)",
  labelNames: ["kind", "state"] as const,
  registers: [registry],
});
const digestsByState = new Gauge({
  name: "rapport_digests",
  help: "Weekly digests in the ledger by state",
  labelNames: ["state"] as const,
  registers: [registry],
});
const queueDepth = new Gauge({
  name: "rapport_queue_depth",
  help: "Jobs waiting in the work queue, by queue name",
  labelNames: ["queue"] as const,
  registers: [registry],
});
const scrapeErrors = new Counter({
  name: "rapport_metrics_scrape_errors_total",
  help: "Scrapes where the database could not be read (the database gauges are then stale)",
  registers: [registry],
});

/**
 * Counts waiting jobs per queue, asked at every scrape. `rapport start` passes the worker's (pg-boss's own count,
 * so the queue's tables stay pg-boss's business).
 */
export type QueueDepthSource = () => Promise<Record<string, number>>;

/** Refreshes the database gauges, then renders the exposition text. */
export async function renderMetrics(
  db: Kysely<Database>,
  now: Date,
  queueDepthSource: QueueDepthSource | null = null,
): Promise<string> {
  try {
    await refreshFromDatabase(db, now, queueDepthSource);
  } catch {
    scrapeErrors.inc();
  }
  return registry.metrics();
}

async function refreshFromDatabase(db: Kysely<Database>, now: Date, source: QueueDepthSource | null): Promise<void> {
  const health = await accountHealth(db, now);
  const drafts = await db
    .selectFrom("drafts")
    .select(["kind", "state", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy(["kind", "state"])
    .execute();
  const digests = await db
    .selectFrom("digests")
    .select(["state", (eb) => eb.fn.countAll<string>().as("n")])
    .groupBy("state")
    .execute();
  const queues = await readQueueDepth(db, source);
  // Reset first: a removed account or an emptied state must disappear, not keep its last value.
  for (const g of [
    accountUp,
    needsReauth,
    syncLag,
    syncFailures,
    threadsSetAside,
    unitsSpent,
    draftsByState,
    digestsByState,
    queueDepth,
  ])
    g.reset();
  for (const a of health) {
    const account = String(a.id);
    accountUp.set({ account, address: a.address, provider: a.provider, state: a.state }, a.state === "healthy" ? 1 : 0);
    needsReauth.set({ account, address: a.address, provider: a.provider }, a.state === "needs_reauth" ? 1 : 0);
    if (a.lagSeconds !== null) syncLag.set({ account }, a.lagSeconds);
    threadsSetAside.set({ account }, a.threadsSetAside);
    for (const r of a.resources) {
      syncFailures.set({ account, resource: r.resource }, r.failureCount);
      unitsSpent.set({ account, resource: r.resource }, r.unitsSpent);
    }
  }
  for (const d of drafts) draftsByState.set({ kind: d.kind, state: d.state }, Number(d.n));
  for (const d of digests) digestsByState.set({ state: d.state }, Number(d.n));
  for (const [queue, n] of queues) queueDepth.set({ queue }, n);
}

/**
 * Waiting jobs per queue, read at scrape time: from the worker's source when there is one, otherwise from
 * pg-boss's job table in the shared Postgres (schema "<current>_queue", "rapport_queue" for public).
 */
async function readQueueDepth(db: Kysely<Database>, source: QueueDepthSource | null): Promise<Map<string, number>> {
  const depth = new Map<string, number>();
  try {
    if (source) {
      for (const [name, n] of Object.entries(await source())) depth.set(name, n);
      return depth;
    }
    const current = (await sql<{ s: string }>`SELECT current_schema() AS s`.execute(db)).rows[0]?.s ?? "public";
    const schema = current === "public" ? "rapport_queue" : `${current}_queue`;
    const table = await sql<{ t: string | null }>`SELECT to_regclass(${`${schema}.job`})::text AS t`.execute(db);
    if (!table.rows[0]?.t) return depth;
    const rows = await sql<{ name: string; n: string }>`
      SELECT name, count(*) AS n FROM ${sql.table(`${schema}.job`)} WHERE state IN ('created', 'retry') GROUP BY name`.execute(
      db,
    );
    for (const r of rows.rows) depth.set(r.name, Number(r.n));
  } catch {
    // A queue of another pg-boss version, or a source that failed, must not hide the account metrics.
  }
  return depth;
}
