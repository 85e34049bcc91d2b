#!/usr/bin/env node
/**
 * The `rapport` command. Before anything else is loaded, a worker command on the embedded database re-runs itself in
 * place with the V8 flags that keep it within its memory bound (embedded-flags.ts); then the program runs.
 */
import { reexecWithEmbeddedFlags } from "./embedded-flags.js";

reexecWithEmbeddedFlags(process.argv);
await import("./program.js");
