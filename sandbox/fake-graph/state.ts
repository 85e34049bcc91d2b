/**
 * The in-process control API tests and the demo drive the fake with: what a correspondent or the user does
 * outside Rapport (a new reply, a deleted or moved message, a sent or deleted draft, a cancelled event), what
 * the service does (expired delta tokens, revoked refresh tokens, throttling, faults), and what Rapport left
 * behind (drafts, recorded sendMail calls).
 */
import type { Message } from "@microsoft/microsoft-graph-types";
import type { EmailAddress } from "../../src/domain/mail.js";
import type { SeedMessage } from "../seed.js";
import type { FakeIdentity, TokenResponse } from "./identity.js";
import type { FolderName } from "./ids.js";
import { addSeedMessage } from "./seed-loader.js";
import type { FakeMailboxStore, StoredEvent, StoredMessage } from "./store.js";
import type { FakeBudget, FakeFaults, TrafficControl } from "./traffic.js";

interface RecordedSendMail {
  message: Message;
  saveToSentItems: boolean;
  at: Date;
}

interface IncomingReply {
  from?: EmailAddress;
  text: string;
  date?: Date;
  subject?: string;
  unread?: boolean;
}

export class FakeGraphState {
  readonly sentMail: RecordedSendMail[] = [];
  /** Requests that broke a rule a real client must follow (e.g. no Prefer: IdType="ImmutableId"). */
  readonly violations = { missingImmutableId: 0 };
  /** Exchange marks the original read when replying in some tenants; Rapport must restore it. */
  markReadOnReply = true;
  #incoming = 0;

  constructor(
    readonly store: FakeMailboxStore,
    readonly identity: FakeIdentity,
    readonly traffic: TrafficControl,
  ) {}

  get owner(): EmailAddress {
    return this.store.owner;
  }

  message(id: string): StoredMessage {
    const m = this.store.messages.get(id);
    if (!m) throw new Error(`fake-graph: no message ${id}`);
    return m;
  }

  byInternetMessageId(internetMessageId: string): StoredMessage {
    const [m] = this.store.byInternetMessageId(internetMessageId);
    if (!m) throw new Error(`fake-graph: no message ${internetMessageId}`);
    return m;
  }

  /** Mail arrives in the inbox (or lands in Sent Items when folder is "sent"). */
  deliver(seed: SeedMessage): StoredMessage {
    return addSeedMessage(this.store, seed);
  }

  /** A correspondent answers an existing message: a new inbox message in the same conversation. */
  addReply(toInternetMessageId: string, reply: IncomingReply): StoredMessage {
    const original = this.byInternetMessageId(toInternetMessageId);
    const refs = original.headers.find((h) => h.name.toLowerCase() === "references")?.value.split(/\s+/) ?? [];
    const from = reply.from ?? (original.folder === "sentitems" ? original.to[0] : original.from) ?? original.from;
    const date = reply.date ?? new Date();
    return this.deliver({
      messageId: `<fake-reply-${++this.#incoming}.${date.getTime().toString(36)}@${from.address.split("@")[1] ?? "example.com"}>`,
      inReplyTo: original.internetMessageId,
      references: [...refs.filter(Boolean), original.internetMessageId],
      from,
      to: [this.owner],
      cc: [],
      subject: reply.subject ?? (/^re:/i.test(original.subject) ? original.subject : `RE: ${original.subject}`),
      date,
      text: reply.text,
      folder: "inbox",
      headers: {},
      attachments: [],
      unread: reply.unread ?? true,
    });
  }

  /** Permanently deleted (shift+delete, or emptied from Deleted Items). */
  deleteMessage(id: string): void {
    this.store.hardDelete(this.message(id));
  }

  /** Moved to another folder; the immutable id stays the same. */
  moveMessage(id: string, folder: FolderName): StoredMessage {
    const m = this.message(id);
    this.store.move(m, folder);
    return m;
  }

  markRead(id: string, isRead: boolean): void {
    const m = this.message(id);
    m.isRead = isRead;
    this.store.touch(m);
  }

  drafts(): StoredMessage[] {
    return this.store.folderMessages("drafts");
  }

  /**
   * The user presses Send on a draft: it leaves Drafts and a new item (new id) appears in Sent Items. `edit`
   * rewrites the body first (it gets the draft's body as Exchange holds it, HTML with the quoted original).
   */
  sendDraft(id: string, edit?: (body: string) => string): StoredMessage {
    const draft = this.message(id);
    if (!draft.isDraft) throw new Error(`fake-graph: ${id} is not a draft`);
    this.store.hardDelete(draft);
    return this.store.addMessage({
      ...draft,
      ...(edit ? { body: { ...draft.body, content: edit(draft.body.content) } } : {}),
      folder: "sentitems",
      isDraft: false,
      sentAt: new Date(),
      receivedAt: new Date(),
    });
  }

  /** The user deletes a draft: it goes to Deleted Items, keeping its id. */
  discardDraft(id: string): void {
    this.store.move(this.message(id), "deleteditems");
  }

  event(idOrUid: string): StoredEvent {
    const e = this.store.events.get(idOrUid) ?? [...this.store.events.values()].find((x) => x.event.uid === idOrUid);
    if (!e) throw new Error(`fake-graph: no event ${idOrUid}`);
    return e;
  }

  /** The organizer cancels: the attendee's copy stays, flagged isCancelled. */
  cancelEvent(idOrUid: string): StoredEvent {
    const e = this.event(idOrUid);
    e.isCancelled = true;
    e.event = { ...e.event, status: "cancelled" };
    e.seq = this.store.nextSeq();
    return e;
  }

  removeEvent(idOrUid: string): void {
    this.store.removeEvent(this.event(idOrUid));
  }

  /** Every delta and skip token issued so far now answers 410 syncStateNotFound. */
  expireDeltaTokens(): void {
    this.store.deltaEpoch++;
  }

  /** A token pair for this mailbox: with several mailboxes on one fake, the token says whose /me it reads. */
  issueTokens(scopes?: string[]): TokenResponse {
    return this.identity.issue(scopes, this.owner.address);
  }

  revokeRefreshTokens(): void {
    this.identity.revokeRefreshTokens();
  }

  expireAccessTokens(): void {
    this.identity.expireAccessTokens();
  }

  setFaults(faults: FakeFaults | null): void {
    this.traffic.setFaults(faults);
  }

  setBudget(budget: FakeBudget | null): void {
    this.traffic.budget = budget;
  }
}
