/**
 * CPU time (user + system) this process spends on a call, in milliseconds. Unlike wall time it does not grow
 * when the machine is busy with other work, so a bound on it is a bound on the work done, not on the load.
 */
export async function cpuMillis<T>(run: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  return { ms: (used.user + used.system) / 1000, result };
}
