/**
 * Vitest global setup: tests that run the real `rapport` binary need dist/ current. The incremental build is fast
 * when nothing changed. Type errors do not stop the emit here (CI's `npm run typecheck` is where they fail).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (result.error) throw result.error;
}
