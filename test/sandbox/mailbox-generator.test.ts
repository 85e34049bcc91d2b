import { describe, expect, it } from "vitest";
import { generateMailbox } from "../../sandbox/mailbox-generator.js";
import { syncCpuMillis } from "../support/cpu-time.js";

describe("generateMailbox", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = generateMailbox({ seed: 7, size: 500 });
    const b = generateMailbox({ seed: 7, size: 500 });
    const c = generateMailbox({ seed: 8, size: 500 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("produces exactly `size` messages, near the sent share, all in the past and uniquely identified", () => {
    const now = new Date("2026-04-15T17:30:00Z");
    const box = generateMailbox({ seed: "share", size: 2000, sentShare: 0.4, now });
    expect(box.messages).toHaveLength(2000);
    const sent = box.messages.filter((m) => m.folder === "sent").length / box.messages.length;
    expect(sent).toBeGreaterThan(0.35);
    expect(sent).toBeLessThan(0.45);
    expect(new Set(box.messages.map((m) => m.messageId)).size).toBe(2000);
    expect(box.messages.every((m) => m.date.getTime() <= now.getTime())).toBe(true);
    for (const m of box.messages.filter((x) => x.folder === "sent")) expect(m.from.address).toBe(box.owner.address);
  });

  it("weaves in informational threads whose replies reference their parents", () => {
    const box = generateMailbox({ seed: 3, size: 300, informationalThreads: 14 });
    expect(box.truth.informational).toHaveLength(14);
    const byId = new Map(box.messages.map((m) => [m.messageId, m]));
    for (const info of box.truth.informational) {
      const root = byId.get(info.rootMessageId);
      expect(root).toBeDefined();
      const members = box.messages.filter((m) => m.references[0] === info.rootMessageId);
      for (const m of members) {
        expect(m.inReplyTo && byId.has(m.inReplyTo)).toBeTruthy();
        expect(m.subject.startsWith("Re: ")).toBe(true);
      }
      if (info.meetingUid) expect(box.events.some((e) => e.uid === info.meetingUid)).toBe(true);
    }
    const kinds = new Set(box.truth.informational.map((t) => t.kind));
    expect(kinds.has("nudge-due") && kinds.has("thank-you-due") && kinds.has("host")).toBe(true);
    // A "thank-you-due" meeting is in the recent past and has no thank-you from the owner after it.
    const due = box.truth.informational.find((t) => t.kind === "thank-you-due");
    const meeting = box.events.find((e) => e.uid === due?.meetingUid);
    const after = box.messages.filter(
      (m) => m.references[0] === due?.rootMessageId && meeting && m.date > meeting.start && m.folder === "sent",
    );
    expect(after).toHaveLength(0);
  });

  it("generates 50,000 messages quickly", () => {
    const made: ReturnType<typeof generateMailbox>[] = [];
    expect(syncCpuMillis(() => made.push(generateMailbox({ seed: "big", size: 50_000 })))).toBeLessThan(5000);
    expect(made[0]?.messages).toHaveLength(50_000);
  });
});
