/**
 * `rapport person ADDR [controls…] [--json]`: one person and the controls the user keeps for them — snooze until a
 * date, do-not-contact, a cadence of their own, and touches logged by hand (a call, a coffee). Without options it
 * only shows them.
 */
import type { Command } from "commander";
import { withContext } from "../../app/compose.js";
import type { ControlsChange } from "../../db/person-controls.js";
import {
  PersonInputError,
  type PersonView,
  parseDays,
  parseSnooze,
  requireContact,
  type TouchInput,
  updatePerson,
} from "../../jobs/people.js";
import { AccountChoiceError, chooseAccount } from "../../jobs/preview-digest.js";
import { action, UsageError } from "../errors.js";

interface PersonOptions {
  account?: string;
  snoozeUntil?: string;
  unsnooze?: boolean;
  doNotContact?: boolean;
  allowContact?: boolean;
  checkInEvery?: string;
  nudgeAfter?: string;
  defaultCadence?: boolean;
  logTouch?: string;
  on?: string;
  note?: string;
  json?: boolean;
}

function controlsOf(o: PersonOptions, now: Date, timeZone: string): ControlsChange | undefined {
  if (o.snoozeUntil !== undefined && o.unsnooze) throw new UsageError("--snooze-until and --unsnooze contradict");
  if (o.doNotContact && o.allowContact) throw new UsageError("--do-not-contact and --allow-contact contradict");
  const change: ControlsChange = {};
  if (o.snoozeUntil !== undefined) change.snoozedUntil = parseSnooze(o.snoozeUntil, now, timeZone);
  if (o.unsnooze) change.snoozedUntil = null;
  if (o.doNotContact) change.doNotContact = true;
  if (o.allowContact) change.doNotContact = false;
  if (o.defaultCadence) {
    change.checkInAfterDays = null;
    change.nudgeAfterBusinessDays = null;
  }
  if (o.checkInEvery !== undefined) change.checkInAfterDays = parseDays(o.checkInEvery, "--check-in-every", 730);
  if (o.nudgeAfter !== undefined) change.nudgeAfterBusinessDays = parseDays(o.nudgeAfter, "--nudge-after", 60);
  return Object.keys(change).length > 0 ? change : undefined;
}

function formatPerson(p: PersonView): string {
  const who = p.name ? `${p.name} <${p.address}>` : p.address;
  const where = [p.position, p.organisation].filter(Boolean).join(", ");
  const lines = [
    `${who}${where ? ` — ${where}` : ""}`,
    `stage: ${p.stage ?? "—"}`,
    `do-not-contact: ${p.doNotContact ? "yes" : "no"}`,
    `snoozed until: ${p.snoozedUntil ?? "not snoozed"}`,
    `check in after: ${p.checkInAfterDays ? `${p.checkInAfterDays} days (own)` : "the account's cadence"}`,
    `nudge after: ${p.nudgeAfterBusinessDays ? `${p.nudgeAfterBusinessDays} business days (own)` : "the account's cadence"}`,
    ...(p.touches.length > 0 ? ["touches:"] : []),
    ...p.touches.map((t) => `  ${t.on} ${t.kind}${t.note ? `: ${t.note}` : ""}`),
  ];
  return `${lines.join("\n")}\n`;
}

export function registerPersonCommand(program: Command): void {
  program
    .command("person")
    .description("show one contact's controls, or change them: snooze, do-not-contact, own cadence, log a touch")
    .argument("<address>", "the contact's e-mail address")
    .option("--account <address>", "the account (needed when there are several)")
    .option("--snooze-until <date>", "draft nothing about this person before this date (YYYY-MM-DD)")
    .option("--unsnooze", "end a snooze")
    .option("--do-not-contact", "never draft to this person")
    .option("--allow-contact", "clear do-not-contact")
    .option("--check-in-every <days>", "check in after this many days of silence (this person only)")
    .option("--nudge-after <days>", "nudge an unanswered outreach after this many business days (this person only)")
    .option("--default-cadence", "back to the account's cadence for this person")
    .option("--log-touch <kind>", "log a conversation in neither mail nor calendar: call, coffee, video, event, other")
    .option("--on <date>", "the touch's date (YYYY-MM-DD; default today)")
    .option("--note <text>", "a few words about the touch (at most 200 characters)")
    .option("--json", "print as JSON")
    .action(
      action(async (address: string, o: PersonOptions) => {
        if ((o.on !== undefined || o.note !== undefined) && !o.logTouch) {
          throw new UsageError("--on and --note go with --log-touch");
        }
        await withContext({}, async (ctx) => {
          try {
            const account = await chooseAccount(ctx, o.account);
            const contact = await requireContact(ctx.db, account, address);
            const now = ctx.clock.now();
            const controls = controlsOf(o, now, account.time_zone);
            const touch: TouchInput | undefined = o.logTouch ? { kind: o.logTouch, on: o.on, note: o.note } : undefined;
            const view = await updatePerson(ctx.db, account, contact, { controls, touch }, now);
            process.stdout.write(o.json ? `${JSON.stringify(view, null, 2)}\n` : formatPerson(view));
          } catch (error) {
            if (error instanceof PersonInputError || error instanceof AccountChoiceError) {
              throw new UsageError(error.message);
            }
            throw error;
          }
        });
      }),
    );
}
