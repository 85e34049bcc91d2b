/**
 * Loaded with `node --import` into each `rapport start` of `npm run bench:fleet`: counts the process's Postgres
 * round trips — Rapport's own (its pool and the account locks' sessions) apart from the job queue's (pg-boss names
 * its connections "pgboss") — and, when the process exits, writes them with its peak RSS and CPU time to FLEET_COUNT_FILE.
 */
import { writeFileSync } from "node:fs";
import pg from "pg";

const counts = { app: 0, queue: 0 };
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
  const name = (this as unknown as { connectionParameters?: { application_name?: string } }).connectionParameters
    ?.application_name;
  if (name === "pgboss") counts.queue += 1;
  else counts.app += 1;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof original;

process.on("exit", () => {
  const file = process.env.FLEET_COUNT_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  writeFileSync(file, JSON.stringify({ ...counts, maxRssKb: usage.maxRSS, cpuSeconds }));
});
