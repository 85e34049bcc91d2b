import { describe, expect, it } from "vitest";
import type { MailMessage } from "../../src/domain/mail.js";
import { buildThreads, normalizeSubject } from "../../src/domain/threading.js";

let n = 0;
function msg(p: Partial<MailMessage> & { id: string | null; at: string }): MailMessage {
  n++;
  return {
    providerId: null,
    providerThreadId: null,
    messageId: p.id,
    inReplyTo: p.inReplyTo ?? [],
    references: p.references ?? [],
    subject: p.subject ?? `subject ${n}`,
    from: p.from ?? { address: "a@example.org", name: "A" },
    to: p.to ?? [{ address: "me@example.com", name: "Me" }],
    cc: [],
    date: new Date(p.at),
    sentByUser: false,
    headers: {},
    labels: [],
  };
}

const ids = (threads: ReturnType<typeof buildThreads>) =>
  threads.map((t) => ({ root: t.threadId, members: t.messages.map((m) => m.messageId) }));

describe("buildThreads (JWZ)", () => {
  it("links replies through References and In-Reply-To and roots the thread at its first message", () => {
    const t = buildThreads([
      msg({ id: "<c>", at: "2026-01-03", references: ["<a>", "<b>"], inReplyTo: ["<b>"] }),
      msg({ id: "<a>", at: "2026-01-01" }),
      msg({ id: "<b>", at: "2026-01-02", inReplyTo: ["<a>"] }),
      msg({ id: "<x>", at: "2026-01-02" }),
    ]);
    expect(ids(t)).toEqual([
      { root: "<a>", members: ["<a>", "<b>", "<c>"] },
      { root: "<x>", members: ["<x>"] },
    ]);
  });

  it("keeps siblings together when their common parent was never seen (phantom container)", () => {
    const t = buildThreads([
      msg({ id: "<r1>", at: "2026-01-02", references: ["<missing>"] }),
      msg({ id: "<r2>", at: "2026-01-03", inReplyTo: ["<missing>"] }),
    ]);
    expect(ids(t)).toEqual([{ root: "<r1>", members: ["<r1>", "<r2>"] }]);
  });

  it("survives reference loops and duplicate Message-IDs", () => {
    const t = buildThreads([
      msg({ id: "<p>", at: "2026-01-01", references: ["<q>"] }),
      msg({ id: "<q>", at: "2026-01-02", references: ["<p>"] }),
      msg({ id: "<p>", at: "2026-01-03" }),
    ]);
    expect(t).toHaveLength(1);
    expect(t[0]?.messages).toHaveLength(3);
  });

  it("gives messages without a Message-ID a synthetic id and their own thread", () => {
    const t = buildThreads([msg({ id: null, at: "2026-01-01" }), msg({ id: null, at: "2026-01-02" })]);
    expect(t).toHaveLength(2);
    expect(t[0]?.threadId).toMatch(/^<rapport\.\d+@local>$/);
  });

  it("falls back to the subject only for a reference-less reply between the same people", () => {
    const t = buildThreads([
      msg({ id: "<o>", at: "2026-01-01", subject: "Coffee next week?" }),
      msg({
        id: "<r>",
        at: "2026-01-02",
        subject: "RE: Coffee next week?",
        from: { address: "me@example.com", name: "" },
        to: [{ address: "a@example.org", name: "" }],
      }),
      // same subject, unrelated people: stays apart
      msg({
        id: "<s>",
        at: "2026-01-02",
        subject: "Re: Coffee next week?",
        from: { address: "z@elsewhere.org", name: "" },
        to: [{ address: "y@elsewhere.org", name: "" }],
      }),
      // not a reply: a new conversation with the same subject stays apart
      msg({ id: "<u>", at: "2026-01-03", subject: "Coffee next week?" }),
    ]);
    expect(ids(t)).toEqual([
      { root: "<o>", members: ["<o>", "<r>"] },
      { root: "<s>", members: ["<s>"] },
      { root: "<u>", members: ["<u>"] },
    ]);
  });

  it("normalises reply prefixes in several languages and list tags", () => {
    expect(normalizeSubject("AW: SV: Re: [wind-eng] Blade data")).toBe("blade data");
    expect(normalizeSubject("Fwd: RE: Hello  there")).toBe("hello there");
  });
});
