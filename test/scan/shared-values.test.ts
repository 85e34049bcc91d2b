import { describe, expect, it } from "vitest";
import type { MailMessage } from "../../src/domain/mail.js";
import { MessageInterner } from "../../src/scan/shared-values.js";

function message(id: string, headers: Record<string, string>): MailMessage {
  return {
    providerId: null,
    providerThreadId: null,
    messageId: id,
    inReplyTo: [],
    references: [],
    subject: "Weekly digest",
    from: { address: "news@example.net", name: "News" },
    to: [
      { address: "me@example.com", name: "Me" },
      { address: "kim@example.org", name: "" },
    ],
    cc: [],
    date: new Date("2026-03-02T10:00:00Z"),
    sentByUser: false,
    headers,
    labels: [],
    bodyText: "",
  };
}

describe("MessageInterner", () => {
  it("gives equal addresses and header maps one shared frozen copy, values and order unchanged", () => {
    const interner = new MessageInterner();
    const a = message("<a@x>", { "list-id": "<news.example.net>", precedence: "bulk" });
    const b = message("<b@x>", { "list-id": "<news.example.net>", precedence: "bulk" });
    const c = message("<c@x>", { precedence: "bulk", "list-id": "<news.example.net>" });
    const before = structuredClone(a);
    for (const m of [a, b, c]) interner.share(m);
    expect(a).toEqual(before);
    expect(b.from).toBe(a.from);
    expect(b.to[1]).toBe(a.to[1]);
    expect(b.headers).toBe(a.headers);
    expect(Object.isFrozen(a.headers) && Object.isFrozen(a.from)).toBe(true);
    // another order of the same headers is another map (its order is kept)
    expect(c.headers).not.toBe(a.headers);
    expect(Object.keys(c.headers)).toEqual(["precedence", "list-id"]);
    // a different name is a different address
    const d = message("<d@x>", {});
    d.to[1] = { address: "kim@example.org", name: "Kim" };
    interner.share(d);
    expect(d.to[1]).not.toBe(a.to[1]);
    expect(d.to[1]).toEqual({ address: "kim@example.org", name: "Kim" });
  });
});
