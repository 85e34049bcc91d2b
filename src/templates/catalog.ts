/**
 * The catalogue of templates/: every template Rapport renders (five drafts in each draft language, and the
 * digest), loaded once per templates directory. English drafts and the digest live in templates/, other languages
 * in templates/<language>/ (a user's RAPPORT_TEMPLATES_DIR follows the same layout). `rapport start` loads them all
 * before anything else so a broken template in any language stops start-up; jobs get the same cached sets.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { DRAFT_LANGUAGES, type DraftLanguage } from "../domain/fact-language.js";
import { TEMPLATES_DIR } from "../paths.js";
import { digestTemplateSpec } from "./digest.js";
import { type DraftTemplateName, draftTemplateSpecs } from "./drafts.js";
import { loadTemplateSet, type TemplateSet } from "./template-set.js";

type TemplateName = DraftTemplateName | "digest";

const cache = new Map<string, TemplateSet<TemplateName>>();
const draftCache = new Map<string, TemplateSet<DraftTemplateName>>();

function loadLanguage(config: Pick<Config, "templatesDir">, language: DraftLanguage): TemplateSet<DraftTemplateName> {
  const key = `${config.templatesDir ?? ""}|${language}`;
  let set = draftCache.get(key);
  if (!set) {
    const builtin = path.join(TEMPLATES_DIR, language);
    const own = config.templatesDir ? path.join(config.templatesDir, language) : null;
    set = loadTemplateSet(draftTemplateSpecs(language), builtin, own && existsSync(own) ? own : null);
    draftCache.set(key, set);
  }
  return set;
}

/** English drafts and the digest; the other languages are loaded (and checked) at the same time. */
export function loadTemplates(config: Pick<Config, "templatesDir">): TemplateSet<TemplateName> {
  const key = config.templatesDir ?? "";
  let set = cache.get(key);
  if (!set) {
    set = loadTemplateSet(
      { ...draftTemplateSpecs("en"), digest: digestTemplateSpec() },
      TEMPLATES_DIR,
      config.templatesDir,
    );
    for (const language of DRAFT_LANGUAGES) if (language !== "en") loadLanguage(config, language);
    cache.set(key, set);
  }
  return set;
}

/** The draft templates for a language (English for "en"). */
export function loadDraftTemplates(
  config: Pick<Config, "templatesDir">,
  language: DraftLanguage,
): TemplateSet<DraftTemplateName> {
  const all = loadTemplates(config);
  return language === "en" ? all : loadLanguage(config, language);
}
