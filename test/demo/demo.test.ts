/**
 * `npm run demo` as a new user runs it: the built CLI, no environment at all. Two runs side by side: a plain one
 * that must exit 0 by itself, and a --keep one whose page must stay up until Ctrl-C. Same fixed instant, so their
 * summaries must be identical.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, runCli } from "../support/cli.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "rapport-demo-test-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

interface KeptRun {
  code: number | null;
  stdout: string;
  stderr: string;
  pages: Record<string, { status: number; html: string }>;
}

function runKept(out: string): Promise<KeptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "demo", "--keep", "--out", out], {
      env: { PATH: process.env.PATH ?? "" },
    });
    let stdout = "";
    let stderr = "";
    const pages: KeptRun["pages"] = {};
    let visited = false;
    child.stdout.on("data", async (d) => {
      stdout += d;
      const url = /Web page: (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)?.[1];
      if (!url || visited) return;
      visited = true;
      try {
        for (const p of ["/accounts", "/pipeline", "/drafts", "/digest/1/preview"]) {
          const res = await fetch(`${url}${p}`);
          pages[p] = { status: res.status, html: await res.text() };
        }
      } finally {
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, pages }));
  });
}

describe("npm run demo", () => {
  it("runs the whole job, prints a readable summary, writes the digest and exits 0; --keep serves the page", async () => {
    const [plain, kept] = await Promise.all([
      runCli(["demo", "--out", path.join(dir, "a")]),
      runKept(path.join(dir, "b")),
    ]);
    expect(plain.stderr).not.toMatch(/rapport: /);
    expect(plain.code).toBe(0);
    const s = plain.stdout;
    expect(s).toMatch(
      /jordan\.lee@gmail\.example: ok — \d+ message\(s\) synced, \d+ calendar event\(s\), 12 informational thread\(s\) found/,
    );
    expect(s).toMatch(/jordan\.lee@outlook\.example: ok — /);
    expect(s).toMatch(/Contacts by stage\n {2}Outreach sent +\d/);
    const drafts = Number(/Drafts created \((\d+)\)/.exec(s)?.[1]);
    expect(drafts).toBeGreaterThanOrEqual(3);
    for (const kind of ["Thank-you", "Nudge", "Check-in"])
      expect(s).toMatch(new RegExp(`\\n {2}${kind} +to \\S+@\\S+ — "`));
    expect(s).toMatch(/Waiting, and why\n {2}\S/);
    expect(s).toMatch(/jordan\.lee@gmail\.example: sent\n/);
    const file = /written to (\S+gmail\.example\.html)/.exec(s)?.[1] as string;
    expect(await readFile(file, "utf8")).toMatch(/<html[\s\S]*jordan\.lee@gmail\.example|<html/i);
    // Not a terminal: progress is plain lines, never carriage returns.
    expect(plain.stderr).toMatch(/backfill jordan\.lee@gmail\.example done: \d+ message\(s\)/);
    expect(plain.stderr).not.toContain("\r");

    expect(kept.code).toBe(0);
    const normalise = (text: string) => text.replace(/\n\nWeb page: .*\n$/, "\n").replaceAll(`${dir}/b`, `${dir}/a`);
    expect(normalise(kept.stdout)).toBe(s);
    expect(kept.pages["/accounts"]?.status).toBe(200);
    expect(kept.pages["/accounts"]?.html).toContain("jordan.lee@outlook.example");
    expect(kept.pages["/pipeline"]?.html).toContain("Meeting scheduled");
    expect(kept.pages["/drafts"]?.html).toContain("waiting in Drafts");
    expect(kept.pages["/digest/1/preview"]?.status).toBe(200);
  }, 240_000);

  it("refuses a malformed --now in one line", async () => {
    const r = await runCli(["demo", "--now", "yesterday"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'rapport: --now: expected an ISO 8601 instant such as 2026-04-15T17:30:00Z (got "yesterday")\n',
    );
  });
});
