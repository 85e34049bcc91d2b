/**
 * The words of one message the classifier reads, bounded: the author's own text, the start of their signature
 * and the first quoted messages (compactBody), kept only when they can change an assessment (textMatters); of
 * other messages, only the first link the author shares.
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
  if (textMatters(foldText(words))) return writeCompact(parts);
  // otherwise only a link the author shares is kept ("saw this and thought of you: https://…"): sent to someone
  // the user already met, it keeps a relationship going
  return LINK.exec(parts.own)?.[0] ?? "";
}

/** The first link in a text, short enough to keep. */
const LINK = /\bhttps?:\/\/[^\s<>"]{4,200}|\bwww\.[a-z0-9-]+\.[^\s<>"]{2,200}/i;
