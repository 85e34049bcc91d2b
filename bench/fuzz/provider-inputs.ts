/**
 * Hostile provider objects for the adapters' converters, built from real messages and calendars: a Gmail
 * message (payload tree of parts with base64url bodies, headers) and Calendar event, a Graph message and event.
 * What a stranger controls is what varies: MIME structure and bodies, header values, dates and ids as the
 * provider passes them on; plus the provider's own fields at their edges (missing, empty, odd numbers).
 */
import type { Random } from "../../sandbox/random.js";
import { HOSTILE_DATES, hostileDate, hostileHtml, hostileText, repeat, size } from "./hostile.js";

type Json = Record<string, unknown>;

/** Header name/value pairs of a raw message (unfolded), and its body as text. */
export function headersAndBody(raw: Buffer): { headers: { name: string; value: string }[]; body: string } {
  const text = raw.toString("utf8");
  const m = /\r?\n\r?\n/.exec(text);
  const head = m ? text.slice(0, m.index) : text;
  const headers: { name: string; value: string }[] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) last.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(":");
      if (colon > 0) headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1).trim() });
    }
  }
  return { headers, body: m ? text.slice(m.index + m[0].length) : "" };
}

function b64(text: string, rnd: Random): string {
  const data = Buffer.from(text, "utf8").toString(rnd.chance(0.9) ? "base64url" : "base64");
  return rnd.chance(0.05) ? `${data}!!@@not-base64` : data;
}

function hostileHeaderValue(rnd: Random, value: string): string {
  if (rnd.chance(0.7)) return value;
  return rnd.chance(0.5)
    ? hostileDate(rnd)
    : repeat(rnd.pick(["<", "=?utf-8?B?", ",", '"', "(", "a"]), size(rnd, 10, 500_000));
}

function body(rnd: Random, seedBody: string): string {
  const pick = rnd.int(0, 2);
  return pick === 0 ? seedBody : pick === 1 ? hostileHtml(rnd) : hostileText(rnd);
}

/** A Gmail payload: parts nested `depth` deep with text/plain and text/html leaves. */
function gmailPayload(rnd: Random, seedBody: string, headers: Json[]): Json {
  // JSON as the API sends it cannot be much deeper: JSON.stringify itself gives up near 2,000 levels.
  const depth = size(rnd, 1, 1500);
  const leaf = (): Json => ({
    partId: "1",
    mimeType: rnd.pick(["text/plain", "text/html", "text/html", "application/pdf", "message/rfc822", ""]),
    filename: rnd.chance(0.1) ? "a.html" : "",
    headers: [],
    body: rnd.chance(0.9) ? { size: 1, data: b64(body(rnd, seedBody), rnd) } : { size: 0 },
  });
  let part: Json = rnd.chance(0.5) ? leaf() : { mimeType: "multipart/alternative", parts: [leaf(), leaf()] };
  for (let i = 1; i < depth; i++) part = { mimeType: "multipart/mixed", headers: [], body: { size: 0 }, parts: [part] };
  return { ...part, headers };
}

export function gmailMessage(seed: Buffer, rnd: Random): { value: Json; label: string } {
  const { headers, body: seedBody } = headersAndBody(seed);
  const hs = headers.map((h) => ({ name: h.name, value: hostileHeaderValue(rnd, h.value) }));
  const n = rnd.chance(0.1) ? size(rnd, 100, 50_000) : 0;
  for (let i = 0; i < n; i++) hs.push({ name: "References", value: `<r${i}@example.org>` });
  const value: Json = {
    id: rnd.chance(0.95) ? `m${rnd.int(0, 1e9)}` : null,
    threadId: rnd.chance(0.95) ? `t${rnd.int(0, 1e9)}` : undefined,
    labelIds: rnd.chance(0.9) ? [rnd.pick(["INBOX", "SENT", "DRAFT", "UNREAD", ""])] : null,
    internalDate: rnd.pick(["1772445600000", "0", "-1", "abc", "1e400", "", "99999999999999999999", undefined]),
    payload: rnd.chance(0.97) ? gmailPayload(rnd, seedBody, hs) : undefined,
  };
  return { value, label: `Gmail message from headers of a real message, ${hs.length} headers` };
}

