/**
 * No function in src/ runs over 80 lines unless the comment above it says why ("Long because …"). The detection
 * engine's own long functions are listed here instead: the engine is being rewritten separately, and its files are
 * left as they are until then.
 */
import { expect, it } from "vitest";
import { listTsFiles, parseFile } from "./source-graph.js";

const MAX_LINES = 80;

/** file → function: why it may stay long for now. */
const DETECTION_ENGINE: Record<string, string> = {
  "src/domain/assess-thread.ts:assessThread": "the classifier, being rewritten with the detection engine",
  "src/domain/evaluate-mailbox.ts:evaluateMailbox": "the lifecycle evaluation, being rewritten with the engine",
  "src/domain/assess-meeting.ts:assessMeeting": "the meeting classifier, being rewritten with the engine",
  "src/scan/scan-mailbox.ts:scanMailbox": "the offline scan pipeline, being rewritten with the engine",
  // Arrives with the engine's rewrite (not on this branch yet); listed so the merge stays green.
  "src/domain/thread-evidence.ts:threadEvidence": "the rewritten engine's evidence collection",
};

it(`keeps every function in src/ within ${MAX_LINES} lines, or says why not`, () => {
  const long = listTsFiles("src")
    .map(parseFile)
    .flatMap((f) => f.functions.map((fn) => ({ ...fn, key: `${f.path}:${fn.name}` })))
    .filter((fn) => fn.lines > MAX_LINES && !/\bLong because\b/.test(fn.leadingComment))
    .filter((fn) => !(fn.key in DETECTION_ENGINE))
    .map((fn) => `${fn.key} (line ${fn.line}): ${fn.lines} lines`);
  expect(long).toEqual([]);
});
