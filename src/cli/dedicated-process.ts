/**
 * The dedicated process `rapport scan` re-runs itself in (a Node tuned for one large scan), and the two
 * guarantees that keep it from outliving the command: signals the command receives (SIGTERM, SIGINT, SIGHUP)
 * are passed on to it, and it is killed if it has not stopped a few seconds later; and it kills itself when its
 * parent is gone (killed outright with SIGKILL), even while its own main thread is busy: the parent writes its pid
 * on a pipe (the child's fd 3), and a watcher thread in the child reads it (end of the pipe first: the parent is
 * already gone) and then checks every half second that its parent is still that process.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fstatSync } from "node:fs";
import { Worker } from "node:worker_threads";

const FORWARDED = ["SIGTERM", "SIGINT", "SIGHUP"] as const;
/** Milliseconds the child has to stop after a forwarded signal before it is killed. */
const GRACE_MS = 5_000;
/** How often the child looks whether its parent is still there. */
const PARENT_CHECK_MS = 500;
/** The child's file descriptor of the pipe to its parent. */
const PARENT_PIPE_FD = 3;

/**
 * Runs `node args…` with inherited stdio and waits for it. Returns its exit code; when the command was itself
 * stopped by a signal, it ends the same way after the child has gone (so a shell sees the signal).
 */
export async function runDedicatedProcess(args: string[]): Promise<number> {
  const child = spawn(process.execPath, args, { stdio: ["inherit", "inherit", "inherit", "pipe"] });
  child.stdio[PARENT_PIPE_FD]?.on("error", () => {
    // the child is gone: its exit is what counts
  });
  (child.stdio[PARENT_PIPE_FD] as NodeJS.WritableStream | null)?.write(`${process.pid}\n`);
  let received: NodeJS.Signals | null = null;
  const forward = (signal: NodeJS.Signals): void => {
    received ??= signal;
    child.kill(signal);
    setTimeout(() => child.kill("SIGKILL"), GRACE_MS).unref();
  };
  for (const signal of FORWARDED) process.on(signal, forward);
  let code: number | null;
  try {
    [code] = (await once(child, "exit")) as [number | null];
  } finally {
    for (const signal of FORWARDED) process.off(signal, forward);
    child.stdio[PARENT_PIPE_FD]?.destroy();
  }
  if (received) process.kill(process.pid, received);
  return code ?? 1;
}

/**
 * The watcher: reads the parent's pid from the pipe (waiting while the pipe is empty; the end of the pipe means the
 * parent is gone), then kills this process as soon as its parent is another. It never blocks in a system call
 * once the pid is read, so it never holds up the process's own exit.
 */
const WATCHER = `
const fs = require("node:fs");
const buffer = Buffer.alloc(32);
const pause = new Int32Array(new SharedArrayBuffer(4));
let text = "";
for (;;) {
  let n = 0;
  try {
    n = fs.readSync(${PARENT_PIPE_FD}, buffer, 0, buffer.length, null);
  } catch (e) {
    if (e.code !== "EAGAIN") break;
    Atomics.wait(pause, 0, 0, 50);
    continue;
  }
  if (n === 0) break;
  text += buffer.toString("latin1", 0, n);
  if (text.includes("\\n")) break;
}
const parent = Number.parseInt(text, 10);
if (!(parent > 0) || process.ppid !== parent) process.kill(process.pid, "SIGKILL");
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGKILL");
}, ${PARENT_CHECK_MS});
`;

/** In the dedicated process: end it as soon as the process that started it is gone (no-op without the pipe). */
export function exitWithParent(): void {
  try {
    const pipe = fstatSync(PARENT_PIPE_FD);
    if (!pipe.isFIFO() && !pipe.isSocket()) return;
  } catch {
    return;
  }
  new Worker(WATCHER, { eval: true }).unref();
}