/** A Calendar API time: dateTime, date, both or neither, with edge values. */
function googleTime(rnd: Random): Json {
  const dateTime = rnd.pick([
    "2026-03-10T10:00:00Z",
    "2026-03-10T10:00:00+01:00",
    "0000-01-01T00:00:00Z",
    "garbage",
    "",
    "275760-09-13T00:00:01Z",
    ...HOSTILE_DATES,
  ]);
  const date = rnd.pick(["2026-03-10", "0000-01-01", "2026-02-30", "x", "", "99999-01-01"]);
  const which = rnd.int(0, 3);
  return which === 0
    ? { dateTime, timeZone: rnd.pick(["Europe/Berlin", "Not/AZone", ""]) }
    : which === 1
      ? { date }
      : which === 2
        ? { date, dateTime }
        : {};
}

function attendees(rnd: Random, max: number): number {
  return rnd.chance(0.2) ? size(rnd, 10, max) : rnd.int(0, 3);
}

export function gmailEvent(rnd: Random): { value: Json; label: string } {
  const n = attendees(rnd, 50_000);
  const value: Json = {
    id: rnd.chance(0.95) ? `e${rnd.int(0, 1e9)}` : undefined,
    iCalUID: rnd.chance(0.8) ? `${rnd.int(0, 1e9)}@google.com` : undefined,
    status: rnd.pick(["confirmed", "tentative", "cancelled", "", "odd"]),
    summary: rnd.chance(0.9) ? "Coffee chat" : repeat("a", size(rnd, 10, 1_000_000)),
    description: rnd.chance(0.8) ? "" : hostileHtml(rnd),
    start: googleTime(rnd),
    end: googleTime(rnd),
    originalStartTime: rnd.chance(0.2) ? googleTime(rnd) : undefined,
    organizer: rnd.chance(0.8)
      ? { email: rnd.pick(["ann@example.org", "", "no-at-sign"]), displayName: "Ann" }
      : undefined,
    attendees: Array.from({ length: n }, (_, i) => ({
      email: rnd.chance(0.95) ? `p${i}@example.org` : undefined,
      responseStatus: rnd.pick(["accepted", "declined", "tentative", "needsAction", "weird"]),
      organizer: rnd.chance(0.1),
      self: rnd.chance(0.1),
      resource: rnd.chance(0.05),
    })),
  };
  return { value, label: `Calendar event with ${n} attendees` };
}

export function graphMessage(seed: Buffer, rnd: Random): { value: Json; label: string } {
  const { headers, body: seedBody } = headersAndBody(seed);
  const recipients = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      rnd.chance(0.95)
        ? { emailAddress: { address: rnd.chance(0.9) ? `p${i}@example.org` : null, name: `P ${i}` } }
        : {},
    );
  const html = rnd.chance(0.7);
  const value: Json = {
    id: rnd.chance(0.95) ? `g${rnd.int(0, 1e9)}` : undefined,
    conversationId: "c1",
    internetMessageId: rnd.chance(0.9) ? `<${rnd.int(0, 1e9)}@example.org>` : repeat("<", size(rnd, 10, 100_000)),
    subject: headers.find((h) => /^subject$/i.test(h.name))?.value ?? "",
    from: rnd.chance(0.9) ? { emailAddress: { address: "ann@example.org", name: "Ann" } } : null,
    toRecipients: recipients(attendees(rnd, 50_000)),
    ccRecipients: rnd.chance(0.5) ? recipients(2) : null,
    receivedDateTime: rnd.pick(["2026-03-02T10:00:00Z", "garbage", "", "0000-01-01T00:00:00Z", ...HOSTILE_DATES]),
    sentDateTime: rnd.chance(0.5) ? rnd.pick(["2026-03-02T10:00:00Z", "x", "99999-01-01T00:00:00Z"]) : undefined,
    isDraft: rnd.chance(0.1),
    isRead: rnd.chance(0.5),
    parentFolderId: "inbox",
    body: { contentType: html ? "html" : "text", content: html ? hostileHtml(rnd) : body(rnd, seedBody) },
    internetMessageHeaders: headers.map((h) => ({ name: h.name, value: hostileHeaderValue(rnd, h.value) })),
  };
  return { value, label: `Graph ${html ? "HTML" : "text"} message` };
}

