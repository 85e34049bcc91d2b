import { describe, expect, it } from "vitest";
import {
  ConfigError,
  EMBEDDED_NODE_FLAGS,
  envToConfig,
  makeConfig,
  missingEmbeddedNodeFlags,
  missingWorkerEnvironment,
  POSTGRES_NODE_FLAGS,
  readEnv,
  requireSecretKey,
  WORKER_MALLOC_ENV,
} from "../../src/config.js";

const KEY = "a".repeat(64);

describe("config", () => {
  it("applies defaults when nothing is set", () => {
    const config = makeConfig();
    expect(config.databaseUrl).toBeNull();
    expect(config.dataDir.endsWith("data")).toBe(true);
    expect(config.web).toMatchObject({ host: "127.0.0.1", port: 8787 });
    expect(config.microsoft.tenant).toBe("common");
    expect(config.google.tokenUrl).toBe("https://oauth2.googleapis.com/token");
    expect(config.lookbackDays).toBe(365);
  });

  it("reads only the variables it knows and treats empty strings as unset", () => {
    const env = readEnv({ DATABASE_URL: "", RAPPORT_PORT: "9000", PATH: "/bin", HOME: "/root" }, null);
    expect(env).toEqual({ RAPPORT_PORT: "9000" });
  });

  it.each([
    [{ DATABASE_URL: "mysql://x" }, /^DATABASE_URL: expected a postgres:\/\/ URL/],
    [{ RAPPORT_SECRET_KEY: "short" }, /^RAPPORT_SECRET_KEY: expected 32 random bytes/],
    [{ RAPPORT_PORT: "http" }, /^RAPPORT_PORT: expected a whole number between 0 and 65535 \(got "http"\)/],
    [{ RAPPORT_LOG_LEVEL: "loud" }, /^RAPPORT_LOG_LEVEL: expected one of/],
    [{ GOOGLE_API_ROOT_URL: "not a url" }, /^GOOGLE_API_ROOT_URL: expected the Google API root/],
    [{ RAPPORT_DRY_RUN: "maybe" }, /^RAPPORT_DRY_RUN: expected 1 or 0/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => envToConfig(env)).toThrow(ConfigError);
    expect(() => envToConfig(env)).toThrow(message);
  });

  it("never echoes a secret value in its error", () => {
    try {
      envToConfig({ RAPPORT_SECRET_KEY: "hunter2-secret" });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("accepts hex and base64 keys, and old keys for rotation", () => {
    const config = envToConfig({
      RAPPORT_SECRET_KEY: KEY,
      RAPPORT_SECRET_KEYS_OLD: Buffer.alloc(32, 7).toString("base64"),
    });
    expect(config.secretKey?.length).toBe(32);
    expect(config.oldSecretKeys).toHaveLength(1);
  });

  it("explains how to create a missing secret key", () => {
    expect(() => requireSecretKey(makeConfig())).toThrow(/RAPPORT_SECRET_KEY is not set.*openssl rand -hex 32/);
  });

  it("strips a trailing slash from endpoint URLs", () => {
    expect(makeConfig({ MICROSOFT_GRAPH_URL: "http://127.0.0.1:9/v1.0/" }).microsoft.graphUrl).toBe(
      "http://127.0.0.1:9/v1.0",
    );
  });
});

describe("the embedded database's V8 flags", () => {
  it("are added to the worker commands only (PGlite's, or Postgres' one), never over a flag the user gave", () => {
    expect(missingEmbeddedNodeFlags("start", [], {}, null)).toEqual([...EMBEDDED_NODE_FLAGS]);
    expect(missingEmbeddedNodeFlags("run", [], {}, null)).toEqual([...EMBEDDED_NODE_FLAGS]);
    expect(missingEmbeddedNodeFlags("scan", [], {}, null)).toEqual([]);
    expect(missingEmbeddedNodeFlags(undefined, [], {}, null)).toEqual([]);
    expect(missingEmbeddedNodeFlags("start", [], { DATABASE_URL: "postgres://h/db" }, null)).toEqual([
      ...POSTGRES_NODE_FLAGS,
    ]);
    const docker = { DATABASE_URL: "postgres://h/db", NODE_OPTIONS: "--max-semi-space-size=16" };
    expect(missingEmbeddedNodeFlags("start", [], docker, null)).toEqual(["--max-old-space-size=256"]);
    expect(
      missingEmbeddedNodeFlags(
        "start",
        ["--max-old-space-size=300"],
        { NODE_OPTIONS: "--max-semi-space-size=16" },
        null,
      ),
    ).toEqual(["--liftoff-only"]);
    expect(missingEmbeddedNodeFlags("start", [...EMBEDDED_NODE_FLAGS], {}, null)).toEqual([]);
  });

  it("give a worker command glibc's allocator settings, on either database, never over a value the user set", () => {
    expect(missingWorkerEnvironment("start", {})).toEqual(WORKER_MALLOC_ENV);
    expect(missingWorkerEnvironment("run", { DATABASE_URL: "postgres://h/db" })).toEqual(WORKER_MALLOC_ENV);
    expect(missingWorkerEnvironment("scan", {})).toEqual({});
    expect(missingWorkerEnvironment("start", { MALLOC_TRIM_THRESHOLD_: "0" })).toEqual({});
  });
});
