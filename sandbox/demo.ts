/**
 * The sandbox demo: production code end to end, only the endpoints differ. The embedded database, the fake
 * Google and fake Graph on loopback seeded with the persona, the web page, the two accounts connected through the
 * page's OAuth flow, then one whole cycle per account (backfill, detection, drafts, digest) at a fixed instant.
 * Its context comes from the same composition root as every command's (src/app/compose.ts): only the config, which
 * points at the fakes, and a progress bar around the real provider factory are its own.
 */
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createContext } from "../src/app/compose.js";
import { ManualClock } from "../src/clock.js";
import { makeConfig } from "../src/config.js";
import type { AppContext } from "../src/context.js";
import { listAccounts } from "../src/db/accounts.js";
import { openDatabase } from "../src/db/database.js";
import { loadDigestData } from "../src/db/digest-data.js";
import { listDrafts } from "../src/db/draft-list.js";
import { type CycleReport, runAccountCycle } from "../src/jobs/run-cycle.js";
import { createLogger } from "../src/logger.js";
import { loadTemplates } from "../src/templates/catalog.js";
import { renderDigest } from "../src/templates/digest.js";
import { startWebServer, type WebServer } from "../src/web/server.js";
import { DEMO_NOW, demoPersona } from "./demo-persona.js";
import { formatDraftTexts } from "./demo-summary.js";
import { startFakeGoogle } from "./fake-google/server.js";
import { startFakeGraph } from "./fake-graph/server.js";
import { PageClient } from "./page-client.js";
import { createProgress } from "./progress.js";
import { withSyncProgress } from "./sync-progress.js";

interface DemoOptions {
  now?: Date;
  /** Where the digest files go. */
  outDir: string;
  /** Port of the web page (0: any free port). */
  port?: number;
  /** Progress and step lines (stderr); the summary is returned, not printed. */
  stderr?: NodeJS.WriteStream | NodeJS.WritableStream;
  signal?: AbortSignal;
}

interface DemoRun {
  ctx: AppContext;
  web: WebServer;
  reports: CycleReport[];
  digestFiles: { address: string; file: string }[];
  /** Each account's drafts, their full texts, written beside the digest. */
  draftFiles: { address: string; file: string }[];
  /** Stops the web page, the fakes and the database. */
  close(): Promise<void>;
}

export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const now = options.now ?? DEMO_NOW;
  const stderr = options.stderr ?? process.stderr;
  const step = (text: string) => stderr.write(`${text}\n`);
  const persona = demoPersona(now);
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => {});
  };
  try {
    const google = await startFakeGoogle({ mailbox: persona.gmail });
    closers.push(() => google.close());
    const graph = await startFakeGraph({ mailbox: persona.outlook });
    closers.push(() => graph.close());
    step(
      `fake Google on ${google.url}, fake Microsoft Graph on ${graph.url} (${persona.gmail.messages.length + persona.outlook.messages.length} messages, ${persona.gmail.events.length + persona.outlook.events.length} calendar events)`,
    );

    const config = makeConfig({
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      RAPPORT_LOG_LEVEL: "warn",
      RAPPORT_DATA_DIR: "memory://",
      RAPPORT_PORT: String(options.port ?? 0),
      GOOGLE_CLIENT_ID: google.oauth.clientId,
      GOOGLE_CLIENT_SECRET: google.oauth.clientSecret,
      GOOGLE_API_ROOT_URL: google.url,
      GOOGLE_OAUTH_AUTH_URL: google.authUrl,
      GOOGLE_OAUTH_TOKEN_URL: google.tokenUrl,
      MICROSOFT_CLIENT_ID: graph.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: graph.state.identity.clientSecret ?? undefined,
      MICROSOFT_LOGIN_URL: graph.url,
      MICROSOFT_GRAPH_URL: graph.graphUrl,
    });
    // makeConfig resolves the data dir as a path; the embedded database is kept in memory for the demo.
    const database = await openDatabase({ url: null, dataDir: "memory://" });
    closers.push(() => database.close());
    const totals = { gmail: persona.gmail.messages.length, outlook: persona.outlook.messages.length, offline: 0 };
    const ctx = await createContext(config, {
      database,
      clock: new ManualClock(now),
      log: createLogger({ level: "warn", destination: stderr }),
      ...(options.signal ? { signal: options.signal } : {}),
      providers: (real) => (account, signal) =>
        withSyncProgress(real(account, signal), () =>
          createProgress({
            label: `backfill ${account.address}`,
            total: totals[account.provider],
            unit: "messages",
            stream: stderr,
          }),
        ),
    });
    const web = await startWebServer(ctx, {
      host: "127.0.0.1",
      port: options.port ?? 0,
      adminToken: null,
      publicUrl: null,
    });
    closers.push(() => web.close());
    step(`web page on ${web.url}`);

    const page = new PageClient(web.url);
    for (const provider of ["gmail", "outlook"] as const) {
      const landed = await page.connect(provider);
      if (landed.status !== 200 || !landed.url.includes("notice=connected")) {
        throw new Error(`connecting ${provider} through the page failed (${landed.status} at ${landed.url})`);
      }
    }
    const accounts = await listAccounts(ctx.db);
    step(
      `connected ${accounts.map((a) => `${a.address} (${a.provider})`).join(" and ")} through the OAuth redirect flow`,
    );

    const reports: CycleReport[] = [];
    for (const account of accounts) reports.push(await runAccountCycle(ctx, account.id));
    const digestFiles: { address: string; file: string }[] = [];
    const draftFiles: { address: string; file: string }[] = [];
    await mkdir(options.outDir, { recursive: true });
    for (const account of await listAccounts(ctx.db)) {
      const digest = renderDigest(loadTemplates(ctx.config), await loadDigestData(ctx.db, account, now));
      const name = account.address.replace(/[^a-z0-9.@-]/gi, "_");
      const file = path.join(options.outDir, `digest-${name}.html`);
      await writeFile(file, digest.html, "utf8");
      digestFiles.push({ address: account.address, file });
      const drafts = path.join(options.outDir, `drafts-${name}.txt`);
      await writeFile(drafts, formatDraftTexts(await listDrafts(ctx.db, { accountId: account.id })), "utf8");
      draftFiles.push({ address: account.address, file: drafts });
    }
    return { ctx, web, reports, digestFiles, draftFiles, close };
  } catch (error) {
    await close();
    throw error;
  }
}
