/** Shared set-up for the Gmail adapter tests: a fake Google on a random port and a provider pointed at it. */

import { type FakeGoogle, type FakeGoogleOptions, startFakeGoogle } from "../../../sandbox/fake-google/server.js";
import type { MailMessage } from "../../../src/domain/mail.js";
import type { MailProvider, MailSyncPage, OAuthTokens, SyncOptions } from "../../../src/domain/provider-port.js";
import { GmailProvider, type GmailProviderOptions } from "../../../src/providers/gmail/gmail-provider.js";

export const NOW = new Date("2026-04-15T17:30:00Z");

export function endpointsOf(fake: FakeGoogle) {
  return {
    clientId: fake.oauth.clientId,
    clientSecret: fake.oauth.clientSecret,
    apiRootUrl: fake.url,
    authUrl: fake.authUrl,
    tokenUrl: fake.tokenUrl,
  };
}

export function tokensOf(fake: FakeGoogle, address?: string): OAuthTokens {
  const issued = fake.issueTokens(address);
  return {
    accessToken: issued.access_token,
    refreshToken: issued.refresh_token ?? null,
    expiresAt: Date.now() + issued.expires_in * 1000,
    scope: issued.scope,
  };
}

export function providerFor(fake: FakeGoogle, options: Partial<GmailProviderOptions> = {}): GmailProvider {
  return new GmailProvider({
    endpoints: endpointsOf(fake),
    tokens: tokensOf(fake),
    unitsPerMinute: Number.POSITIVE_INFINITY,
    retry: { maxAttempts: 12, baseDelayMs: 5, maxDelayMs: 100 },
    ...options,
  });
}

export function syncOptions(days = 365): SyncOptions {
  return {
    since: new Date(NOW.getTime() - days * 86_400_000),
    until: new Date(NOW.getTime() + 60 * 86_400_000),
    signal: new AbortController().signal,
  };
}

/** Applies pages the way the worker does: upserts keyed by provider id, deletions remove. */
export class MirrorMailbox {
  readonly messages = new Map<string, MailMessage>();
  cursor: string | null = null;
  pages = 0;
  cost = 0;
  /** Threads the pages said they read in full, in order (a thread twice here was read twice). */
  readInFull: string[] = [];
  apply(page: MailSyncPage): void {
    this.readInFull.push(...(page.readInFull ?? []));
    for (const m of page.upserts) if (m.providerId) this.messages.set(m.providerId, m);
    for (const id of page.deletions) this.messages.delete(id);
    this.cursor = page.cursor;
    this.pages++;
    this.cost += page.cost;
  }
  async syncAll(
    provider: MailProvider,
    options = syncOptions(),
    stopAfterPages = Number.POSITIVE_INFINITY,
  ): Promise<void> {
    let seen = 0;
    for await (const page of provider.syncMail(this.cursor, options)) {
      this.apply(page);
      if (++seen >= stopAfterPages) return;
    }
  }
  /** A comparable snapshot: sorted provider ids with their thread and Message-ID. */
  snapshot(): string[] {
    return [...this.messages.values()]
      .map((m) => `${m.providerThreadId}/${m.providerId}/${m.messageId}/${m.labels.join(",")}`)
      .sort();
  }
}

export async function withFake<T>(options: FakeGoogleOptions, fn: (fake: FakeGoogle) => Promise<T>): Promise<T> {
  const fake = await startFakeGoogle(options);
  try {
    return await fn(fake);
  } finally {
    await fake.close();
  }
}

/** Counts threads.get requests per thread id and format (`id format`), passing every request on. */
export function countThreadReads(fake: FakeGoogle): Map<string, number> {
  const reads = new Map<string, number>();
  fake.intercept = (req) => {
    const match = /\/threads\/([^/]+)$/.exec(req.path);
    if (match && req.method === "GET") {
      const key = `${match[1]} ${req.query.get("format") ?? "full"}`;
      reads.set(key, (reads.get(key) ?? 0) + 1);
    }
    return undefined;
  };
  return reads;
}
