/**
 * Static check of a template against its context: every value that may be unknown (null in some sample context)
 * must be printed only inside an {{#if value}} (or {{#unless value}}…{{else}}) that guards it, so no draft or
 * digest can ever show an empty slot. Works on the Handlebars AST, so the message names the line.
 */
import Handlebars from "handlebars";

type Node = hbs.AST.Node;
type Program = hbs.AST.Program;

/** Paths that are null or "" in any of the samples; array items are described as "list[].field". */
export function nullablePaths(samples: readonly unknown[]): Set<string> {
  const out = new Set<string>();
  const walk = (value: unknown, prefix: string): void => {
    if (value === null || value === undefined || value === "") {
      if (prefix) out.add(prefix);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, `${prefix}[]`);
      return;
    }
    if (typeof value === "object" && !(value instanceof Date)) {
      for (const [key, v] of Object.entries(value)) walk(v, prefix ? `${prefix}.${key}` : key);
    }
  };
  for (const sample of samples) walk(sample, "");
  return out;
}

interface SlotProblem {
  line: number;
  path: string;
}

/** Finds {{value}} mustaches that print a possibly-unknown value without a guard. */
export function findUnguardedSlots(source: string, nullable: ReadonlySet<string>): SlotProblem[] {
  const problems: SlotProblem[] = [];
  const visit = (program: Program | undefined, scope: string, guarded: ReadonlySet<string>): void => {
    for (const node of program?.body ?? []) visitNode(node, scope, guarded);
  };
  const resolve = (original: string, scope: string): string => {
    const p = original.replace(/^this\.?/, "");
    if (p === "") return scope;
    return scope ? `${scope}.${p}` : p;
  };
  const visitNode = (node: Node, scope: string, guarded: ReadonlySet<string>): void => {
    if (node.type === "MustacheStatement") {
      const m = node as hbs.AST.MustacheStatement;
      const paths = m.params.length > 0 ? m.params : [m.path];
      for (const p of paths) {
        if (p.type !== "PathExpression") continue;
        const full = resolve((p as hbs.AST.PathExpression).original, scope);
        if (nullable.has(full) && !guarded.has(full)) problems.push({ line: m.loc.start.line, path: full });
      }
      return;
    }
    if (node.type !== "BlockStatement") return;
    const block = node as hbs.AST.BlockStatement;
    const helper = (block.path as hbs.AST.PathExpression).original;
    const param = block.params[0];
    const target = param?.type === "PathExpression" ? resolve((param as hbs.AST.PathExpression).original, scope) : null;
    const withGuard = (set: ReadonlySet<string>, path: string | null) => (path ? new Set([...set, path]) : set);
    if (helper === "if") {
      visit(block.program, scope, withGuard(guarded, target));
      visit(block.inverse, scope, guarded);
    } else if (helper === "unless") {
      visit(block.program, scope, guarded);
      visit(block.inverse, scope, withGuard(guarded, target));
    } else if (helper === "each" && target) {
      visit(block.program, `${target}[]`, guarded);
      visit(block.inverse, scope, guarded);
    } else if (helper === "with" && target) {
      visit(block.program, target, guarded);
      visit(block.inverse, scope, guarded);
    } else {
      visit(block.program, scope, guarded);
      visit(block.inverse, scope, guarded);
    }
  };
  visit(Handlebars.parse(source), "", new Set());
  return problems;
}
