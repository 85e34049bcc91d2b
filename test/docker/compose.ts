/**
 * A small docker-compose.yml reader for the replay test: the one service's `environment` and `env_file`, with
 * Compose's variable interpolation (${VAR}, ${VAR:-default}, ${VAR:?error}). Only the YAML our compose file uses:
 * nested maps by indentation, `- item` lists, quoted or plain scalars, comments.
 */

type Node = string | Node[] | { [key: string]: Node };

function scalar(text: string): string {
  const t = text.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/** Parses the block starting at `start` whose lines are indented exactly `indent`. */
function block(lines: { indent: number; text: string }[], start: number, indent: number): [Node, number] {
  let i = start;
  if (lines[i]?.text.startsWith("- ")) {
    const list: Node[] = [];
    while (i < lines.length && lines[i]?.indent === indent && lines[i]?.text.startsWith("- ")) {
      list.push(scalar((lines[i]?.text ?? "").slice(2)));
      i++;
    }
    return [list, i];
  }
  const map: Record<string, Node> = {};
  while (i < lines.length && (lines[i]?.indent ?? -1) === indent) {
    const line = lines[i]?.text ?? "";
    const colon = line.search(/:(\s|$)/);
    if (colon < 0) throw new Error(`compose: cannot read "${line}"`);
    const key = line.slice(0, colon).trim();
    const rest = line.slice(colon + 1).trim();
    i++;
    if (rest !== "") {
      map[key] = scalar(rest);
    } else if (i < lines.length && (lines[i]?.indent ?? 0) > indent) {
      const [child, next] = block(lines, i, lines[i]?.indent ?? 0);
      map[key] = child;
      i = next;
    } else {
      map[key] = "";
    }
  }
  return [map, i];
}

export function parseCompose(text: string): Record<string, Node> {
  const lines = text
    .split("\n")
    .map((raw) => raw.replace(/\s+#.*$/, "").replace(/\s+$/, ""))
    .filter((l) => l.trim() !== "" && !l.trim().startsWith("#"))
    .map((l) => ({ indent: l.length - l.trimStart().length, text: l.trim() }));
  return block(lines, 0, 0)[0] as Record<string, Node>;
}

/** Compose's interpolation of ${...} from the project's .env (and the shell, here empty). */
export function interpolate(value: string, vars: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
    const v = vars[name];
    const set = v !== undefined && v !== "";
    if (op === "-") return set ? (v as string) : (arg ?? "");
    if (op === "?" && !set) throw new Error(`required variable ${name} is missing a value: ${arg}`);
    return v ?? "";
  });
}

/** The container's environment as Compose builds it: image ENV, then env_file, then `environment` (interpolated). */
export function serviceEnvironment(
  compose: Record<string, Node>,
  service: string,
  imageEnv: Readonly<Record<string, string>>,
  dotEnv: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const services = compose.services as Record<string, Record<string, Node>>;
  const s = services[service];
  if (!s) throw new Error(`compose: no service ${service}`);
  const env: Record<string, string> = { ...imageEnv };
  if (s.env_file === ".env") {
    for (const [k, v] of Object.entries(dotEnv)) if (v !== undefined) env[k] = v;
  } else if (s.env_file !== undefined) {
    throw new Error(`compose: env_file ${JSON.stringify(s.env_file)} is not understood by the replay`);
  }
  for (const [k, v] of Object.entries((s.environment ?? {}) as Record<string, string>)) env[k] = interpolate(v, dotEnv);
  return env;
}
