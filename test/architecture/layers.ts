/**
 * Rapport's layers and the rules the architecture test holds src/ to. Lowest first:
 *
 *   domain  ←  db  ←  providers (and scan)  ←  jobs (and templates)  ←  worker / web / cli
 *
 * An import may only point down (or stay within its layer). Two seams are shared: the provider port, which is part
 * of domain/ (so every layer may speak its types), and src/context.ts, the context's shape, which sits between
 * providers and jobs (jobs and everything above take it; db and the adapters never do). The composition root (app/)
 * builds the context: it may use everything up to the context, it alone knows the concrete adapters in providers/,
 * and only the CLI (its entrypoints) imports it.
 * The base modules (config, clock, logger, paths, metrics counters, crypto) import nothing of Rapport's, and domain
 * imports nothing outside domain/.
 */
export type Layer = "domain" | "base" | "db" | "providers" | "context" | "jobs" | "app" | "entry";

/** Rank in the stack; base sits outside it (see allowed()). */
const RANK: Record<Exclude<Layer, "base">, number> = {
  domain: 0,
  db: 1,
  providers: 2,
  context: 2.5,
  jobs: 3,
  app: 3.5,
  entry: 4,
};

const BASE = new Set(["src/config.ts", "src/clock.ts", "src/logger.ts", "src/paths.ts", "src/metrics.ts"]);

export function layerOf(file: string): Layer | null {
  if (!file.startsWith("src/")) return null;
  if (BASE.has(file) || file.startsWith("src/crypto/")) return "base";
  if (file === "src/context.ts") return "context";
  const area = file.split("/")[1];
  switch (area) {
    case "domain":
      return "domain";
    case "db":
      return "db";
    case "providers":
    case "scan":
      return "providers";
    case "jobs":
    case "templates":
      return "jobs";
    case "app":
      return "app";
    case "worker":
    case "web":
    case "cli":
      return "entry";
    default:
      return null;
  }
}

/** Why an import from `from` to `to` is not allowed, or null when it is. */
export function violation(from: string, to: string): string | null {
  const a = layerOf(from);
  const b = layerOf(to);
  if (!to.startsWith("src/")) {
    if (/^(sandbox|bench|test)\//.test(to)) return `src/ never imports the development-only ${to.split("/")[0]}/`;
    return null;
  }
  if (a === null) return `${from} is in no layer: add its folder to test/architecture/layers.ts`;
  if (b === null) return `${to} is in no layer: add its folder to test/architecture/layers.ts`;
  if (a === "domain") return b === "domain" ? null : "domain/ is pure: it imports nothing outside domain/";
  if (a === "base") return b === "base" ? null : "the base modules import nothing of Rapport's but each other";
  if (b === "base") {
    if (to === "src/config.ts" && (a === "db" || a === "providers")) {
      return "db/ and the adapters never see the configuration: the composition root hands them what they need";
    }
    return null;
  }
  if (b === "app" && !from.startsWith("src/cli/") && a !== "app") {
    return "only the CLI's entrypoints import the composition root (app/)";
  }
  if (a === "providers" && b === "db") return "adapters speak through the port, not the database";
  if (to.startsWith("src/providers/") && a !== "providers" && a !== "app") {
    return "only the composition root knows the adapters: the rest uses the port (ctx.providers, ctx.consent)";
  }
  if (RANK[b] > RANK[a]) return `${a} must not import ${b}: imports point down the layers`;
  return null;
}

/** The folder (or root file) a file belongs to, for cycles between areas. */
export function areaOf(file: string): string {
  const parts = file.split("/");
  return parts.length > 2 ? `${parts[0]}/${parts[1]}/` : file;
}

/** Strongly connected components with more than one node (or a self-loop): the cycles of a directed graph. */
export function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const connect = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!indices.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, indices.get(w) as number));
      }
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges.get(v)?.has(v)) found.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!indices.has(v)) connect(v);
  return found;
}
