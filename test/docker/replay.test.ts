/**
 * No Docker engine runs here, so the image is checked by replaying its Dockerfile: every stage in a clean temporary
 * folder, COPY and RUN steps in order with this machine's Node (whose major must be the image's), OS-package steps
 * (apt-get) skipped and said so. Then the image's ENTRYPOINT + CMD run with the image's own configuration (it binds
 * 0.0.0.0, so it takes an admin token) and a temp data dir: /healthz must answer, the HEALTHCHECK command must exit 0,
 * and SIGTERM must stop it cleanly. And `docker compose up` is replayed on the shipped files: the worker's
 * environment built as Compose builds it (image ENV, the .env a user makes from .env.example by filling in the lines
 * marked REQUIRED, the service's `environment`), with only the Postgres service's address and the published port
 * changed for this machine; it must reach a healthy, ready worker on its first start.
 * npm installs reuse the machine's npm cache (--prefer-offline) and `npm cache clean` is not replayed.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseEnv } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL, withSearchPath } from "../support/database.js";
import { parseCompose, serviceEnvironment } from "./compose.js";
import { copyArgs, envPairs, execForm, healthcheck, parseDockerfile, type Stage } from "./dockerfile.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const stages = parseDockerfile(readFileSync(path.join(ROOT, "Dockerfile"), "utf8"));
const ignored = existsSync(path.join(ROOT, ".dockerignore"))
  ? readFileSync(path.join(ROOT, ".dockerignore"), "utf8")
      .split("\n")
      .map((l) => l.trim().replace(/^\/|\/$/g, ""))
      .filter((l) => l !== "" && !l.startsWith("#"))
  : [];
const OS_PACKAGES = /\bapt-get\b|\/var\/lib\/apt\b|\bapk\b/;

function isIgnored(rel: string): boolean {
  return ignored.some((p) =>
    p.startsWith("*.") ? rel.endsWith(p.slice(1)) : rel === p || rel.startsWith(`${p}/`) || rel.split("/").includes(p),
  );
}

interface StageResult {
  root: string;
  workdir: string;
  env: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
  healthcheck: string[] | null;
}

const notes: string[] = [];

function replayStage(stage: Stage, index: number, work: string, done: Map<string, StageResult>): StageResult {
  const root = path.join(work, stage.name ?? `stage${index}`);
  mkdirSync(root, { recursive: true });
  const r: StageResult = { root, workdir: "/", env: {}, entrypoint: [], cmd: [], healthcheck: null };
  const inRoot = (p: string) => path.join(root, path.posix.resolve(r.workdir, p));
  /** Absolute image paths in a RUN line point into this stage's folder. */
  const imagePaths = () => [
    ...new Set([r.workdir, ...Object.values(r.env).filter((v) => v.startsWith("/") && !v.includes(":"))]),
  ];
  for (const ins of stage.instructions) {
    if (ins.keyword === "WORKDIR") {
      r.workdir = path.posix.resolve(r.workdir, ins.args);
      mkdirSync(path.join(root, r.workdir), { recursive: true });
    } else if (ins.keyword === "ENV") {
      Object.assign(r.env, envPairs(ins.args));
    } else if (ins.keyword === "COPY") {
      const { from, sources, dest } = copyArgs(ins.args);
      const source = from ? done.get(from) : null;
      if (from && !source) throw new Error(`line ${ins.line}: COPY --from=${from}: no such stage before it`);
      for (const src of sources) {
        const abs = source ? path.join(source.root, path.posix.resolve(source.workdir, src)) : path.join(ROOT, src);
        if (!source && isIgnored(src)) throw new Error(`line ${ins.line}: COPY ${src} names a .dockerignore'd path`);
        if (!existsSync(abs)) throw new Error(`line ${ins.line}: COPY ${src}: not found (${abs})`);
        const intoDir = dest.endsWith("/") || sources.length > 1;
        const target =
          statSync(abs).isDirectory() || !intoDir ? inRoot(dest) : path.join(inRoot(dest), path.basename(src));
        cpSync(abs, target, {
          recursive: true,
          filter: (f) => source !== null || !isIgnored(path.relative(ROOT, f).split(path.sep).join("/")),
        });
      }
    } else if (ins.keyword === "RUN") {
      for (const command of ins.args.split(/\s*&&\s*/)) {
        if (OS_PACKAGES.test(command)) {
          notes.push(`line ${ins.line}: skipped "${command}" (installs OS packages)`);
          continue;
        }
        if (/^npm cache clean\b/.test(command)) {
          notes.push(`line ${ins.line}: skipped "${command}" (keeps this machine's npm cache)`);
          continue;
        }
        if (/^chown\b/.test(command)) {
          notes.push(`line ${ins.line}: skipped "${command}" (no such user outside the image)`);
          continue;
        }
        let local = command;
        for (const p of imagePaths().filter((x) => x !== "/")) local = local.replaceAll(p, path.join(root, p));
        if (/^npm (ci|install)\b/.test(local)) local += " --prefer-offline";
        const run = spawnSync("sh", ["-c", local], {
          cwd: path.join(root, r.workdir),
          env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), ...r.env },
          encoding: "utf8",
          maxBuffer: 64 * 1024 * 1024,
        });
        if (run.status !== 0) {
          throw new Error(
            `line ${ins.line}: RUN ${command} failed (${run.status}):\n${(run.stdout + run.stderr).slice(-3000)}`,
          );
        }
      }
    } else if (ins.keyword === "ENTRYPOINT") {
      r.entrypoint = execForm(ins.args);
    } else if (ins.keyword === "CMD") {
      r.cmd = execForm(ins.args);
    } else if (ins.keyword === "HEALTHCHECK") {
      r.healthcheck = healthcheck(ins.args).cmd;
    } else if (!["USER", "VOLUME", "EXPOSE", "LABEL", "ARG"].includes(ins.keyword)) {
      throw new Error(`line ${ins.line}: ${ins.keyword} is not understood by the replay`);
    }
  }
  return r;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The README's first step: `cp .env.example .env`, then fill in every line the file marks REQUIRED (an uncommented
 * `NAME=` whose comment block says so) with a value of the kind it asks for.
 */
