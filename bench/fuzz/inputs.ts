/**
 * The fuzz inputs: input number `index` of a campaign with seed `seed` is always the same input (its own seeded
 * random source), so a failure is reproduced from its number alone and no input has to travel between processes.
 */
import { createRandom } from "../../sandbox/random.js";
import type { Corpus } from "./corpus.js";
import { mutateIcs } from "./mutate-ics.js";
import { mutateMail, threadingMbox } from "./mutate-mail.js";
import { gmailEvent, gmailMessage, graphEvent, graphMessage } from "./provider-inputs.js";

export type InputKind = "scan-mail" | "scan-ics" | "gmail-message" | "gmail-event" | "graph-message" | "graph-event";

export type FuzzInput =
  | { kind: "scan-mail" | "scan-ics"; index: number; label: string; seed: string; mail: Buffer; ics: string | null }
  | {
      kind: "gmail-message" | "gmail-event" | "graph-message" | "graph-event";
      index: number;
      label: string;
      seed: string;
      value: Record<string, unknown>;
    };

/** Share of each kind, out of 100. */
const MIX: [InputKind, number][] = [
  ["scan-mail", 40],
  ["scan-ics", 30],
  ["gmail-message", 10],
  ["gmail-event", 5],
  ["graph-message", 10],
  ["graph-event", 5],
];

/** A plain first message for calendar inputs, so each calendar scan also has mail to lose. */
export const PLAIN_MAIL = Buffer.from(
  "From: Ann Lee <ann@example.org>\r\nTo: Me <me@example.com>\r\nSubject: Coffee?\r\n" +
    "Message-ID: <plain@example.org>\r\nDate: Mon, 02 Mar 2026 10:00:00 +0000\r\n\r\n" +
    "Hi! Would you have 20 minutes next week to tell me how you moved into UX research?\r\n",
);

function kindOf(n: number): InputKind {
  let at = n % 100;
  for (const [kind, share] of MIX) {
    if (at < share) return kind;
    at -= share;
  }
  return "scan-mail";
}

export function generateInput(corpus: Corpus, campaignSeed: string, index: number): FuzzInput {
  const rnd = createRandom(`${campaignSeed}:${index}`);
  const kind = kindOf(rnd.int(0, 99));
  const mailSeed = rnd.pick(corpus.mail);
  switch (kind) {
    case "scan-mail": {
      const m = rnd.chance(0.08) ? threadingMbox(mailSeed.data, rnd) : mutateMail(mailSeed.data, rnd);
      return { kind, index, seed: mailSeed.name, label: m.label, mail: m.raw, ics: null };
    }
    case "scan-ics": {
      const icsSeed = rnd.pick(corpus.ics);
      const c = mutateIcs(icsSeed.data.toString("utf8"), rnd);
      return { kind, index, seed: icsSeed.name, label: c.label, mail: PLAIN_MAIL, ics: c.text };
    }
    case "gmail-message": {
      const g = gmailMessage(mailSeed.data, rnd);
      return { kind, index, seed: mailSeed.name, label: g.label, value: g.value };
    }
    case "graph-message": {
      const g = graphMessage(mailSeed.data, rnd);
      return { kind, index, seed: mailSeed.name, label: g.label, value: g.value };
    }
    case "gmail-event": {
      const g = gmailEvent(rnd);
      return { kind, index, seed: "(generated)", label: g.label, value: g.value };
    }
    default: {
      const g = graphEvent(rnd);
      return { kind, index, seed: "(generated)", label: g.label, value: g.value };
    }
  }
}
