/**
 * A minimal in-memory Blob for the scan's worker threads. postal-mime assembles every decoded MIME part through
 * `new Blob(chunks).arrayBuffer()`; Node's Blob reads itself back through a stream, which made that one call
 * about a third of the scan's CPU time. Inside our own worker threads (and only there: nothing else runs in
 * them) the global Blob is replaced by this equivalent that keeps the bytes in one Uint8Array.
 */
type BlobPart = ArrayBuffer | ArrayBufferView | string | FastBlob;

const encoder = new TextEncoder();

class FastBlob {
  readonly #bytes: Uint8Array;
  readonly type: string;

  constructor(parts: readonly BlobPart[] = [], options: { type?: string } = {}) {
    const arrays: Uint8Array[] = [];
    let length = 0;
    for (const p of parts) {
      const u =
        typeof p === "string"
          ? encoder.encode(p)
          : p instanceof FastBlob
            ? p.#bytes
            : p instanceof ArrayBuffer
              ? new Uint8Array(p)
              : new Uint8Array(p.buffer as ArrayBuffer, p.byteOffset, p.byteLength);
      arrays.push(u);
      length += u.length;
    }
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const a of arrays) {
      bytes.set(a, offset);
      offset += a.length;
    }
    this.#bytes = bytes;
    this.type = (options.type ?? "").toLowerCase();
  }

  get size(): number {
    return this.#bytes.length;
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return Promise.resolve(this.#bytes.buffer as ArrayBuffer);
  }

  bytes(): Promise<Uint8Array> {
    return Promise.resolve(this.#bytes);
  }

  text(): Promise<string> {
    return Promise.resolve(new TextDecoder().decode(this.#bytes));
  }

  slice(start = 0, end = this.#bytes.length, type = ""): FastBlob {
    return new FastBlob([this.#bytes.slice(start, end)], { type });
  }

  get [Symbol.toStringTag](): string {
    return "Blob";
  }
}

/** Installs FastBlob as the global Blob of the current worker thread. */
export function installFastBlob(): void {
  (globalThis as { Blob: unknown }).Blob = FastBlob;
}
