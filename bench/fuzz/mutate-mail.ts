/**
 * Structure-aware mutations of a real RFC 5322 message: the message is split into header lines and body, and
 * each mutation changes one aspect a reader must survive (nesting, sizes, encodings, dates, addresses,
 * threading ids, boundaries), or damages the bytes afterwards. Each returns a label saying what it did.
 */
import type { Random } from "../../sandbox/random.js";
import { hostileDate, hostileHtml, hostileText, repeat, size } from "./hostile.js";

interface Mime {
  headers: string[];
  body: Buffer;
}

function parseMime(raw: Buffer): Mime {
  const text = raw.toString("latin1");
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const body = m ? raw.subarray(m.index + m[0].length) : Buffer.alloc(0);
  const headers: string[] = [];
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) headers[headers.length - 1] += ` ${line.trim()}`;
    else if (line.length > 0) headers.push(line);
  }
  return { headers, body };
}

function serialize(m: Mime): Buffer {
  return Buffer.concat([Buffer.from(`${m.headers.join("\r\n")}\r\n\r\n`, "latin1"), m.body]);
}

function setHeader(m: Mime, name: string, value: string): void {
  const lower = `${name.toLowerCase()}:`;
  m.headers = m.headers.filter((h) => !h.toLowerCase().startsWith(lower));
  m.headers.push(`${name}: ${value}`);
}

function address(i: number): string {
  return `"Person ${i}" <person${i}@example.org>`;
}

type Mutation = (m: Mime, rnd: Random) => string;

