/** The `rapport` command's program (main.ts runs it). Results go to stdout, logs and progress to stderr; exit 0 on success. */
import { Command } from "commander";
import { registerAccountsCommand } from "./commands/accounts.js";
import { registerClassifyCommand } from "./commands/classify.js";
import { registerConnectCommand } from "./commands/connect.js";
import { registerContactsCommand } from "./commands/contacts.js";
import { registerDemoCommand } from "./commands/demo.js";
import { registerDigestCommand } from "./commands/digest.js";
import { registerDoctorCommand } from "./commands/doctor.js";
import { registerDraftsCommand } from "./commands/drafts.js";
import { registerImportCommand } from "./commands/import.js";
import { registerMigrateCommand } from "./commands/migrate.js";
import { registerPersonCommand } from "./commands/person.js";
import { registerRunCommand } from "./commands/run.js";
import { registerScanCommand } from "./commands/scan.js";
import { registerStartCommand } from "./commands/start.js";
import { registerStatusCommand } from "./commands/status.js";
import { reportError } from "./errors.js";

function buildProgram(): Command {
  const program = new Command("rapport")
    .description(
      "Rapport watches your Gmail or Outlook for informational interviews and leaves well-timed follow-up drafts in your Drafts folder.",
    )
    .version("0.1.0")
    .showHelpAfterError("(run rapport --help for usage)")
    .configureOutput({ outputError: (text, write) => write(text) });
  registerMigrateCommand(program);
  registerDoctorCommand(program);
  registerRunCommand(program);
  registerScanCommand(program);
  registerClassifyCommand(program);
  registerConnectCommand(program);
  registerStatusCommand(program);
  registerContactsCommand(program);
  registerImportCommand(program);
  registerPersonCommand(program);
  registerDraftsCommand(program);
  registerAccountsCommand(program);
  registerDemoCommand(program);
  registerDigestCommand(program);
  registerStartCommand(program);
  return program;
}

buildProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportError(error);
  });
