/**
 * Prometheus counters: events this process saw (sync durations, provider requests, quota units, drafts, digests).
 * Adapters and jobs call the small `record*` functions; nothing here reads the database or imports the rest of the
 * code, so any layer may record. The gauges read from the database at scrape time live with the /metrics page
 * (web/metrics.ts) and register in the same registry.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export const registry = new Registry();
export const METRICS_CONTENT_TYPE = registry.contentType;

const syncDuration = new Histogram({
  name: "rapport_sync_duration_seconds",
  help: "Duration of one account's sync (mail + calendar)",
  labelNames: ["account"] as const,
  buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900],
  registers: [registry],
});
const providerRequests = new Counter({
  name: "rapport_provider_requests_total",
  help: "Requests to the provider APIs, by provider and HTTP status (0 = no response)",
  labelNames: ["provider", "status"] as const,
  registers: [registry],
});
const quotaUnits = new Counter({
  name: "rapport_quota_units_total",
  help: "Quota units (Gmail) or requests (Graph) this process spent",
  labelNames: ["provider"] as const,
  registers: [registry],
});
const draftEvents = new Counter({
  name: "rapport_draft_events_total",
  help: "Drafts this process created or resolved, by kind and resulting ledger state",
  labelNames: ["kind", "state"] as const,
  registers: [registry],
});
const digestSends = new Counter({
  name: "rapport_digest_sends_total",
  help: "Weekly digests this process sent or failed to send, by result (skipped: due in a dry run, not sent)",
  labelNames: ["result"] as const,
  registers: [registry],
});

export function recordSync(accountId: number, seconds: number): void {
  syncDuration.observe({ account: String(accountId) }, seconds);
}

export function recordProviderRequest(provider: string, status: number): void {
  providerRequests.inc({ provider, status: String(status) });
}

export function recordQuotaUnits(provider: string, units: number): void {
  if (units > 0) quotaUnits.inc({ provider }, units);
}

type DraftEvent = "created" | "dry_run" | "failed" | "sent" | "deleted" | "superseded";

export function recordDraft(kind: string, state: DraftEvent): void {
  draftEvents.inc({ kind, state });
}

export function recordDigest(result: "sent" | "failed" | "skipped"): void {
  digestSends.inc({ result });
}

let defaultsOn = false;
/** Process metrics (CPU, memory, event loop); only for the long-running server, not for one-shot commands. */
export function enableProcessMetrics(): void {
  if (defaultsOn) return;
  defaultsOn = true;
  collectDefaultMetrics({ register: registry, prefix: "rapport_" });
}
