// After `npm ci` builds the project, make `node_modules/.bin/rapport` point at the built CLI, the way it would be
// for an installed package, so scripts and tools that call the local bin directly find it (`npx rapport` already
// does). Idempotent; does nothing when node_modules is absent.
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const target = path.join(root, "dist/src/cli/main.js");
const binDir = path.join(root, "node_modules/.bin");
if (existsSync(target) && existsSync(path.join(root, "node_modules"))) {
  chmodSync(target, 0o755);
  mkdirSync(binDir, { recursive: true });
  const link = path.join(binDir, "rapport");
  if (existsSync(link) || lstatSync(link, { throwIfNoEntry: false })) unlinkSync(link);
  symlinkSync(path.relative(binDir, target), link);
}
