/**
 * rapport classify --thread <Message-ID> --me ADDR[,ADDR...] --informational yes|no [--direction seeker|host]
 * Records the user's correction of a thread's classification; later scans (and the worker) respect it.
 */
import type { Command } from "commander";
import type { Direction } from "../../domain/engine-types.js";
import { action, UsageError } from "../errors.js";
import { saveOfflineOverride } from "./offline-overrides.js";

interface ClassifyOptions {
  thread: string;
  me: string;
  informational: string;
  direction?: string;
  note?: string;
}

export function parseClassifyOptions(o: ClassifyOptions): {
  me: string[];
  threadKey: string;
  informational: boolean;
  direction: Direction | null;
  note: string | null;
} {
  const me = o.me
    .split(",")
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  if (me.length === 0) throw new UsageError("--me expects at least one address");
  const raw = o.thread.trim();
  if (!raw) throw new UsageError("--thread expects the Message-ID of the thread's first message");
  const threadKey = raw.startsWith("<") ? raw : `<${raw}>`;
  const yn = o.informational.trim().toLowerCase();
  if (!["yes", "no", "true", "false", "y", "n"].includes(yn)) throw new UsageError("--informational expects yes or no");
  const informational = yn.startsWith("y") || yn === "true";
  let direction: Direction | null = null;
  if (o.direction !== undefined) {
    if (o.direction !== "seeker" && o.direction !== "host") throw new UsageError("--direction expects seeker or host");
    if (!informational) throw new UsageError("--direction only applies with --informational yes");
    direction = o.direction;
  } else if (informational) direction = "seeker";
  return { me, threadKey, informational, direction, note: o.note ?? null };
}

export function registerClassifyCommand(program: Command): void {
  program
    .command("classify")
    .description("correct the classification of a thread (later scans respect it)")
    .requiredOption("--thread <message-id>", "Message-ID of the thread's first message (threadId in scan output)")
    .requiredOption("--me <addresses>", "your own addresses, comma-separated")
    .requiredOption("--informational <yes|no>", "is it an informational conversation?")
    .option("--direction <seeker|host>", "who asked for the conversation (default seeker)")
    .option("--note <text>", "why (kept with the override)")
    .action(
      action(async (o: ClassifyOptions) => {
        const parsed = parseClassifyOptions(o);
        const saved = await saveOfflineOverride(parsed.me, {
          threadKey: parsed.threadKey,
          informational: parsed.informational,
          direction: parsed.direction,
          note: parsed.note,
        });
        process.stdout.write(
          `recorded: ${parsed.threadKey} is ${parsed.informational ? `informational (${parsed.direction})` : "not informational"} (${saved.location})\n`,
        );
      }),
    );
}
