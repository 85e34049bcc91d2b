/**
 * A draft's parts: which top-level statement of its text template each paragraph came from. The greeting line
 * (`{{greeting}}`), each paragraph, and the sign-off (`{{signoff}}`) get a name that is stable for one template
 * source — "greeting", "if me.resumeUrl", "if v1#2", "text.1", "signoff" — whatever the wording variant or the facts,
 * so edits to the same part can be counted across sends, and a part can be left out for one account
 * (db/template-adjustments.ts).
 *
 * How: the template's syntax tree (after Handlebars' own whitespace handling) gets an invisible marker before each
 * top-level statement, is rendered with the same context, and each paragraph of the output is owned by the
 * statement its first visible character came from. The result is checked against the ordinary rendering: when the
 * two disagree the draft simply has no parts (nothing is learnt from it), it is never rendered differently.
 */
import { createHash } from "node:crypto";
import type Handlebars from "handlebars";

export interface TemplatePart {
  key: string;
  text: string;
}

const OPEN = "\u0001";
const CLOSE = "\u0002";

type Statement = hbs.AST.Statement;

function statementName(s: Statement): string {
  if (s.type === "MustacheStatement") {
    const path = (s as hbs.AST.MustacheStatement).path as hbs.AST.PathExpression;
    return path.original ?? "value";
  }
  if (s.type === "BlockStatement") {
    const block = s as hbs.AST.BlockStatement;
    const first = block.params[0] as hbs.AST.PathExpression | undefined;
    // "{{#if signoff}}…{{signoff}}{{/if}}" (a language whose sign-off may be unknown) is the sign-off itself
    if (block.path.original === "if" && (first?.original === "signoff" || first?.original === "greeting"))
      return first.original;
    return `${block.path.original}${first?.original ? ` ${first.original}` : ""}`;
  }
  return "text";
}

/** One name per top-level statement, unique: the second "if v1" is "if v1#2". */
function statementKeys(body: readonly Statement[]): string[] {
  const seen = new Map<string, number>();
  return body.map((s) => {
    const name = statementName(s);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}#${n}`;
  });
}

/** An invisible content node before statement `index` (located where that statement is, for the code generator). */
function marker(index: number, before: Statement): hbs.AST.ContentStatement {
  const text = `${OPEN}${index}${CLOSE}`;
  // (Handlebars' typings call `original` StripFlags; the parser sets the source text.)
  return {
    type: "ContentStatement",
    original: text,
    value: text,
    loc: before.loc,
  } as unknown as hbs.AST.ContentStatement;
}

/** Trailing blanks go, except in the "-- " line that opens a signature (as template-set.ts tidyText). */
function tidyLines(paragraph: string): string {
  return paragraph.replace(/(?<!^--)[ \t]+$/gm, "");
}

/** Splits marked output into paragraphs, each with the index of the statement its first visible character is from. */
function ownedParagraphs(marked: string): { owner: number; text: string }[] {
  let plain = "";
  const owners: number[] = [];
  let owner = -1;
  const pattern = new RegExp(`${OPEN}(\\d+)${CLOSE}`, "g");
  let last = 0;
  for (const match of marked.matchAll(pattern)) {
    const chunk = marked.slice(last, match.index);
    plain += chunk;
    for (let i = 0; i < chunk.length; i++) owners.push(owner);
    owner = Number(match[1]);
    last = match.index + match[0].length;
  }
  const tail = marked.slice(last);
  plain += tail;
  for (let i = 0; i < tail.length; i++) owners.push(owner);
  const out: { owner: number; text: string }[] = [];
  const breaks = /\r?\n(?:[ \t]*\r?\n)+/g;
  let start = 0;
  const take = (end: number) => {
    const raw = plain.slice(start, end);
    const text = tidyLines(raw.replace(/\r\n/g, "\n")).trim();
    if (text !== "") {
      const first = start + raw.search(/\S/);
      out.push({ owner: owners[first] ?? -1, text });
    }
  };
  for (const brk of plain.matchAll(breaks)) {
    take(brk.index);
    start = brk.index + brk[0].length;
  }
  take(plain.length);
  return out;
}

/** The compiler stages Handlebars.create() exposes (not in its typings). */
interface CompilerStages {
  Compiler: new () => { compile(ast: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => { compile(env: unknown, options: object, context: undefined, asObject: true): unknown };
  template(spec: unknown): (context: object) => string;
}

/**
 * Handlebars.compile(ast) parses its input again, which re-runs the whitespace handling on an already processed
 * tree (the markers would make it strip differently); these are compile's own stages without that step.
 */
function compileProcessed(hb: typeof Handlebars, ast: hbs.AST.Program): (context: object) => string {
  const stages = hb as unknown as CompilerStages;
  const options = { strict: true, noEscape: true, data: true };
  let compiled: ((context: object) => string) | null = null;
  return (context) => {
    if (!compiled) {
      const environment = new stages.Compiler().compile(ast, options);
      compiled = stages.template(new stages.JavaScriptCompiler().compile(environment, options, undefined, true));
    }
    return compiled(context);
  };
}

export interface PartsRenderer {
  /** A short hash of the template source: part names are only comparable within one source. */
  sourceHash: string;
  /** The parts of the text as `expected` (the ordinary rendering); null when they cannot be told apart. */
  render(context: object, expected: string): TemplatePart[] | null;
}

/** Compiles `source` a second time, with markers, in the given (helper-carrying) Handlebars environment. */
export function compileParts(hb: typeof Handlebars, source: string): PartsRenderer {
  const ast = hb.parse(source);
  const keys = statementKeys(ast.body);
  const body: Statement[] = [];
  for (const [i, s] of ast.body.entries()) body.push(marker(i, s), s);
  const markedAst = { ...ast, body } as hbs.AST.Program;
  const template = compileProcessed(hb, markedAst);
  const sourceHash = createHash("sha256").update(source).digest("hex").slice(0, 10);
  return {
    sourceHash,
    render(context, expected) {
      const paragraphs = ownedParagraphs(template(context));
      const parts: TemplatePart[] = [];
      const counts = new Map<number, number>();
      let previous = -2;
      for (const p of paragraphs) {
        const base = keys[p.owner] ?? "text";
        const isText = ast.body[p.owner]?.type === "ContentStatement" || p.owner < 0;
        const last = parts.at(-1);
        if (!isText && p.owner === previous && last) {
          last.text += `\n\n${p.text}`;
          continue;
        }
        const n = counts.get(p.owner) ?? 0;
        counts.set(p.owner, n + 1);
        parts.push({ key: isText && n > 0 ? `${base}.${n}` : base, text: p.text });
        previous = p.owner;
      }
      return parts.map((p) => p.text).join("\n\n") === expected ? parts : null;
    },
  };
}
