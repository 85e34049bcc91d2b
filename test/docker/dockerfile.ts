/**
 * A small Dockerfile reader for the replay test: joins continuation lines, drops comments, splits stages, and
 * parses the JSON (exec) form of CMD / ENTRYPOINT / HEALTHCHECK CMD. Only what our Dockerfile uses.
 */

export interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

export interface Stage {
  from: string;
  name: string | null;
  instructions: Instruction[];
}

export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split("\n");
  let pending = "";
  let startLine = 0;
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, "");
    if (pending === "" && /^\s*(#|$)/.test(line)) continue;
    if (pending !== "" && /^\s*#/.test(line)) continue;
    if (pending === "") startLine = index + 1;
    if (line.endsWith("\\")) {
      pending += `${line.slice(0, -1)} `;
      continue;
    }
    const full = (pending + line).trim();
    pending = "";
    const match = /^(\w+)\s+([\s\S]*)$/.exec(full);
    if (!match) throw new Error(`Dockerfile line ${startLine}: cannot read "${full}"`);
    const keyword = (match[1] as string).toUpperCase();
    const args = (match[2] as string).trim();
    if (keyword === "FROM") {
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!from) throw new Error(`Dockerfile line ${startLine}: cannot read FROM ${args}`);
      stages.push({ from: from[1] as string, name: from[2] ?? null, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`Dockerfile line ${startLine}: ${keyword} before FROM`);
    stage.instructions.push({ keyword, args, line: startLine });
  }
  return stages;
}

/** CMD/ENTRYPOINT in exec form: a JSON array of strings. */
export function execForm(args: string): string[] {
  const parsed = JSON.parse(args) as unknown;
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "string")) {
    throw new Error(`expected the exec (JSON array) form, got ${args}`);
  }
  return parsed;
}

/** ENV in its key=value form (several per instruction, values optionally double-quoted). */
export function envPairs(args: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of args.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const value = m[2] as string;
    env[m[1] as string] = value.startsWith('"') ? (JSON.parse(value) as string) : value;
  }
  return env;
}

/** HEALTHCHECK [options] CMD [...]: the options and the command. */
export function healthcheck(args: string): { options: Record<string, string>; cmd: string[] } {
  const at = args.indexOf("CMD");
  if (at < 0) throw new Error(`HEALTHCHECK without CMD: ${args}`);
  const options: Record<string, string> = {};
  for (const m of args.slice(0, at).matchAll(/--([\w-]+)=(\S+)/g)) options[m[1] as string] = m[2] as string;
  return { options, cmd: execForm(args.slice(at + 3).trim()) };
}

/** COPY [--from=stage] src... dest */
export function copyArgs(args: string): { from: string | null; sources: string[]; dest: string } {
  const parts = args.split(/\s+/);
  let from: string | null = null;
  while (parts[0]?.startsWith("--")) {
    const flag = parts.shift() as string;
    const m = /^--from=(.+)$/.exec(flag);
    if (m) from = m[1] as string;
    else if (!/^--(chown|chmod|link)/.test(flag)) throw new Error(`COPY flag not understood: ${flag}`);
  }
  const dest = parts.pop();
  if (!dest || parts.length === 0) throw new Error(`COPY needs a source and a destination: ${args}`);
  return { from, sources: parts, dest };
}
