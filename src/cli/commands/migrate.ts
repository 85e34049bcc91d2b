import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import { MigrationRefusedError, migrate } from "../../db/migrate.js";
import { action } from "../errors.js";

export function registerMigrateCommand(program: Command): void {
  program
    .command("migrate")
    .description("create or upgrade the database schema (also done at start)")
    .action(
      action(async () => {
        await withContext({ migrate: false }, async (ctx) => {
          const result = await migrate(ctx.database);
          if (result.refused) throw new MigrationRefusedError(result.refused);
          if (result.error) {
            throw new Error(
              `migration ${result.error.migration.id}_${result.error.migration.name} failed: ${result.error.message}`,
            );
          }
          const names = result.applied.map((m) => `${String(m.id).padStart(4, "0")}_${m.name}`);
          process.stdout.write(
            names.length > 0
              ? `applied ${names.length} migration(s) to ${ctx.database.location}: ${names.join(", ")}\n`
              : `${ctx.database.location} is up to date (${result.alreadyApplied} migration(s))\n`,
          );
        });
      }),
    );
}
