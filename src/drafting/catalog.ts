/**
 * The compiled draft templates, loaded once per templates directory. `rapport start` loads them before anything
 * else so a broken user template stops start-up; jobs get the same cached set.
 */
import type { Config } from "../config.js";
import { TEMPLATES_DIR } from "../paths.js";
import { type DraftTemplateName, draftTemplateSpecs } from "./drafts.js";
import { loadTemplateSet, type TemplateSet } from "./template-set.js";

const cache = new Map<string, TemplateSet<DraftTemplateName>>();

export function draftTemplates(config: Pick<Config, "templatesDir">): TemplateSet<DraftTemplateName> {
  const key = config.templatesDir ?? "";
  let set = cache.get(key);
  if (!set) {
    set = loadTemplateSet(draftTemplateSpecs(), TEMPLATES_DIR, config.templatesDir);
    cache.set(key, set);
  }
  return set;
}
