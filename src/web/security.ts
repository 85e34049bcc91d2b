/**
 * Who may use the page. On a loopback address the machine's user is trusted, but the Host header must name
 * this machine (a DNS-rebinding page cannot read ours). Anywhere else every page needs RAPPORT_ADMIN_TOKEN: typed
 * once into the login form (then a session cookie, its session kept in the database so any replica behind a proxy
 * honours it), or sent as `Authorization: Bearer` (scrapers, scripts).
 * Every POST carries a CSRF token that matches the browser's own cookie, and a foreign Origin is refused.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";
import type { Kysely } from "kysely";
import { ConfigError } from "../config.js";
import type { Database } from "../db/schema.js";
import { dropSession, sessionValid, storeSession } from "../db/web-sessions.js";
import { parseCookies } from "./http.js";

export const SESSION_COOKIE = "rapport_session";
export const BROWSER_COOKIE = "rapport_browser";
const SESSION_TTL_MS = 12 * 3600_000;

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h === "::1") return true;
  return isIP(h) === 4 && h.startsWith("127.");
}

/** Refuses to start a page reachable from other machines without an admin token. */
export function checkExposure(host: string, adminToken: string | null): void {
  if (!isLoopbackHost(host) && !adminToken) {
    throw new ConfigError(
      `RAPPORT_HOST is ${host}, reachable from other machines: set RAPPORT_ADMIN_TOKEN (at least 16 characters, e.g. openssl rand -hex 24) so the page asks for it`,
    );
  }
}

function sameSecret(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb);
}

export class Guard {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly adminToken: string | null,
    /** Host headers accepted on a loopback binding (127.0.0.1:port, localhost:port, the public URL's host). */
    private readonly allowedHosts: Set<string>,
    private readonly loopback: boolean,
  ) {}

  get requiresLogin(): boolean {
    return this.adminToken !== null;
  }

  hostAllowed(req: IncomingMessage): boolean {
    if (!this.loopback) return true;
    return this.allowedHosts.has((req.headers.host ?? "").toLowerCase());
  }

  checkToken(candidate: string): boolean {
    return this.adminToken !== null && sameSecret(candidate, this.adminToken);
  }

  async authenticated(req: IncomingMessage, now: number): Promise<boolean> {
    if (!this.adminToken) return true;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (bearer && this.checkToken(bearer)) return true;
    const session = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return session !== undefined && (await sessionValid(this.db, session, new Date(now)));
  }

  async openSession(now: number): Promise<{ id: string; maxAgeSeconds: number }> {
    const id = randomBytes(32).toString("base64url");
    await storeSession(this.db, id, new Date(now), new Date(now + SESSION_TTL_MS));
    return { id, maxAgeSeconds: SESSION_TTL_MS / 1000 };
  }

  async closeSession(req: IncomingMessage): Promise<void> {
    const session = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    if (session) await dropSession(this.db, session);
  }
}

/** The browser's own random id (cookie): the CSRF token forms carry, and the binding of an OAuth state. */
export function browserId(req: IncomingMessage): string | null {
  const id = parseCookies(req.headers.cookie).get(BROWSER_COOKIE);
  return id && /^[A-Za-z0-9_-]{32,}$/.test(id) ? id : null;
}

export function newBrowserId(): string {
  return randomBytes(24).toString("base64url");
}

/** A POST must come from one of our own forms: matching token, and no foreign Origin. */
export function csrfOk(req: IncomingMessage, form: URLSearchParams): boolean {
  const id = browserId(req);
  const sent = form.get("_csrf");
  if (!id || !sent || !sameSecret(id, sent)) return false;
  const origin = req.headers.origin;
  if (origin && origin !== "null") {
    try {
      if (new URL(origin).host.toLowerCase() !== (req.headers.host ?? "").toLowerCase()) return false;
    } catch {
      return false;
    }
  }
  return true;
}
