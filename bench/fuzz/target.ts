/**
 * Runs one fuzz input through the code it targets, in this process, and checks the result:
 * - scan inputs go through `scanToOutput`, what `rapport scan --json` runs (files on disk, MIME and iCalendar
 *   readers, threading, detection, the JSON output), which must parse; mail read beside a calendar must survive;
 * - provider inputs go through the adapter's converter (Gmail message/event, Graph message/event) and, for
 *   messages, through what the worker does next with the body (classifierText, assessThread).
 * An exception or an invalid result (an unreadable date, a non-string field) is a failure. Every reason given
 * for skipping something must be readable: no JavaScript fault's text, no stack, not empty, not huge.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { assessThread } from "../../src/domain/assess-thread.js";
import { classifierText } from "../../src/domain/classifier-text.js";
import type { CalendarEvent, MailMessage } from "../../src/domain/mail.js";
import { toCalendarEvent, toMailMessage } from "../../src/providers/gmail/convert.js";
import { mapEvent } from "../../src/providers/outlook/map-event.js";
import { mapMessage } from "../../src/providers/outlook/map-message.js";
import { scanToOutput } from "../../src/scan/isolated-scan.js";
import type { FuzzInput } from "./inputs.js";

export const ME = "me@example.com";
export const NOW = new Date("2026-03-20T12:00:00Z");
const TIME_ZONE = "Europe/Berlin";

export interface Outcome {
  /** Why the input failed (an exception or an invalid result), or null. */
  failure: string | null;
  /** Every reason given for skipping or partly reading something. */
  reasons: string[];
  /** The reasons among them a person could not read. */
  unreadable: string[];
  /** For scan inputs: the threads and meetings in the output (thread ids; meeting UIDs with their start). */
  threads?: string[];
  meetings?: { uid: string; start: string }[];
}

const JS_FAULT =
  /cannot read propert|cannot set propert|is not a function|is not defined|is not iterable|\bundefined\b|\bnull\b|maximum call stack|invalid time value|invalid array length|\bNaN\b|\[object |\n\s+at /i;

/** A reason a person can read: words, not a JavaScript fault's text or a stack; bounded. */
export function isReadable(reason: string): boolean {
  return reason.trim().length > 0 && reason.length <= 400 && !JS_FAULT.test(reason);
}

function validDate(d: unknown): boolean {
  return d instanceof Date && Number.isFinite(d.getTime());
}

function checkMessage(m: MailMessage): string | null {
  if (typeof m.subject !== "string") return "subject is not a string";
  if (m.date !== null && !validDate(m.date)) return "date is not a valid Date";
  for (const a of [...(m.from ? [m.from] : []), ...m.to, ...m.cc]) {
    if (typeof a.address !== "string" || typeof a.name !== "string") return "an address is not a string";
  }
  if ([...m.inReplyTo, ...m.references].some((id) => typeof id !== "string")) return "a message id is not a string";
  if (m.bodyText !== undefined && typeof m.bodyText !== "string") return "bodyText is not a string";
  return null;
}

function checkEvent(e: CalendarEvent): string | null {
  if (!validDate(e.start) || !validDate(e.end)) return "start or end is not a valid Date";
  if (e.recurrenceId !== null && !validDate(e.recurrenceId)) return "recurrenceId is not a valid Date";
  if (typeof e.uid !== "string" || typeof e.summary !== "string") return "uid or summary is not a string";
  return null;
}

/** What the worker does with a converted message's body. */
function assessLikeTheWorker(m: MailMessage): void {
  const copy = { ...m, bodyText: classifierText(m.subject, m.bodyText) };
  assessThread([copy], [ME], { timeZone: TIME_ZONE });
}

async function runScan(input: Extract<FuzzInput, { kind: "scan-mail" | "scan-ics" }>): Promise<Outcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-fuzz-"));
  try {
    const mail = path.join(dir, "input.eml");
    writeFileSync(mail, input.mail);
    const ics = input.ics === null ? undefined : path.join(dir, "input.ics");
    if (ics && input.ics !== null) writeFileSync(ics, input.ics);
    const chunks: string[] = [];
    const done = await scanToOutput(
      { mail, ...(ics ? { ics } : {}), me: [ME], now: NOW, timeZone: TIME_ZONE, workers: 0 },
      "json",
      (chunk) => chunks.push(chunk),
    );
    const json = JSON.parse(chunks.join("")) as {
      threads: { threadId: string }[];
      meetings: { uid: string; start: string }[];
    };
    const reasons = [...done.problems.skipped.map((s) => s.reason), ...done.problems.calendar];
    let failure: string | null = null;
    if (input.kind === "scan-ics" && !json.threads.some((t) => t.threadId === "<plain@example.org>")) {
      failure = "the mail read beside the calendar was lost";
    }
    return {
      failure,
      reasons,
      unreadable: reasons.filter((r) => !isReadable(r)),
      threads: json.threads.map((t) => t.threadId),
      meetings: json.meetings.map((m) => ({ uid: m.uid, start: m.start })),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runConverter(input: Extract<FuzzInput, { value: unknown }>): Outcome {
  const own = new Set([ME]);
  let failure: string | null = null;
  switch (input.kind) {
    case "gmail-message": {
      const m = toMailMessage(input.value, own);
      failure = checkMessage(m);
      if (!failure) assessLikeTheWorker(m);
      break;
    }
    case "graph-message": {
      const m = mapMessage(input.value, { ownAddresses: own, labelOf: () => "INBOX" });
      failure = checkMessage(m);
      if (!failure) assessLikeTheWorker(m);
      break;
    }
    case "gmail-event": {
      const e = toCalendarEvent(input.value);
      failure = e ? checkEvent(e) : null;
      break;
    }
    default: {
      const e = mapEvent(input.value, own);
      failure = e ? checkEvent(e) : null;
    }
  }
  return { failure, reasons: [], unreadable: [] };
}

/** Runs the input; an exception becomes the outcome's failure. */
export async function runTarget(input: FuzzInput): Promise<Outcome> {
  try {
    return "value" in input ? runConverter(input) : await runScan(input);
  } catch (e) {
    const error = e as Error;
    return {
      failure: `threw ${error?.name ?? "error"}: ${String(error?.message ?? e).slice(0, 300)}`,
      reasons: [],
      unreadable: [],
    };
  }
}
