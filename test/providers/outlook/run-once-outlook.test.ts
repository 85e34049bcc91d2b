/**
 * The built CLI with only the documented environment: `rapport connect outlook` against the fake's consent and
 * token endpoints, then `rapport run --once` twice. Drafts appear in the fake's Drafts the first time and
 * nothing new the second; nothing is ever sent except (possibly) the digest to the owner.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGraph } from "../../../sandbox/fake-graph/server.js";
import { generateMailbox } from "../../../sandbox/mailbox-generator.js";
import { CLI, runCli } from "../../support/cli.js";
import { SCENARIO_NOW, startFake } from "./helpers.js";

const mailbox = generateMailbox({ seed: "run-once-outlook", size: 300, informationalThreads: 10, now: SCENARIO_NOW });

function connect(env: Record<string, string>) {
  const child = spawn(process.execPath, [CLI, "connect", "outlook"], { env: { PATH: process.env.PATH ?? "", ...env } });
  let stdout = "";
  let stderr = "";
  const consentUrl = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      stdout += d;
      const line = stdout.split("\n").find((l) => l.startsWith("http"));
      if (line && stdout.includes(`${line}\n`)) resolve(line);
    });
    // A CLI that dies before printing the URL must fail the test, not hang it.
    child.on("close", (code) => reject(new Error(`connect exited with ${code} before the consent URL: ${stderr}`)));
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { consentUrl, done };
}

describe("rapport run --once for an Outlook account", () => {
  let fake: FakeGraph;
  let dir: string;
  let env: Record<string, string>;
  beforeAll(async () => {
    fake = await startFake({ mailbox });
    dir = await mkdtemp(path.join(tmpdir(), "rapport-run-outlook-"));
    env = {
      RAPPORT_DATA_DIR: path.join(dir, "data"),
      RAPPORT_SECRET_KEY: randomBytes(32).toString("hex"),
      MICROSOFT_CLIENT_ID: fake.state.identity.clientId,
      MICROSOFT_CLIENT_SECRET: fake.state.identity.clientSecret ?? "",
      MICROSOFT_GRAPH_URL: fake.graphUrl,
      MICROSOFT_LOGIN_URL: fake.url,
    };
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("connects, drafts into the fake's Drafts, and creates nothing new on a second run", async () => {
    const connecting = connect(env);
    await (await fetch(await connecting.consentUrl)).text();
    const connected = await connecting.done;
    expect(connected.code, connected.stderr).toBe(0);

    const now = SCENARIO_NOW.toISOString();
    const first = await runCli(["run", "--once", "--now", now], { env });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(mailbox.owner.address);
    const drafts = fake.state.drafts();
    expect(drafts.length).toBeGreaterThan(0);
    const owner = mailbox.owner.address.toLowerCase();
    for (const draft of drafts) {
      expect(draft.to.map((a) => a.address.toLowerCase())).not.toContain(owner);
      const inThread = [...fake.state.store.messages.values()].some(
        (m) => m.conversationId === draft.conversationId && !m.isDraft,
      );
      expect(inThread || draft.headers.length === 0).toBe(true);
    }
    for (const sent of fake.state.sentMail) {
      expect(sent.message.toRecipients?.map((r) => r.emailAddress?.address)).toEqual([mailbox.owner.address]);
    }

    const second = await runCli(["run", "--once", "--now", now], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(fake.state.drafts()).toHaveLength(drafts.length);
    expect(fake.state.violations.missingImmutableId).toBe(0);
  }, 300_000);
});
