/**
 * The new text of a message: quoted replies, forwarded history and signatures removed (email-reply-parser),
 * bounded in length. A cheap cut at the first quote header runs first so the parser only sees the new part.
 */
import EmailReplyParser from "email-reply-parser";

const QUOTE_HEADER =
  /^(>|On .{4,200}(wrote|schrieb|a écrit|escribió|scrisse|skrev|schreef)\s*:?\s*$|-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Message d'origine)|_{8,}\s*$|From:\s.+\n(Sent|Date):\s)/m;

export function cutQuoted(text: string): string {
  const m = QUOTE_HEADER.exec(text);
  return m ? text.slice(0, m.index) : text;
}

const SIGNATURE = /^(-- ?|__+|Sent from my [^\n]+|Get Outlook for [^\n]+)$/m;

/**
 * Cheap visible text (no parser): quoted history and an explicit signature block removed. Used to keep a
 * bounded excerpt in memory and for scoring; `visibleText` (email-reply-parser) is applied where exact text
 * matters (reading agreed times).
 */
export function quickVisibleText(body: string, maxChars = 1500, detach = false): string {
  if (!body) return "";
  const clean = body
    .slice(0, maxChars * 2)
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "");
  let out = cutQuoted(clean);
  const sig = SIGNATURE.exec(out);
  if (sig) out = out.slice(0, sig.index);
  const result = out.trim().slice(0, maxChars);
  return detach ? flat(result) : result;
}

/** A copy that does not keep a larger parent string alive (V8 sliced strings do). */
function flat(s: string): string {
  return s.length === 0 ? "" : Buffer.from(s, "utf8").toString("utf8");
}

/**
 * Visible (new) text of a plain-text body, at most `maxChars` long. Never throws: on parser trouble the
 * pre-cut text is returned.
 */
export function visibleText(body: string, maxChars = 2000): string {
  if (!body) return "";
  const clean = body
    .slice(0, maxChars * 4)
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "");
  const pre = cutQuoted(clean.length > maxChars * 1.25 ? clean.slice(0, Math.ceil(maxChars * 1.25)) : clean);
  let out = pre;
  try {
    const parsed = new EmailReplyParser().parseReply(pre);
    if (parsed && parsed.trim().length > 0) out = parsed;
  } catch {
    out = pre;
  }
  return out.trim().slice(0, maxChars);
}
