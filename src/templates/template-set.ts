/**
 * Loads, compiles and validates the Handlebars templates (drafts and digest) once at start-up. A template file is
 * `<name>.<part>.hbs` (part: subject, text, html). RAPPORT_TEMPLATES_DIR may hold the user's copies: for each
 * template name, if the user's directory has any of its files, it must have all of its required parts, and those
 * are used; otherwise the built-in files are. Anything wrong stops start-up with a TemplateError naming the file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { HELPERS } from "./helpers.js";
import { findUnguardedSlots, nullablePaths } from "./template-check.js";
import { compileParts, type PartsRenderer, type TemplatePart } from "./template-parts.js";

export class TemplateError extends Error {
  override readonly name = "TemplateError";
}

type PartName = "subject" | "text" | "html";

export interface TemplateSpec {
  required: readonly PartName[];
  optional: readonly PartName[];
  /** Context samples: at least a fully known one and one where everything optional is unknown (null/empty). */
  samples: readonly object[];
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string | null;
}

type Compiled = (context: object) => string;

export interface CompiledTemplate {
  name: string;
  /** Which file each part came from (for messages). */
  files: Partial<Record<PartName, string>>;
  render(context: object): RenderedMessage;
  /** The text's hash of source and its parts (template-parts.ts); parts null when they cannot be told apart. */
  textParts(context: object): { sourceHash: string; parts: TemplatePart[] | null };
}

export type TemplateSet<N extends string> = Record<N, CompiledTemplate>;

const PART_NAMES: readonly PartName[] = ["subject", "text", "html"];

function environment(): typeof Handlebars {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn);
  return hb;
}

/**
 * Collapses trailing spaces and runs of blank lines that {{#if}} blocks leave behind, and the doubled full stop of a
 * value that ends a sentence with its own ("at Northwind Traders, Inc." + "."), an ellipsis left as written.
 */
function tidyText(text: string): string {
  return (
    text
      .replace(/\r\n/g, "\n")
      .replace(/(?<!\.)\.\.(?=\s|$)/g, ".")
      .replace(/([!?])\.(?=\s|$)/g, "$1")
      // trailing blanks go, except in the "-- " line that opens a signature
      .replace(/(?<!^--)[ \t]+$/gm, "")
      .replace(/\n{3,}/g, "\n\n")
      .trim()
  );
}

function tidySubject(subject: string): string {
  return subject.replace(/\s+/g, " ").trim();
}

function compilePart(hb: typeof Handlebars, file: string, part: PartName, spec: TemplateSpec): Compiled {
  const shown = file;
  let source: string;
  try {
    source = readFileSync(file, "utf8");
  } catch (cause) {
    throw new TemplateError(`cannot read template ${shown}: ${(cause as Error).message}`, { cause });
  }
  if (source.trim() === "") throw new TemplateError(`template ${shown} is empty`);
  let problems: ReturnType<typeof findUnguardedSlots>;
  try {
    problems = findUnguardedSlots(source, nullablePaths(spec.samples));
  } catch (cause) {
    const first = (cause as Error).message.split("\n").slice(0, 2).join(" ");
    throw new TemplateError(`template ${shown} does not compile: ${first}`, { cause });
  }
  const problem = problems[0];
  if (problem) {
    throw new TemplateError(
      `template ${shown} line ${problem.line}: {{${problem.path.replace(/^.*\[\]\./, "")}}} may be unknown; wrap it in {{#if ...}}…{{else}}…{{/if}} so the message never shows an empty slot`,
    );
  }
  // Text parts are plain text: no HTML escaping. Strict: a misspelt field fails validation instead of vanishing.
  const template = hb.compile(source, { strict: true, noEscape: part !== "html" });
  return (context) => template(context);
}

function validate(template: CompiledTemplate, spec: TemplateSpec): void {
  for (const sample of spec.samples) {
    let out: RenderedMessage;
    try {
      out = template.render(sample);
    } catch (cause) {
      const file = Object.values(template.files).join(", ");
      throw new TemplateError(`template ${file} failed to render: ${(cause as Error).message.split("\n")[0]}`, {
        cause,
      });
    }
    if (out.subject === "") throw new TemplateError(`template ${template.files.subject} renders an empty subject`);
    if (out.text === "") throw new TemplateError(`template ${template.files.text} renders an empty body`);
    for (const [part, value] of Object.entries(out) as [PartName, string | null][]) {
      if (value && /\{\{|\}\}|\bundefined\b|\[object Object\]|\bNaN\b/.test(value)) {
        throw new TemplateError(`template ${template.files[part]} leaves a raw placeholder or an unknown value`);
      }
    }
  }
}

function filesFor(dir: string, name: string): Partial<Record<PartName, string>> {
  const files: Partial<Record<PartName, string>> = {};
  for (const part of PART_NAMES) {
    const file = path.join(dir, `${name}.${part}.hbs`);
    if (existsSync(file)) files[part] = file;
  }
  return files;
}

export function loadTemplateSet<N extends string>(
  specs: Record<N, TemplateSpec>,
  builtinDir: string,
  userDir: string | null,
): TemplateSet<N> {
  if (userDir !== null && !(existsSync(userDir) && statSync(userDir).isDirectory())) {
    throw new TemplateError(`RAPPORT_TEMPLATES_DIR ${userDir} is not a directory`);
  }
  if (userDir !== null) {
    for (const entry of readdirSync(userDir)) {
      const match = /^([a-z-]+)\.([a-z]+)\.hbs$/.exec(entry);
      if (entry.endsWith(".hbs") && !(match && match[1]! in specs && PART_NAMES.includes(match[2] as PartName))) {
        throw new TemplateError(
          `template ${path.join(userDir, entry)} is not one Rapport knows (expected <name>.<subject|text|html>.hbs with name ${Object.keys(specs).join(", ")})`,
        );
      }
    }
  }
  const hb = environment();
  const set = {} as TemplateSet<N>;
  for (const name of Object.keys(specs) as N[]) {
    const spec = specs[name];
    const own = userDir ? filesFor(userDir, name) : {};
    const dir = Object.keys(own).length > 0 ? (userDir as string) : builtinDir;
    const files = dir === builtinDir ? filesFor(builtinDir, name) : own;
    for (const part of spec.required) {
      if (!files[part]) {
        throw new TemplateError(
          `template ${path.join(dir, `${name}.${part}.hbs`)} is missing: a ${name} template needs ${spec.required.join(" and ")} parts`,
        );
      }
    }
    const compiled: Partial<Record<PartName, Compiled>> = {};
    for (const [part, file] of Object.entries(files) as [PartName, string][]) {
      compiled[part] = compilePart(hb, file, part, spec);
    }
    const parts: PartsRenderer | null = files.text ? compileParts(hb, readFileSync(files.text, "utf8")) : null;
    const template: CompiledTemplate = {
      name,
      files,
      render(context) {
        return {
          subject: tidySubject(compiled.subject?.(context) ?? ""),
          text: tidyText(compiled.text?.(context) ?? ""),
          html: compiled.html ? compiled.html(context).trim() : null,
        };
      },
      textParts(context) {
        const expected = tidyText(compiled.text?.(context) ?? "");
        return { sourceHash: parts?.sourceHash ?? "", parts: parts ? parts.render(context, expected) : null };
      },
    };
    validate(template, spec);
    set[name] = template;
  }
  return set;
}
