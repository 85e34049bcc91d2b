/**
 * The real inputs the fuzz mutates. When ../shared/fixtures/peers is there (about 400 messages and calendars
 * from other projects' test suites, see its NOTICE) they are read from it in place, never copied into the
 * project; the project's own fixtures (the scenario mailboxes and calendars, the fuzz regression fixtures) are
 * always used, so the suite also runs without ../shared.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface Seed {
  /** Where it came from, for reports (relative to its root). */
  name: string;
  data: Buffer;
}

export interface Corpus {
  mail: Seed[];
  ics: Seed[];
  /** Where the seeds were read from. */
  sources: string[];
}

/** The project's root, from the source (bench/fuzz) or the build (dist/bench/fuzz) alike. */
function projectRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const PROJECT_ROOT = projectRoot();
export const DEFAULT_PEERS = path.resolve(PROJECT_ROOT, "../shared/fixtures/peers");

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) for (const f of filesUnder(p)) out.push(f);
    else out.push(p);
  }
  return out;
}

/** The messages of an mbox (at most `max`), each without its "From " separator line. */
function splitMbox(data: Buffer, max: number): Buffer[] {
  const text = data.toString("latin1");
  return text
    .split(/^From [^\n]*\n/m)
    .filter((m) => m.trim().length > 0)
    .slice(0, max)
    .map((m) => Buffer.from(m, "latin1"));
}

const MESSAGES_PER_MAILBOX = 12;

function projectSeeds(): { mail: Seed[]; ics: Seed[] } {
  const fixtures = path.join(PROJECT_ROOT, "test/fixtures");
  const mail: Seed[] = [];
  const ics: Seed[] = [];
  for (const file of filesUnder(fixtures)) {
    const name = path.relative(PROJECT_ROOT, file);
    if (file.endsWith(".mbox")) {
      splitMbox(readFileSync(file), MESSAGES_PER_MAILBOX).forEach((data, i) => {
        mail.push({ name: `${name}#${i + 1}`, data });
      });
    } else if (file.endsWith(".eml")) mail.push({ name, data: readFileSync(file) });
    else if (file.endsWith(".ics")) ics.push({ name, data: readFileSync(file) });
  }
  return { mail, ics };
}

export function loadCorpus(peers: string | null = DEFAULT_PEERS): Corpus {
  const own = projectSeeds();
  const corpus: Corpus = { mail: own.mail, ics: own.ics, sources: ["test/fixtures"] };
  if (peers && existsSync(peers)) {
    for (const file of filesUnder(path.join(peers, "mail"))) {
      corpus.mail.push({ name: `peers/${path.relative(peers, file)}`, data: readFileSync(file) });
    }
    for (const file of filesUnder(path.join(peers, "ics"))) {
      corpus.ics.push({ name: `peers/${path.relative(peers, file)}`, data: readFileSync(file) });
    }
    corpus.sources.push(peers);
  }
  if (corpus.mail.length === 0 || corpus.ics.length === 0) {
    // Mutations need something to mutate: say so rather than let every worker fail on an empty list.
    throw new Error(
      `no seed messages or calendars under ${path.join(PROJECT_ROOT, "test/fixtures")}: run from a clone`,
    );
  }
  return corpus;
}
