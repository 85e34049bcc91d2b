/** Shared set-up for the Outlook tests: the fake on a random port and the real adapter pointed at it. */

import { type FakeGraph, type FakeGraphOptions, startFakeGraph } from "../../../sandbox/fake-graph/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import type { SeedMailbox } from "../../../sandbox/seed.js";
import type { CalendarEvent, MailMessage } from "../../../src/domain/mail.js";
import type { EventSyncPage, MailSyncPage, OAuthTokens, SyncOptions } from "../../../src/domain/provider-port.js";
import type { Semaphore } from "../../../src/providers/outlook/graph-client.js";
import { OutlookProvider } from "../../../src/providers/outlook/outlook-provider.js";

export const SCENARIO_NOW = new Date("2026-04-15T17:30:00Z");

export function smallMailbox(size = 60, seed: string | number = "outlook-tests"): SeedMailbox {
  return generateMailbox({ seed, size, now: SCENARIO_NOW, spanDays: 120 });
}

export function startFake(options: Partial<FakeGraphOptions> = {}): Promise<FakeGraph> {
  return startFakeGraph({ mailbox: options.mailbox ?? smallMailbox(), retryAfterSeconds: 0.01, ...options });
}

export interface Connected {
  provider: OutlookProvider;
  saved: OAuthTokens[];
}

/** The adapter over a token pair issued by the fake, with rotation persisted into `saved`. */
export function connect(
  fake: FakeGraph,
  options: { pageSize?: number; scopes?: string[]; slots?: Semaphore; readConversationsInSync?: boolean } = {},
): Connected {
  const issued = fake.state.issueTokens(options.scopes);
  const saved: OAuthTokens[] = [];
  const provider = OutlookProvider.forAccount({
    graphUrl: fake.graphUrl,
    oauth: { clientId: "fake-client-id", clientSecret: "fake-client-secret", tenant: "common", loginUrl: fake.url },
    tokens: {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? null,
      expiresAt: Date.now() + issued.expires_in * 1000,
      scope: issued.scope,
    },
    saveTokens: async (tokens) => {
      saved.push(tokens);
    },
    pageSize: options.pageSize ?? 25,
    ...(options.slots ? { slots: options.slots } : {}),
    ...(options.readConversationsInSync === false ? { readConversationsInSync: false } : {}),
    retry: { baseDelayMs: 5, maxDelayMs: 50, attempts: 8 },
  });
  return { provider, saved };
}

export function syncOptions(overrides: Partial<SyncOptions> = {}): SyncOptions {
  return {
    since: new Date(SCENARIO_NOW.getTime() - 365 * 86_400_000),
    until: new Date(SCENARIO_NOW.getTime() + 60 * 86_400_000),
    signal: new AbortController().signal,
    ...overrides,
  };
}

/** What a caller keeps: messages by provider id, the cursor, and what the pages said. */
export class MailReplica {
  readonly messages = new Map<string, MailMessage>();
  cursor: string | null = null;
  pages = 0;
  cost = 0;
  upserts = 0;
  deletions = 0;
  resync: string[] = [];

  apply(page: MailSyncPage): void {
    for (const m of page.upserts) {
      if (m.providerId) this.messages.set(m.providerId, m);
    }
    for (const id of page.deletions) this.messages.delete(id);
    this.cursor = page.cursor;
    this.pages++;
    this.cost += page.cost;
    this.upserts += page.upserts.length;
    this.deletions += page.deletions.length;
    this.resync.push(...(page.resync ?? []));
  }

  async sync(provider: OutlookProvider, options = syncOptions(), maxPages = Number.POSITIVE_INFINITY): Promise<void> {
    let taken = 0;
    for await (const page of provider.syncMail(this.cursor, options)) {
      this.apply(page);
      if (++taken >= maxPages) return;
    }
  }

  /** Resumes from the last checkpoint after transient failures, as the worker does. */
  async syncResuming(provider: OutlookProvider, options = syncOptions(), maxRestarts = 50): Promise<number> {
    for (let restarts = 0; ; restarts++) {
      try {
        await this.sync(provider, options);
        return restarts;
      } catch (error) {
        const code = (error as { code?: string }).code;
        if ((code !== "temporary" && code !== "rate-limited") || restarts >= maxRestarts) throw error;
      }
    }
  }

  snapshot(): string[] {
    return [...this.messages.values()]
      .map((m) => `${m.providerId}|${m.providerThreadId}|${m.messageId}|${m.labels.join(",")}|${m.subject}`)
      .sort();
  }
}

export class EventReplica {
  readonly events = new Map<string, CalendarEvent>();
  cursor: string | null = null;
  resets = 0;

  async sync(provider: OutlookProvider, options = syncOptions()): Promise<void> {
    for await (const page of provider.syncEvents(this.cursor, options)) this.apply(page);
  }

  apply(page: EventSyncPage): void {
    if (page.reset) {
      this.events.clear();
      this.resets++;
    }
    for (const e of page.upserts) if (e.providerId) this.events.set(e.providerId, e);
    for (const id of page.deletions) this.events.delete(id);
    this.cursor = page.cursor;
  }
}
