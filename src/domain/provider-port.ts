/**
 * The one small port every mail/calendar provider implements (Gmail + Google Calendar, Outlook over Graph). It sits
 * beside the domain types it speaks in (mail.ts): adapters in providers/ depend on it, never the other way round, and
 * SDK types never cross this line.
 */
import type { CalendarEvent, EmailAddress, MailMessage } from "./mail.js";

export type ProviderKind = "gmail" | "outlook";

export interface AccountProfile {
  address: string;
  /** The name the provider puts in the From header (Gmail send-as display name, Graph displayName); may be "". */
  displayName: string;
  /** The signature the provider keeps for the user, as plain text (Gmail send-as); "" when none or not offered. */
  signature?: string;
  /** IANA time zone of the account (primary calendar / mailbox settings), when the provider tells. */
  timeZone: string | null;
}

/** What revoking an account's grant at its provider achieved (some providers offer apps no way to do it). */
export interface RevokeOutcome {
  done: boolean;
  /** One line for the user: what happened, or where to remove the access by hand. */
  detail: string;
}

export interface OAuthTokens {
  accessToken: string;
  refreshToken: string | null;
  /** Epoch milliseconds when the access token expires, when known. */
  expiresAt: number | null;
  scope: string | null;
}

/** One page of mail changes. The caller applies it idempotently, then persists `cursor` (a checkpoint). */
export interface MailSyncPage {
  /** Messages added or changed (metadata; bodyText set only on the messages of the threads in `readInFull`). */
  upserts: MailMessage[];
  /**
   * Provider thread ids this page read in full: their messages in `upserts` are the whole thread with bodyText.
   * The caller assesses them from these bodies before it lets the page go (so no thread is fetched twice) and
   * never stores a body.
   */
  readInFull?: string[];
  /** Threads that could not be read in full (their headers are in `upserts`), with the provider's reason. */
  unreadable?: { threadId: string; reason: string }[];
  /** Provider message ids that were deleted (or moved out of the synced folders). */
  deletions: string[];
  /** Opaque resume point owned by the adapter; persist after applying the page. */
  cursor: string;
  /** True on the last page of this run: the account is caught up. */
  done: boolean;
  /** Quota units (Gmail) or requests (Graph) spent producing this page, for metrics. */
  cost: number;
  /**
   * Labels whose folder was restarted from scratch in this run (its delta state expired). Messages under
   * them that are not upserted again before the run's `done` page may have been deleted meanwhile.
   */
  resync?: string[];
}

export interface EventSyncPage {
  upserts: CalendarEvent[];
  /** Provider event ids removed/cancelled-and-gone. */
  deletions: string[];
  /** When true the provider restarted from scratch (expired sync token): drop stored events first. */
  reset: boolean;
  cursor: string;
  done: boolean;
  cost: number;
}

export interface SyncOptions {
  /** Backfill only mail/events newer than this. */
  since: Date;
  /** Calendar window end (look-ahead). */
  until: Date;
  signal: AbortSignal;
  /**
   * Read the provider's whole change feed, even where a cheaper check says nothing changed (the daily check: Outlook's
   * change probe cannot see a message deleted outright). Default false.
   */
  full?: boolean;
}

/** What a reply draft answers. */
export interface ReplyTarget {
  providerMessageId: string;
  providerThreadId: string | null;
  messageId: string | null;
  references: string[];
  subject: string;
}

export interface DraftRequest {
  /** The message the draft replies to (null: a new thread). */
  replyTo: ReplyTarget | null;
  to: EmailAddress;
  /** Also addressed (a reply-all to an introduction keeps the other people introduced). */
  cc?: EmailAddress[];
  /** Blind copies (the introducer, moved to Bcc by the reply to their introduction). */
  bcc?: EmailAddress[];
  from: EmailAddress;
  subject: string;
  text: string;
  html?: string;
  /**
   * `<account id>.<drafts ledger row id>`, e.g. "12.345" (db/draft-ledger.ts draftMarker). Adapters store it with
   * the draft as the header `X-Rapport-Draft: 12.345` so findDraftByMarker can find the draft after a crash between
   * the provider call and the ledger write, and draftFate can recognise the sent message.
   */
  marker: string;
}

export interface DraftRef {
  draftId: string;
  /** The provider message id of the draft message, when the provider has one. */
  messageId: string | null;
  /** Provider thread the draft sits in (Gmail); lets draftFate find the sent reply after the draft is gone. */
  threadId?: string | null;
  /** Message-ID the draft answers (its In-Reply-To): a sent message answering the same one counts as sent. */
  inReplyTo?: string | null;
}

export type DraftFate = "pending" | "sent" | "deleted";

export interface MailProvider {
  readonly kind: ProviderKind;
  getProfile(): Promise<AccountProfile>;
  /** Incremental mail sync from a cursor (null = backfill from `since`). Throws ProviderError("cursor-expired"). */
  syncMail(cursor: string | null, options: SyncOptions): AsyncIterable<MailSyncPage>;
  /** Incremental calendar sync from a cursor (null = full sync of the window). */
  syncEvents(cursor: string | null, options: SyncOptions): AsyncIterable<EventSyncPage>;
  /** The thread's messages with bodyText filled in (threads the classifier must read that no sync page carried). */
  fetchThread(providerThreadId: string): Promise<MailMessage[]>;
  createDraft(request: DraftRequest): Promise<DraftRef>;
  /** Finds a draft this worker created, by its marker (crash recovery); null when there is none. */
  findDraftByMarker(marker: string): Promise<DraftRef | null>;
  /** Whether a draft is still waiting, was sent by the user, or was deleted. */
  draftFate(ref: DraftRef, marker: string): Promise<DraftFate>;
  /** Sends a message to the account owner only (the weekly digest). */
  sendToSelf(message: { subject: string; text: string; html: string }): Promise<void>;
}

const PROVIDER_ERROR_CODES = ["temporary", "rate-limited", "auth", "cursor-expired", "not-found", "permanent"] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

/** The single error type providers throw. Decide retry / re-authorise / resync on `code` only. */
export class ProviderError extends Error {
  override readonly name = "ProviderError";
  constructor(
    readonly code: ProviderErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number; provider?: ProviderKind; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
  }
  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}
