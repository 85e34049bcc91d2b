/**
 * One fake Gmail mailbox: messages, threads, labels, drafts, sent log and the history journal.
 * Mutations go through here so every change gets a history record and a new historyId, as in Gmail.
 * Thread ids are the id of the thread's first message, like Gmail's.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import { decodeWords } from "postal-mime";
import type { EmailAddress } from "../../src/domain/mail.js";
import type { SeedMessage } from "../seed.js";
import { badRequest, notFound } from "./http-util.js";
import { header, headersFromSeed, parseUploadedRaw, type StoredMessage } from "./message-format.js";

export const SYSTEM_LABELS = [
  "INBOX",
  "SENT",
  "DRAFT",
  "UNREAD",
  "TRASH",
  "SPAM",
  "STARRED",
  "IMPORTANT",
  "CATEGORY_PERSONAL",
  "CATEGORY_SOCIAL",
  "CATEGORY_PROMOTIONS",
  "CATEGORY_UPDATES",
  "CATEGORY_FORUMS",
] as const;

interface HistoryRecord {
  id: number;
  kind: "messageAdded" | "messageDeleted" | "labelAdded" | "labelRemoved";
  messageId: string;
  threadId: string;
  labelIds: string[];
  /** Labels changed, for label records. */
  changed: string[];
}

const ID_BASE = 0x18f00000000000n;

export class FakeGmailStore {
  readonly messages = new Map<string, StoredMessage>();
  readonly threads = new Map<string, string[]>();
  readonly drafts = new Map<string, string>();
  /** Ids of messages sent through messages.send or drafts.send (recorded, never delivered). */
  readonly sentLog: string[] = [];
  private readonly byRfcId = new Map<string, string>();
  private readonly history: HistoryRecord[] = [];
  private nextId = 0n;
  private nextDraft = 1;
  historyId = 1000;
  /** History older than this id is gone: a startHistoryId below it gets 404. */
  historyFloor = 1000;
  private ordered: StoredMessage[] | null = null;

  constructor(
    readonly owner: EmailAddress,
    seed: readonly SeedMessage[],
  ) {
    for (const message of [...seed].sort((a, b) => a.date.getTime() - b.date.getTime())) this.seed(message, false);
    this.historyFloor = this.historyId;
  }

  private newId(): string {
    return (ID_BASE + this.nextId++ * 0x2f1n).toString(16);
  }

  private seed(seed: SeedMessage, journal: boolean): StoredMessage {
    const labels = seed.folder === "sent" ? ["SENT"] : ["INBOX", ...(seed.unread ? ["UNREAD"] : [])];
    if (seed.folder === "inbox")
      labels.push(seed.headers["List-Unsubscribe"] ? "CATEGORY_PROMOTIONS" : "CATEGORY_PERSONAL");
    const id = this.newId();
    const parent = [seed.inReplyTo, ...seed.references].map((r) => (r ? this.byRfcId.get(r) : undefined)).find(Boolean);
    const threadId = parent ? (this.messages.get(parent)?.threadId ?? id) : id;
    const message: StoredMessage = {
      id,
      threadId,
      labelIds: labels,
      internalDate: seed.date.getTime(),
      historyId: this.historyId,
      headers: headersFromSeed(seed),
      text: seed.text,
      html: null,
      attachments: seed.attachments,
      raw: null,
    };
    this.insert(message);
    if (journal) this.record("messageAdded", message);
    else message.historyId = ++this.historyId;
    return message;
  }

  private insert(message: StoredMessage): void {
    this.messages.set(message.id, message);
    const thread = this.threads.get(message.threadId);
    if (thread) thread.push(message.id);
    else this.threads.set(message.threadId, [message.id]);
    const rfcId = header(message, "Message-ID");
    if (rfcId && !this.byRfcId.has(rfcId)) this.byRfcId.set(rfcId, message.id);
    this.ordered = null;
  }

  private record(kind: HistoryRecord["kind"], message: StoredMessage, changed: string[] = []): void {
    this.historyId++;
    message.historyId = this.historyId;
    this.history.push({
      id: this.historyId,
      kind,
      messageId: message.id,
      threadId: message.threadId,
      labelIds: [...message.labelIds],
      changed,
    });
  }

  get(id: string): StoredMessage {
    const message = this.messages.get(id);
    if (!message) throw notFound();
    return message;
  }

  /** Messages newest first, as messages.list returns them. */
  newestFirst(): StoredMessage[] {
    this.ordered ??= [...this.messages.values()].sort(
      (a, b) => b.internalDate - a.internalDate || (a.id < b.id ? 1 : -1),
    );
    return this.ordered;
  }

  threadMessages(threadId: string): StoredMessage[] {
    const ids = this.threads.get(threadId);
    if (!ids || ids.length === 0) throw notFound();
    return ids.map((id) => this.get(id));
  }

