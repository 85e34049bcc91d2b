/** A web server on a fresh database with the fake Google and fake Graph behind it, and a cookie-keeping client. */

import { type FakeGoogle, startFakeGoogle } from "../../sandbox/fake-google/server.js";
import { type FakeGraph, startFakeGraph } from "../../sandbox/fake-graph/server.js";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { createContext } from "../../src/app/compose.js";
import type { AppContext } from "../../src/context.js";
import type { DatabaseKind } from "../../src/db/database.js";
import { silentLogger } from "../../src/logger.js";
import { startWebServer, type WebServer, type WebServerOptions } from "../../src/web/server.js";
import { testConfig } from "../accounts/fixtures.js";
import { openTestDatabase, type TestDatabase } from "../support/database.js";

export const NOW = new Date("2026-04-15T17:30:00Z");

export interface Harness {
  ctx: AppContext;
  database: TestDatabase;
  google: FakeGoogle;
  graph: FakeGraph;
  web: WebServer;
  close(): Promise<void>;
}

export async function startHarness(
  kind: DatabaseKind,
  options: WebServerOptions & { consentPage?: boolean } = {},
): Promise<Harness> {
  const database = await openTestDatabase(kind);
  const google = await startFakeGoogle({
    mailbox: generateMailbox({
      seed: "web-g",
      size: 30,
      now: NOW,
      owner: { address: "ada@gmail.example", name: "Ada Byron" },
    }),
    consentPage: options.consentPage ?? false,
  });
  const graph = await startFakeGraph({
    mailbox: generateMailbox({
      seed: "web-o",
      size: 30,
      now: NOW,
      owner: { address: "ada@outlook.example", name: "Ada Byron" },
    }),
  });
  const config = testConfig({
    GOOGLE_CLIENT_ID: google.oauth.clientId,
    GOOGLE_CLIENT_SECRET: google.oauth.clientSecret,
    GOOGLE_API_ROOT_URL: google.url,
    GOOGLE_OAUTH_AUTH_URL: google.authUrl,
    GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
    MICROSOFT_CLIENT_ID: "fake-client-id",
    MICROSOFT_CLIENT_SECRET: "fake-client-secret",
    MICROSOFT_LOGIN_URL: graph.url,
    MICROSOFT_GRAPH_URL: graph.graphUrl,
    RAPPORT_PORT: "0",
  });
  const ctx = await createContext(config, {
    database,
    migrate: false,
    log: silentLogger(),
  });
  const { consentPage: _unused, ...webOptions } = options;
  const web = await startWebServer(ctx, { port: 0, ...webOptions });
  return {
    ctx,
    database,
    google,
    graph,
    web,
    async close() {
      await web.close();
      await google.close();
      await graph.close();
      await database.close();
    },
  };
}

/** fetch with a cookie jar and no automatic redirects, like a browser tab one step at a time. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const url = path.startsWith("http") ? path : `${this.base}${path}`;
    const headers = new Headers(init.headers);
    if (url.startsWith(this.base) && this.cookies.size > 0) {
      headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    if (url.startsWith(this.base)) {
      for (const set of res.headers.getSetCookie()) {
        const [pair] = set.split(";");
        const [name, value] = (pair ?? "").split("=");
        if (name) this.cookies.set(name.trim(), value ?? "");
      }
    }
    return res;
  }

  get csrf(): string {
    return decodeURIComponent(this.cookies.get("rapport_browser") ?? "");
  }

  post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.fetch(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Follows redirects (across hosts, e.g. through the fake consent page) until a page answers. */
  async follow(res: Response, max = 10): Promise<Response> {
    let current = res;
    for (let i = 0; i < max && current.status >= 300 && current.status < 400; i++) {
      const location = current.headers.get("location") ?? "";
      current = await this.fetch(new URL(location, this.base).toString());
    }
    return current;
  }
}
