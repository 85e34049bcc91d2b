/** One unit of parsing work, shared by the in-process path and the worker pool. */
import type { MailMessage } from "../domain/mail.js";
import { MessageParseError, parseRawMessage } from "./mime-to-message.js";

export interface ParseJob {
  index: number;
  raw: Uint8Array;
  truncated: boolean;
}

export type ParseOutcome =
  | { index: number; ok: true; message: MailMessage; truncated: boolean }
  | { index: number; ok: false; reason: string };

export async function parseJob(job: ParseJob, me: ReadonlySet<string>): Promise<ParseOutcome> {
  try {
    const raw = Buffer.from(job.raw.buffer, job.raw.byteOffset, job.raw.byteLength);
    return { index: job.index, ok: true, message: await parseRawMessage(raw, { me }), truncated: job.truncated };
  } catch (e) {
    const reason = e instanceof MessageParseError ? e.message : `unreadable (${(e as Error).message})`;
    return { index: job.index, ok: false, reason };
  }
}
