/**
 * Where raw messages come from: an mbox file (streamed), a single .eml file, or a folder of .eml files
 * (recursively, sorted by path). Each yields RawMessage records of bounded size.
 */
import { createReadStream } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { looksLikeMbox, type RawMessage, readMbox } from "./mbox-reader.js";

export class SourceError extends Error {
  override readonly name = "SourceError";
}

async function head(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

async function readCapped(file: string, maxBytes: number): Promise<{ raw: Buffer; size: number }> {
  const info = await stat(file);
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of createReadStream(file, { end: Math.max(0, maxBytes - 1) }) as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    kept += chunk.length;
  }
  return { raw: Buffer.concat(chunks, kept), size: info.size };
}

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && /\.(eml|msg|txt)$/i.test(e.name)) yield p;
    else if (e.isFile() && /\.mbox$/i.test(e.name)) yield p;
  }
}

/** Raw messages from an mbox, an .eml file or a folder (of .eml and .mbox files). */
export async function* readMailSource(source: string, maxMessageBytes: number): AsyncGenerator<RawMessage> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(source);
  } catch {
    throw new SourceError(`cannot read ${source}: no such file or directory`);
  }
  let index = 0;
  const files: AsyncIterable<string> = info.isDirectory()
    ? walk(source)
    : (async function* () {
        yield source;
      })();
  for await (const file of files) {
    const start = await head(file, 4096);
    if (looksLikeMbox(start)) {
      for await (const m of readMbox(file, { maxMessageBytes })) {
        index++;
        yield { ...m, index };
      }
    } else {
      const { raw, size } = await readCapped(file, maxMessageBytes);
      index++;
      yield { index, offset: 0, raw, size, truncated: size > raw.length };
    }
  }
}
