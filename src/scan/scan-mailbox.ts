/**
 * The offline scan: read files -> MailMessage -> threads -> assessThread (two passes: the second recognises
 * continuations of known relationships) -> assessMeeting -> evaluateMailbox. Bad messages are counted and
 * reported, never fatal.
 */
import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { evaluateMailbox } from "../domain/evaluate-mailbox.js";
import {
  assessMeeting,
  assessThread,
  buildThreads,
  type CadenceRules,
  type ClassificationOverride,
  DEFAULT_CADENCE_RULES,
  type DetectionModel,
  indexThreadsByContact,
  informationalContacts,
  isAutoReply,
  type MailboxEvaluation,
  type MailMessage,
  type MailThread,
  type MeetingInput,
  type ThreadAssessment,
  type ThreadInput,
} from "../domain/index.js";
import { type CalendarSeries, readIcs, representative } from "./ics-reader.js";
import { readMailSource, SourceError } from "./mail-sources.js";
import { parseAll } from "./parse-pool.js";
import { MessageInterner } from "./shared-values.js";

export interface ScanOptions {
  /** mbox file, .eml file or folder. */
  mail: string;
  ics?: string;
  me: string[];
  now: Date;
  timeZone: string;
  rules?: Partial<CadenceRules>;
  overrides?: ClassificationOverride[];
  /** Called every few thousand messages (stderr progress). */
  onProgress?: (messages: number) => void;
  /** Bytes of each message kept from the file (headers and the start of the body; attachments are never needed). */
  maxMessageBytes?: number;
  /** Worker threads for MIME parsing (0: in-process). */
  workers?: number;
  /**
   * Called between stages, once the previous stage's data is unreachable (a dedicated scan process passes a full
   * garbage collection: the heap is otherwise left to grow with dead parse/threading/evaluation objects).
   */
  releaseMemory?: () => void;
  /** Decision weights (default: the committed, fitted ones); the evaluation passes each fold's. */
  model?: DetectionModel;
}

export interface ScanProblems {
  /** Messages that could not be read at all. */
  skipped: { index: number; reason: string }[];
  /** Messages read with a defect (kept). */
  warnings: Map<string, number>;
  calendar: string[];
}

export interface ScanResult {
  evaluation: MailboxEvaluation;
  messages: number;
  threads: number;
  events: number;
  problems: ScanProblems;
}

export { SourceError };

/** Most messages have no Cc: one shared (frozen) empty list instead of one per message kept until the output. */
const NO_ADDRESSES = Object.freeze([]) as unknown as string[];

function meta(m: MailMessage) {
  return {
    messageId: m.messageId,
    from: m.from?.address ?? null,
    to: m.to.length > 0 ? m.to.map((a) => a.address) : NO_ADDRESSES,
    cc: m.cc.length > 0 ? m.cc.map((a) => a.address) : NO_ADDRESSES,
    date: m.date,
    sentByUser: m.sentByUser,
    autoReply: isAutoReply(m.headers, m.subject),
  };
}

/** Below this size a mailbox parses faster in-process than it takes to start and feed worker threads. */
const WORKERS_FROM_BYTES = 64 * 1024 * 1024;

/**
 * Parse worker threads for this source: two for a large mbox on a multi-core machine, none otherwise. Measured
 * on 2 cores, 100,000 messages (1.37 GB): ~3,800 msg/s and 268 MB peak with two workers, ~2,600-3,000 msg/s and
 * ~230 MB in-process; the output is the same either way.
 */
export async function defaultWorkers(mail: string): Promise<number> {
  const info = await stat(mail).catch(() => null);
  if (!info?.isFile() || info.size < WORKERS_FROM_BYTES) return 0;
  return availableParallelism() >= 2 ? 2 : 0;
}