const MUTATIONS: Record<string, Mutation> = {
  "nest-multipart": (m, rnd) => {
    const depth = size(rnd, 2, 3000);
    const open: string[] = [];
    const close: string[] = [];
    for (let i = 0; i < depth; i++) {
      open.push(`--b${i}\r\nContent-Type: multipart/mixed; boundary="b${i + 1}"\r\n\r\n`);
      close.unshift(`\r\n--b${i}--\r\n`);
    }
    const inner = `--b${depth}\r\nContent-Type: text/plain\r\n\r\n${m.body.toString("latin1")}\r\n--b${depth}--\r\n`;
    setHeader(m, "Content-Type", 'multipart/mixed; boundary="b0"');
    m.body = Buffer.from(open.join("") + inner + close.join(""), "latin1");
    return `multipart nested ${depth} deep`;
  },
  "nest-rfc822": (m, rnd) => {
    const depth = size(rnd, 2, 500);
    let inner = serialize(m).toString("latin1");
    for (let i = 0; i < depth; i++) {
      inner = `From: a${i}@example.org\r\nSubject: fwd ${i}\r\nContent-Type: multipart/mixed; boundary="r${i}"\r\n\r\n--r${i}\r\nContent-Type: message/rfc822\r\n\r\n${inner}\r\n--r${i}--\r\n`;
    }
    const nested = parseMime(Buffer.from(inner, "latin1"));
    m.headers = [...m.headers.filter((h) => !/^content-type:/i.test(h)), ...nested.headers.slice(2)];
    m.body = nested.body;
    return `message/rfc822 nested ${depth} deep`;
  },
  "html-only": (m, rnd) => {
    setHeader(m, "Content-Type", `text/html; charset=${rnd.pick(["utf-8", "iso-8859-1", "x-unknown", "utf-16"])}`);
    setHeader(m, "Content-Transfer-Encoding", rnd.pick(["8bit", "quoted-printable", "7bit"]));
    const html = hostileHtml(rnd);
    m.body = Buffer.from(html, "utf8");
    return `HTML-only body of ${html.length} chars`;
  },
  "text-structure": (m, rnd) => {
    setHeader(m, "Content-Type", "text/plain; charset=utf-8");
    const text = hostileText(rnd);
    m.body = Buffer.from(text, "utf8");
    return `plain body of ${text.length} chars of quote structure`;
  },
  "big-header": (m, rnd) => {
    if (rnd.chance(0.5)) {
      const n = size(rnd, 100, 50_000);
      for (let i = 0; i < n; i++)
        m.headers.push(`Received: from host${i}.example.org by mx.example.org; Mon, 2 Mar 2026`);
      return `${n} Received headers`;
    }
    const name = rnd.pick(["Subject", "From", "X-Long", "List-Id", "Message-ID"]);
    const value = repeat(
      rnd.pick(["a", "=?utf-8?B?", "=?utf-8?Q?=C3=A9?= ", '"', "<", ",", "(", " "]),
      size(rnd, 100, 2_000_000),
    );
    setHeader(m, name, value);
    return `${name} of ${value.length} chars`;
  },
  addresses: (m, rnd) => {
    const name = rnd.pick(["To", "Cc", "From"]);
    const n = size(rnd, 10, 60_000);
    const style = rnd.int(0, 3);
    const value =
      style === 0
        ? Array.from({ length: n }, (_, i) => address(i)).join(", ")
        : style === 1
          ? `${repeat("group: ", n)}${address(1)};`
          : style === 2
            ? repeat('"unbalanced <', n)
            : repeat("=?utf-8?Q?N=C3=A9?= <x@y>, ", n);
    setHeader(m, name, value);
    return `${name} with ${n} address pieces (style ${style})`;
  },
  references: (m, rnd) => {
    const n = size(rnd, 10, 100_000);
    const ids = Array.from({ length: n }, (_, i) => `<ref${rnd.chance(0.5) ? i : i % 7}@example.org>`);
    setHeader(m, "References", ids.join(" "));
    setHeader(m, "In-Reply-To", rnd.chance(0.5) ? (ids[0] ?? "") : repeat("<", n));
    if (rnd.chance(0.3)) setHeader(m, "Message-ID", ids[0] ?? "<x@y>");
    return `References with ${n} ids`;
  },
  date: (m, rnd) => {
    const value = hostileDate(rnd);
    setHeader(m, "Date", value);
    return `Date of ${value.length} chars (${JSON.stringify(value.slice(0, 20))})`;
  },
  encoding: (m, rnd) => {
    const cte = rnd.pick(["base64", "quoted-printable", "x-uuencode", "binary", "8bit", "bogus"]);
    setHeader(m, "Content-Transfer-Encoding", cte);
    const charset = rnd.pick(["utf-16", "iso-2022-jp", "utf-7", "gb18030", "x-made-up", "windows-1252", ""]);
    setHeader(m, "Content-Type", `text/plain; charset="${charset}"`);
    const junk = rnd.pick(["=ZZ=\r\n=", "!!!notbase64@@@", "====", "=?=", "\u00ff\u00fe", "+AGEA-"]);
    m.body = Buffer.concat([m.body, Buffer.from(repeat(junk, size(rnd, 10, 200_000)), "latin1")]);
    if (rnd.chance(0.5))
      setHeader(
        m,
        "Subject",
        repeat(`=?${charset || "x"}?${rnd.pick(["B", "Q", "X"])}?${junk}?= `, size(rnd, 10, 100_000)),
      );
    return `Content-Transfer-Encoding ${cte}, charset ${charset || "(empty)"}`;
  },
  boundary: (m, rnd) => {
    const boundary = rnd.pick(["", ".*+?", repeat("b", 10_000), "b", "--", '"']);
    setHeader(
      m,
      "Content-Type",
      `multipart/${rnd.pick(["mixed", "alternative", "related", "x-odd"])}; boundary="${boundary}"`,
    );
    const parts = size(rnd, 1, 100_000);
    const closing = rnd.chance(0.5) ? `--${boundary}--\r\n` : "";
    m.body = Buffer.from(
      `${repeat(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n`, parts * 40)}${closing}`,
      "latin1",
    );
    return `${parts} parts with boundary of ${boundary.length} chars`;
  },
  "long-line": (m, rnd) => {
    const n = size(rnd, 1000, 2_000_000);
    m.body = Buffer.from(repeat(rnd.pick(["x", "=", " ", "\t", "\r", "é"]), n), "utf8");
    return `body line of ${n} chars`;
  },
  "no-headers": (m) => {
    m.headers = [];
    return "no headers";
  },
};

/** Damage to the serialized bytes, applied after the structural mutations. */
function damage(raw: Buffer, rnd: Random): { raw: Buffer; label: string } {
  switch (rnd.int(0, 4)) {
    case 0: {
      const at = rnd.int(0, raw.length);
      return { raw: raw.subarray(0, at), label: `truncated at ${at}` };
    }
    case 1: {
      const copy = Buffer.from(raw);
      const n = size(rnd, 1, 200);
      for (let i = 0; i < n && copy.length > 0; i++)
        copy[rnd.int(0, copy.length - 1)] = rnd.pick([0, 0xff, 0x0d, 0x3c, 0x28]);
      return { raw: copy, label: `${n} bytes flipped` };
    }
    case 2:
      return { raw: Buffer.from(raw.toString("latin1").replace(/\r?\n/g, "\r"), "latin1"), label: "CR line ends" };
    case 3:
      return { raw: Buffer.from(raw.toString("latin1").replace(/\r\n/g, "\n"), "latin1"), label: "LF line ends" };
    default:
      return { raw, label: "" };
  }
}

/** Largest message generated (Gmail accepts 25 MB, most servers less). */
const MAX_BYTES = 8_000_000;

/** One mutated message from `seed`: one to three structural mutations, sometimes damaged bytes. */
export function mutateMail(seed: Buffer, rnd: Random): { raw: Buffer; label: string } {
  const m = parseMime(seed);
  const labels: string[] = [];
  const names = Object.keys(MUTATIONS);
  const count = rnd.int(1, 3);
  for (let i = 0; i < count; i++) {
    const name = rnd.pick(names);
    labels.push((MUTATIONS[name] as Mutation)(m, rnd));
  }
  let raw = serialize(m);
  if (raw.length > MAX_BYTES) {
    raw = raw.subarray(0, MAX_BYTES);
    labels.push(`cut to ${MAX_BYTES / 1e6} MB`);
  }
  if (rnd.chance(0.25)) {
    const d = damage(raw, rnd);
    raw = d.raw;
    if (d.label) labels.push(d.label);
  }
  return { raw, label: labels.join("; ") };
}

/** Several messages of one conversation with threading troubles, as an mbox (the threader's input). */
export function threadingMbox(seed: Buffer, rnd: Random): { raw: Buffer; label: string } {
  // A conversation, not a mailbox: a few hundred messages at most (a mailbox's throughput is bench:scan's).
  const n = size(rnd, 2, 400);
  const style = rnd.int(0, 2);
  const messages: string[] = [];
  const base = parseMime(seed);
  for (let i = 0; i < n; i++) {
    const m: Mime = { headers: [...base.headers], body: base.body.subarray(0, 2000) };
    const id = style === 0 ? "<same@example.org>" : `<m${i}@example.org>`;
    setHeader(m, "Message-ID", id);
    // style 1: each message refers to the next (a cycle through the whole set); style 2: all refer to all before.
    const refs =
      style === 1
        ? `<m${(i + 1) % n}@example.org>`
        : style === 2
          ? Array.from({ length: Math.min(i, 500) }, (_, k) => `<m${k}@example.org>`).join(" ")
          : id;
    setHeader(m, "References", refs);
    setHeader(m, "In-Reply-To", refs.split(" ").pop() ?? "");
    messages.push(
      `From x@example.org Mon Mar  2 10:00:00 2026\r\n${serialize(m)
        .toString("latin1")
        .replace(/\r?\nFrom /g, "\n>From ")}\r\n`,
    );
  }
  const label = ["one Message-ID for all", "References in a cycle", "each refers to all before"][style];
  return { raw: Buffer.from(messages.join(""), "latin1"), label: `mbox of ${n} messages, ${label}` };
}