function fillRequired(example: string): string {
  const lines = example.split("\n");
  let comment = "";
  return lines
    .map((line) => {
      if (line.startsWith("#")) {
        comment += `${line}\n`;
        return line;
      }
      const m = /^([A-Z0-9_]+)=$/.exec(line);
      const required = comment.includes("REQUIRED");
      comment = "";
      if (!m || !required) return line;
      return `${m[1]}=${randomBytes(m[1] === "RAPPORT_SECRET_KEY" ? 32 : 24).toString("hex")}`;
    })
    .join("\n");
}

function nodeMajor(image: string): number | null {
  const m = /^node:(\d+)/.exec(image);
  return m ? Number(m[1]) : null;
}

describe("the Dockerfile, replayed", () => {
  let work: string;
  let runtime: StageResult;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "rapport-docker-"));
  });
  afterAll(async () => {
    if (notes.length > 0) process.stderr.write(`Dockerfile replay:\n  ${notes.join("\n  ")}\n`);
    await rm(work, { recursive: true, force: true });
  });

  it("uses one Node major across stages, matching package.json engines and this machine", () => {
    const majors = [...new Set(stages.map((s) => nodeMajor(s.from)))];
    expect(majors).toHaveLength(1);
    const major = majors[0] as number;
    const engines = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } })
      .engines.node;
    const minimum = Number(/^>=\s*(\d+)/.exec(engines)?.[1]);
    expect(Number.isInteger(minimum), `engines.node "${engines}" should read ">=N..."`).toBe(true);
    expect(major, `the image's node:${major} must satisfy engines ${engines}`).toBeGreaterThanOrEqual(minimum);
    expect(Number(process.versions.node.split(".")[0]), "replay with the image's Node major").toBe(major);
  });

  it("builds every stage from a clean folder", () => {
    const done = new Map<string, StageResult>();
    for (const [i, stage] of stages.entries()) {
      const r = replayStage(stage, i, work, done);
      if (stage.name) done.set(stage.name, r);
      runtime = r;
    }
    const app = path.join(runtime.root, runtime.workdir);
    expect(existsSync(path.join(app, "dist/src/cli/main.js"))).toBe(true);
    expect(existsSync(path.join(app, "migrations"))).toBe(true);
    expect(existsSync(path.join(app, "templates/web/layout.hbs"))).toBe(true);
    expect(existsSync(path.join(app, "node_modules/kysely")), "production dependencies installed").toBe(true);
    expect(existsSync(path.join(app, "node_modules/vitest")), "no dev dependencies in the image").toBe(false);
  }, 600_000);

  it("carries no fake server or benchmark, and `rapport demo` says why it cannot run there", () => {
    expect(runtime, "the build step must have run").toBeDefined();
    const app = path.join(runtime.root, runtime.workdir);
    for (const dev of ["sandbox", "bench", "test", "dist/sandbox", "dist/bench"]) {
      expect(existsSync(path.join(app, dev)), `${dev} is development-only`).toBe(false);
    }
    const demo = spawnSync(process.execPath, ["dist/src/cli/main.js", "demo"], {
      cwd: app,
      env: { PATH: process.env.PATH ?? "", RAPPORT_DATA_DIR: path.join(work, "demo-data") },
      encoding: "utf8",
    });
    expect(demo.status).toBe(1);
    expect(demo.stdout).toBe("");
    expect(demo.stderr).toMatch(/^rapport: the sandbox is not part of this installation .*npm run demo.*\n$/);
  });

  it("starts with the image's ENTRYPOINT + CMD; /healthz answers, HEALTHCHECK exits 0, SIGTERM stops it", async () => {
    expect(runtime, "the build step must have run").toBeDefined();
    const port = await freePort();
    const adminToken = randomBytes(24).toString("hex");
    // What `docker run` with the README's two secrets gives the process; nothing else is changed.
    await runImage({
      ...runtime.env,
      RAPPORT_PORT: String(port),
      RAPPORT_DATA_DIR: path.join(work, "data"),
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      RAPPORT_ADMIN_TOKEN: adminToken,
    });
  }, 240_000);

  it.runIf(TEST_DATABASE_URL)(
    "`docker compose up` on the shipped files reaches a healthy, ready worker on its first start",
    async () => {
      expect(runtime, "the build step must have run").toBeDefined();
      const dotEnv = parseEnv(fillRequired(readFileSync(path.join(ROOT, ".env.example"), "utf8")));
      const compose = parseCompose(readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8"));
      const env = serviceEnvironment(compose, "worker", runtime.env, dotEnv);
      // The compose network's "postgres" is this machine's test Postgres (a schema of its own), and the published
      // port is a free one: the only two things that differ from a real `docker compose up`.
      expect(env.DATABASE_URL).toMatch(/@postgres:5432\/rapport$/);
      const schema = `t_compose_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL as string });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      try {
        await runImage({
          ...env,
          DATABASE_URL: withSearchPath(TEST_DATABASE_URL as string, schema),
          RAPPORT_PORT: String(await freePort()),
          RAPPORT_DATA_DIR: path.join(work, "compose-data"),
        });
      } finally {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await admin.query(`DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
        await admin.end();
      }
    },
    240_000,
  );

  /** Runs the image's ENTRYPOINT + CMD with `env` until healthy and ready, then stops it with SIGTERM. */
  async function runImage(imageEnv: Record<string, string>): Promise<void> {
    const app = path.join(runtime.root, runtime.workdir);
    // tini is PID 1 in the image (an OS package): here the node process is started directly.
    const tini = runtime.entrypoint.indexOf("--");
    const command = [...runtime.entrypoint.slice(tini + 1), ...runtime.cmd];
    expect(command.slice(0, 2)).toEqual(["node", "dist/src/cli/main.js"]);
    expect(runtime.healthcheck?.[0]).toBe("node");
    const env: Record<string, string> = { PATH: process.env.PATH ?? "", ...imageEnv };
    const port = env.RAPPORT_PORT;
    const child = spawn(process.execPath, command.slice(1), { cwd: app, env });
    let log = "";
    child.stdout.on("data", (d) => {
      log += d;
    });
    child.stderr.on("data", (d) => {
      log += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      let healthy = false;
      for (let i = 0; i < 180 && !healthy && child.exitCode === null; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 500));
      }
      expect(healthy, `rapport start did not answer /healthz:\n${log.slice(-2000)}`).toBe(true);
      const check = spawnSync(process.execPath, (runtime.healthcheck as string[]).slice(1), { env, encoding: "utf8" });
      expect(check.status, check.stderr).toBe(0);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`, {
        headers: { authorization: `Bearer ${env.RAPPORT_ADMIN_TOKEN}` },
      });
      expect(await ready.json()).toEqual({ ready: true });
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited, log.slice(-2000)).toBe(0);
  }
});
