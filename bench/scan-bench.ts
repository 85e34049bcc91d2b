/**
 * `npm run bench:scan`: generates a deterministic 100,000-message mbox in os.tmpdir() (newsletters,
 * notifications, personal threads with quoted replies, sent mail, attachments up to 30 MB, a few hundred
 * informational threads), scans it, and reports messages/s and peak RSS. Not a test: run it by hand.
 *   node --expose-gc dist/bench/scan-bench.js [--messages N] [--keep]
 */

import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCAN_NODE_FLAGS, scanToOutput } from "../src/scan/isolated-scan.js";
import { defaultWorkers } from "../src/scan/scan-mailbox.js";

const ME = "bench.user@example.com";
const NOW = new Date("2026-06-15T12:00:00Z");

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Ana",
  "Bjørn",
  "Chloé",
  "Dev",
  "Émile",
  "Fatima",
  "Grace",
  "Hiro",
  "Ines",
  "Jonas",
  "Kemi",
  "Luca",
  "Mei",
  "Nadia",
  "Omar",
  "Priya",
];
const LAST = [
  "Silva",
  "Østergaard",
  "Dubois",
  "Patel",
  "Nakamura",
  "Okafor",
  "Rossi",
  "Kowalski",
  "Haddad",
  "Schmidt",
  "Lindqvist",
];
const ORGS = ["northwind", "contoso", "fabrikam", "tailspin", "wingtip", "litware", "adatum", "proseware"];
const WORDS =
  "the of and to in is that for it as with was on be by this are or at from have an they which one you were all we can her has there been if more when will would who so no out up into do only new some could time these two may first then".split(
    " ",
  );

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)] as T;
}

function prose(r: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(pick(r, WORDS));
  const lines: string[] = [];
  for (let i = 0; i < out.length; i += 14) lines.push(out.slice(i, i + 14).join(" "));
  return lines.join("\n");
}

function rfcDate(d: Date): string {
  return d.toUTCString().replace("GMT", "+0000");
}

interface Person {
  name: string;
  address: string;
}

function person(r: () => number): Person {
  const f = pick(r, FIRST);
  const l = pick(r, LAST);
  return {
    name: `${f} ${l}`,
    address: `${f}.${l}@${pick(r, ORGS)}.example.com`
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^\x20-\x7e]/g, ""),
  };
}

function encodeName(name: string): string {
  // RFC 2047 for non-ASCII display names
  return /[^\x20-\x7e]/.test(name) ? `=?UTF-8?B?${Buffer.from(name).toString("base64")}?=` : `"${name}"`;
}

