/** Loads a SeedMailbox (from the mailbox generator or the scan readers) into the fake's store. */
import type { SeedMailbox, SeedMessage } from "../seed.js";
import type { FolderName } from "./ids.js";
import { FakeMailboxStore, type StoredMessage } from "./store.js";

function formatAddress(a: { name: string; address: string }): string {
  return a.name ? `"${a.name}" <${a.address}>` : `<${a.address}>`;
}

function headersOf(seed: SeedMessage): { name: string; value: string }[] {
  const headers = [
    { name: "Message-ID", value: seed.messageId },
    { name: "Date", value: seed.date.toUTCString() },
    { name: "From", value: formatAddress(seed.from) },
    { name: "To", value: seed.to.map(formatAddress).join(", ") },
    { name: "Subject", value: seed.subject },
  ];
  if (seed.cc.length > 0) headers.push({ name: "Cc", value: seed.cc.map(formatAddress).join(", ") });
  if (seed.inReplyTo) headers.push({ name: "In-Reply-To", value: seed.inReplyTo });
  if (seed.references.length > 0) headers.push({ name: "References", value: seed.references.join(" ") });
  for (const [name, value] of Object.entries(seed.headers)) headers.push({ name, value });
  return headers;
}

/**
 * Adds one seed message; its conversation is the one of any message it answers or references. Mail delivered while
 * the fake runs changes now; a mailbox's seeded mail last changed when it arrived (`arrivedAt`).
 */
export function addSeedMessage(
  store: FakeMailboxStore,
  seed: SeedMessage,
  folder?: FolderName,
  arrivedAt?: Date,
): StoredMessage {
  const related = [...(seed.inReplyTo ? [seed.inReplyTo] : []), ...[...seed.references].reverse()];
  return store.addMessage(
    {
      folder: folder ?? (seed.folder === "sent" ? "sentitems" : "inbox"),
      conversationId: store.conversationFor(seed.messageId, related),
      internetMessageId: seed.messageId,
      subject: seed.subject,
      from: seed.from,
      to: seed.to,
      cc: seed.cc,
      sentAt: seed.date,
      receivedAt: seed.date,
      isRead: seed.folder === "sent" ? true : !seed.unread,
      isDraft: false,
      body: { contentType: "text", content: seed.text },
      headers: headersOf(seed),
    },
    arrivedAt,
  );
}

export function loadSeed(seed: SeedMailbox): FakeMailboxStore {
  const store = new FakeMailboxStore(seed.owner, seed.timeZone);
  const ordered = [...seed.messages].sort((a, b) => a.date.getTime() - b.date.getTime());
  for (const message of ordered) addSeedMessage(store, message, undefined, message.date);
  for (const event of seed.events) store.addEvent(event);
  return store;
}
