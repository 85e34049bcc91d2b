/**
 * The Gmail + Google Calendar adapter behind the MailProvider port. SDK types stay in this folder.
 * Refreshed tokens are handed to `onTokens` (persist them); a refused grant surfaces as ProviderError("auth").
 */
import { systemClock } from "../../clock.js";
import type { EmailAddress, MailMessage } from "../../domain/mail.js";
import type {
  AccountProfile,
  DraftFate,
  DraftRef,
  DraftRequest,
  EventSyncPage,
  MailProvider,
  MailSyncPage,
  OAuthTokens,
  SyncOptions,
} from "../../domain/provider-port.js";
import type { PacerOptions, RequestPacer } from "../request-pacer.js";
import { syncEvents } from "./calendar-sync.js";
import { toMailMessage } from "./convert.js";
import * as drafts from "./drafts.js";
import { DEFAULT_RETRY, GoogleCaller, type RetryPolicy } from "./google-caller.js";
import {
  createApis,
  createOAuthClient,
  fromCredentials,
  type GoogleEndpoints,
  toCredentials,
} from "./google-clients.js";
import { syncMail } from "./mail-sync.js";
import { type GmailSession, UNITS } from "./session.js";
import { signatureText } from "./signature.js";

/** Google's published per-user rate (15,000 units per user per minute): where pacing starts. */
export const GMAIL_PUBLISHED_UNITS_PER_MINUTE = 15_000;
/** How far pacing may climb while Google keeps accepting, unless the operator sets a lower ceiling. */
export const GMAIL_DEFAULT_CEILING = 2 * GMAIL_PUBLISHED_UNITS_PER_MINUTE;
/** Requests in flight per user: Google throttles concurrent requests per user ("Too many concurrent requests"). */
const DEFAULT_CONCURRENCY = 8;

export interface GmailProviderOptions {
  endpoints: GoogleEndpoints;
  tokens: OAuthTokens;
  /** Called with refreshed (possibly rotated) tokens; persist them. */
  onTokens?: (tokens: OAuthTokens) => void | Promise<void>;
  /** The user's addresses as stored (the account's address and aliases): the sync needs no profile then. */
  aliases?: string[];
  /** The account owner as stored: the weekly digest's recipient, without asking for the profile. */
  owner?: EmailAddress;
  /** Units per minute to start at (default: the published rate, or the ceiling when lower); Infinity = unpaced. */
  unitsPerMinute?: number;
  /** The most units per minute pacing climbs to (default GMAIL_DEFAULT_CEILING). */
  unitsPerMinuteCeiling?: number;
  concurrency?: number;
  retry?: RetryPolicy;
  signal?: AbortSignal;
  now?: () => Date;
  /** Reports failures of onTokens (they must not fail the API call that triggered the refresh). */
  onError?: (error: unknown) => void;
}

function gmailPacing(options: GmailProviderOptions): PacerOptions {
  const ceiling = options.unitsPerMinuteCeiling ?? GMAIL_DEFAULT_CEILING;
  const start = options.unitsPerMinute ?? Math.min(GMAIL_PUBLISHED_UNITS_PER_MINUTE, ceiling);
  return {
    startPerMinute: start,
    ceilingPerMinute: Math.max(start, ceiling),
    stepPerSecond: GMAIL_PUBLISHED_UNITS_PER_MINUTE / 100,
    concurrency: options.concurrency ?? DEFAULT_CONCURRENCY,
  };
}

export class GmailProvider implements MailProvider {
  readonly kind = "gmail" as const;
  private readonly session: GmailSession;
  private profile: Promise<AccountProfile> | null = null;
  private tokens: OAuthTokens;
  private readonly owner: EmailAddress | null;

  constructor(options: GmailProviderOptions) {
    const oauth = createOAuthClient(options.endpoints);
    this.tokens = options.tokens;
    this.owner = options.owner ?? null;
    oauth.setCredentials(toCredentials(options.tokens));
    oauth.on("tokens", (credentials) => {
      this.tokens = fromCredentials(credentials, this.tokens);
      Promise.resolve(options.onTokens?.(this.tokens)).catch((error: unknown) => options.onError?.(error));
    });
    const caller = new GoogleCaller({
      oauth,
      pacing: gmailPacing(options),
      retry: options.retry ?? DEFAULT_RETRY,
      signal: options.signal,
    });
    this.session = {
      apis: createApis(options.endpoints, oauth, caller.budget.attemptTimeoutMs),
      caller,
      ownAddresses: new Set((options.aliases ?? []).map((a) => a.toLowerCase())),
      now: options.now ?? (() => systemClock.now()),
    };
  }

