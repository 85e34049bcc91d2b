/**
 * `rapport start`: the long-running worker. Checks the templates first (a broken one stops start-up naming the
 * file), then syncs, drafts and sends digests on schedule until SIGTERM/SIGINT, which drains: running cycles finish
 * the step they are in, then everything closes. A second signal forces the exit.
 */
import type { Command } from "commander";
import { loadConfig, openContext } from "../../app/compose.js";
import { loadTemplates } from "../../templates/catalog.js";
import { TemplateError } from "../../templates/template-set.js";
import { checkExposure } from "../../web/security.js";
import { startWebServer, type WebServer } from "../../web/server.js";
import { startWorker } from "../../worker/worker.js";
import { action, UsageError } from "../errors.js";

interface StartOptions {
  concurrency?: string;
}

export function registerStartCommand(program: Command): void {
  program
    .command("start")
    .description("run the worker: sync every few minutes, leave follow-up drafts, send your weekly digest")
    .option("--concurrency <n>", "accounts this process works on at once", "2")
    .action(
      action(async (options: StartOptions) => {
        const concurrency = Number(options.concurrency);
        if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
          throw new UsageError("--concurrency: expected a whole number between 1 and 32");
        }
        const config = loadConfig();
        // A page reachable from other machines needs RAPPORT_ADMIN_TOKEN: refuse before touching anything.
        checkExposure(config.web.host, config.web.adminToken);
        try {
          loadTemplates(config);
        } catch (error) {
          if (error instanceof TemplateError) throw new UsageError(error.message);
          throw error;
        }
        const controller = new AbortController();
        const ctx = await openContext({ config, requireSecretKey: true, signal: controller.signal });
        let worker: Awaited<ReturnType<typeof startWorker>>;
        try {
          worker = await startWorker(ctx, controller, { concurrency });
        } catch (error) {
          await ctx.database.close();
          throw error;
        }
        // The web page (connect accounts, health, settings, /healthz, /readyz, /metrics). A newly connected
        // account is synced at once: tick(true) asks for every account, and the queue drops the ones already queued.
        let web: WebServer;
        try {
          web = await startWebServer(ctx, {
            queueDepth: () => worker.queueDepth(),
            onAccountConnected: () => {
              worker
                .tick(true)
                .catch((error: unknown) => ctx.log.warn({ err: error }, "could not queue the new account"));
            },
          });
        } catch (error) {
          await worker.stop().catch(() => {});
          await ctx.database.close();
          throw error;
        }
        ctx.log.info(
          {
            database: ctx.database.location,
            web: web.url,
            dryRun: config.dryRun,
            syncEveryMinutes: config.syncIntervalMinutes,
          },
          "rapport is running (Ctrl-C or SIGTERM stops it gracefully)",
        );
        await new Promise<void>((resolve) => {
          let signals = 0;
          const onSignal = (name: NodeJS.Signals) => {
            signals++;
            if (signals > 1) {
              ctx.log.warn({ signal: name }, "second signal: exiting now");
              process.exit(130);
            }
            ctx.log.info({ signal: name }, "shutting down");
            web
              .close()
              .then(() => worker.stop())
              .catch((error: unknown) => ctx.log.error({ err: error }, "shutdown did not finish cleanly"))
              .finally(() => ctx.database.close().finally(resolve));
          };
          process.on("SIGTERM", onSignal);
          process.on("SIGINT", onSignal);
        });
      }),
    );
}