/** Parse the mail source and rebuild its threads (bodies kept as bounded excerpts). */
export async function readThreads(
  options: Pick<ScanOptions, "mail" | "me" | "onProgress" | "maxMessageBytes" | "workers">,
  problems: ScanProblems = { skipped: [], warnings: new Map(), calendar: [] },
): Promise<{ threads: MailThread[]; messageCount: number; problems: ScanProblems }> {
  const me = new Set(options.me.map((a) => a.trim().toLowerCase()).filter(Boolean));
  const warn = (what: string): void => {
    problems.warnings.set(what, (problems.warnings.get(what) ?? 0) + 1);
  };
  const slots: (MailMessage | undefined)[] = [];
  const interner = new MessageInterner();
  let seen = 0;
  const source = (async function* () {
    for await (const raw of readMailSource(options.mail, options.maxMessageBytes ?? 192 * 1024)) {
      seen++;
      if (seen % 10000 === 0) options.onProgress?.(seen);
      yield raw;
    }
  })();
  await parseAll(source, me, options.workers ?? 0, (o) => {
    if (!o.ok) {
      problems.skipped.push({ index: o.index, reason: o.reason });
      return;
    }
    const m = o.message;
    if (!m.messageId) warn("without Message-ID");
    if (!m.date) warn("without a readable Date");
    interner.share(m);
    slots[o.index] = m;
  });
  const messages = slots.filter((m): m is MailMessage => m !== undefined);
  slots.length = 0;
  problems.skipped.sort((a, b) => a.index - b.index);
  return { threads: buildThreads(messages), messageCount: messages.length, problems };
}

export async function scanMailbox(options: ScanOptions): Promise<ScanResult> {
  const me = new Set(options.me.map((a) => a.trim().toLowerCase()).filter(Boolean));
  const rules: CadenceRules = { ...DEFAULT_CADENCE_RULES, ...options.rules };
  const { threads, messageCount, problems } = await readThreads(options);
  const release = options.releaseMemory ?? (() => {});
  release();
  const assess = (msgs: MailMessage[], known?: Map<string, "seeker" | "host">): ThreadAssessment =>
    assessThread(msgs, [...me], {
      timeZone: options.timeZone,
      defaultMeetingMinutes: rules.defaultMeetingMinutes,
      ...(known ? { knownContacts: known } : {}),
      ...(options.model ? { model: options.model } : {}),
    });
  const assessments = threads.map((t) => assess(t.messages));
  const known = informationalContacts(assessments);
  threads.forEach((t, i) => {
    const a = assessments[i];
    if (a && !a.informational && a.contacts.some((c) => known.has(c))) assessments[i] = assess(t.messages, known);
  });
  // From here on only metadata: each thread's MailMessages (and bodies) are released as it is converted.
  const threadInputs: ThreadInput[] = threads.map((t, i) => {
    const input = {
      threadId: t.threadId,
      subject: t.subject,
      messages: t.messages.map(meta),
      assessment: assessments[i] as ThreadAssessment,
    };
    t.messages = [];
    return input;
  });
  const threadCount = threads.length;
  threads.length = 0;
  assessments.length = 0;
  release();

  let series: CalendarSeries[] = [];
  if (options.ics) {
    let text: string;
    try {
      text = await readFile(options.ics, "utf8");
    } catch {
      throw new SourceError(`cannot read ${options.ics}: no such file or directory`);
    }
    const read = readIcs(text.replace(/\u0000/g, ""), {
      me,
      timeZone: options.timeZone,
      windowStart: new Date(options.now.getTime() - 400 * 864e5),
      windowEnd: new Date(options.now.getTime() + 400 * 864e5),
    });
    series = read.series;
    problems.calendar.push(...read.problems);
  }
  const byContact = indexThreadsByContact(threadInputs);
  const meetings: MeetingInput[] = [];
  for (const s of series) {
    const event = representative(s, options.now);
    if (!event) continue;
    const assessment = assessMeeting(event, [...me], byContact, { recurring: s.recurring });
    meetings.push({
      event,
      recurring: s.recurring,
      occurrences: s.occurrences.map((o) => ({ start: o.start, end: o.end, status: o.status })),
      assessment,
    });
  }
  const evaluation = evaluateMailbox({
    threads: threadInputs,
    meetings,
    now: options.now,
    timeZone: options.timeZone,
    rules,
    overrides: options.overrides ?? [],
    nextChange: false,
  });
  return { evaluation, messages: messageCount, threads: threadCount, events: series.length, problems };
}