  /** Quota units spent by this adapter so far (successful calls). */
  get unitsSpent(): number {
    return this.session.caller.unitsSpent;
  }

  get retries(): number {
    return this.session.caller.retries;
  }

  /** The pacing so far: the current and highest rate (units per minute), refusals, rate cuts. */
  get pacing(): RequestPacer["stats"] & { rate: number } {
    const { pacer } = this.session.caller;
    return { ...pacer.stats, rate: pacer.rate };
  }

  getProfile(): Promise<AccountProfile> {
    this.profile ??= this.loadProfile().catch((error: unknown) => {
      this.profile = null;
      throw error;
    });
    return this.profile;
  }

  /**
   * The address (users.getProfile), the time zone (the primary calendar) and the name and signature Gmail sends
   * with (users.settings.sendAs: the primary address's entry; the calendar's summary is usually the bare address).
   */
  private async loadProfile(): Promise<AccountProfile> {
    const { caller, apis } = this.session;
    const [profile, calendar, sendAs] = await Promise.all([
      caller.call(() => apis.gmail.users.getProfile({ userId: "me" }), { units: UNITS.getProfile, idempotent: true }),
      caller.call(() => apis.calendar.calendars.get({ calendarId: "primary" }), {
        units: UNITS.calendar,
        idempotent: true,
      }),
      caller.call(() => apis.gmail.users.settings.sendAs.list({ userId: "me" }), {
        units: UNITS.sendAsList,
        idempotent: true,
      }),
    ]);
    const address = (profile.data.emailAddress ?? "").toLowerCase();
    this.session.ownAddresses.add(address);
    const entries = sendAs.data.sendAs ?? [];
    const own =
      entries.find((e) => e.isPrimary) ??
      entries.find((e) => e.sendAsEmail?.toLowerCase() === address) ??
      entries.find((e) => e.isDefault);
    const summary = calendar.data.summary ?? "";
    return {
      address,
      displayName: own?.displayName?.trim() || (summary.includes("@") ? "" : summary),
      signature: signatureText(own?.signature ?? ""),
      timeZone: calendar.data.timeZone ?? null,
    };
  }

  /** sentByUser needs the user's address: the stored account's (given as aliases), or else the profile's. */
  private async knowOwnAddresses(): Promise<void> {
    if (this.session.ownAddresses.size === 0) await this.getProfile();
  }

  async *syncMail(cursor: string | null, options: SyncOptions): AsyncIterable<MailSyncPage> {
    await this.knowOwnAddresses();
    yield* syncMail(this.session, cursor, options);
  }

  syncEvents(cursor: string | null, options: SyncOptions): AsyncIterable<EventSyncPage> {
    return syncEvents(this.session, cursor, options);
  }

  async fetchThread(providerThreadId: string): Promise<MailMessage[]> {
    await this.knowOwnAddresses();
    const res = await this.session.caller.call(
      () => this.session.apis.gmail.users.threads.get({ userId: "me", id: providerThreadId, format: "full" }),
      { units: UNITS.threadsGet, idempotent: true },
    );
    return (res.data.messages ?? []).map((m) => toMailMessage(m, this.session.ownAddresses));
  }

  createDraft(request: DraftRequest): Promise<DraftRef> {
    return drafts.createDraft(this.session, request);
  }

  findDraftByMarker(marker: string): Promise<DraftRef | null> {
    return drafts.findDraftByMarker(this.session, marker);
  }

  draftFate(ref: DraftRef, marker: string): Promise<DraftFate> {
    return drafts.draftFate(this.session, ref, marker);
  }

  async sendToSelf(message: { subject: string; text: string; html: string }): Promise<void> {
    let owner = this.owner;
    if (!owner) {
      const profile = await this.getProfile();
      owner = { address: profile.address, name: profile.displayName };
    }
    await drafts.sendToSelf(this.session, owner, message);
  }
}
