/**
 * The Outlook implementation of the MailProvider port over Microsoft Graph. Graph types stay in this folder;
 * callers see domain shapes, ProviderError, and an opaque cursor they persist after each page.
 */
import type { User } from "@microsoft/microsoft-graph-types";
import type { Clock } from "../../clock.js";
import type { MailMessage } from "../../domain/mail.js";
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
import { ProviderError } from "../../domain/provider-port.js";
import { readAhead } from "../read-ahead.js";
import { readConversation } from "./conversations.js";
import { MARKER_PROPERTY_ID, OutlookDrafts } from "./drafts.js";
import { syncEvents } from "./event-sync.js";
import { type AccessTokenSource, createGraphClient, type GraphClientOptions, parseGraphUrl } from "./graph-client.js";
import { DEFAULT_RETRY, GraphSession, graphPacer, type RetryPolicy } from "./graph-session.js";
import { syncMail } from "./mail-sync.js";
import type { MapContext } from "./map-message.js";
import { type MicrosoftOAuthConfig, RotatingTokenSource } from "./microsoft-oauth.js";
import { toIanaTimeZone } from "./time-zones.js";

interface OutlookProviderOptions extends GraphClientOptions {
  /** MICROSOFT_GRAPH_URL, e.g. https://graph.microsoft.com/v1.0 */
  graphUrl: string;
  tokens: AccessTokenSource;
  /** Prefer: odata.maxpagesize for delta pages. Default 100. */
  pageSize?: number;
  /** The most requests per minute to this mailbox (default: Outlook's 10,000 per 10 minutes). */
  requestsPerMinute?: number;
  retry?: Partial<RetryPolicy>;
  /** The job's signal: its requests stop when the job is given up. */
  signal?: AbortSignal;
  /** The user's addresses as stored (the account's address first, then aliases): no /me needed to sync then. */
  ownAddresses?: readonly string[];
  /**
   * A backfill reads the conversations the user wrote in beside its delta pages, as pages with `readInFull`
   * (mail-sync.ts). Default true; false leaves every conversation read to the assessment (fetchThread).
   */
  readConversationsInSync?: boolean;
}

interface OutlookAccountOptions extends Omit<OutlookProviderOptions, "tokens"> {
  oauth: MicrosoftOAuthConfig;
  tokens: OAuthTokens;
  /** Persists rotated tokens (encrypted) before they are used. */
  saveTokens: (tokens: OAuthTokens) => Promise<void>;
  /** Reads the stored tokens again (another instance may have rotated them); optional. */
  loadTokens?: () => Promise<OAuthTokens | null>;
  clock?: Clock;
}

export class OutlookProvider implements MailProvider {
  readonly kind = "outlook" as const;
  readonly session: GraphSession;
  readonly #drafts: OutlookDrafts;
  readonly #pageSize: number;
  readonly #readConversations: boolean;
  #profile: Promise<AccountProfile> | null = null;
  readonly #ownAddresses: readonly string[];

  constructor(options: OutlookProviderOptions) {
    const endpoint = parseGraphUrl(options.graphUrl);
    const { client, stats } = createGraphClient(endpoint, options.tokens, options);
    this.session = new GraphSession(
      client,
      endpoint,
      stats,
      { ...DEFAULT_RETRY, ...options.retry },
      options.signal ?? null,
      graphPacer(options.requestsPerMinute),
    );
    this.#pageSize = options.pageSize ?? 100;
    this.#readConversations = options.readConversationsInSync ?? true;
    this.#ownAddresses = (options.ownAddresses ?? []).map((a) => a.toLowerCase());
    const stored = this.#ownAddresses[0];
    this.#drafts = new OutlookDrafts(this.session, async () => stored ?? (await this.getProfile()).address);
  }

  /** A provider for a stored account: refreshes and rotates tokens, persisting each new pair. */
  static forAccount(options: OutlookAccountOptions): OutlookProvider {
    const tokens = new RotatingTokenSource(
      options.oauth,
      options.tokens,
      options.saveTokens,
      options.clock,
      options.loadTokens,
    );
    return new OutlookProvider({ ...options, tokens });
  }

  /** Requests sent so far (every attempt, retries included). */
  get requestCount(): number {
    return this.session.stats.requests;
  }

  getProfile(): Promise<AccountProfile> {
    this.#profile ??= this.#loadProfile().catch((error: unknown) => {
      this.#profile = null;
      throw error;
    });
    return this.#profile;
  }

  async #loadProfile(): Promise<AccountProfile> {
    const [me, settings] = await Promise.all([
      this.session.get<User>("/me?$select=displayName,mail,userPrincipalName"),
      this.session
        .get<{ timeZone?: string }>("/me/mailboxSettings?$select=timeZone")
        .catch((error: unknown): { timeZone?: string } => {
          // Accounts connected before MailboxSettings.Read was asked for: no time zone rather than no account.
          if (error instanceof ProviderError && error.details.status === 403) return {};
          throw error;
        }),
    ]);
    const address = (me.mail ?? me.userPrincipalName ?? "").toLowerCase();
    return { address, displayName: me.displayName ?? "", timeZone: toIanaTimeZone(settings.timeZone) };
  }

  async #mapContext(): Promise<MapContext> {
    const own = this.#ownAddresses.length > 0 ? this.#ownAddresses : [(await this.getProfile()).address];
    return { ownAddresses: new Set(own), labelOf: () => "OTHER", markerPropertyId: MARKER_PROPERTY_ID };
  }

  /** The next delta page is read while the caller stores this one (providers/read-ahead.ts). */
  syncMail(cursor: string | null, options: SyncOptions): AsyncIterable<MailSyncPage> {
    return readAhead(
      syncMail(
        {
          session: this.session,
          mapContext: () => this.#mapContext(),
          pageSize: this.#pageSize,
          readConversations: this.#readConversations,
        },
        cursor,
        options,
      ),
    );
  }

  syncEvents(cursor: string | null, options: SyncOptions): AsyncIterable<EventSyncPage> {
    const ownAddresses = async () => (await this.#mapContext()).ownAddresses;
    return syncEvents({ session: this.session, ownAddresses, pageSize: this.#pageSize }, cursor, options);
  }

  async fetchThread(providerThreadId: string): Promise<MailMessage[]> {
    return (await readConversation(this.session, await this.#mapContext(), providerThreadId)).messages;
  }

  createDraft(request: DraftRequest): Promise<DraftRef> {
    return this.#drafts.create(request);
  }

  findDraftByMarker(marker: string): Promise<DraftRef | null> {
    return this.#drafts.findByMarker(marker);
  }

  draftFate(ref: DraftRef, marker: string): Promise<DraftFate> {
    return this.#drafts.fate(ref, marker);
  }

  sendToSelf(message: { subject: string; text: string; html: string }): Promise<void> {
    return this.#drafts.sendToSelf(message);
  }
}
