import { afterEach, describe, expect, test } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import type { StoredMessage } from "../../../sandbox/fake-graph/store.js";
import type { DraftRequest } from "../../../src/domain/provider-port.js";
import { MARKER_PROPERTY_ID, STATE_PROPERTY_ID } from "../../../src/providers/outlook/drafts.js";
import { connect, SCENARIO_NOW, startFake } from "./helpers.js";

let fake: FakeGraph | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

function replyRequest(original: StoredMessage, marker: string, to = original.from): DraftRequest {
  return {
    replyTo: {
      providerMessageId: original.id,
      providerThreadId: original.conversationId,
      messageId: original.internetMessageId,
      references: [],
      subject: original.subject,
    },
    to,
    from: { address: "alex.rivera@example.com", name: "Alex Rivera" },
    subject: `Re: ${original.subject}`,
    text: "Thank you for the time today.\nThe tip about portfolios was gold.",
    marker,
  };
}

function unreadInboxMessage(f: FakeGraph): StoredMessage {
  const m = f.state.store.folderMessages("inbox").find((x) => !x.isRead) ?? f.state.store.folderMessages("inbox")[0];
  if (!m) throw new Error("seed has no inbox mail");
  f.state.markRead(m.id, false);
  return m;
}

describe("Outlook drafts against the fake Graph", () => {
  test("a reply draft lands in Drafts, in the conversation, addressed explicitly; the original stays unread", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const original = unreadInboxMessage(fake);
    const ref = await provider.createDraft(replyRequest(original, "rapport:thanks:1"));

    const [draft] = fake.state.drafts();
    expect(draft?.id).toBe(ref.draftId);
    expect(draft?.conversationId).toBe(original.conversationId);
    expect(draft?.to).toEqual([original.from]);
    expect(draft?.subject).toBe(`Re: ${original.subject}`);
    expect(draft?.body.content).toContain("Thank you for the time today.<br>The tip about portfolios was gold.");
    // Exchange's quoted original stays below our text.
    expect(draft?.body.content).toMatch(/gold\.<\/div><br><div>.*From:/s);
    expect(draft?.extended.get(MARKER_PROPERTY_ID)).toBe("rapport:thanks:1");
    expect(draft?.extended.get(STATE_PROPERTY_ID)).toBe("complete");
    expect(fake.state.message(original.id).isRead).toBe(false);
  });

  test("re-running with the same marker creates nothing new; findDraftByMarker finds it", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const original = unreadInboxMessage(fake);
    const first = await provider.createDraft(replyRequest(original, "rapport:thanks:2"));
    const second = await provider.createDraft(replyRequest(original, "rapport:thanks:2"));
    expect(second).toEqual(first);
    expect(fake.state.drafts()).toHaveLength(1);
    expect(await provider.findDraftByMarker("rapport:thanks:2")).toEqual(first);
    expect(await provider.findDraftByMarker("rapport:other")).toBeNull();
  });

  test("a nudge on the user's own sent message is addressed to the contact, not the user (trap 13)", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const sent = fake.state.store.folderMessages("sentitems")[0];
    const contact = sent?.to[0];
    if (!sent || !contact) throw new Error("seed has no sent mail");
    await provider.createDraft(replyRequest(sent, "rapport:nudge:1", contact));
    const [draft] = fake.state.drafts();
    expect(draft?.to).toEqual([contact]);
    expect(draft?.conversationId).toBe(sent.conversationId);
  });

  test("a draft left half-made by a crash (state pending) is completed, not duplicated", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const original = unreadInboxMessage(fake);
    const token = fake.state.issueTokens().access_token;
    // What a crash right after createReply leaves behind.
    const response = await fetch(`${fake.graphUrl}/me/messages/${encodeURIComponent(original.id)}/createReply`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Prefer: 'IdType="ImmutableId"' },
      body: JSON.stringify({
        message: {
          singleValueExtendedProperties: [
            { id: MARKER_PROPERTY_ID, value: "rapport:thanks:3" },
            { id: STATE_PROPERTY_ID, value: "pending" },
          ],
        },
      }),
    });
    expect(response.status).toBe(201);
    const ref = await provider.createDraft(replyRequest(original, "rapport:thanks:3"));
    expect(fake.state.drafts()).toHaveLength(1);
    const draft = fake.state.message(ref.draftId);
    expect(draft.extended.get(STATE_PROPERTY_ID)).toBe("complete");
    expect(draft.body.content).toContain("Thank you for the time today.");
  });

  test("draftFate tells pending, sent and deleted apart", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const inbox = fake.state.store.folderMessages("inbox");
    const [a, b, c] = inbox;
    if (!a || !b || !c) throw new Error("seed too small");
    const pending = await provider.createDraft(replyRequest(a, "m:a"));
    const sent = await provider.createDraft(replyRequest(b, "m:b"));
    const deleted = await provider.createDraft(replyRequest(c, "m:c"));
    fake.state.sendDraft(sent.draftId);
    fake.state.discardDraft(deleted.draftId);
    expect(await provider.draftFate(pending, "m:a")).toBe("pending");
    expect(await provider.draftFate(sent, "m:b")).toBe("sent");
    expect(await provider.draftFate(deleted, "m:c")).toBe("deleted");
    fake.state.deleteMessage(deleted.draftId);
    expect(await provider.draftFate(deleted, "m:c")).toBe("deleted");
  });

  test("a new-thread draft goes through POST /me/messages", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const ref = await provider.createDraft({
      replyTo: null,
      to: { address: "maria@example.org", name: "Maria" },
      from: { address: fake.state.owner.address, name: "" },
      subject: "Quick question about your path into UX research",
      text: "Hi Maria,\nMarco suggested I reach out.",
      marker: "rapport:outreach:1",
    });
    const draft = fake.state.message(ref.draftId);
    expect(draft.folder).toBe("drafts");
    expect(draft.to).toEqual([{ address: "maria@example.org", name: "Maria" }]);
    expect(draft.subject).toBe("Quick question about your path into UX research");
  });

  test("the digest is sent to the owner only, its copy kept in Sent Items where the sync and a retry can see it", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const sentBefore = fake.state.store.folderMessages("sentitems").length;
    await provider.sendToSelf({ subject: "Your week", text: "3 conversations", html: "<p>3 conversations</p>" });
    expect(fake.state.sentMail).toHaveLength(1);
    const recorded = fake.state.sentMail[0];
    expect(recorded?.message.toRecipients).toEqual([{ emailAddress: { address: fake.state.owner.address } }]);
    expect(recorded?.message.ccRecipients ?? []).toEqual([]);
    expect(recorded?.saveToSentItems).toBe(true);
    expect(fake.state.store.folderMessages("sentitems")).toHaveLength(sentBefore + 1);
  });

  test("a digest whose answer was lost is found in Sent Items, not reported failed (and so never sent twice)", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    fake.intercept = (req) =>
      req.method === "POST" && req.path.endsWith("/me/sendMail") ? { kind: "drop", when: "after" } : undefined;
    await provider.sendToSelf({ subject: "Your week", text: "3 conversations", html: "<p>3 conversations</p>" });
    fake.intercept = null;
    expect(fake.state.sentMail).toHaveLength(1);
  });

  test("a draft of ours shows its marker when its thread is fetched", async () => {
    fake = await startFake();
    const { provider } = connect(fake);
    const original = unreadInboxMessage(fake);
    await provider.createDraft(replyRequest(original, "rapport:thanks:9"));
    const thread = await provider.fetchThread(original.conversationId);
    const draft = thread.find((m) => m.labels.includes("DRAFT"));
    expect(draft?.headers["x-rapport-draft"]).toBe("rapport:thanks:9");
    expect(draft?.date?.getTime()).toBeGreaterThan(SCENARIO_NOW.getTime() - 86_400_000 * 365);
  });
});