const GOI_PREFIX = "040000008200E00074C5B7101A82E008";

/** An Exchange GlobalObjectId, well-formed or not (its length field is what a reader trusts). */
function globalObjectId(rnd: Random): string {
  const uid = Buffer.from(rnd.chance(0.5) ? "real-uid@example.org" : repeat("u", size(rnd, 1, 100_000)));
  const data = Buffer.concat([Buffer.from("vCal-Uid", "ascii"), Buffer.from([1, 0, 0, 0]), uid, Buffer.from([0])]);
  const size32 = Buffer.alloc(4);
  size32.writeUInt32LE(rnd.pick([data.length, 0, 0xffffffff, data.length + 100]));
  const rest = Buffer.concat([Buffer.alloc(20), size32, rnd.chance(0.8) ? data : Buffer.alloc(0)]);
  return (
    GOI_PREFIX +
    rest
      .toString("hex")
      .toUpperCase()
      .slice(0, rnd.chance(0.9) ? undefined : rnd.int(0, 80))
  );
}

function graphTime(rnd: Random): Json | null {
  if (rnd.chance(0.05)) return null;
  return {
    dateTime: rnd.pick([
      "2026-03-10T10:00:00.0000000",
      "2026-03-10T10:00:00Z",
      "garbage",
      "",
      "0000-01-01T00:00:00",
      "99999-01-01T00:00:00",
      ...HOSTILE_DATES,
    ]),
    timeZone: rnd.pick(["UTC", "W. Europe Standard Time", ""]),
  };
}

export function graphEvent(rnd: Random): { value: Json; label: string } {
  const n = attendees(rnd, 50_000);
  const value: Json = {
    id: rnd.chance(0.95) ? `ev${rnd.int(0, 1e9)}` : undefined,
    iCalUId: rnd.chance(0.7) ? globalObjectId(rnd) : rnd.pick(["plain-uid", "", undefined]),
    subject: "Coffee chat",
    body: rnd.chance(0.5)
      ? { contentType: "html", content: hostileHtml(rnd) }
      : { contentType: "text", content: "Agenda" },
    bodyPreview: "Agenda",
    location: rnd.chance(0.8) ? { displayName: "Café" } : null,
    start: graphTime(rnd),
    end: graphTime(rnd),
    isAllDay: rnd.chance(0.2),
    isCancelled: rnd.chance(0.1),
    showAs: rnd.pick(["busy", "tentative", "free", undefined]),
    type: rnd.pick(["singleInstance", "occurrence", "exception", "seriesMaster", undefined]),
    originalStart: rnd.chance(0.3)
      ? rnd.pick(["2026-03-10T10:00:00Z", "garbage", "", "0000-01-01T00:00:00Z"])
      : undefined,
    organizer: { emailAddress: { address: "ann@example.org", name: "Ann" } },
    attendees: Array.from({ length: n }, (_, i) => ({
      emailAddress: rnd.chance(0.95) ? { address: `p${i}@example.org`, name: `P${i}` } : null,
      status: rnd.chance(0.9) ? { response: rnd.pick(["accepted", "declined", "none", "organizer", "odd"]) } : null,
    })),
  };
  return { value, label: `Graph event with ${n} attendees` };
}
