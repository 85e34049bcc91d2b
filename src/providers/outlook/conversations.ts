/**
 * Conversation reads: one conversation's messages with text bodies and threading headers (one query, a page per 50
 * messages), and the reads a backfill runs beside its delta pages. A backfill reads every conversation the user wrote
 * in; Graph's budget (not the database) bounds a backfill, so those reads start as soon as the Sent Items pages name
 * the conversations instead of after the whole mail sync, and go on while the database stores the delta pages. The
 * reads leave one of the mailbox's 4 request slots to the delta pages, and at most a few read conversations wait in
 * memory (their bodies) until the caller takes them.
 */
import type { Message } from "@microsoft/microsoft-graph-types";
import type { MailMessage } from "../../domain/mail.js";
import { ProviderError } from "../../domain/provider-port.js";
import { MARKER_PROPERTY_ID } from "./drafts.js";
import { odataString } from "./graph-client.js";
import type { GraphSession } from "./graph-session.js";
import { type MapContext, mapMessage, THREAD_SELECT } from "./map-message.js";

/** A conversation as read: its messages in date order (bodies included), and the requests the read made. */
export interface ReadConversation {
  conversationId: string;
  messages: MailMessage[];
  requests: number;
}

export async function readConversation(
  session: GraphSession,
  ctx: MapContext,
  conversationId: string,
  signal?: AbortSignal,
  /** Counts each request as it is made (retries aside). */
  counter?: { requests: number },
): Promise<ReadConversation> {
  const prefer = ['outlook.body-content-type="text"'];
  const found: Message[] = [];
  let requests = 0;
  let link: string | null =
    `/me/messages?$filter=conversationId eq ${odataString(conversationId)}&$select=${THREAD_SELECT.join(",")}` +
    `&$expand=singleValueExtendedProperties($filter=id eq ${odataString(MARKER_PROPERTY_ID)})&$top=50`;
  while (link) {
    if (counter) counter.requests += 1;
    const page: { value?: Message[]; "@odata.nextLink"?: string } = await session.get(link, {
      prefer,
      ...(signal ? { signal } : {}),
    });
    requests += 1;
    found.push(...(page.value ?? []));
    link = page["@odata.nextLink"] ?? null;
  }
  const labels = await Promise.all(found.map((m) => session.labelOf(m.parentFolderId)));
  const messages = found
    .map((m, i) => mapMessage(m, { ...ctx, labelOf: () => labels[i] ?? "OTHER" }))
    .sort((a, b) => (a.date?.getTime() ?? 0) - (b.date?.getTime() ?? 0));
  return { conversationId, messages, requests };
}

/** Conversations read at once beside the delta pages (the mailbox allows 4 requests at once). */
const READS_IN_FLIGHT = 3;
/** Read conversations waiting for the caller at most (with the reads in flight). */
const READS_HELD = 8;

/**
 * The conversation reads of one sync run: each conversation asked for once, read in the background (a read that
 * fails is dropped: its thread stays marked for assessment, and the assessment reads it on its own terms).
 */
export class ConversationReads {
  readonly #read: (conversationId: string) => Promise<ReadConversation>;
  readonly #signal: AbortSignal;
  readonly #asked = new Set<string>();
  readonly #queue: string[] = [];
  #ready: ReadConversation[] = [];
  #inFlight = 0;
  #settled: (() => void) | null = null;
  /** An account-wide failure (grant, quota) a read met: the sync's to report. */
  #failure: unknown = null;

  constructor(read: (conversationId: string) => Promise<ReadConversation>, signal: AbortSignal) {
    this.#read = read;
    this.#signal = signal;
  }

  want(conversationId: string): void {
    if (this.#asked.has(conversationId)) return;
    this.#asked.add(conversationId);
    this.#queue.push(conversationId);
    this.#pump();
  }

  /**
   * The conversations read so far (the caller now holds their bodies): none while fewer than `least` are read and
   * more are coming (a page of several costs the database less than as many pages of one).
   */
  take(least = 1): ReadConversation[] {
    if (this.#failure) throw this.#failure;
    const coming = this.#inFlight > 0 || this.#queue.length > 0;
    if (this.#ready.length < least && coming && this.#ready.length + this.#inFlight < READS_HELD) return [];
    const ready = this.#ready;
    this.#ready = [];
    this.#pump();
    return ready;
  }

  /** No more reads start (the sync stopped early); those in flight finish and are dropped. */
  close(): void {
    this.#queue.length = 0;
    this.#ready = [];
  }

  /** Waits for the next read to settle; false once nothing is read any more (what is left is the caller's). */
  async settle(): Promise<boolean> {
    if (this.#signal.aborted || this.#failure) return false;
    // None in flight with some queued: the held reads are full, and the caller is to take them.
    if (this.#inFlight === 0) return this.#queue.length > 0;
    await new Promise<void>((resolve) => {
      this.#settled = resolve;
    });
    return true;
  }

  #pump(): void {
    while (
      this.#inFlight < READS_IN_FLIGHT &&
      this.#inFlight + this.#ready.length < READS_HELD &&
      this.#queue.length > 0 &&
      !this.#signal.aborted &&
      !this.#failure
    ) {
      const id = this.#queue.shift() as string;
      this.#inFlight += 1;
      this.#read(id)
        .then(
          (read) => this.#ready.push(read),
          (error: unknown) => {
            if (error instanceof ProviderError && (error.code === "auth" || error.code === "rate-limited")) {
              this.#failure ??= error;
            }
          },
        )
        .finally(() => {
          this.#inFlight -= 1;
          this.#pump();
          const settled = this.#settled;
          this.#settled = null;
          settled?.();
        });
    }
    if (this.#failure || this.#signal.aborted) this.#queue.length = 0;
  }
}
