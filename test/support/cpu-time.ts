/**
 * How much work a synchronous call did, in milliseconds of CPU time of the calling thread, not wall time: on a busy
 * machine the wall clock runs on while this process waits for a core, but the work measured stays the same. For
 * the tests that guard against runaway (quadratic, backtracking) cost.
 */
export function cpuMillis(run: () => unknown): number {
  const usage = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage ?? process.cpuUsage;
  const before = usage.call(process);
  run();
  const after = usage.call(process);
  return (after.user - before.user + (after.system - before.system)) / 1000;
}
