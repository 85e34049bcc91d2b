/**
 * HTML → plain text, for reading the words of a message whose only body is HTML (Gmail and Graph adapters, the
 * offline scan). One pass over the input: every character is looked at a bounded number of times whatever the
 * HTML holds (unclosed tags, quotes or comments, thousands of `<`, deep nesting), and the work is capped: at most
 * `maxInputChars` of HTML are read and at most `maxOutputChars` of text produced. No regex here backtracks.
 *
 * What a reader sees, roughly as a browser would render it: tags dropped; block elements end a line (paragraphs,
 * headings, lists and tables leave a blank line); `<br>` breaks the line; whitespace collapsed outside `<pre>`;
 * the contents of script, style, title, head, template and Office `<xml>` dropped; entities decoded (the
 * `entities` library, the full HTML5 table); lines inside `<blockquote>` prefixed with "> " so the quote detection
 * that reads plain-text mail also recognises quoted HTML.
 */
import { decodeHTML } from "entities";

export interface HtmlTextOptions {
  /** HTML characters read at most (the rest of a huge body is never looked at). */
  maxInputChars?: number;
  /** Text characters produced at most. */
  maxOutputChars?: number;
}

/** Defaults: far above what the classifier reads (24,000 characters), far below what would hold the event loop. */
export const HTML_TEXT_LIMITS = { maxInputChars: 512 * 1024, maxOutputChars: 64 * 1024 } as const;

/** Elements whose whole content is dropped (when their end tag is present; otherwise the start tag alone is). */
const DROPPED = new Set(["script", "style", "title", "head", "template", "xml", "noembed", "noframes", "iframe"]);
/** Elements that sit on lines of their own. */
const LINE = new Set([
  "div",
  "li",
  "tr",
  "dt",
  "dd",
  "address",
  "article",
  "aside",
  "caption",
  "center",
  "details",
  "dl",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "header",
  "main",
  "nav",
  "section",
  "summary",
  "tbody",
  "thead",
  "tfoot",
]);
/** Elements set apart by a blank line. */
const PARAGRAPH = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "blockquote", "pre", "hr"]);
/** Table cells: a space between neighbours. */
const CELL = new Set(["td", "th"]);
/** A quote prefix never grows past this depth (a thousand nested blockquotes must not multiply the output). */
const MAX_QUOTE_PREFIX = 8;
const WHITESPACE = /[ \t\n\f\r\u00a0]+/g;

/** Collects text with pending breaks and spaces, so runs of markup collapse the way a browser shows them. */
class TextBuilder {
  private readonly parts: string[] = [];
  length = 0;
  private pendingBreaks = 0;
  private pendingSpace = false;
  quoteDepth = 0;

  constructor(private readonly max: number) {}

  get full(): boolean {
    return this.length >= this.max;
  }

  /** A line end (1) or a blank line (2) before the next text; a `<br>` adds one (`hard`). */
  lineBreak(breaks: 1 | 2, hard = false): void {
    if (this.length === 0) return;
    this.pendingBreaks = hard ? Math.min(this.pendingBreaks + 1, 2) : Math.max(this.pendingBreaks, breaks);
    this.pendingSpace = false;
  }

  space(): void {
    if (this.length > 0 && this.pendingBreaks === 0) this.pendingSpace = true;
  }

  /** Text whose whitespace is already collapsed (it may start or end with one space). */
  text(s: string): void {
    if (s.length === 0) return;
    let start = 0;
    let end = s.length;
    if (s.charCodeAt(0) === 32) {
      this.space();
      start = 1;
    }
    const trailing = end > start && s.charCodeAt(end - 1) === 32;
    if (trailing) end--;
    if (end > start) this.write(start === 0 && end === s.length ? s : s.slice(start, end));
    if (trailing) this.space();
  }

  /** Text kept as written (inside `<pre>`): its line ends become breaks. */
  preformatted(s: string): void {
    const lines = s.replace(/\r\n?/g, "\n").split("\n");
    lines.forEach((line, i) => {
      if (i > 0) this.lineBreak(1, true);
      if (line.length > 0) this.write(line);
    });
  }

  private write(s: string): void {
    if (this.full) return;
    const prefix = "> ".repeat(Math.min(this.quoteDepth, MAX_QUOTE_PREFIX));
    if (this.length > 0 && this.pendingBreaks > 0) {
      const blank = this.pendingBreaks > 1 ? `\n${prefix.trimEnd()}` : "";
      this.push(`${blank}\n${prefix}`);
    } else if (this.length === 0) {
      this.push(prefix);
    } else if (this.pendingSpace) {
      this.push(" ");
    }
    this.pendingBreaks = 0;
    this.pendingSpace = false;
    this.push(s.length > this.max - this.length ? s.slice(0, Math.max(0, this.max - this.length)) : s);
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }

  toString(): string {
    return this.parts.join("").trim();
  }
}

/**
 * Next index of `pattern` at or after `from`, for positions that only move forward: once a search fails, every
 * later one fails too, so the input after `from` is searched at most once per pattern.
 */
