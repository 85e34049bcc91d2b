/** What every route handler receives: the app context, the page renderer, and this request's browser facts. */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AppContext } from "../context.js";
import { sendHtml } from "./http.js";
import type { QueueDepthSource } from "./metrics.js";
import type { Guard } from "./security.js";
import type { UploadedFile } from "./upload.js";
import type { PageFrame, PageName, Views } from "./views.js";

export interface WebApp {
  ctx: AppContext;
  views: Views;
  guard: Guard;
  /** The public base URL (no trailing slash) when configured; otherwise the request's own Host is used. */
  publicUrl: string | null;
  secureCookies: boolean;
  onAccountConnected?: ((accountId: number) => void) | undefined;
  queueDepth: QueueDepthSource | null;
}

export interface WebRequest {
  app: WebApp;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The browser's id (CSRF token); set as a cookie on this response when it is new. */
  browser: string;
  params: string[];
  /** The file of a multipart POST (an upload form), else null. */
  upload: UploadedFile | null;
}

/** Fixed notices selected by code: nothing from the URL is ever echoed into a page. */
const NOTICES: Record<string, string> = {
  connected: "Account connected. Its first sync starts now.",
  removed: "Account removed: its tokens and data are deleted.",
  saved: "Settings saved.",
  "person-saved": "Saved. The next step shown here already follows it; stages change at the next sync.",
  "touch-logged": "Touch logged. It counts as being in touch from the next sync on.",
  "template-changed":
    "Changed for this account: the next drafts of that kind leave it out. Drafts already written stay as they are.",
  "template-restored": "Undone: the next drafts of that kind are written in full again.",
  "suggestion-dismissed": "Dismissed: Rapport will not suggest it again.",
};

export function frame(w: WebRequest, title: string, nav?: PageFrame["nav"]): PageFrame {
  const code = w.url.searchParams.get("notice");
  return {
    title,
    ...(nav ? { nav } : {}),
    csrf: w.browser,
    loggedIn: true,
    notice: code ? (NOTICES[code] ?? null) : null,
  };
}

export function page(w: WebRequest, status: number, name: PageName, f: PageFrame, data: object = {}): void {
  sendHtml(w.res, status, w.app.views.render(name, f, data));
}

export function message(w: WebRequest, status: number, heading: string, text: string, back = "/accounts"): void {
  page(w, status, "message", { ...frame(w, heading), error: status >= 400 ? heading : null }, { heading, text, back });
}

/** The base URL the browser reached us at: the configured public URL, else the (already vetted) Host header. */
export function baseUrl(w: WebRequest): string {
  if (w.app.publicUrl) return w.app.publicUrl;
  return `http://${w.req.headers.host ?? "127.0.0.1"}`;
}
