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

interface MboxReadOptions {
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
function unescapeFromLines(raw: Buffer): Buffer {
  if (raw.indexOf(">From ") < 0) return raw;
  const text = raw.toString("latin1");
  return Buffer.from(text.replace(/^>(>*From )/gm, "$1"), "latin1");
}

/** Is the line that ends with the newline at `nl` empty? (buf starts at a line start) */
function emptyLineEndingAt(buf: Buffer, nl: number): boolean {
  if (nl === 0) return true;
  if (buf[nl - 1] === NL) return true;
  if (buf[nl - 1] === 0x0d) return nl - 1 === 0 ? true : buf[nl - 2] === NL;
  return false;
}

/** One message's bytes as they stream past, kept up to the cap; counts the ones it drops. */
class MessageBuffer {
  #parts: Buffer[] = [];
  #kept = 0;
  #total = 0;

  constructor(private readonly maxBytes: number) {}

  append(piece: Buffer): void {
    if (piece.length === 0) return;
    this.#total += piece.length;
    if (this.#kept >= this.maxBytes) return;
    const room = this.maxBytes - this.#kept;
    // Copied out: the piece lives in the reader's reusable buffer.
    const kept = Buffer.from(piece.length <= room ? piece : piece.subarray(0, room));
    this.#parts.push(kept);
    this.#kept += kept.length;
  }

  /** The message collected so far, without its "From " line and the blank line before the next; then empty. */
  take(index: number, offset: number): RawMessage {
    let raw = Buffer.concat(this.#parts, this.#kept);
    const eol = raw.indexOf(NL);
    raw = eol >= 0 ? raw.subarray(eol + 1) : Buffer.alloc(0);
    let end = raw.length;
    if (end > 0 && raw[end - 1] === NL) end--;
    if (end > 0 && raw[end - 1] === 0x0d) end--;
    const message: RawMessage = {
      index,
      offset,
      raw: unescapeFromLines(raw.subarray(0, end)),
      size: this.#total,
      truncated: this.#total > this.#kept,
    };
    this.#parts = [];
    this.#kept = 0;
    this.#total = 0;
    return message;
  }
}

/**
 * Finds the separators in the complete lines it is fed, chunk after chunk, and hands out each finished message.
 * What crosses chunk boundaries: whether a message has started and where, whether the last line was empty, and the
 * incomplete last line (`tail`, always starting at a line start), which the reader feeds again with the next chunk.
 */
class MboxSplitter {
  tail: Buffer = Buffer.alloc(0);
  #started = false;
  #messageOffset = 0;
  /** File offset of the first byte of the chunk being fed. */
  #fileOffset = 0;
  #index = 0;
  /** The file start counts as following an empty line. */
  #prevLineEmpty = true;
  readonly #message: MessageBuffer;

  constructor(maxBytes: number) {
    this.#message = new MessageBuffer(maxBytes);
  }

  #append(piece: Buffer): void {
    if (this.#started) this.#message.append(piece);
  }

  /** Ends the current message (if any) and starts one at `offset`. */
  #startAt(offset: number): RawMessage | null {
    const done = this.finish();
    this.#started = true;
    this.#messageOffset = offset;
    return done;
  }

  *feed(buf: Buffer, final: boolean): Generator<RawMessage> {
    const limit = final ? buf.length : buf.lastIndexOf(NL) + 1; // bytes of complete lines
    let segStart = 0;
    if (limit > 0 && this.#prevLineEmpty && isSeparatorAt(buf, 0)) {
      const done = this.#startAt(this.#fileOffset);
      if (done) yield done;
    }
    let search = 0;
    for (;;) {
      const idx = buf.indexOf("\nFrom ", search);
      if (idx < 0 || idx + 1 >= limit) break;
      search = idx + 1;
      if (!emptyLineEndingAt(buf, idx) && !(idx === 0 && this.#prevLineEmpty)) continue;
      this.#append(buf.subarray(segStart, idx + 1));
      segStart = idx + 1;
      const done = this.#startAt(this.#fileOffset + segStart);
      if (done) yield done;
    }
    this.#append(buf.subarray(segStart, limit));
    if (limit > 0) this.#prevLineEmpty = final ? false : emptyLineEndingAt(buf, limit - 1);
    this.tail = final ? Buffer.alloc(0) : buf.subarray(limit);
    this.#fileOffset += limit;
  }

  /** One enormous line without a newline: counted, kept only as far as the cap allows, and not carried over. */
  dropTail(): void {
    this.#append(this.tail);
    this.#fileOffset += this.tail.length;
    this.tail = Buffer.alloc(0);
    this.#prevLineEmpty = false;
  }

  /** The message in progress, when one has started. */
  finish(): RawMessage | null {
    if (!this.#started) return null;
    this.#index++;
    return this.#message.take(this.#index, this.#messageOffset);
  }
}

/** The reusable read buffer with `tail` moved to its start and room for one more chunk after it. */
function withTailFirst(readBuf: Buffer, tail: Buffer, chunkBytes: number): Buffer {
  if (tail.length + chunkBytes > readBuf.length) {
    const bigger = Buffer.allocUnsafe(tail.length + chunkBytes);
    tail.copy(bigger, 0);
    return bigger;
  }
  if (tail.length > 0 && tail.buffer !== readBuf.buffer) tail.copy(readBuf, 0);
  else if (tail.length > 0) {
    const from = tail.byteOffset - readBuf.byteOffset;
    readBuf.copy(readBuf, 0, from, from + tail.length);
  }
  return readBuf;
}

export async function* readMbox(path: string, options: MboxReadOptions = {}): AsyncGenerator<RawMessage> {
  const maxBytes = options.maxMessageBytes ?? 2 * 1024 * 1024;
  const chunkBytes = options.chunkBytes ?? 256 * 1024;
  const splitter = new MboxSplitter(maxBytes);
  // One reusable read buffer (no allocation per chunk); bytes that are kept are copied out.
  let readBuf: Buffer = Buffer.allocUnsafe(chunkBytes * 2);
  const fh = await open(path, "r");
  try {
    for (;;) {
      readBuf = withTailFirst(readBuf, splitter.tail, chunkBytes);
      const carried = splitter.tail.length;
      const { bytesRead } = await fh.read(readBuf, carried, chunkBytes, null);
      if (bytesRead === 0) break;
      yield* splitter.feed(readBuf.subarray(0, carried + bytesRead), false);
      if (splitter.tail.length > maxBytes + 64) splitter.dropTail();
    }
  } finally {
    await fh.close();
  }
  if (splitter.tail.length > 0) yield* splitter.feed(Buffer.from(splitter.tail), true);
  const last = splitter.finish();
  if (last) yield last;
}

/** True when the file looks like an mbox (starts with "From "). */
export function looksLikeMbox(head: Buffer): boolean {
  let i = 0;
  while (i < head.length && (head[i] === 0x0a || head[i] === 0x0d)) i++;
  return isSeparatorAt(head, i);
}
