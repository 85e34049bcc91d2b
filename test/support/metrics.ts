/** Reads this process's counters (metrics.ts), so a test can check what a job recorded by the change it made. */
import { registry } from "../../src/metrics.js";

export async function counterValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = registry.getSingleMetric(name);
  if (!metric) throw new Error(`no metric ${name}`);
  const { values } = await metric.get();
  return values
    .filter((v) => Object.entries(labels).every(([key, value]) => v.labels[key] === value))
    .reduce((sum, v) => sum + v.value, 0);
}

/** The counter's values for each label set, now; call the result again to get how much each has grown since. */
export async function counterDeltas(
  name: string,
  labelSets: Record<string, Record<string, string>>,
): Promise<() => Promise<Record<string, number>>> {
  const before: Record<string, number> = {};
  for (const [key, labels] of Object.entries(labelSets)) before[key] = await counterValue(name, labels);
  return async () => {
    const grown: Record<string, number> = {};
    for (const [key, labels] of Object.entries(labelSets)) {
      grown[key] = (await counterValue(name, labels)) - (before[key] ?? 0);
    }
    return grown;
  };
}