  /** Adds a message (an arriving reply or new mail); threads it by In-Reply-To/References. */
  addSeedMessage(seed: SeedMessage): StoredMessage {
    return this.seed(seed, true);
  }

  deleteMessage(id: string): void {
    const message = this.get(id);
    this.messages.delete(id);
    const thread = (this.threads.get(message.threadId) ?? []).filter((m) => m !== id);
    if (thread.length === 0) this.threads.delete(message.threadId);
    else this.threads.set(message.threadId, thread);
    for (const [draftId, messageId] of this.drafts) if (messageId === id) this.drafts.delete(draftId);
    this.ordered = null;
    this.record("messageDeleted", message);
  }

  modifyLabels(id: string, add: string[], remove: string[]): void {
    const message = this.get(id);
    const added = add.filter((l) => !message.labelIds.includes(l));
    const removed = remove.filter((l) => message.labelIds.includes(l));
    message.labelIds = [...message.labelIds.filter((l) => !removed.includes(l)), ...added];
    if (added.length > 0) this.record("labelAdded", message, added);
    if (removed.length > 0) this.record("labelRemoved", message, removed);
  }

  /** Stores MIME a client uploaded; threaded only when Gmail's three conditions hold. */
  async upload(raw: string, requestedThreadId: string | null | undefined, labels: string[]): Promise<StoredMessage> {
    if (!raw) throw badRequest("Invalid value for ByteString: empty raw");
    const parsed = await parseUploadedRaw(raw);
    parsed.headers = parsed.headers.map((h) => ({ name: h.name, value: decodeWords(h.value ?? "") }));
    const id = this.newId();
    const message: StoredMessage = {
      ...parsed,
      id,
      threadId: this.resolveThread(requestedThreadId, parsed.headers) ?? id,
      labelIds: labels,
      internalDate: Date.now(),
      historyId: this.historyId,
    };
    this.insert(message);
    this.record("messageAdded", message);
    return message;
  }

  private resolveThread(
    requested: string | null | undefined,
    headers: gmail_v1.Schema$MessagePartHeader[],
  ): string | null {
    if (!requested) return null;
    const members = this.threadMessages(requested);
    const find = (name: string) => headers.find((h) => h.name?.toLowerCase() === name)?.value ?? "";
    const refs = `${find("in-reply-to")} ${find("references")}`.match(/<[^<>\s]+>/g) ?? [];
    const known = new Set(members.map((m) => header(m, "Message-ID")));
    const first = members[0];
    const subjectMatches =
      first !== undefined && baseSubject(find("subject")) === baseSubject(header(first, "Subject") ?? "");
    return refs.some((r) => known.has(r)) && subjectMatches ? requested : null;
  }

  createDraft(message: StoredMessage): string {
    const draftId = `r${(this.nextDraft++).toString().padStart(6, "0")}${message.id.slice(-6)}`;
    this.drafts.set(draftId, message.id);
    return draftId;
  }

  draftMessage(draftId: string): StoredMessage {
    const messageId = this.drafts.get(draftId);
    if (!messageId) throw notFound();
    return this.get(messageId);
  }

  /**
   * Sends a draft. From the API (drafts.send) the message keeps its id and headers; from the web UI
   * (`viaWebUi`) Gmail re-composes it: the sent message gets a new id and custom X- headers are gone, and its body is
   * `text` when the user edited the draft first.
   */
  sendDraft(draftId: string, options: { viaWebUi?: boolean; text?: string } = {}): StoredMessage {
    const draft = this.draftMessage(draftId);
    this.drafts.delete(draftId);
    if (!options.viaWebUi) {
      this.modifyLabels(draft.id, ["SENT"], ["DRAFT"]);
      this.sentLog.push(draft.id);
      return draft;
    }
    this.deleteMessage(draft.id);
    const sent: StoredMessage = {
      ...draft,
      id: this.newId(),
      labelIds: ["SENT"],
      headers: draft.headers.filter((h) => !h.name?.toLowerCase().startsWith("x-")),
      // edited before sending: the body is what the user left of it
      ...(options.text === undefined ? {} : { text: options.text, html: null }),
      raw: null,
      internalDate: Date.now(),
    };
    this.insert(sent);
    this.record("messageAdded", sent);
    this.sentLog.push(sent.id);
    return sent;
  }

  /** History records after `start`, or null when `start` is older than the retention. */
  historySince(start: number): HistoryRecord[] | null {
    if (start < this.historyFloor) return null;
    return this.history.filter((r) => r.id > start);
  }

  /** Forgets the journal: every stored cursor now gets 404 (as after a long downtime). */
  expireHistory(): void {
    this.history.length = 0;
    this.historyId++; // the mailbox's current id stays valid; every id handed out before is gone
    this.historyFloor = this.historyId;
  }
}

function baseSubject(subject: string): string {
  return subject
    .replace(/^\s*((re|fwd?|aw|sv|wg)\s*:\s*)+/i, "")
    .trim()
    .toLowerCase();
}
