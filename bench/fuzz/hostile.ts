/**
 * Building blocks of hostile input shared by the mail, calendar and provider mutators: sizes drawn so most inputs
 * stay small and some get large, markup that troubles backtracking parsers, dates and numbers at the edges.
 */
import type { Random } from "../../sandbox/random.js";

/** A size between `min` and `max`, log-uniform: as many tens as thousands as hundreds of thousands. */
export function size(rnd: Random, min: number, max: number): number {
  const lo = Math.log(min);
  const hi = Math.log(max);
  return Math.round(Math.exp(lo + rnd.next() * (hi - lo)));
}

/** `unit` repeated until about `chars` long. */
export function repeat(unit: string, chars: number): string {
  return unit.repeat(Math.max(1, Math.ceil(chars / Math.max(1, unit.length))));
}

const HTML_UNITS = [
  "<",
  "<a ",
  '<a href="',
  "<a b='x",
  "<!--",
  "<!-- -- >",
  "<script>",
  "<script></scrip",
  "<style>",
  "<div>",
  "<blockquote>",
  "<table><tr><td>",
  "<ul><li>",
  "<br>",
  "</p>",
  "<p>Hi &amp; bye</p>",
  "&",
  "&#",
  "&#x",
  "&amp",
  "&#99999999999;",
  "&nbsp;",
  "<![CDATA[",
  "<?xml ",
  "<!DOCTYPE ",
  "</",
  "< /",
  '<a ="',
  "<x y=z ",
  "\u0000",
  "<\u00e9>",
  "<pre>\n",
  "<o:p></o:p>",
  "<title>",
  "<head>",
];

/** An HTML body built to trouble a converter: a hostile unit repeated, wrapped in something ordinary. */
export function hostileHtml(rnd: Random, maxChars = 1_000_000): string {
  const unit = rnd.pick(HTML_UNITS);
  const body = repeat(unit, size(rnd, 10, maxChars));
  const mixed = rnd.chance(0.3) ? `${body}${repeat(rnd.pick(HTML_UNITS), size(rnd, 10, maxChars / 4))}` : body;
  return rnd.chance(0.5)
    ? `<html><head><title>T</title></head><body><p>Would you have 20 minutes for a call?</p>${mixed}</body></html>`
    : mixed;
}

export const HOSTILE_DATES = [
  "",
  "Mon, 2 Mar 2026 10:00:00 +0000",
  "Mon, 32 Foo 99999 99:99:99 +9999",
  "Sat, 1 Jan 0000 00:00:00 +0000",
  "Fri, 31 Dec 9999 23:59:59 -1200",
  "1",
  "-1",
  "99999999999999999999",
  "2026-03-02T10:00:00Z",
  "2026-13-45T25:61:61Z",
  "Mon, 2 Mar 2026 10:00:00 +0000 (Coordinated Universal Time)",
  "Mon, 2 Mar 2026 10:00:00 (((((",
  "\u0662\u0660\u0662\u0666-\u0660\u0663-\u0660\u0662",
  "NaN",
  "Infinity",
  "undefined",
];

/** A Date header value: an edge case, or a long run of a troublesome character. */
export function hostileDate(rnd: Random): string {
  if (rnd.chance(0.6)) return rnd.pick(HOSTILE_DATES);
  return repeat(rnd.pick(["(", ")", "((", " ", "0", "+", "-", ":", "Mon, "]), size(rnd, 10, 200_000));
}

/** A plain-text body with long or deep quote structure (the detection engine reads these). */
export function hostileText(rnd: Random, maxChars = 500_000): string {
  const n = size(rnd, 10, maxChars);
  switch (rnd.int(0, 5)) {
    case 0:
      return repeat("> ", n);
    case 1:
      return repeat("On Mon, 2 Mar 2026 at 10:00, Ann Lee <ann@example.org> wrote:\n> ", n);
    case 2:
      return repeat("From: Ann\nSent: Monday\nTo: Me\nSubject: Re: call\n\n", n);
    case 3:
      return repeat("Tuesday 10:00 or Wednesday 3pm? ", n);
    case 4:
      return repeat("a", n);
    default:
      return repeat("-- \n", n);
  }
}
