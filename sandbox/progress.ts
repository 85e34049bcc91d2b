/**
 * Progress for long work: a one-line bar redrawn on stderr when stderr is a terminal, plain log lines (at most one
 * per 10%, plus the end) when it is a file or a pipe, so logs stay readable and CI output stays short.
 */
export interface Progress {
  /** Sets the amount done so far (and optionally a new total). */
  update(done: number, total?: number): void;
  /** Marks the work finished with a closing note. */
  finish(note?: string): void;
}

interface ProgressOptions {
  label: string;
  total: number;
  unit?: string;
  stream?: NodeJS.WriteStream | NodeJS.WritableStream;
  /** Force the terminal bar on or off (default: stream.isTTY). */
  tty?: boolean;
}

const WIDTH = 28;

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const tty = options.tty ?? (stream as NodeJS.WriteStream).isTTY === true;
  const unit = options.unit ? ` ${options.unit}` : "";
  let total = Math.max(0, options.total);
  let lastDecile = -1;
  let finished = false;

  const line = (done: number) => {
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * WIDTH);
    const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`;
    return `${options.label} ${bar} ${String(Math.round(ratio * 100)).padStart(3)}% ${done}/${total}${unit}`;
  };

  return {
    update(done, newTotal) {
      if (finished) return;
      if (newTotal !== undefined) total = Math.max(0, newTotal);
      if (tty) {
        stream.write(`\r\x1b[2K${line(done)}`);
        return;
      }
      const decile = total > 0 ? Math.floor((Math.min(done, total) / total) * 10) : 0;
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${line(done)}\n`);
      }
    },
    finish(note) {
      if (finished) return;
      finished = true;
      const text = `${options.label} done${note ? `: ${note}` : ""}`;
      stream.write(tty ? `\r\x1b[2K${text}\n` : `${text}\n`);
    },
  };
}
