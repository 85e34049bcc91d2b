/**
 * The catalogue of templates/: every template Rapport renders (three drafts and the digest), loaded once per
 * templates directory. Drafting and the digest both render through it. `rapport start` loads them before anything
 * else so a broken user template stops start-up; jobs get the same cached set.
 */
import type { Config } from "../config.js";
import { TEMPLATES_DIR } from "../paths.js";
import { digestTemplateSpec } from "./digest.js";
import { type DraftTemplateName, draftTemplateSpecs } from "./drafts.js";
import { loadTemplateSet, type TemplateSet } from "./template-set.js";

type TemplateName = DraftTemplateName | "digest";

const cache = new Map<string, TemplateSet<TemplateName>>();

export function loadTemplates(config: Pick<Config, "templatesDir">): TemplateSet<TemplateName> {
  const key = config.templatesDir ?? "";
  let set = cache.get(key);
  if (!set) {
    set = loadTemplateSet(
      { ...draftTemplateSpecs(), digest: digestTemplateSpec() },
      TEMPLATES_DIR,
      config.templatesDir,
    );
    cache.set(key, set);
  }
  return set;
}
