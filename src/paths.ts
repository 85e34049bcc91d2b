/** Where the package's own files (migrations/, templates/) are, whether running from src/ (tests) or dist/. */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "migrations"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the rapport package root (package.json + migrations/)");
    dir = parent;
  }
}

const PACKAGE_ROOT = findPackageRoot();
export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, "migrations");
export const TEMPLATES_DIR = path.join(PACKAGE_ROOT, "templates");
