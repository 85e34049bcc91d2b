/**
 * The fake Google: one HTTP server on 127.0.0.1 serving /gmail/v1/…, /calendar/v3/… and the OAuth endpoints,
 * so the real googleapis clients (rootUrl) and a real google-auth-library OAuth2 client (endpoints) talk to
 * it unchanged. It checks the Bearer tokens it issued, charges per-user quota, and can inject faults.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { decide, holdAfter, holdBefore, type Intercept } from "../intercept.js";
import type { SeedMailbox } from "../seed.js";
import { calendarRoutes } from "./calendar-routes.js";
import { FakeGoogleUser } from "./fake-user.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { gmailRoutes, type Route } from "./gmail-routes.js";
import {
  FakeHttpError,
  type GoogleErrorSpec,
  readJson,
  sendGoogleError,
  sendJson,
  unauthenticated,
} from "./http-util.js";
import { AUTH_PATH, handleOAuth, REVOKE_PATH, TOKEN_PATH } from "./oauth-routes.js";
import { FakeOAuth, type IssuedTokens, type OAuthOptions } from "./oauth-store.js";
import type { QuotaOptions } from "./quota.js";
import { settingsRoutes } from "./settings-routes.js";

export interface FakeGoogleOptions {
  mailbox?: SeedMailbox;
  /** Several accounts (each with its own quota); the first is the default consenting user. */
  mailboxes?: SeedMailbox[];
  quota?: QuotaOptions;
  faults?: FaultOptions;
  oauth?: OAuthOptions;
  /** Show an HTML consent page with an Allow link instead of redirecting at once. */
  consentPage?: boolean;
  port?: number;
  /** Called for every API request (not OAuth): hold, fail or cut it on cue (sandbox/intercept.ts). */
  intercept?: Intercept;
}

export interface FakeGoogle {
  /** Root URL, e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** The first account's control API. */
  state: FakeGoogleUser;
  user(address: string): FakeGoogleUser;
  oauth: FakeOAuth;
  faults: FaultInjector;
  /** The request hook; settable while the server runs. */
  intercept: Intercept | null;
  /** Tokens for an account without the consent flow (test set-up). */
  issueTokens(address?: string): IssuedTokens;
  close(): Promise<void>;
}

