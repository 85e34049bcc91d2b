/**
 * The import graph of src/, checked on every run: imports point down the layers (test/architecture/layers.ts says
 * which), nothing imports in a circle (file to file, or folder to folder), src/ never reaches into the
 * development-only folders, and only the composition root reads the environment or opens stored tokens.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { areaOf, cycles, layerOf, violation } from "./layers.js";
import { listTsFiles, parseFile, ROOT } from "./source-graph.js";

const files = listTsFiles("src").map(parseFile);
const local = files
  .flatMap((f) => f.imports)
  .filter((i) => i.to.startsWith("src/") || /^(sandbox|bench|test)\//.test(i.to));

/** The import graph between files, or between folders (`areaOf`), where imports within one folder do not count. */
function graph(keyOf: (file: string) => string = (file) => file): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const f of files) edges.set(keyOf(f.path), edges.get(keyOf(f.path)) ?? new Set());
  for (const i of local) {
    const [a, b] = [keyOf(i.from), keyOf(i.to)];
    if (a !== b || i.from === i.to) edges.get(a)?.add(b);
  }
  return edges;
}

describe("the import graph of src/", () => {
  it("puts every file in a layer", () => {
    expect(files.filter((f) => layerOf(f.path) === null).map((f) => f.path)).toEqual([]);
  });

  it("only imports down the layers: domain ← db ← providers ← jobs ← worker/web/cli, through the port and the context", () => {
    const wrong = local
      .map((i) => ({ i, why: violation(i.from, i.to) }))
      .filter((v) => v.why !== null)
      .map((v) => `${v.i.from}:${v.i.line} → ${v.i.to}: ${v.why}`);
    expect(wrong).toEqual([]);
  });

  it("has no cycle between files", () => {
    expect(cycles(graph())).toEqual([]);
  });

  it("has no cycle between folders", () => {
    expect(cycles(graph(areaOf))).toEqual([]);
  });

  it("reads the environment only in config.ts, through the composition root", () => {
    const readers = files.filter((f) => /\bprocess\.env\b/.test(f.text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "")));
    expect(readers.map((f) => f.path)).toEqual(["src/config.ts"]);
    const loaders = local.filter(
      (i) => i.to === "src/config.ts" && i.names.some((n) => /^(readEnv|envToConfig)$/.test(n)),
    );
    expect(loaders.map((i) => i.from)).toEqual(["src/app/compose.ts"]);
  });

  it("opens stored tokens only in the composition root", () => {
    const openers = local.filter(
      (i) =>
        (i.to === "src/app/token-store.ts" && i.names.includes("openTokens")) ||
        (i.to === "src/crypto/token-cipher.ts" && i.names.includes("TokenCipher")),
    );
    expect(
      openers.filter((i) => !i.from.startsWith("src/app/")).map((i) => `${i.from} imports ${i.names.join(", ")}`),
    ).toEqual([]);
  });
});

describe("the checker itself", () => {
  it("refuses an upward import, a seam skipped, and a reach into the sandbox", () => {
    expect(violation("src/db/accounts.ts", "src/jobs/sync.ts")).toMatch(/db must not import jobs/);
    expect(violation("src/domain/threading.ts", "src/logger.ts")).toMatch(/domain\/ is pure/);
    expect(violation("src/providers/gmail/drafts.ts", "src/context.ts")).toMatch(/providers must not import context/);
    expect(violation("src/providers/gmail/drafts.ts", "src/db/accounts.ts")).toMatch(/through the port/);
    expect(violation("src/providers/gmail/drafts.ts", "src/config.ts")).toMatch(/never see the configuration/);
    expect(violation("src/web/server.ts", "src/app/compose.ts")).toMatch(/only the CLI/);
    expect(violation("src/jobs/sync.ts", "src/providers/gmail/gmail-provider.ts")).toMatch(/only the composition root/);
    expect(violation("src/cli/commands/demo.ts", "sandbox/demo.ts")).toMatch(/development-only sandbox/);
    expect(violation("src/jobs/sync.ts", "src/db/mail-store.ts")).toBeNull();
    expect(violation("src/jobs/sync.ts", "src/domain/provider-port.ts")).toBeNull();
  });

  it("finds cycles, however long", () => {
    const edges = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
      ["d", new Set(["d"])],
      ["e", new Set(["a"])],
    ]);
    expect(cycles(edges)).toEqual([["a", "b", "c"], ["d"]]);
  });
});

describe("the README's architecture section", () => {
  it("lists exactly the folders and files at the top of src/", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Architecture"));
    const tree = section.slice(section.indexOf("```") + 3, section.indexOf("```", section.indexOf("```") + 3));
    const lines = tree.split("\n");
    const srcLines = lines.slice(
      lines.findIndex((l) => l.startsWith("src/")) + 1,
      lines.findIndex((l, i) => i > 0 && /^\S/.test(l) && !l.startsWith("src/")),
    );
    const listed = new Set(
      srcLines.flatMap((l) =>
        /^ {2}\S/.test(l)
          ? (l
              .trim()
              .split(/\s{2,}/)[0]
              ?.split(" ") ?? [])
          : [],
      ),
    );
    const actual = readdirSync(path.join(ROOT, "src")).map((e) => (e.endsWith(".ts") ? e : `${e}/`));
    expect([...listed].sort()).toEqual(actual.sort());
  });
});
