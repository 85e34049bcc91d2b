/**
 * The words of one message the classifier reads, bounded: the author's own text, the start of their signature
 * and the first quoted messages (compactBody), kept only when they can change an assessment (textMatters).
 * The offline scan and the worker both pass bodies through this, so they decide from the same words.
 */
import { compactParts, writeCompact } from "./message-parts.js";
import { foldText, textMatters } from "./text-signals.js";

/** Characters of a body read at most (the rest of a long message is never looked at). */
const MAX_BODY_CHARS = 24_000;

export function classifierText(subject: string, body: string | undefined, maxOwnChars = 1200): string {
  if (!body) return "";
  const parts = compactParts(body.slice(0, MAX_BODY_CHARS), { own: maxOwnChars });
  // Whether it matters is read from the words people wrote (own text, quoted text), not from a signature block
  // nor the quote headers written back: this runs on every personal message of a mailbox.
  const words = [subject, parts.own, ...parts.quoted.map((q) => q.text)].join("\n");
  return textMatters(foldText(words)) ? writeCompact(parts) : "";
}
