/**
 * Issue 12, item 3: stopping `rapport scan` must stop its dedicated child process too. The scan reads a FIFO no
 * one writes to, so its child blocks for ever: the test waits for the child to exist, stops the command, and
 * checks the child goes (a SIGTERM passed on; a SIGKILLed parent noticed by the child itself). The waits poll
 * /proc for a state, each bounded; none races a clock.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLI } from "../support/cli.js";

const leftovers: number[] = [];

afterEach(() => {
  for (const pid of leftovers.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** Alive and not a zombie (a dead child not yet reaped still has a /proc entry). */
function alive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  try {
    return readFileSync(stat, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, probe: () => T | undefined, tries = 400): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting: ${what}`);
}

/** `rapport scan` on a FIFO nobody writes, and the pid of its dedicated child once it runs. */
async function blockedScan(): Promise<{ parent: ChildProcess; child: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "rapport-signals-"));
  const fifo = path.join(dir, "mailbox.mbox");
  execFileSync("mkfifo", [fifo]);
  const parent = spawn(process.execPath, [CLI, "scan", "--mbox", fifo, "--me", "me@example.com"], {
    env: { PATH: process.env.PATH ?? "", RAPPORT_DATA_DIR: dir },
    stdio: "ignore",
  });
  const pid = parent.pid as number;
  leftovers.push(pid);
  const child = await until("the dedicated scan process", () => childrenOf(pid)[0]);
  leftovers.push(child);
  return { parent, child };
}

describe("stopping rapport scan", () => {
  it("passes SIGTERM on to the dedicated child, and ends as if terminated", async () => {
    const { parent, child } = await blockedScan();
    const exited = new Promise<string | null>((r) => parent.on("exit", (_code, signal) => r(signal)));
    parent.kill("SIGTERM");
    expect(await exited).toBe("SIGTERM");
    await until("the child to be gone", () => (alive(child) ? undefined : true));
    expect(alive(child)).toBe(false);
  });

  it("ends the child when the command is killed outright (SIGKILL)", async () => {
    const { parent, child } = await blockedScan();
    const exited = new Promise((r) => parent.on("exit", r));
    parent.kill("SIGKILL");
    await exited;
    await until("the orphaned child to end itself", () => (alive(child) ? undefined : true));
    expect(alive(child)).toBe(false);
  });
});
