/**
 * The loopback end of the consent flow: listens on 127.0.0.1, waits for the identity platform to redirect the
 * browser back with `code` and `state`, checks the state, and shows the user a short page either way.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

class ConsentError extends Error {
  override readonly name = "ConsentError";
}

interface LoopbackRedirect {
  redirectUri: string;
  /** Resolves with the authorization code once a redirect with the expected state arrives. */
  code: Promise<string>;
  close(): Promise<void>;
}

function page(title: string, text: string): string {
  return `<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:sans-serif;margin:3em"><h1>${title}</h1><p>${text}</p></body>`;
}

export async function listenForRedirect(options: {
  state: string;
  port?: number;
  path?: string;
  signal?: AbortSignal;
}): Promise<LoopbackRedirect> {
  const path = options.path ?? "/oauth/callback";
  let settle: { resolve(code: string): void; reject(error: Error): void } = { resolve() {}, reject() {} };
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Nobody may be awaiting yet when an abort lands; the caller sees it through `code` anyway.
  code.catch(() => {});
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    const error = url.searchParams.get("error");
    const received = url.searchParams.get("code");
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    if (url.searchParams.get("state") !== options.state) {
      res
        .writeHead(400)
        .end(page("Sign-in not completed", "This response does not belong to the sign-in Rapport started."));
      settle.reject(new ConsentError("the redirect carried a different state: start `rapport connect` again"));
      return;
    }
    if (error || !received) {
      const description = url.searchParams.get("error_description") ?? error ?? "no code returned";
      res.writeHead(400).end(page("Sign-in not completed", "Rapport was not given access. You can close this tab."));
      settle.reject(new ConsentError(`consent was not given: ${description}`));
      return;
    }
    res.writeHead(200).end(page("Rapport is connected", "You can close this tab and go back to the terminal."));
    settle.resolve(received);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const onAbort = () => settle.reject(new ConsentError("cancelled while waiting for the browser"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const { port } = server.address() as AddressInfo;
  return {
    redirectUri: `http://127.0.0.1:${port}${path}`,
    code,
    close: () =>
      new Promise<void>((resolve) => {
        options.signal?.removeEventListener("abort", onAbort);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
