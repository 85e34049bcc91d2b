/** Renders a digest from its data with the loaded digest template (built in, or the user's copy). */
import type { Config } from "../config.js";
import { loadTemplates } from "../drafting/catalog.js";
import type { RenderedMessage } from "../drafting/template-set.js";
import type { DigestData } from "./data.js";
import { buildDigestContext } from "./digest-context.js";

export interface RenderedDigest extends RenderedMessage {
  html: string;
}

export function renderDigest(config: Pick<Config, "templatesDir">, data: DigestData): RenderedDigest {
  const out = loadTemplates(config).digest.render(buildDigestContext(data));
  return { ...out, html: out.html ?? "" };
}
