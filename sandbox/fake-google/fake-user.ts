/**
 * One account in the fake (mailbox + calendar + quota) and the in-process control API tests and the demo use
 * to make things happen "on Google's side": a reply arrives, a message is deleted, an event moves, history
 * or sync tokens expire, the user sends or deletes a draft.
 */
import type { gmail_v1 } from "@googleapis/gmail";
import type { CalendarEvent, EmailAddress } from "../../src/domain/mail.js";
import type { SeedMailbox } from "../seed.js";
import { FakeCalendarStore } from "./calendar-store.js";
import { FakeGmailStore } from "./gmail-store.js";
import { header, renderMessage, type StoredMessage } from "./message-format.js";
import { type QuotaOptions, UserQuota } from "./quota.js";

interface FakeDraftView {
  draftId: string;
  message: StoredMessage;
  /** Header lookup, case-insensitive. */
  header(name: string): string | undefined;
  /** The draft exactly as Gmail would return it with format=raw, decoded to text. */
  raw(): Promise<string>;
}

export class FakeGoogleUser {
  readonly address: string;
  readonly gmail: FakeGmailStore;
  readonly calendar: FakeCalendarStore;
  readonly quota: UserQuota;
  /** users.settings.sendAs: the primary address's entry first (Gmail lists every account's primary address). */
  readonly sendAs: gmail_v1.Schema$SendAs[];

  constructor(
    readonly mailbox: SeedMailbox,
    quota: QuotaOptions,
  ) {
    this.address = mailbox.owner.address.toLowerCase();
    this.gmail = new FakeGmailStore(mailbox.owner, mailbox.messages);
    this.calendar = new FakeCalendarStore(mailbox.timeZone, mailbox.events);
    this.quota = new UserQuota(quota);
    this.sendAs = [
      {
        sendAsEmail: this.address,
        displayName: mailbox.owner.name,
        replyToAddress: "",
        signature: mailbox.signature ?? "",
        isPrimary: true,
        isDefault: true,
        treatAsAlias: false,
      },
    ];
  }

  /** The user changes their name or signature in Gmail's settings. */
  setSendAs(change: { displayName?: string; signature?: string }): void {
    const primary = this.sendAs[0] as gmail_v1.Schema$SendAs;
    if (change.displayName !== undefined) primary.displayName = change.displayName;
    if (change.signature !== undefined) primary.signature = change.signature;
  }

  /** The Gmail id of a message by its RFC Message-ID. */
  messageIdOf(rfcMessageId: string): string {
    for (const m of this.gmail.messages.values()) if (header(m, "Message-ID") === rfcMessageId) return m.id;
    throw new Error(`no message ${rfcMessageId}`);
  }

  /** A reply from `from` to the given Gmail message arrives in the inbox, threaded. */
  addReply(toGmailId: string, from: EmailAddress, text: string, date = new Date()): StoredMessage {
    const parent = this.gmail.get(toGmailId);
    const parentRfc = header(parent, "Message-ID") ?? "";
    const references = (header(parent, "References") ?? "").split(/\s+/).filter(Boolean);
    const subject = header(parent, "Subject") ?? "";
    return this.gmail.addSeedMessage({
      messageId: `<reply.${Date.now().toString(36)}.${this.gmail.messages.size}@${from.address.split("@")[1]}>`,
      inReplyTo: parentRfc,
      references: [...references, parentRfc],
      from,
      to: [this.mailbox.owner],
      cc: [],
      subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
      date,
      text,
      folder: "inbox",
      headers: {},
      attachments: [],
      unread: true,
    });
  }

  deleteMessage(gmailId: string): void {
    this.gmail.deleteMessage(gmailId);
  }

  trashMessage(gmailId: string): void {
    this.gmail.modifyLabels(gmailId, ["TRASH"], ["INBOX"]);
  }

  expireHistory(): void {
    this.gmail.expireHistory();
  }

  eventIdOf(uid: string): string {
    const event = this.calendar.findByUid(uid);
    if (!event?.id) throw new Error(`no event ${uid}`);
    return event.id;
  }

  moveEvent(eventId: string, start: Date, end: Date): void {
    this.calendar.move(eventId, start, end);
  }

  cancelEvent(eventId: string): void {
    this.calendar.cancel(eventId);
  }

  addEvent(event: CalendarEvent): string {
    return this.calendar.add(event);
  }

  expireSyncTokens(): void {
    this.calendar.expireSyncTokens();
  }

  drafts(): FakeDraftView[] {
    return [...this.gmail.drafts].map(([draftId]) => this.draftView(draftId));
  }

  private draftView(draftId: string): FakeDraftView {
    const message = this.gmail.draftMessage(draftId);
    return {
      draftId,
      message,
      header: (name) => header(message, name),
      raw: async () => {
        const rendered: gmail_v1.Schema$Message = await renderMessage(message, "raw");
        return Buffer.from(rendered.raw ?? "", "base64url").toString("utf8");
      },
    };
  }

  /** Messages sent through the API (messages.send / drafts.send) or by the user pressing Send on a draft. */
  sent(): StoredMessage[] {
    return this.gmail.sentLog.map((id) => this.gmail.messages.get(id)).filter((m): m is StoredMessage => !!m);
  }

  /**
   * The user sends a draft in the web UI: a new message id, custom X- headers dropped; `edit` rewrites the body
   * first (it gets the draft's text, quoted history included).
   */
  userSendsDraft(draftId: string, edit?: (text: string) => string): StoredMessage {
    const text = edit ? edit(this.gmail.draftMessage(draftId).text) : undefined;
    return this.gmail.sendDraft(draftId, { viaWebUi: true, ...(text === undefined ? {} : { text }) });
  }

  /** The user discards a draft. */
  userDeletesDraft(draftId: string): void {
    this.gmail.deleteMessage(this.gmail.draftMessage(draftId).id);
  }
}
