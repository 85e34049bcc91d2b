/**
 * What a browser does when someone clicks "Connect Gmail" on the page: keep the page's cookies, post the form
 * with its CSRF token, follow the redirects through the provider's consent endpoint and back to the callback.
 * The sandbox demo connects its accounts this way, through the same code a person's click runs.
 */
export class PageClient {
  readonly #cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  async get(path: string): Promise<Response> {
    return this.#fetch(new URL(path, this.base).toString(), { method: "GET" });
  }

  /** Clicks a connect button; returns the page the browser lands on after the consent round trip. */
  async connect(
    provider: "gmail" | "outlook",
    loginHint?: string,
  ): Promise<{ status: number; url: string; html: string }> {
    if (!this.#cookies.has("rapport_browser")) await this.get("/accounts");
    const fields = new URLSearchParams({ _csrf: decodeURIComponent(this.#cookies.get("rapport_browser") ?? "") });
    if (loginHint) fields.set("login_hint", loginHint);
    let res = await this.#fetch(new URL(`/connect/${provider}`, this.base).toString(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: fields.toString(),
    });
    let url = `${this.base}/connect/${provider}`;
    for (let hops = 0; hops < 10 && res.status >= 300 && res.status < 400; hops++) {
      url = new URL(res.headers.get("location") ?? "/", url).toString();
      res = await this.#fetch(url, { method: "GET" });
    }
    return { status: res.status, url, html: await res.text() };
  }

  async #fetch(url: string, init: RequestInit): Promise<Response> {
    const ours = url.startsWith(this.base);
    const headers = new Headers(init.headers);
    if (ours && this.#cookies.size > 0) {
      headers.set("cookie", [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    }
    const res = await fetch(url, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    if (ours) {
      for (const set of res.headers.getSetCookie()) {
        const [pair = ""] = set.split(";");
        const eq = pair.indexOf("=");
        if (eq > 0) this.#cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
      }
    }
    return res;
  }
}
