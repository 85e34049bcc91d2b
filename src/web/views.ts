/**
 * Server-rendered pages: Handlebars files in templates/web/ (shipped with the package and the Docker image, no
 * front-end build). Each page renders into layout.hbs. Compiled once per server; values are HTML-escaped by
 * Handlebars, and no template uses triple braces except the layout's body slot.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { formatDuration } from "../db/account-health.js";
import { TEMPLATES_DIR } from "../paths.js";

const WEB_TEMPLATES_DIR = path.join(TEMPLATES_DIR, "web");

export type PageName = "accounts" | "pipeline" | "drafts" | "digest" | "settings" | "login" | "message" | "import";

export interface PageFrame {
  title: string;
  /** Which tab is highlighted. */
  nav?: "accounts" | "pipeline" | "drafts" | "digest" | "settings";
  csrf: string;
  loggedIn: boolean;
  notice?: string | null;
  error?: string | null;
}

function formatDate(value: unknown, timeZone: unknown): string {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return "—";
  const zone = typeof timeZone === "string" ? timeZone : "UTC";
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(value);
}

export class Views {
  readonly #hb = Handlebars.create();
  readonly #pages = new Map<string, Handlebars.TemplateDelegate>();
  readonly #layout: Handlebars.TemplateDelegate;

  constructor(dir = WEB_TEMPLATES_DIR) {
    const hb = this.#hb;
    hb.registerHelper("date", (value: unknown, timeZone: unknown) => formatDate(value, timeZone));
    hb.registerHelper("duration", (seconds: unknown) => formatDuration(typeof seconds === "number" ? seconds : null));
    hb.registerHelper("eq", (a: unknown, b: unknown) => a === b);
    hb.registerHelper("selected", (a: unknown, b: unknown) => (String(a) === String(b) ? "selected" : ""));
    for (const file of readdirSync(dir)) {
      const match = /^(.+)\.hbs$/.exec(file);
      if (!match?.[1]) continue;
      const source = readFileSync(path.join(dir, file), "utf8");
      if (match[1].startsWith("_")) hb.registerPartial(match[1].slice(1), source);
      else this.#pages.set(match[1], hb.compile(source, { strict: false }));
    }
    const layout = this.#pages.get("layout");
    if (!layout) throw new Error(`templates/web/layout.hbs is missing in ${dir}`);
    this.#layout = layout;
  }

  render(page: PageName, frame: PageFrame, data: object = {}): string {
    const template = this.#pages.get(page);
    if (!template) throw new Error(`no web template ${page}.hbs`);
    const context = { ...frame, ...data };
    return this.#layout({ ...context, body: template(context) });
  }
}