const ROUTES: Route[] = [...gmailRoutes, ...settingsRoutes, ...calendarRoutes];
const INTERCEPT_ERRORS: Record<400 | 404 | 429 | 500 | 503, GoogleErrorSpec> = {
  400: {
    status: 400,
    reason: "failedPrecondition",
    message: "Precondition check failed.",
    statusText: "FAILED_PRECONDITION",
  },
  404: { status: 404, reason: "notFound", message: "Requested entity was not found.", statusText: "NOT_FOUND" },
  429: {
    status: 429,
    reason: "rateLimitExceeded",
    message: "Too many concurrent requests for user.",
    statusText: "RESOURCE_EXHAUSTED",
  },
  500: { status: 500, reason: "backendError", message: "Backend error.", statusText: "INTERNAL" },
  503: {
    status: 503,
    reason: "backendError",
    message: "The service is currently unavailable.",
    statusText: "UNAVAILABLE",
  },
};
const ALL_SCOPES = [
  "https://www.googleapis.com/auth/gmail.readonly",
  "https://www.googleapis.com/auth/gmail.compose",
  "https://www.googleapis.com/auth/calendar.readonly",
  "openid",
  "email",
].join(" ");

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const mailboxes = options.mailboxes ?? (options.mailbox ? [options.mailbox] : []);
  if (mailboxes.length === 0) throw new Error("startFakeGoogle needs a mailbox");
  const users = new Map(
    mailboxes.map((m) => [m.owner.address.toLowerCase(), new FakeGoogleUser(m, options.quota ?? {})]),
  );
  const first = [...users.values()][0] as FakeGoogleUser;
  const oauth = new FakeOAuth(options.oauth);
  const faults = new FaultInjector(options.faults);
  const resolveUser = (hint: string | null) =>
    hint && users.has(hint.toLowerCase()) ? hint.toLowerCase() : first.address;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof FakeHttpError) return sendGoogleError(res, error.spec);
      if (!res.headersSent)
        sendGoogleError(res, { status: 500, reason: "backendError", message: String(error), statusText: "INTERNAL" });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (await handleOAuth(req, res, url, { oauth, resolveUser, consentPage: options.consentPage ?? false })) return;
    const route = ROUTES.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (!route)
      throw new FakeHttpError({
        status: 404,
        reason: "notFound",
        message: `No route ${req.method} ${url.pathname}`,
        statusText: "NOT_FOUND",
      });
    const address = oauth.userFor(req.headers.authorization);
    if (!address) throw unauthenticated();
    const user = users.get(address) as FakeGoogleUser;
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p));
    if (route.cost !== "calendar" && params[0] !== "me" && params[0]?.toLowerCase() !== address) {
      throw new FakeHttpError({
        status: 403,
        reason: "forbidden",
        message: "Delegation denied",
        statusText: "PERMISSION_DENIED",
      });
    }

    const action = decide(fake.intercept, req, url);
    if (action.kind === "error") {
      return sendGoogleError(res, {
        ...INTERCEPT_ERRORS[action.status],
        ...(action.retryAfterSeconds !== undefined ? { retryAfterSeconds: action.retryAfterSeconds } : {}),
      });
    }
    if (action.kind === "drop" && action.when === "before") return void req.socket.destroy();
    if (!(await holdBefore(action, req))) return;
    const fault = faults.decide();
    if (fault.delayMs > 0) await new Promise((r) => setTimeout(r, fault.delayMs));
    const mutation = req.method !== "GET";
    if (fault.kind === "drop" && !mutation) return void req.socket.destroy();
    if (fault.kind === "error") return sendGoogleError(res, fault.error);

    const charged = user.quota.charge(route.cost);
    if (!charged.ok) return sendGoogleError(res, quotaRefusal(options.quota ?? {}, charged.waitSeconds));
    const body = await route.handle({ user, url, params, body: () => readJson(req) });
    if (fault.kind === "drop") return void req.socket.destroy(); // processed, but the client never hears back
    if (!(await holdAfter(action))) return void req.socket.destroy();
    if (body === undefined) {
      res.writeHead(204);
      res.end();
    } else sendJson(res, 200, body);
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  server.keepAliveTimeout = 5_000;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fake: FakeGoogle = {
    url,
    authUrl: `${url}${AUTH_PATH}`,
    tokenUrl: `${url}${TOKEN_PATH}`,
    revokeUrl: `${url}${REVOKE_PATH}`,
    state: first,
    user: (address) => {
      const user = users.get(address.toLowerCase());
      if (!user) throw new Error(`no fake account ${address}`);
      return user;
    },
    oauth,
    faults,
    intercept: options.intercept ?? null,
    issueTokens: (address) => oauth.tokensFor(address?.toLowerCase() ?? first.address, ALL_SCOPES, true),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return fake;
}

function quotaRefusal(quota: QuotaOptions, waitSeconds: number): GoogleErrorSpec {
  const retryAfterSeconds = quota.retryAfter === false ? undefined : Math.max(1, Math.ceil(waitSeconds));
  if (quota.refusalStatus === 403) {
    return {
      status: 403,
      reason: "userRateLimitExceeded",
      domain: "usageLimits",
      message: "User-rate limit exceeded.",
      statusText: "PERMISSION_DENIED",
      retryAfterSeconds,
    };
  }
  return {
    status: 429,
    reason: "rateLimitExceeded",
    domain: "usageLimits",
    message: "Quota exceeded for quota metric 'Queries' and limit 'Queries per minute per user'.",
    statusText: "RESOURCE_EXHAUSTED",
    retryAfterSeconds,
  };
}
