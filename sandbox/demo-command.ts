/**
 * What `rapport demo` runs once it has found the sandbox (src/cli/commands/demo.ts loads this file at run time):
 * the demo, its summary on stdout, and with --keep the page held open until Ctrl-C.
 */
import type { DemoCommandOptions, SandboxDemo } from "../src/cli/commands/demo.js";
import { runDemo } from "./demo.js";
import { DEMO_NOW } from "./demo-persona.js";
import { formatDemoSummary } from "./demo-summary.js";

export const runDemoCommand: SandboxDemo["runDemoCommand"] = async (options: DemoCommandOptions) => {
  const now = options.now ?? DEMO_NOW;
  const stop = new AbortController();
  const run = await runDemo({ now, outDir: options.outDir, port: options.port, signal: stop.signal });
  try {
    const summary = await formatDemoSummary({
      db: run.ctx.db,
      now,
      reports: run.reports,
      digestFiles: run.digestFiles,
      draftFiles: run.draftFiles,
      webUrl: options.keep ? run.web.url : null,
    });
    process.stdout.write(summary);
    const failed = run.reports.filter((r) => r.status !== "ok");
    if (failed.length > 0) throw new Error(`the cycle did not finish for ${failed.map((f) => f.address).join(", ")}`);
    if (options.keep) {
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      stop.abort();
    }
  } finally {
    await run.close();
  }
};
