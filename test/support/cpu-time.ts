/**
 * CPU time spent on a call, in milliseconds. It grows far less than wall time when the machine is busy with other
 * work, so a bound on it is mostly a bound on the work done; not wholly (shared cores and caches slow each
 * instruction), so its bounds leave several times the quiet machine's figure. `cpuMillis` measures a possibly
 * asynchronous call on the whole process; `syncCpuMillis` a synchronous call on the calling thread.
 */
export async function cpuMillis<T>(run: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}

export function syncCpuMillis(run: () => unknown): number {
  const usage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage ?? process.cpuUsage;
  const before = usage.call(process);
  run();
  const after = usage.call(process);
  return (after.user - before.user + (after.system - before.system)) / 1000;
}