function message(h: {
  from: Person;
  to: Person;
  date: Date;
  subject: string;
  id: string;
  inReplyTo?: string;
  refs?: string[];
  extraHeaders?: string[];
  body: string;
  attachmentBytes?: number;
}): string {
  const head = [
    `From: ${encodeName(h.from.name)} <${h.from.address}>`,
    `To: ${encodeName(h.to.name)} <${h.to.address}>`,
    `Date: ${rfcDate(h.date)}`,
    `Subject: ${h.subject}`,
    `Message-ID: ${h.id}`,
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`] : []),
    ...(h.refs && h.refs.length > 0 ? [`References: ${h.refs.join(" ")}`] : []),
    ...(h.extraHeaders ?? []),
    "MIME-Version: 1.0",
  ];
  const body = h.body.replace(/^From /gm, ">From ");
  if (!h.attachmentBytes) {
    return `${head.join("\n")}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${body}\n`;
  }
  const b = "BOUNDARY_rapport_bench";
  const line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=".slice(0, 76);
  const lines = Math.ceil(h.attachmentBytes / 77);
  return `${head.join("\n")}\nContent-Type: multipart/mixed; boundary="${b}"\n\n--${b}\nContent-Type: text/plain; charset=utf-8\n\n${body}\n--${b}\nContent-Type: application/pdf; name="cv.pdf"\nContent-Disposition: attachment; filename="cv.pdf"\nContent-Transfer-Encoding: base64\n\n${`${line}\n`.repeat(lines)}--${b}--\n`;
}

const ASKS = [
  "I'm a {role} exploring a move into {field}. Could I ask you a few questions about your path? Twenty minutes by phone would be wonderful.",
  "{referrer} suggested I reach out. Would you be open to a short call to hear how you got into {field}? I'm not asking about openings.",
  "Any chance you'd have 15 minutes for a coffee chat? I'd love your perspective on breaking into {field}.",
];

async function generateMbox(file: string, total: number, seed = 42): Promise<number> {
  const r = rng(seed);
  const out = createWriteStream(file);
  const me: Person = { name: "Bench User", address: ME };
  let written = 0;
  let n = 0;
  const write = async (text: string, when: Date): Promise<void> => {
    const chunk = `From MAILER-DAEMON ${when.toUTCString()}\n${text}\n`;
    written += Buffer.byteLength(chunk);
    n++;
    if (!out.write(chunk)) await new Promise<void>((res) => out.once("drain", () => res()));
  };
  const start = NOW.getTime() - 365 * 864e5;
  while (n < total) {
    const when = new Date(start + r() * 360 * 864e5);
    const kind = r();
    const id = `<bench.${n}.${Math.floor(r() * 1e9)}@bench.example.com>`;
    if (kind < 0.55) {
      // newsletter / notification (bulk), HTML-ish text
      const sender = { name: `${pick(r, ORGS)} news`, address: `news@${pick(r, ORGS)}.example.net` };
      await write(
        message({
          from: sender,
          to: me,
          date: when,
          subject: `Weekly digest #${n}: ${prose(r, 5)}`,
          id,
          extraHeaders: ["List-Unsubscribe: <https://example.net/u>", "Precedence: bulk"],
          body: `${prose(r, 400)}\n\nUnsubscribe: https://example.net/u`,
        }),
        when,
      );
    } else if (kind < 0.97) {
      // a personal thread of 1-4 messages, some with attachments, replies quoting the previous text
      const other = person(r);
      const informational = r() < 0.012;
      const len = 1 + Math.floor(r() * 4);
      const subject = informational ? `Question about your path into ${pick(r, ORGS)}` : `${prose(r, 4)}`;
      const refs: string[] = [];
      let prev = "";
      let first = r() < 0.5;
      for (let i = 0; i < len && n < total; i++) {
        const mid = `<bench.${n}.${i}.${Math.floor(r() * 1e9)}@bench.example.com>`;
        const body =
          informational && i === 0
            ? pick(r, ASKS)
                .replace("{role}", "teacher")
                .replace("{field}", "research")
                .replace("{referrer}", pick(r, FIRST))
            : prose(r, 40 + Math.floor(r() * 160));
        const quoted = prev
          ? `\n\nOn ${rfcDate(when)} someone wrote:\n${prev
              .split("\n")
              .map((l) => `> ${l}`)
              .join("\n")}`
          : "";
        const attach = r() < 0.03 ? (r() < 0.01 ? 30 * 1024 * 1024 : 50_000 + Math.floor(r() * 500_000)) : 0;
        const sender = first ? me : other;
        const recipient = first ? other : me;
        const date = new Date(when.getTime() + i * 36e5 * (1 + r() * 30));
        await write(
          message({
            from: sender,
            to: recipient,
            date,
            subject: i === 0 ? subject : `Re: ${subject}`,
            id: mid,
            ...(refs.length > 0 ? { inReplyTo: refs[refs.length - 1] as string, refs: [...refs] } : {}),
            body: body + quoted,
            attachmentBytes: attach,
          }),
          date,
        );
        refs.push(mid);
        prev = body;
        first = !first;
      }
    } else {
      // malformed: no Message-ID, broken header, NUL bytes
      await write(`From: broken\u0000 <x@y>\nSubject: =?utf-8?Q?bad=ZZ?=\n\n${prose(r, 30)}\u0000\n`, when);
    }
  }
  await new Promise<void>((res) => out.end(() => res()));
  return written;
}

/** Child process: scans FILE and prints one JSON line with its own figures (a clean RSS, no generator heap). */
async function measure(file: string, workers: number): Promise<void> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let outputBytes = 0;
  let result: Awaited<ReturnType<typeof scanToOutput>>;
  try {
    result = await scanToOutput(
      { mail: file, me: [ME], now: NOW, timeZone: "Europe/Berlin", workers },
      "json",
      (c) => {
        outputBytes += c.length;
      },
      true,
    );
  } finally {
    clearInterval(timer);
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(
    `${JSON.stringify({
      messages: result.messages,
      skipped: result.problems.skipped.length,
      threads: result.threads,
      informational: result.informational,
      due: result.due,
      outputBytes,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      peakRss: peak,
    })}\n`,
  );
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  if (opt("--measure")) return measure(opt("--measure") as string, Number(opt("--workers") ?? 0));
  const total = Number(opt("--messages")) || 100_000;
  const file = path.join(os.tmpdir(), `rapport-bench-${total}.mbox`);
  const reuse = args.includes("--reuse") && (await stat(file).catch(() => null)) !== null;
  if (!reuse) {
    process.stderr.write(`generating ${total} messages into ${file}…\n`);
    await generateMbox(file, total);
  }
  const size = (await stat(file)).size;
  const workers = opt("--workers") === undefined ? await defaultWorkers(file) : Number(opt("--workers"));
  // Measure in a fresh process so the generator's memory does not count.
  const child = spawnSync(
    process.execPath,
    [...SCAN_NODE_FLAGS, fileURLToPath(import.meta.url), "--measure", file, "--workers", String(workers)],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (child.status !== 0) throw new Error(`measurement failed (exit ${child.status})`);
  const r = JSON.parse(child.stdout.trim().split("\n").pop() ?? "{}") as Record<string, number>;
  const n = r.messages ?? 0;
  process.stdout.write(
    `${n} messages (${(size / 1e6).toFixed(0)} MB, ${r.skipped} skipped) in ${r.seconds?.toFixed(1)} s: ` +
      `${Math.round(n / (r.seconds ?? 1))} messages/s (${Math.round(n / (r.cpuSeconds ?? 1))} per CPU-second); ` +
      `peak RSS ${((r.peakRss ?? 0) / 1e6).toFixed(0)} MB; ${r.threads} threads, ${r.informational} informational, ` +
      `${r.due} due; ${workers} parse workers\n`,
  );
  if (!args.includes("--keep")) await rm(file, { force: true });
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  });
}
