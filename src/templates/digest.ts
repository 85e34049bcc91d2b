/**
 * The digest template: the sample digests that validate it at start-up (and feed the preview tests), and rendering
 * a digest from its data with the loaded template (built in, or the user's copy).
 */
import type { DigestData } from "../db/digest-data.js";
import { buildDigestContext } from "./digest-context.js";
import type { CompiledTemplate, RenderedMessage, TemplateSpec } from "./template-set.js";

const NOW = new Date("2026-03-09T13:00:00Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

/** A "try someone else there" suggestion with one person known each way (meeting, mail, LinkedIn). */
function sampleSuggestions(): DigestData["suggestions"] {
  return [
    {
      waiting: { name: "Tom Lee", address: "tom@contoso.example", organisation: "Contoso", since: day(-9) },
      businessDays: 6,
      others: [
        {
          name: "Sam Okafor",
          address: "sam@contoso.example",
          organisation: "Contoso",
          position: null,
          via: { kind: "calendar", at: day(-40) },
        },
        {
          name: "Chen Wei",
          address: "",
          organisation: "Contoso Ltd",
          position: "Director, Public Policy",
          via: { kind: "linkedin", at: day(-400) },
        },
        {
          name: null,
          address: "kim@contoso.example",
          organisation: "Contoso",
          position: null,
          via: { kind: "mail", at: null },
        },
      ],
    },
  ];
}

export function fullDigestData(): DigestData {
  return {
    account: { address: "alex@example.com", displayName: "Alex Kim", timeZone: "America/Chicago" },
    now: NOW,
    held: [
      {
        name: "Maria Lopez",
        address: "maria@northwind.example",
        organisation: "Northwind",
        at: day(-3),
        summary: "Coffee",
      },
      { name: null, address: "", organisation: null, at: day(-1), summary: "Chat with Sam" },
    ],
    goal: { target: 12, period: "quarter", count: 5 },
    quarterCount: 5,
    weekly: Array.from({ length: 12 }, (_, i) => ({
      start: day(-84 + i * 7),
      count: [0, 1, 0, 2, 1, 0, 0, 1, 3, 0, 1, 2][i] ?? 0,
    })),
    draftsWaiting: [
      {
        name: "Maria Lopez",
        address: "maria@northwind.example",
        organisation: "Northwind",
        kind: "thank_you",
        createdAt: day(-2),
      },
    ],
    awaitingReply: [
      {
        name: "Tom Lee",
        address: "tom@contoso.example",
        organisation: "Contoso",
        since: day(-9),
        subject: "Quick question",
      },
      { name: null, address: "jo@fabrikam.example", organisation: null, since: day(-4), subject: "Hello" },
    ],
    upcoming: [
      { name: "Priya Shah", address: "priya@example.org", organisation: null, start: day(2), summary: "Call" },
    ],
    referrals: [
      { name: "Priya Shah", address: "priya@example.org", organisation: "Example Org", referrer: "Maria Lopez" },
      { name: "Ken Ito", address: "ken@example.org", organisation: null, referrer: null },
    ],
    introductions: {
      total: 3,
      byReferrer: [
        { name: "Maria Lopez", address: "maria@northwind.example", count: 2 },
        { name: null, address: "ken@example.org", count: 1 },
      ],
    },
    noAddressYet: [{ name: "Ken Ito", organisation: "Contoso", referrer: "Maria Lopez" }],
    quiet: [{ name: "Dana Ruiz", address: "dana@example.net", organisation: "Acme", lastMessageAt: day(-60) }],
    suggestions: sampleSuggestions(),
    reauth: [{ address: "alex@outlook.example", provider: "outlook" }],
  };
}

function emptyDigestData(): DigestData {
  return {
    account: { address: "alex@example.com", displayName: "", timeZone: "UTC" },
    now: NOW,
    held: [],
    goal: { target: 0, period: "quarter", count: 0 },
    quarterCount: 0,
    weekly: Array.from({ length: 12 }, (_, i) => ({ start: day(-84 + i * 7), count: 0 })),
    draftsWaiting: [],
    awaitingReply: [],
    upcoming: [],
    referrals: [],
    introductions: { total: 0, byReferrer: [] },
    noAddressYet: [],
    quiet: [],
    suggestions: [],
    reauth: [],
  };
}

export function digestTemplateSpec(): TemplateSpec {
  return {
    required: ["subject", "text", "html"],
    optional: [],
    samples: [buildDigestContext(fullDigestData()), buildDigestContext(emptyDigestData())],
  };
}

export interface RenderedDigest extends RenderedMessage {
  html: string;
}

export function renderDigest(templates: { digest: CompiledTemplate }, data: DigestData): RenderedDigest {
  const out = templates.digest.render(buildDigestContext(data));
  return { ...out, html: out.html ?? "" };
}
