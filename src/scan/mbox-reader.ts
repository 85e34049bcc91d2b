/**
 * Streaming mbox splitter (mboxo / mboxrd, as Google Takeout writes): yields one raw message at a time and
 * never holds more than one (capped) message in memory. A message starts at a "From " line that is the
 * first line of the file or follows an empty line; ">From " quoting is undone (mboxrd: one ">" removed).
 * CRLF files, NUL bytes and a truncated last message are tolerated. Messages larger than `maxMessageBytes`
 * are cut (headers and the start of the body kept) and flagged.
 */
import { open } from "node:fs/promises";

export interface RawMessage {
  /** 1-based position in the file. */
  index: number;
  /** Byte offset of the "From " line. */
  offset: number;
  raw: Buffer;
  /** Bytes the message really had (raw may be shorter). */
  size: number;
  truncated: boolean;
}

export interface MboxReadOptions {
  maxMessageBytes?: number;
  chunkBytes?: number;
}

const FROM = Buffer.from("From ");
const NL = 0x0a;

function isSeparatorAt(buf: Buffer, pos: number): boolean {
  // "From " at pos, preceded by start or "\n" (optionally "\r\n" / "\n\n"): callers ensure pos is a line start.
  return buf.length >= pos + 5 && buf.compare(FROM, 0, 5, pos, pos + 5) === 0;
}

/** Undo ">From " quoting (mboxrd) line by line; returns the same buffer when there is nothing to undo. */
export function unescapeFromLines(raw: Buffer): Buffer {
  if (raw.indexOf(">From ") < 0) return raw;
  const text = raw.toString("latin1");
  return Buffer.from(text.replace(/^>(>*From )/gm, "$1"), "latin1");
}

export async function* readMbox(path: string, options: MboxReadOptions = {}): AsyncGenerator<RawMessage> {
  const maxBytes = options.maxMessageBytes ?? 2 * 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  // One reusable read buffer (no allocation per chunk); bytes that are kept are copied out.
  let readBuf = Buffer.allocUnsafe(chunkBytes * 2);
  let parts: Buffer[] = [];
  let keptBytes = 0;
  let totalBytes = 0;
  let started = false;
  let msgOffset = 0;
  let fileOffset = 0; // offset of buf[0]
  let index = 0;
  let tail: Buffer = Buffer.alloc(0); // an incomplete last line, always starting at a line start
  let prevLineEmpty = true; // the file start counts as following an empty line

  const emit = (): RawMessage | null => {
    if (!started) return null;
    let raw = Buffer.concat(parts, keptBytes);
    const eol = raw.indexOf(NL); // drop the "From " envelope line
    raw = eol >= 0 ? raw.subarray(eol + 1) : Buffer.alloc(0);
    let end = raw.length; // the blank line before the next separator belongs to the mbox format
    if (end > 0 && raw[end - 1] === NL) end--;
    if (end > 0 && raw[end - 1] === 0x0d) end--;
    raw = raw.subarray(0, end);
    index++;
    const msg: RawMessage = {
      index,
      offset: msgOffset,
      raw: unescapeFromLines(raw),
      size: totalBytes,
      truncated: totalBytes > keptBytes,
    };
    parts = [];
    keptBytes = 0;
    totalBytes = 0;
    return msg;
  };
  const append = (piece: Buffer): void => {
    if (!started || piece.length === 0) return;
    totalBytes += piece.length;
    if (keptBytes >= maxBytes) return;
    const room = maxBytes - keptBytes;
    const kept = Buffer.from(piece.length <= room ? piece : piece.subarray(0, room));
    parts.push(kept);
    keptBytes += kept.length;
  };
  /** Is the line that ends with the newline at `nl` empty? (buf starts at a line start) */
  const emptyLineEndingAt = (buf: Buffer, nl: number, atStart: boolean): boolean => {
    if (nl === 0) return true;
    if (buf[nl - 1] === NL) return true;
    if (buf[nl - 1] === 0x0d) return nl - 1 === 0 ? true : buf[nl - 2] === NL;
    return atStart && false;
  };

  const process = function* (buf: Buffer, final: boolean): Generator<RawMessage> {
    const lastNl = buf.lastIndexOf(NL);
    const limit = final ? buf.length : lastNl + 1; // bytes of complete lines
    let segStart = 0;
    if (limit > 0 && prevLineEmpty && isSeparatorAt(buf, 0)) {
      const done = emit();
      if (done) yield done;
      started = true;
      msgOffset = fileOffset;
    }
    let search = 0;
    for (;;) {
      const idx = buf.indexOf("\nFrom ", search);
      if (idx < 0 || idx + 1 >= limit) break;
      search = idx + 1;
      if (!emptyLineEndingAt(buf, idx, false) && !(idx === 0 && prevLineEmpty)) continue;
      append(buf.subarray(segStart, idx + 1));
      const done = emit();
      if (done) yield done;
      started = true;
      segStart = idx + 1;
      msgOffset = fileOffset + segStart;
    }
    append(buf.subarray(segStart, limit));
    if (limit > 0) {
      const lastLineEnd = final ? -1 : limit - 1;
      prevLineEmpty = lastLineEnd >= 0 ? emptyLineEndingAt(buf, lastLineEnd, false) : false;
    }
    tail = final ? Buffer.alloc(0) : buf.subarray(limit);
    fileOffset += limit;
  };

  const fh = await open(path, "r");
  try {
    for (;;) {
      if (tail.length + chunkBytes > readBuf.length) {
        const bigger = Buffer.allocUnsafe(tail.length + chunkBytes);
        tail.copy(bigger, 0);
        readBuf = bigger;
      } else if (tail.length > 0 && tail.buffer !== readBuf.buffer) {
        tail.copy(readBuf, 0);
      } else if (tail.length > 0) {
        readBuf.copy(
          readBuf,
          0,
          tail.byteOffset - readBuf.byteOffset,
          tail.byteOffset - readBuf.byteOffset + tail.length,
        );
      }
      const { bytesRead } = await fh.read(readBuf, tail.length, chunkBytes, null);
      if (bytesRead === 0) break;
      const buf = readBuf.subarray(0, tail.length + bytesRead);
      yield* process(buf, false);
      if (tail.length > maxBytes + 64) {
        // one enormous line without a newline: account for it and keep only what the cap allows
        append(tail);
        fileOffset += tail.length;
        tail = Buffer.alloc(0);
        prevLineEmpty = false;
      }
    }
  } finally {
    await fh.close();
  }
  if (tail.length > 0) yield* process(Buffer.from(tail), true);
  const last = emit();
  if (last) yield last;
}

/** True when the file looks like an mbox (starts with "From "). */
export function looksLikeMbox(head: Buffer): boolean {
  let i = 0;
  while (i < head.length && (head[i] === 0x0a || head[i] === 0x0d)) i++;
  return isSeparatorAt(head, i);
}
