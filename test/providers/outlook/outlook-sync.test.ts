import { afterEach, describe, expect, test } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import type { MailSyncPage } from "../../../src/domain/provider-port.js";
import { mailboxSlots, odataString } from "../../../src/providers/outlook/graph-client.js";
import { connect, EventReplica, MailReplica, SCENARIO_NOW, smallMailbox, startFake, syncOptions } from "./helpers.js";

let fake: FakeGraph | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function folderCounts(f: FakeGraph) {
  const inbox = f.state.store.folderMessages("inbox").length;
  const sent = f.state.store.folderMessages("sentitems").length;
  return { inbox, sent, total: inbox + sent };
}

describe("Outlook mail sync against the fake Graph", () => {
  test("backfill pages through Sent Items and Inbox, maps messages, and always asks for immutable ids", async () => {
    fake = await startFake();
    const { provider } = connect(fake, { pageSize: 10, readConversationsInSync: false });
    const replica = new MailReplica();
    await replica.sync(provider);

    expect(replica.messages.size).toBe(folderCounts(fake).total);
    expect(fake.state.violations.missingImmutableId).toBe(0);
    const sample = [...replica.messages.values()].find((m) => m.labels.includes("SENT"));
    expect(sample?.sentByUser).toBe(true);
    expect(sample?.from?.address).toBe(fake.state.owner.address);
    const stored = fake.state.message(sample?.providerId ?? "");
    expect(sample?.messageId).toBe(stored.internetMessageId);
    expect(sample?.providerThreadId).toBe(stored.conversationId);
    expect(sample?.bodyText).toBeUndefined();
    // A re-run from the stored cursor finds nothing new.
    const before = replica.upserts;
    await replica.sync(provider);
    expect(replica.upserts).toBe(before);
  });

  test("a backfill interrupted after some pages resumes from its checkpoint without repeating them", async () => {
    fake = await startFake();
    const { provider } = connect(fake, { pageSize: 7, readConversationsInSync: false });
    const replica = new MailReplica();
    await replica.sync(provider, syncOptions(), 2);
    expect(replica.messages.size).toBe(14);
    const requestsBefore = fake.state.traffic.stats.requests;
    await replica.sync(provider);
    expect(replica.messages.size).toBe(folderCounts(fake).total);
    expect(replica.upserts).toBe(folderCounts(fake).total);
    // Resumed at page 3: no request re-read the first two pages.
    const pages = Math.ceil(folderCounts(fake).inbox / 7) + Math.ceil(folderCounts(fake).sent / 7);
    expect(fake.state.traffic.stats.requests - requestsBefore).toBeLessThanOrEqual(pages - 2 + 8);
  });

  test("incremental: a new reply, a deleted message, a moved message that keeps its id", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const replica = new MailReplica();
    await replica.sync(provider);

    const inbox = fake.state.store.folderMessages("inbox");
    const sentMessage = fake.state.store.folderMessages("sentitems")[0];
    const [toDelete, toMove] = inbox;
    if (!sentMessage || !toDelete || !toMove) throw new Error("seed too small");
    const reply = fake.state.addReply(sentMessage.internetMessageId, {
      text: "Happy to chat next week.",
      date: SCENARIO_NOW,
    });
    fake.state.deleteMessage(toDelete.id);
    fake.state.moveMessage(toMove.id, "archive");

    await replica.sync(provider);
    const got = replica.messages.get(reply.id);
    expect(got?.providerThreadId).toBe(sentMessage.conversationId);
    expect(got?.labels).toEqual(["INBOX", "UNREAD"]);
    expect(replica.messages.has(toDelete.id)).toBe(false);
    expect(replica.messages.get(toMove.id)?.labels[0]).toBe("ARCHIVE");
    expect(replica.messages.size).toBe(folderCounts(fake).total + 1);
  });

  test("a message moved from Sent Items to the Inbox is not lost to the order of folder pages", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const replica = new MailReplica();
    await replica.sync(provider);
    const sent = fake.state.store.folderMessages("sentitems")[0];
    if (!sent) throw new Error("seed too small");
    fake.state.moveMessage(sent.id, "inbox");
    await replica.sync(provider);
    expect(replica.messages.get(sent.id)?.labels[0]).toBe("INBOX");
  });

  test("an expired delta token resyncs that folder without duplicates", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const replica = new MailReplica();
    await replica.sync(provider);
    const snapshot = replica.snapshot();
    fake.state.expireDeltaTokens();
    const first = fake.state.store.folderMessages("inbox")[0];
    if (!first) throw new Error("seed too small");
    fake.state.markRead(first.id, !first.isRead);

    await replica.sync(provider);
    expect(replica.resync).toEqual(["SENT", "INBOX"]);
    expect(replica.messages.size).toBe(snapshot.length);
    expect(replica.messages.get(first.id)?.labels.includes("UNREAD")).toBe(!first.isRead);
    await replica.sync(provider);
    expect(replica.resync).toEqual(["SENT", "INBOX"]);
  });

  test("a backfill reads each conversation the user wrote in once, beside its delta pages, as pages of its own", async () => {
    fake = await startFake();
    const { provider } = connect(fake, { pageSize: 10 });
    const queried: string[] = [];
    fake.intercept = (req) => {
      const match = /conversationId eq '([^']+)'/.exec(req.query.get("$filter") ?? "");
      if (match?.[1]) queried.push(match[1]);
      return undefined;
    };
    const pages: MailSyncPage[] = [];
    for await (const page of provider.syncMail(null, syncOptions())) pages.push(page);
    const read = pages.filter((p) => p.readInFull);
    const readIds = read.flatMap((p) => p.readInFull ?? []);
    const userConversations = new Set(fake.state.store.folderMessages("sentitems").map((m) => m.conversationId));
    expect(new Set(readIds)).toEqual(userConversations);
    expect(readIds).toHaveLength(userConversations.size);
    expect(queried).toHaveLength(userConversations.size);
    // Each request is counted once, by the page it served (the well-known folders' lookups may fall between pages).
    const cost = pages.reduce((n, p) => n + p.cost, 0);
    expect(cost).toBeLessThanOrEqual(provider.requestCount);
    expect(cost).toBeGreaterThanOrEqual(provider.requestCount - 6);
    // Conversation pages carry the conversations' messages with bodies, delta pages headers only.
    for (const page of pages) {
      for (const m of page.upserts) {
        const inRead = page.readInFull?.includes(m.providerThreadId ?? "") ?? false;
        expect(m.bodyText === undefined).toBe(!inRead);
      }
    }
    // Reads started before the delta pages ended, and the last page (the one that says done) is a delta page.
    expect(pages.findIndex((p) => p.readInFull)).toBeLessThan(pages.length - read.length - 1);
    expect(pages.at(-1)?.done).toBe(true);
    expect(pages.at(-1)?.readInFull).toBeUndefined();
    expect(pages.filter((p) => p.done)).toHaveLength(1);
    // Only messages of the synced folders are stored: the same set a sync without the reads stores.
    const replica = new MailReplica();
    for (const page of pages) replica.apply(page);
    expect(replica.messages.size).toBe(folderCounts(fake).total);
    // An incremental round reads no conversation (the assessment reads what changed).
    fake.state.addReply(fake.state.store.folderMessages("sentitems")[0]?.internetMessageId ?? "", {
      text: "Sure, Tuesday works.",
      date: SCENARIO_NOW,
    });
    queried.length = 0;
    const next: MailSyncPage[] = [];
    for await (const page of provider.syncMail(replica.cursor, syncOptions())) next.push(page);
    expect(next.some((p) => p.readInFull)).toBe(false);
    expect(queried).toHaveLength(0);
    fake.intercept = null;
  });

  test("messages older than the backfill window are left out", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const replica = new MailReplica();
    const since = new Date(SCENARIO_NOW.getTime() - 30 * 86_400_000);
    await replica.sync(provider, syncOptions({ since }));
    const expected = [...fake.state.store.messages.values()].filter(
      (m) => (m.folder === "inbox" || m.folder === "sentitems") && m.receivedAt >= since,
    );
    expect(replica.messages.size).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  test("under a request budget and server latency, 429s are waited out and at most 4 requests run at once", async () => {
    // Three requests per 300 ms: any machine sends faster than that, so the budget always bites.
    fake = await startFake({ budget: { requests: 3, windowMs: 300 }, latencyMs: 3 });
    const { provider } = connect(fake, { pageSize: 5 });
    const replica = new MailReplica();
    await replica.sync(provider);
    fake.state.setBudget(null);
    const threads = [...new Set([...replica.messages.values()].map((m) => m.providerThreadId ?? ""))].slice(0, 12);
    await Promise.all(threads.map((t) => provider.fetchThread(t)));
    expect(replica.messages.size).toBe(folderCounts(fake).total);
    expect(fake.state.traffic.stats.throttled).toBeGreaterThan(0);
    expect(fake.state.traffic.stats.maxInFlight).toBeLessThanOrEqual(4);
    expect(fake.state.traffic.stats.maxInFlight).toBeGreaterThan(1);
  });

  test("two adapters of one mailbox share its 4 request slots", async () => {
    fake = await startFake({ latencyMs: 5 });
    const slots = mailboxSlots(`test ${fake.url}`);
    const a = connect(fake, { slots }).provider;
    const b = connect(fake, { slots }).provider;
    const conversations = [...new Set(fake.state.store.folderMessages("inbox").map((m) => m.conversationId))];
    await Promise.all(conversations.slice(0, 16).map((c, i) => (i % 2 === 0 ? a : b).fetchThread(c)));
    expect(fake.state.traffic.stats.throttled).toBe(0);
    expect(fake.state.traffic.stats.maxInFlight).toBeLessThanOrEqual(4);
  });

  test("fetchThread returns the conversation with text bodies and threading headers", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const sent = fake.state.store.folderMessages("sentitems")[0];
    if (!sent) throw new Error("seed too small");
    const reply = fake.state.addReply(sent.internetMessageId, {
      text: "Sure <b>thing</b> & see you",
      date: SCENARIO_NOW,
    });
    const thread = await provider.fetchThread(sent.conversationId);
    const last = thread.at(-1);
    expect(thread.length).toBeGreaterThanOrEqual(2);
    expect(last?.providerId).toBe(reply.id);
    expect(last?.bodyText).toBe("Sure <b>thing</b> & see you");
    expect(last?.inReplyTo).toEqual([sent.internetMessageId]);
    expect(last?.references.at(-1)).toBe(sent.internetMessageId);
  });

  test("OData literals are encoded by us: a Message-ID with + / = and a quote is found (trap 7)", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const messageId = "<a+b/c=d'e@example.com>";
    const delivered = fake.state.deliver({
      messageId,
      inReplyTo: null,
      references: [],
      from: { address: "maria@example.org", name: "Maria" },
      to: [fake.state.owner],
      cc: [],
      subject: "Tricky id",
      date: SCENARIO_NOW,
      text: "hi",
      folder: "inbox",
      headers: {},
      attachments: [],
      unread: true,
    });
    // Unencoded, "+" reaches the server as a space and nothing matches.
    const page = await provider.session.get<{ value: { id: string }[] }>(
      `/me/messages?$filter=internetMessageId eq ${odataString(messageId)}&$select=id`,
    );
    expect(page.value.map((m) => m.id)).toEqual([delivered.id]);
  });

  test("profile: address from /me, IANA time zone from mailbox settings (Windows names mapped)", async () => {
    fake = await startFake({ mailbox: { ...smallMailbox(10), timeZone: "W. Europe Standard Time" } });
    const { provider } = connect(fake);
    const profile = await provider.getProfile();
    expect(profile).toEqual({
      address: fake.state.owner.address,
      displayName: fake.state.owner.name,
      timeZone: "Europe/Berlin",
    });
  });
});

