/** What the Gmail adapter's parts share: the API clients, the caller (pacing, retries) and who the user is. */
import type { gmail_v1 } from "@googleapis/gmail";
import { mayBeIntroduction } from "../../domain/introductions.js";
import type { MailMessage } from "../../domain/mail.js";
import { ProviderError } from "../../domain/provider-port.js";
import { METADATA_HEADERS, toMailMessage } from "./convert.js";
import type { GoogleCaller } from "./google-caller.js";
import type { GoogleApis } from "./google-clients.js";

/** Gmail quota units per method (developers.google.com/gmail/api/reference/quota). */
export const UNITS = {
  getProfile: 1,
  sendAsList: 1,
  messagesList: 5,
  messagesGet: 5,
  messagesSend: 100,
  threadsGet: 10,
  historyList: 2,
  draftsCreate: 10,
  draftsGet: 5,
  draftsList: 5,
  /** Calendar has its own per-request quota: not paced in Gmail units. */
  calendar: 0,
} as const;

export interface GmailSession {
  apis: GoogleApis;
  caller: GoogleCaller;
  /** The user's own addresses (lower-case), for MailMessage.sentByUser. */
  ownAddresses: Set<string>;
  now: () => Date;
}

/** Labels that mean "gone" for Rapport: a trashed or spammed message is treated as deleted. */
export const GONE_LABELS = new Set(["TRASH", "SPAM"]);

/**
 * How a thread is read: `full` (headers and bodies: what the classifier reads) or `metadata` (the headers
 * threading and classification need). Both cost the same 10 units; `full` only costs bandwidth and memory.
 */
export type ThreadFormat = "full" | "metadata";

/** threads.get at `format`, or null when the thread no longer exists. */
export async function fetchThread(
  session: GmailSession,
  threadId: string,
  format: ThreadFormat,
): Promise<gmail_v1.Schema$Thread | null> {
  try {
    const res = await session.caller.call(
      () =>
        session.apis.gmail.users.threads.get({
          userId: "me",
          id: threadId,
          format,
          ...(format === "metadata" ? { metadataHeaders: [...METADATA_HEADERS] } : {}),
          fields: `id,historyId,messages(id,threadId,labelIds,internalDate,${format === "full" ? "payload" : "payload/headers"})`,
        }),
      { units: UNITS.threadsGet, idempotent: true },
    );
    return res.data;
  } catch (error) {
    if (error instanceof ProviderError && error.code === "not-found") return null;
    throw error;
  }
}

/** The thread's live messages (trash and spam left out) in Rapport's shape. */
export function threadMessages(session: GmailSession, thread: gmail_v1.Schema$Thread): MailMessage[] {
  return (thread.messages ?? [])
    .filter((m) => !(m.labelIds ?? []).some((l) => GONE_LABELS.has(l)))
    .map((m) => toMailMessage(m, session.ownAddresses));
}

/** Whether the thread, read in full, introduces the user to someone by copying them in (domain/introductions.ts). */
export function mayIntroduce(session: GmailSession, thread: gmail_v1.Schema$Thread): boolean {
  return mayBeIntroduction(threadMessages(session, thread), [...session.ownAddresses]);
}

/** Whether the user took part in the thread (wrote in it): the threads that matter to Rapport, with introductions. */
export function userTookPart(thread: gmail_v1.Schema$Thread): boolean {
  return (thread.messages ?? []).some((m) => (m.labelIds ?? []).includes("SENT"));
}
