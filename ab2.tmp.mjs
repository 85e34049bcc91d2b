import { readFileSync } from "node:fs";
import * as vt from "/tmp/old/dist/src/domain/visible-text.js";
import * as tsO from "/tmp/old/dist/src/domain/text-signals.js";
import * as mpB from "./dist/src/domain/message-parts.js";
import * as tsB from "./dist/src/domain/text-signals.js";
const bodies = JSON.parse(readFileSync("/tmp/bodies.json","utf8"));
function runOld() { const c0 = process.cpuUsage(); let k=0;
  for (const [s,b] of bodies) { const t = vt.quickVisibleText(b, 1200, true); if (tsO.textMatters(tsO.foldText(`${s}\n${t}`))) k++; }
  return [Math.round(process.cpuUsage(c0).user/1000), k]; }
function runNew() { const c0 = process.cpuUsage(); let k=0;
  for (const [s,b] of bodies) { const t = mpB.compactBody(b.slice(0,24000), { own: 1200 }); if (tsB.textMatters(tsB.foldText(`${s}\n${t}`))) k++; }
  return [Math.round(process.cpuUsage(c0).user/1000), k]; }
for (let r=0;r<4;r++) console.log("old", ...runOld(), "new", ...runNew());
