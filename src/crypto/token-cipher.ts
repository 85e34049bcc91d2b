/**
 * OAuth tokens at rest: AES-256-GCM with a random 96-bit nonce. The stored form is
 * "v1:<key id>:<nonce b64>:<tag b64>:<ciphertext b64>" so keys can be rotated: a value sealed under a retired key
 * still opens (the key id names it) and is re-sealed under the current key on the next write.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const FORMAT = "v1";
const ALGORITHM = "aes-256-gcm";
/** Full-length tags only: GCM also verifies a tag cut to 4..15 bytes (its prefix), unless told the length. */
const TAG_BYTES = 16;

export class TokenCipherError extends Error {
  override readonly name = "TokenCipherError";
}

/** A short, non-secret fingerprint of a key, stored next to each ciphertext. */
function keyId(key: Buffer): string {
  return createHash("sha256").update("rapport-key-id").update(key).digest("hex").slice(0, 8);
}

/** The half of the cipher the rest of the code may hold: sealing tokens for storage, never opening them. */
export interface TokenSealer {
  seal(plaintext: string): string;
}

export class TokenCipher implements TokenSealer {
  readonly #current: Buffer;
  readonly #byId: Map<string, Buffer>;

  constructor(current: Buffer, retired: Buffer[] = []) {
    if (current.length !== 32) throw new TokenCipherError("the secret key must be 32 bytes");
    this.#current = current;
    this.#byId = new Map([...retired, current].map((k) => [keyId(k), k]));
  }

  seal(plaintext: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.#current, nonce, { authTagLength: TAG_BYTES });
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      FORMAT,
      keyId(this.#current),
      nonce.toString("base64"),
      tag.toString("base64"),
      body.toString("base64"),
    ].join(":");
  }

  open(sealed: string): string {
    const [format, id, nonce, tag, body] = sealed.split(":");
    if (format !== FORMAT || !id || !nonce || !tag || body === undefined) {
      throw new TokenCipherError("stored token is not in a format this version understands");
    }
    const key = this.#byId.get(id);
    if (!key) {
      throw new TokenCipherError(
        `stored token was sealed with key ${id}, which is neither RAPPORT_SECRET_KEY nor in RAPPORT_SECRET_KEYS_OLD`,
      );
    }
    const tagBytes = Buffer.from(tag, "base64");
    if (tagBytes.length !== TAG_BYTES) {
      throw new TokenCipherError("stored token failed authentication (its tag is not 16 bytes: tampered data)");
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(nonce, "base64"), { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
    } catch (cause) {
      throw new TokenCipherError("stored token failed authentication (wrong key or tampered data)", { cause });
    }
  }

  /** True when the value was sealed under a retired key and should be re-sealed. */
  needsRotation(sealed: string): boolean {
    return sealed.split(":")[1] !== keyId(this.#current);
  }
}
