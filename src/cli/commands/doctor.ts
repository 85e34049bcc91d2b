/** `rapport doctor`: checks config, database, migrations, secrets and provider credentials; says how to fix each. */
import type { Command } from "commander";
import { runDoctor } from "../../app/doctor.js";
import { action } from "../errors.js";

export function registerDoctorCommand(program: Command): void {
  program
    .command("doctor")
    .description("check configuration, database, migrations and credentials, and say how to fix problems")
    .option("--json", "print the checks as JSON")
    .action(
      action(async (options: { json?: boolean }) => {
        const checks = await runDoctor();
        if (options.json) process.stdout.write(`${JSON.stringify({ checks }, null, 2)}\n`);
        else {
          for (const c of checks) {
            const mark = !c.ok ? "✗" : c.warning ? "!" : "✓";
            process.stdout.write(`${mark} ${c.what}${c.fix && (!c.ok || c.warning) ? `\n    → ${c.fix}` : ""}\n`);
          }
        }
        const failed = checks.filter((c) => !c.ok);
        if (failed.length > 0) {
          process.stderr.write(`rapport: doctor found ${failed.length} problem(s)\n`);
          process.exitCode = 1;
        }
      }),
    );
}
