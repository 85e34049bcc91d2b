/** A user's correction, recorded with `rapport classify`, changes what later scans say. */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

const SCENARIO = path.resolve(import.meta.dirname, "../fixtures/scenarios/sp-qa-to-data");
const ME = "ana.ribeiro@example.com,ana.ribeiro@qualiteste.example.com.br,anab.ribeiro@alumni.example.edu.br";
const OUTREACH = "<sp-qa-to-data.001.3477a01b0c@example.com>";
const RECRUITER = "<sp-qa-to-data.014.7de427ec00@talenthub.example.com>";

let cwd: string;
beforeAll(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), "rapport-classify-"));
});
afterAll(async () => rm(cwd, { recursive: true, force: true }));

interface ScanJson {
  threads: { threadId: string; informational: boolean; direction: string | null; reasons: string[] }[];
  due: { threadId: string | null }[];
}

async function scan(): Promise<ScanJson> {
  const args = ["scan", "--mbox", `${SCENARIO}/mailbox.mbox`, "--ics", `${SCENARIO}/calendar.ics`, "--me", ME];
  const r = await runCli([...args, "--now", "2026-03-18T15:00:00Z", "--tz", "America/Sao_Paulo", "--json"], { cwd });
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as ScanJson;
}

const thread = (result: ScanJson, id: string) => result.threads.find((t) => t.threadId === id);

it("later scans respect a recorded correction, both ways", async () => {
  const before = await scan();
  expect(thread(before, OUTREACH)?.informational).toBe(true);
  expect(thread(before, RECRUITER)?.informational).toBe(false);

  const no = await runCli(["classify", "--thread", OUTREACH, "--me", ME, "--informational", "no"], { cwd });
  expect(no.code).toBe(0);
  const yes = await runCli(
    ["classify", "--thread", RECRUITER, "--me", ME, "--informational", "yes", "--direction", "host"],
    { cwd },
  );
  expect(yes.code).toBe(0);

  const after = await scan();
  expect(thread(after, OUTREACH)?.informational).toBe(false);
  expect(thread(after, OUTREACH)?.reasons.join(" ")).toMatch(/override|correct/i);
  expect(after.due.some((d) => d.threadId === OUTREACH)).toBe(false);
  expect(thread(after, RECRUITER)).toMatchObject({ informational: true, direction: "host" });
});

it("refuses a bad answer in one line", async () => {
  const r = await runCli(["classify", "--thread", OUTREACH, "--me", ME, "--informational", "maybe"], { cwd });
  expect(r.code).not.toBe(0);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
});
