/**
 * What `npm pack` would publish: the built product, its migrations and templates, and nothing development-only
 * (no fake servers, no benchmarks, no tests). Scripts are skipped: the global setup has already built dist/.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the npm package", () => {
  it("contains the CLI, migrations and templates, and no sandbox, benchmark or test", () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const run = spawnSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const [pack] = JSON.parse(run.stdout) as { files: { path: string }[] }[];
    const files = (pack?.files ?? []).map((f) => f.path);
    expect(files).toContain("dist/src/cli/main.js");
    expect(files).toContain("migrations/0001_init.sql");
    expect(files).toContain("templates/digest.html.hbs");
    const devOnly = files.filter((f) => /^(dist\/)?(sandbox|bench|test)\//.test(f) || /fake-(google|graph)/.test(f));
    expect(devOnly).toEqual([]);
  });
});
