/**
 * Reads src/ the way the architecture tests need it: every import (static, type-only, re-export, dynamic) of every
 * file, resolved to a file, and every function with its length. Uses the TypeScript parser, not regular
 * expressions, so comments and strings never count as imports.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export const ROOT = path.resolve(import.meta.dirname, "../..");

export interface Import {
  from: string;
  /** Resolved path relative to the repository root (a .ts file), or the bare package name. */
  to: string;
  names: string[];
  typeOnly: boolean;
  line: number;
}

export interface SourceFile {
  path: string;
  text: string;
  imports: Import[];
  functions: FunctionInfo[];
}

export interface FunctionInfo {
  name: string;
  line: number;
  lines: number;
  /** The comments right above it (its JSDoc or line comments). */
  leadingComment: string;
}

export function listTsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${entry}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...listTsFiles(rel));
    else if (rel.endsWith(".ts") && !rel.endsWith(".d.ts")) out.push(rel);
  }
  return out.sort();
}

function resolve(from: string, specifier: string): string {
  if (!specifier.startsWith(".")) return specifier;
  return path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier)).replace(/\.js$/, ".ts");
}

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return "(anonymous)";
}

export function parseFile(rel: string): SourceFile {
  const text = readFileSync(path.join(ROOT, rel), "utf8");
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const imports: Import[] = [];
  const functions: FunctionInfo[] = [];
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const names: string[] = [];
      if (clause?.name) names.push("default");
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements)
          names.push(`${el.isTypeOnly ? "type " : ""}${el.propertyName?.text ?? el.name.text}`);
      } else if (bindings) names.push("*");
      imports.push({
        from: rel,
        to: resolve(rel, node.moduleSpecifier.text),
        names,
        typeOnly: clause?.isTypeOnly === true || (names.length > 0 && names.every((n) => n.startsWith("type "))),
        line: lineOf(node.getStart()),
      });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      imports.push({
        from: rel,
        to: resolve(rel, node.moduleSpecifier.text),
        names: ["(re-export)"],
        typeOnly: node.isTypeOnly,
        line: lineOf(node.getStart()),
      });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      imports.push({
        from: rel,
        to: resolve(rel, node.arguments[0].text),
        names: ["(dynamic)"],
        typeOnly: false,
        line: lineOf(node.getStart()),
      });
    }
    if (
      ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node)
    ) {
      if (node.body) {
        const start = lineOf(node.getStart());
        const end = lineOf(node.getEnd());
        // The comments above the statement that holds the function (a const, an export, a property).
        let holder: ts.Node = node;
        while (
          holder.parent &&
          !ts.isSourceFile(holder.parent) &&
          !ts.isBlock(holder.parent) &&
          !ts.isClassDeclaration(holder.parent) &&
          !ts.isObjectLiteralExpression(holder.parent)
        )
          holder = holder.parent;
        const ranges = ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [];
        functions.push({
          name: functionName(node),
          line: start,
          lines: end - start + 1,
          leadingComment: ranges.map((r) => text.slice(r.pos, r.end)).join("\n"),
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { path: rel, text, imports, functions };
}
