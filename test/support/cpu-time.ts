/**
 * CPU time spent on a call, in milliseconds. Unlike wall time it does not grow when the machine is busy with
 * other work, so a bound on it is a bound on the work done, not on the load. `cpuMillis` measures a possibly
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
