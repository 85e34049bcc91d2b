import { Writable } from "node:stream";
import { expect, it } from "vitest";
import { createProgress } from "../../sandbox/progress.js";

function sink(): { stream: Writable; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += chunk;
      done();
    },
  });
  return { stream, text: () => text };
}

it("redraws one line on a terminal", () => {
  const out = sink();
  const p = createProgress({ label: "backfill", total: 200, unit: "messages", stream: out.stream, tty: true });
  p.update(50);
  p.update(200);
  p.finish("200 message(s)");
  expect(out.text()).toBe(
    "\r\x1b[2Kbackfill ███████░░░░░░░░░░░░░░░░░░░░░  25% 50/200 messages" +
      "\r\x1b[2Kbackfill ████████████████████████████ 100% 200/200 messages" +
      "\r\x1b[2Kbackfill done: 200 message(s)\n",
  );
});

it("writes at most a line per tenth, and no control characters, when not a terminal", () => {
  const out = sink();
  const p = createProgress({ label: "backfill", total: 1000, stream: out.stream, tty: false });
  for (let i = 0; i <= 1000; i += 10) p.update(i);
  p.finish();
  const lines = out.text().trimEnd().split("\n");
  expect(lines).toHaveLength(12);
  expect(lines.at(-1)).toBe("backfill done");
  expect(out.text()).not.toMatch(/[\r\x1b]/);
});
