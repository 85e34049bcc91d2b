/**
 * The web page `rapport start` serves (node:http, server-rendered, no scripts): connect accounts, their health,
 * the pipeline, drafts, the digest preview, settings; plus /healthz, /readyz and /metrics for operators.
 * Loopback by default; bound anywhere else it refuses to start without RAPPORT_ADMIN_TOKEN.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "kysely";
import type { AppContext } from "../context.js";
import { schemaStatus } from "../db/migrate.js";
import { MAX_EXPORT_BYTES } from "../jobs/import-linkedin.js";
import { enableProcessMetrics, METRICS_CONTENT_TYPE } from "../metrics.js";
import { finishConnect, removeAccountAction, saveSettingsAction, settingsPage, startConnect } from "./actions.js";
import { cookie, HttpError, readForm, redirect, safeLocalPath, sendJson, sendText } from "./http.js";
import { type QueueDepthSource, renderMetrics } from "./metrics.js";
import { accountsPage, digestPage, digestPreview, draftsPage, pipelinePage } from "./pages.js";
import { importLinkedInAction, logTouchAction, savePersonAction } from "./people-actions.js";
import { message, page, type WebApp, type WebRequest } from "./request.js";
import {
  BROWSER_COOKIE,
  browserId,
  checkExposure,
  csrfOk,
  Guard,
  isLoopbackHost,
  newBrowserId,
  SESSION_COOKIE,
} from "./security.js";
import { decideTemplateChange } from "./template-changes.js";
import { isMultipart, readUpload } from "./upload.js";
import { Views } from "./views.js";

export interface WebServerOptions {
  host?: string;
  port?: number;
  adminToken?: string | null;
  publicUrl?: string | null;
  /** Called after an account was connected or re-connected (the worker can sync it at once). */
  onAccountConnected?: (accountId: number) => void;
  /** Counts the work queue's waiting jobs for /metrics (the worker's, when this process runs one). */
  queueDepth?: QueueDepthSource;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

type Handler = (w: WebRequest, form: URLSearchParams) => Promise<void>;
interface Route {
  method: "GET" | "POST";
  pattern: RegExp;
  handler: Handler;
}

/** Operator endpoints behind the admin token (liveness, /healthz, answers anyone: it says nothing). */
const PROBES = new Set(["/readyz", "/metrics"]);

const ROUTES: Route[] = [
  { method: "GET", pattern: /^\/accounts$/, handler: accountsPage },
  { method: "POST", pattern: /^\/accounts\/(\d+)\/remove$/, handler: removeAccountAction },
  { method: "POST", pattern: /^\/connect\/(gmail|outlook)$/, handler: startConnect },
  { method: "GET", pattern: /^\/oauth\/(google|microsoft)\/callback$/, handler: finishConnect },
  { method: "GET", pattern: /^\/pipeline$/, handler: (w) => pipelinePage(w) },
  { method: "POST", pattern: /^\/people\/(\d+)\/(\d+)\/controls$/, handler: savePersonAction },
  { method: "POST", pattern: /^\/people\/(\d+)\/(\d+)\/touches$/, handler: logTouchAction },
  { method: "POST", pattern: /^\/import\/linkedin$/, handler: importLinkedInAction },
  { method: "GET", pattern: /^\/drafts$/, handler: draftsPage },
  { method: "POST", pattern: /^\/drafts\/templates\/(\d+)$/, handler: decideTemplateChange },
  { method: "GET", pattern: /^\/digest$/, handler: digestPage },
  { method: "GET", pattern: /^\/digest\/(\d+)\/preview$/, handler: digestPreview },
  { method: "GET", pattern: /^\/settings$/, handler: (w) => settingsPage(w) },
  { method: "POST", pattern: /^\/settings\/(\d+)$/, handler: saveSettingsAction },
];

