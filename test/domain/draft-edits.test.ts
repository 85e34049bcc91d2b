/** The shape of an edit, from a drafted text and a sent one, and when a part is worth proposing to drop. */
import { describe, expect, it } from "vitest";
import { compareSent, type EditShape, suggestDrops } from "../../src/domain/draft-edits.js";

const DRAFTED = [
  "Hi Maria,",
  "Thank you for our video call yesterday. Hearing how the work goes at Northwind was exactly what I needed.",
  "In case it's useful to have on hand, my résumé is here: https://example.com/cv",
  "I really appreciated your openness.",
  "Best,\nAlex",
  "-- \nAlex Kim\nData analyst",
].join("\n\n");
const KEYS = ["greeting", "if v1", "if me.resumeUrl", "if v1#3", "signoff", "signoff"];
const QUOTE = "\n\nOn Wed, 11 Mar 2026 at 15:00, Maria Lopez <maria@example.com> wrote:\n> Happy to talk!\n";

describe("compareSent", () => {
  it("sent as drafted: every part kept, even with the quoted history below", () => {
    expect(compareSent(DRAFTED, KEYS, DRAFTED + QUOTE)).toEqual({
      parts: [
        { part: "greeting", edit: "kept" },
        { part: "if v1", edit: "kept" },
        { part: "if me.resumeUrl", edit: "kept" },
        { part: "if v1#3", edit: "kept" },
        { part: "signoff", edit: "kept" },
      ],
      added: 0,
    });
  });

  it("tells deleted, rewritten and added apart, and a sign-off changed in one of its paragraphs is rewritten", () => {
    const sent = [
      "Hi Maria,",
      "Thank you so much for the video call yesterday: hearing how the work goes at Northwind helped a lot.",
      "I really appreciated your openness.",
      "PS: I'll send you the article we talked about.",
      "Best,\nAlex",
      "Alex Kim · Chicago",
    ].join("\n\n");
    expect(compareSent(DRAFTED, KEYS, sent)).toEqual({
      parts: [
        { part: "greeting", edit: "kept" },
        { part: "if v1", edit: "rewritten" },
        { part: "if me.resumeUrl", edit: "deleted" },
        { part: "if v1#3", edit: "kept" },
        { part: "signoff", edit: "rewritten" },
      ],
      added: 1, // the PS; the new signature line is the drafted one rewritten
    });
  });

  it("whitespace and line breaks inside a paragraph do not count as an edit", () => {
    const sent = DRAFTED.replace("Thank you for our video call yesterday.", "Thank you for our video call\nyesterday.");
    expect(compareSent(DRAFTED, KEYS, sent)?.parts.every((p) => p.edit === "kept")).toBe(true);
  });

  it("a reply of the user's own, keeping nothing of the draft's body but the greeting, teaches nothing", () => {
    const own = "Hi Maria,\n\nGreat to see you at the meetup! Lunch next week?\n\nBest,\nAlex";
    expect(compareSent(DRAFTED, KEYS, own)).toBeNull();
  });

  it("refuses a drafted text whose paragraphs do not match its part names", () => {
    expect(compareSent(DRAFTED, KEYS.slice(1), DRAFTED)).toBeNull();
  });
});

const shape = (resume: EditShape["parts"][number]["edit"] | null): EditShape => ({
  parts: [
    { part: "greeting", edit: "deleted" },
    ...(resume ? [{ part: "if me.resumeUrl", edit: resume }] : []),
    { part: "signoff", edit: "kept" },
  ],
  added: 0,
});

describe("suggestDrops", () => {
  it("needs three deletions or rewrites among the last five sends, and a majority of those that had the part", () => {
    expect(suggestDrops([shape("deleted"), shape("deleted")])).toEqual([]);
    expect(suggestDrops([shape("deleted"), shape("rewritten"), shape("deleted")])).toEqual([
      { part: "if me.resumeUrl", had: 3, deleted: 2, rewritten: 1 },
    ]);
    const mixed = [shape("deleted"), shape("kept"), shape("deleted"), shape("kept"), shape("deleted"), shape("kept")];
    expect(suggestDrops(mixed)).toEqual([{ part: "if me.resumeUrl", had: 5, deleted: 3, rewritten: 0 }]);
    const even = [shape("deleted"), shape("kept"), shape("deleted"), shape("kept"), shape("deleted"), shape("kept")];
    expect(suggestDrops(even.slice(1))).toEqual([]); // 2 of the last 5… and 3 of 6 is no majority
  });

  it("counts only the sends whose draft had the part, and never proposes the greeting or the sign-off", () => {
    const latest = [shape("deleted"), shape(null), shape("deleted"), shape(null), shape("deleted")];
    expect(suggestDrops(latest)).toEqual([{ part: "if me.resumeUrl", had: 3, deleted: 3, rewritten: 0 }]);
  });
});
