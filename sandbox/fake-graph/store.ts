/**
 * The fake mailbox: messages in folders and calendar events, each stamped with a global change sequence so
 * delta queries can report "what changed since token N" the way Exchange does (upserts plus `@removed`
 * tombstones per folder). Mutations that a user or a correspondent would cause are the control API tests use.
 */
import type { CalendarEvent, EmailAddress } from "../../src/domain/mail.js";
import {
  type FolderName,
  conversationId as makeConversationId,
  eventId as makeEventId,
  messageId as makeMessageId,
} from "./ids.js";

export interface StoredMessage {
  id: string;
  folder: FolderName;
  conversationId: string;
  internetMessageId: string;
  subject: string;
  from: EmailAddress;
  to: EmailAddress[];
  cc: EmailAddress[];
  /** Blind copies (a draft's, as Graph keeps them until the message is sent). */
  bcc?: EmailAddress[];
  sentAt: Date;
  receivedAt: Date;
  /** When the item last changed (Exchange's LastModifiedTime): every change stamps it, later than any before. */
  lastModified: Date;
  isRead: boolean;
  isDraft: boolean;
  body: { contentType: "text" | "html"; content: string };
  /** Internet headers as received (Message-ID, In-Reply-To, References, List-Id, ...). */
  headers: { name: string; value: string }[];
  /** Single-value extended properties by property id. */
  extended: Map<string, string>;
  seq: number;
}

export interface StoredEvent {
  id: string;
  seq: number;
  event: CalendarEvent;
  isCancelled: boolean;
}

export type Change<T> = { seq: number; item: T } | { seq: number; removedId: string };

export class FakeMailboxStore {
  readonly messages = new Map<string, StoredMessage>();
  readonly events = new Map<string, StoredEvent>();
  /** Per folder: ids that left it (deleted or moved away), with the sequence of their leaving. */
  readonly tombstones = new Map<FolderName, Map<string, number>>();
  readonly eventTombstones = new Map<string, number>();
  /** Bumped to invalidate every delta/skip token issued so far (410 syncStateNotFound). */
  deltaEpoch = 1;
  seq = 0;
  /** The newest lastModified handed out: stamps only move forward, as a server's clock does. */
  #lastStamp = 0;
  #messageCounter = 0;
  #eventCounter = 0;
  #conversationCounter = 0;
  readonly #conversationByMessageId = new Map<string, string>();

  constructor(
    readonly owner: EmailAddress,
    public timeZone: string,
  ) {}

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  /** The conversation a new message joins: the one of any message it references, else a new one. */
  conversationFor(internetMessageId: string, related: string[]): string {
    for (const ref of related) {
      const known = this.#conversationByMessageId.get(ref);
      if (known) {
        this.#conversationByMessageId.set(internetMessageId, known);
        return known;
      }
    }
    const fresh =
      this.#conversationByMessageId.get(internetMessageId) ?? makeConversationId(++this.#conversationCounter);
    this.#conversationByMessageId.set(internetMessageId, fresh);
    return fresh;
  }

  /** A modification time now, later than every earlier one (or `at`, for mail that arrived long ago). */
  stamp(at?: Date): Date {
    this.#lastStamp = at ? Math.max(this.#lastStamp, at.getTime()) : Math.max(Date.now(), this.#lastStamp + 1);
    return at ?? new Date(this.#lastStamp);
  }

  /** `arrivedAt`: a seeded message's time (it last changed when it arrived); otherwise it changes now. */
  addMessage(
    fields: Omit<StoredMessage, "id" | "seq" | "extended" | "lastModified"> & { extended?: Map<string, string> },
    arrivedAt?: Date,
  ): StoredMessage {
    const message: StoredMessage = {
      ...fields,
      lastModified: this.stamp(arrivedAt),
      extended: fields.extended ?? new Map(),
      id: makeMessageId(++this.#messageCounter),
      seq: this.nextSeq(),
    };
    this.messages.set(message.id, message);
    this.tombstones.get(message.folder)?.delete(message.id);
    return message;
  }

  touch(message: StoredMessage): void {
    message.seq = this.nextSeq();
    message.lastModified = this.stamp();
  }

  /** Moves keep the (immutable) id: the old folder gets a tombstone, the new one an upsert. */
  move(message: StoredMessage, folder: FolderName): void {
    if (message.folder === folder) return;
    this.#tombstone(message.folder, message.id);
    message.folder = folder;
    this.tombstones.get(folder)?.delete(message.id);
    this.touch(message);
  }

  hardDelete(message: StoredMessage): void {
    this.#tombstone(message.folder, message.id);
    this.messages.delete(message.id);
  }

  #tombstone(folder: FolderName, id: string): void {
    let set = this.tombstones.get(folder);
    if (!set) {
      set = new Map();
      this.tombstones.set(folder, set);
    }
    set.set(id, this.nextSeq());
  }

  /** Changes in a folder with after < seq <= upto, oldest first; tombstones only when `since` > 0. */
  folderChanges(
    folder: FolderName,
    since: number,
    after: number,
    upto: number,
    limit: number,
  ): Change<StoredMessage>[] {
    const from = Math.max(since, after);
    const changes: Change<StoredMessage>[] = [];
    for (const m of this.messages.values()) {
      if (m.folder === folder && m.seq > from && m.seq <= upto) changes.push({ seq: m.seq, item: m });
    }
    if (since > 0) {
      for (const [id, seq] of this.tombstones.get(folder) ?? []) {
        if (seq > from && seq <= upto) changes.push({ seq, removedId: id });
      }
    }
    changes.sort((a, b) => a.seq - b.seq);
    return changes.slice(0, limit);
  }

  addEvent(event: CalendarEvent, isCancelled = event.status === "cancelled"): StoredEvent {
    const stored: StoredEvent = { id: makeEventId(++this.#eventCounter), seq: this.nextSeq(), event, isCancelled };
    this.events.set(stored.id, stored);
    return stored;
  }

  removeEvent(stored: StoredEvent): void {
    this.events.delete(stored.id);
    this.eventTombstones.set(stored.id, this.nextSeq());
  }

  eventChanges(since: number, after: number, upto: number, limit: number): Change<StoredEvent>[] {
    const from = Math.max(since, after);
    const changes: Change<StoredEvent>[] = [];
    for (const e of this.events.values()) {
      if (e.seq > from && e.seq <= upto) changes.push({ seq: e.seq, item: e });
    }
    if (since > 0) {
      for (const [id, seq] of this.eventTombstones) {
        if (seq > from && seq <= upto) changes.push({ seq, removedId: id });
      }
    }
    changes.sort((a, b) => a.seq - b.seq);
    return changes.slice(0, limit);
  }

  byInternetMessageId(internetMessageId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.internetMessageId === internetMessageId);
  }

  folderMessages(folder: FolderName): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.folder === folder);
  }
}
