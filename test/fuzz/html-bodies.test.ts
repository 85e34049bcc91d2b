/**
 * Issue 12, item 1: a stranger's HTML-only message must never hold the event loop. Each regression fixture
 * (test/fixtures/fuzz/mail, written for this test) once took seconds in one of the three HTML-to-text copies (the
 * Gmail adapter, the Graph fallback, the offline reader) or in the offline Date parser; all three now share
 * domain/html-text.ts. The bound is CPU time, ten times what the old code needed for a fraction of the input.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { htmlToText } from "../../src/domain/html-text.js";
import { toMailMessage } from "../../src/providers/gmail/convert.js";
import { mapMessage } from "../../src/providers/outlook/map-message.js";
import { parseRawMessage } from "../../src/scan/mime-to-message.js";
import { cpuMillis } from "../support/cpu-time.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/fuzz/mail");
const ME = new Set(["me@example.com"]);
/** CPU milliseconds one hostile message may cost (the fixed code needs a few; the old one needed seconds). */
const BUDGET_MS = 300;

function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

/** The HTML body of a single-part fixture. */
function htmlBody(name: string): string {
  const text = fixture(name).toString("utf8");
  return text.slice(text.indexOf("\r\n\r\n") + 4);
}

function gmailMessage(html: string) {
  return {
    id: "m1",
    threadId: "t1",
    payload: {
      mimeType: "multipart/alternative",
      headers: [{ name: "From", value: "Ann <ann@example.org>" }],
      parts: [{ mimeType: "text/html", filename: "", body: { data: Buffer.from(html).toString("base64url") } }],
    },
  };
}

const graphContext = { ownAddresses: ME as Set<string>, labelOf: () => "INBOX" };

const HOSTILE = ["html-unclosed-lt.eml", "html-unclosed-anchors.eml", "html-unclosed-comments.eml"];

describe("HTML-only mail from a stranger", () => {
  for (const name of HOSTILE) {
    it(`${name}: the Gmail adapter, the Graph mapping and the offline reader each convert it in bounded time`, async () => {
      const html = htmlBody(name);
      const gmail = await cpuMillis(() => toMailMessage(gmailMessage(html), ME));
      expect(gmail.ms).toBeLessThan(BUDGET_MS);
      expect(gmail.result.bodyText).toBeTypeOf("string");
      const graph = await cpuMillis(() =>
        mapMessage({ id: "g1", body: { contentType: "html", content: html } }, graphContext),
      );
      expect(graph.ms).toBeLessThan(BUDGET_MS);
      expect(graph.result.bodyText).toBeTypeOf("string");
      const offline = await cpuMillis(() => parseRawMessage(fixture(name), { me: ME }));
      expect(offline.ms).toBeLessThan(BUDGET_MS);
      expect(offline.result.messageId).toBe(`<${name.replace(/^html-|\.eml$/g, "")}@example.org>`);
    });
  }

  it("reads a Date header of 150,000 '(' in bounded time, as no date", async () => {
    const { ms, result } = await cpuMillis(() => parseRawMessage(fixture("date-open-parens.eml"), { me: ME }));
    expect(ms).toBeLessThan(BUDGET_MS);
    expect(result.date).toBeNull();
    expect(result.messageId).toBe("<date-parens@example.org>");
  });

  it("still reads dates with zone comments, nested ones too", async () => {
    const raw = (date: string) =>
      Buffer.from(`From: a@example.org\r\nTo: me@example.com\r\nSubject: s\r\nDate: ${date}\r\n\r\nhi\r\n`);
    const cases = ["Mon, 2 Mar 2026 10:00:00 -0800 (PST)", "Mon, 2 Mar 2026 10:00:00 -0800 (Pacific (US) Time)"];
    for (const date of cases) {
      const m = await parseRawMessage(raw(date), { me: ME });
      expect(m.date?.toISOString()).toBe("2026-03-02T18:00:00.000Z");
    }
  });

  it("gives the three readers the same words: blocks on lines, quotes marked, entities decoded, hidden parts dropped", async () => {
    const html =
      "<html><head><title>Newsletter</title><style>p{color:red}</style></head><body>" +
      "<div>Hi Ann,&nbsp;thanks!</div><div>Would Tuesday at 10:00 work for a 20&#8209;minute call?</div>" +
      "<div class=gmail_quote>On Mon, 2 Mar 2026, Ann Lee &lt;ann@example.org&gt; wrote:<br>" +
      "<blockquote>Happy to <b>chat</b> &amp; share<br>how I moved into UX.</blockquote></div>" +
      "<script>alert('x')</script></body></html>";
    const expected = [
      "Hi Ann, thanks!",
      "Would Tuesday at 10:00 work for a 20\u2011minute call?",
      "On Mon, 2 Mar 2026, Ann Lee <ann@example.org> wrote:",
      ">",
      "> Happy to chat & share",
      "> how I moved into UX.",
    ].join("\n");
    expect(htmlToText(html)).toBe(expected);
    expect(toMailMessage(gmailMessage(html), ME).bodyText).toBe(expected);
    expect(mapMessage({ id: "g", body: { contentType: "html", content: html } }, graphContext).bodyText).toBe(expected);
  });

  it("caps what it reads and what it returns", () => {
    const out = htmlToText(`<p>${"word ".repeat(100_000)}</p><p>tail</p>`, {
      maxInputChars: 1000,
      maxOutputChars: 300,
    });
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out).not.toContain("tail");
  });
});
