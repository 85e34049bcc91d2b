/**
 * Messages parsed on worker threads arrive as structured clones: each brings its own copies of its sender's and
 * recipients' address objects and of its header map, and the scan keeps every message until it is assessed (and its
 * addresses until the output is written). The interner swaps them for one shared, frozen copy of each distinct value.
 */
import type { EmailAddress, MailMessage } from "../domain/mail.js";

/** Distinct values kept at most (a mailbox has a few thousand correspondents and header maps). */
const MAX_VALUES = 100_000;

export class MessageInterner {
  readonly #addresses = new Map<string, EmailAddress>();
  readonly #headers = new Map<string, Record<string, string>>();

  /** Replaces the message's addresses and header map with shared copies (equal values, in the same order). */
  share(m: MailMessage): void {
    if (m.from) m.from = this.#address(m.from);
    this.#addressesIn(m.to);
    this.#addressesIn(m.cc);
    m.headers = this.#headerMap(m.headers);
  }

  #addressesIn(list: EmailAddress[]): void {
    if (list.length === 0 || Object.isFrozen(list)) return;
    for (let i = 0; i < list.length; i++) list[i] = this.#address(list[i] as EmailAddress);
  }

  #address(a: EmailAddress): EmailAddress {
    const key = `${a.address}\u0001${a.name}`;
    const hit = this.#addresses.get(key);
    if (hit) return hit;
    if (this.#addresses.size >= MAX_VALUES) this.#addresses.clear();
    const shared = Object.isFrozen(a) ? a : Object.freeze({ address: a.address, name: a.name });
    this.#addresses.set(key, shared);
    return shared;
  }

  #headerMap(headers: Record<string, string>): Record<string, string> {
    let key = "";
    for (const name in headers) key += `${name}\u0001${headers[name]}\u0002`;
    const hit = this.#headers.get(key);
    if (hit) return hit;
    if (this.#headers.size >= MAX_VALUES) this.#headers.clear();
    const shared = Object.isFrozen(headers) ? headers : Object.freeze({ ...headers });
    this.#headers.set(key, shared);
    return shared;
  }
}
