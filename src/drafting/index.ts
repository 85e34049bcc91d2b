export { buildDraftContext, type DraftContext, type DraftFacts } from "./draft-context.js";
export { DRAFT_TEMPLATE_FOR, type DraftTemplateName, draftTemplateSpecs, renderDraft } from "./drafts.js";
export { replySubject } from "./helpers.js";
export {
  type CompiledTemplate,
  loadTemplateSet,
  type RenderedMessage,
  TemplateError,
  type TemplateSet,
  type TemplateSpec,
} from "./template-set.js";