class ForwardSearch {
  private readonly exhausted = new Set<string>();
  private readonly closers = new Map<string, RegExp>();

  constructor(private readonly html: string) {}

  closingTag(name: string, from: number): number {
    if (this.exhausted.has(name)) return -1;
    let re = this.closers.get(name);
    if (!re) {
      re = new RegExp(`</${name}[\\s/>]`, "gi");
      this.closers.set(name, re);
    }
    re.lastIndex = from;
    const m = re.exec(this.html);
    if (!m) this.exhausted.add(name);
    return m ? m.index : -1;
  }

  literal(text: string, from: number): number {
    if (this.exhausted.has(text)) return -1;
    const at = this.html.indexOf(text, from);
    if (at < 0) this.exhausted.add(text);
    return at;
  }
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isNameChar(c: number): boolean {
  return isAsciiLetter(c) || (c >= 48 && c <= 57) || c === 45 || c === 58;
}

/**
 * Index of the `>` that ends the tag whose attributes start at `from`, or -1. A quoted attribute value may hold
 * `>`; an unclosed one ends at the next `>` (known without scanning, from the last quote of each kind).
 */
function tagEnd(html: string, from: number, search: ForwardSearch, lastQuote: Record<string, number>): number {
  let afterEquals = false;
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 62) return i;
    if ((c === 34 || c === 39) && afterEquals) {
      const quote = c === 34 ? '"' : "'";
      if (i >= (lastQuote[quote] ?? -1)) return search.literal(">", i + 1);
      i = html.indexOf(quote, i + 1);
      afterEquals = false;
      continue;
    }
    if (c === 61) afterEquals = true;
    else if (c !== 32 && c !== 9 && c !== 10 && c !== 13) afterEquals = false;
  }
  return -1;
}

/** Appends the text between two tags. */
function appendText(out: TextBuilder, raw: string, pre: boolean): void {
  if (raw.length === 0) return;
  const decoded = raw.indexOf("&") >= 0 ? decodeHTML(raw) : raw;
  if (pre) out.preformatted(decoded.replace(/\u00a0/g, " "));
  else out.text(decoded.replace(WHITESPACE, " "));
}

/** The text a reader sees in `input` (see the file's header), within the limits of `options`. */
export function htmlToText(input: string, options: HtmlTextOptions = {}): string {
  const html =
    input.length > (options.maxInputChars ?? HTML_TEXT_LIMITS.maxInputChars)
      ? input.slice(0, options.maxInputChars ?? HTML_TEXT_LIMITS.maxInputChars)
      : input;
  const out = new TextBuilder(options.maxOutputChars ?? HTML_TEXT_LIMITS.maxOutputChars);
  const search = new ForwardSearch(html);
  const lastQuote = { '"': html.lastIndexOf('"'), "'": html.lastIndexOf("'") };
  const lastGt = html.lastIndexOf(">");
  let preDepth = 0;
  let i = 0;
  while (i < html.length && !out.full) {
    const lt = html.indexOf("<", i);
    if (lt < 0 || lt >= lastGt) {
      // No tag can close after this point: the rest is text.
      appendText(out, html.slice(i), preDepth > 0);
      break;
    }
    const next = html.charCodeAt(lt + 1);
    const closing = next === 47;
    const nameStart = closing ? lt + 2 : lt + 1;
    if (next === 33 || next === 63 || (closing && !isAsciiLetter(html.charCodeAt(nameStart)))) {
      // Comment, doctype, CDATA, processing instruction or a bogus end tag: skipped, never shown.
      appendText(out, html.slice(i, lt), preDepth > 0);
      const comment = html.startsWith("<!--", lt) ? search.literal("-->", lt + 4) : -1;
      i = comment >= 0 ? comment + 3 : search.literal(">", lt + 1) + 1;
      continue;
    }
    if (!isAsciiLetter(html.charCodeAt(nameStart))) {
      // A "<" that starts no tag is text.
      appendText(out, html.slice(i, lt + 1), preDepth > 0);
      i = lt + 1;
      continue;
    }
    appendText(out, html.slice(i, lt), preDepth > 0);
    let nameEnd = nameStart;
    while (nameEnd < html.length && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    const name = html.slice(nameStart, Math.min(nameEnd, nameStart + 16)).toLowerCase();
    const end = tagEnd(html, nameEnd, search, lastQuote);
    if (end < 0) break;
    i = end + 1;
    if (!closing && DROPPED.has(name)) {
      const close = search.closingTag(name, i);
      if (close < 0) continue;
      const closeEnd = search.literal(">", close);
      if (closeEnd < 0) break;
      i = closeEnd + 1;
      continue;
    }
    if (name === "br") out.lineBreak(1, true);
    else if (PARAGRAPH.has(name)) out.lineBreak(2);
    else if (LINE.has(name)) out.lineBreak(1);
    else if (CELL.has(name)) out.space();
    if (name === "blockquote") out.quoteDepth = Math.max(0, out.quoteDepth + (closing ? -1 : 1));
    if (name === "pre") preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
  }
  return out.toString();
}