describe("Outlook calendar sync against the fake Graph", () => {
  test("window sync, a cancelled event, a removed event, and an expired token", async () => {
    fake = await startFake();
    const { provider } = connect(fake, { pageSize: 3 });
    const replica = new EventReplica();
    const options = syncOptions();
    await replica.sync(provider, options);
    const inWindow = [...fake.state.store.events.values()].filter(
      (e) => e.event.start < new Date(options.until.getTime() + 7 * 86_400_000) && e.event.end > options.since,
    );
    expect(replica.events.size).toBe(inWindow.length);
    const [cancelled, removed] = inWindow;
    if (!cancelled || !removed) throw new Error("seed has too few events");
    const mapped = replica.events.get(cancelled.id);
    expect(mapped?.uid).toBe(cancelled.event.uid);
    expect(mapped?.start.toISOString()).toBe(cancelled.event.start.toISOString());

    fake.state.cancelEvent(cancelled.id);
    fake.state.removeEvent(removed.id);
    await replica.sync(provider, options);
    expect(replica.events.get(cancelled.id)?.status).toBe("cancelled");
    expect(replica.events.has(removed.id)).toBe(false);

    fake.state.expireDeltaTokens();
    await replica.sync(provider, options);
    expect(replica.resets).toBe(1);
    expect(replica.events.size).toBe(inWindow.length - 1);
  });
});