export async function startWebServer(ctx: AppContext, options: WebServerOptions = {}): Promise<WebServer> {
  const host = options.host ?? ctx.config.web.host;
  const adminToken = options.adminToken === undefined ? ctx.config.web.adminToken : options.adminToken;
  const publicUrl =
    (options.publicUrl === undefined ? ctx.config.web.publicUrl : options.publicUrl)?.replace(/\/+$/, "") ?? null;
  checkExposure(host, adminToken);
  const loopback = isLoopbackHost(host);
  const allowedHosts = new Set<string>();
  const app: WebApp = {
    ctx,
    views: new Views(),
    guard: new Guard(ctx.db, adminToken, allowedHosts, loopback),
    publicUrl,
    secureCookies: publicUrl?.startsWith("https://") ?? false,
    onAccountConnected: options.onAccountConnected,
    queueDepth: options.queueDepth ?? null,
  };
  enableProcessMetrics();

  const server = createServer((req, res) => {
    handle(app, req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) ctx.log.error({ err: error, path: req.url }, "web request failed");
      if (res.headersSent) return void res.destroy();
      sendText(
        res,
        status,
        status === 500 ? "internal error (see the worker's log)\n" : `${(error as Error).message}\n`,
      );
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? ctx.config.web.port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  for (const name of ["127.0.0.1", "localhost", "[::1]", host]) allowedHosts.add(`${name}:${port}`.toLowerCase());
  if (publicUrl) allowedHosts.add(new URL(publicUrl).host.toLowerCase());
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;
  ctx.log.info({ url, login: adminToken !== null }, "web page listening");
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function handle(app: WebApp, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://placeholder");
  const method = req.method === "HEAD" ? "GET" : (req.method ?? "GET");
  // Liveness answers before anything else can go wrong: the process is up.
  if (url.pathname === "/healthz") return sendText(res, 200, "ok\n");
  if (!app.guard.hostAllowed(req)) return sendText(res, 421, "unknown host name for this server\n");

  let browser = browserId(req);
  if (!browser) {
    browser = newBrowserId();
    res.setHeader(
      "Set-Cookie",
      cookie(BROWSER_COOKIE, browser, { maxAgeSeconds: 30 * 86400, secure: app.secureCookies }),
    );
  }
  const now = app.ctx.clock.now().getTime();
  const multipart = method === "POST" && isMultipart(req);
  // A file is read only for someone signed in: a stranger cannot make the server buffer megabytes.
  if (multipart && !(await app.guard.authenticated(req, now))) return sendText(res, 401, "admin token required\n");
  const upload = multipart ? await readUpload(req, MAX_EXPORT_BYTES) : null;
  const form = upload?.fields ?? (method === "POST" ? await readForm(req) : new URLSearchParams());
  if (method === "POST" && !csrfOk(req, form)) {
    return sendText(res, 403, "this form is stale or did not come from this page: reload the page and try again\n");
  }
  const w: WebRequest = { app, req, res, url, browser, params: [], upload: upload?.file ?? null };
  if (url.pathname === "/login") return login(w, method, form, now);
  if (!(await app.guard.authenticated(req, now))) {
    // Probes an orchestrator may call without a session take the token as a Bearer header, like scrapers.
    if (PROBES.has(url.pathname) || method !== "GET") return sendText(res, 401, "admin token required\n");
    return redirect(res, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (url.pathname === "/readyz") return readiness(app, res);
  if (url.pathname === "/metrics" && method === "GET") {
    return sendText(
      res,
      200,
      await renderMetrics(app.ctx.db, app.ctx.clock.now(), app.queueDepth),
      METRICS_CONTENT_TYPE,
    );
  }
  if (url.pathname === "/" && method === "GET") return redirect(res, "/accounts");
  if (url.pathname === "/logout" && method === "POST") {
    await app.guard.closeSession(req);
    return redirect(res, app.guard.requiresLogin ? "/login" : "/accounts", {
      "Set-Cookie": cookie(SESSION_COOKIE, "", { maxAgeSeconds: 0 }),
    });
  }
  for (const route of ROUTES) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    if (route.method !== method) return sendText(res, 405, "method not allowed\n");
    w.params = match.slice(1);
    return route.handler(w, form);
  }
  message(w, 404, "Not found", "There is no page here.");
}

async function login(w: WebRequest, method: string, form: URLSearchParams, now: number): Promise<void> {
  const { guard } = w.app;
  const next = safeLocalPath(method === "POST" ? form.get("next") : w.url.searchParams.get("next"));
  if (!guard.requiresLogin) return redirect(w.res, next);
  const frame = { title: "Sign in", csrf: w.browser, loggedIn: false };
  if (method === "GET") return page(w, 200, "login", frame, { next });
  if (!guard.checkToken(form.get("token") ?? "")) {
    // A wrong token costs a little time, so guessing it is slow.
    await new Promise((r) => setTimeout(r, 500));
    return page(w, 401, "login", { ...frame, error: "That is not the admin token." }, { next });
  }
  const session = await guard.openSession(now);
  redirect(w.res, next, {
    "Set-Cookie": [
      cookie(BROWSER_COOKIE, w.browser, { maxAgeSeconds: 30 * 86400, secure: w.app.secureCookies }),
      cookie(SESSION_COOKIE, session.id, { maxAgeSeconds: session.maxAgeSeconds, secure: w.app.secureCookies }),
    ],
  });
}

/** Ready = the database answers and every migration on disk is applied. */
async function readiness(app: WebApp, res: ServerResponse): Promise<void> {
  try {
    await sql`SELECT 1`.execute(app.ctx.db);
    const { pending, unknown } = await schemaStatus(app.ctx.database);
    if (unknown.length > 0) {
      return sendJson(res, 503, { ready: false, reason: "the database schema is newer than this code: upgrade" });
    }
    if (pending.length > 0) {
      return sendJson(res, 503, { ready: false, reason: `${pending.length} migration(s) not applied` });
    }
    sendJson(res, 200, { ready: true });
  } catch (error) {
    // The database's own words (host names, user names) stay in the log, not in an answer.
    app.ctx.log.warn({ err: error }, "readiness check failed: database unreachable");
    sendJson(res, 503, { ready: false, reason: "database unreachable" });
  }
}
