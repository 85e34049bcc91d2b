/** The few Handlebars helpers templates may use. Registered on a private Handlebars environment, never globally. */
import type { HelperDelegate } from "handlebars";

const REPLY_PREFIX = /^\s*(re|aw|sv|antw|réf|ref)\s*:/i;

/** "Re: <subject>" unless it already is a reply subject; Gmail threads a draft only when the subject matches. */
export function replySubject(subject: string): string {
  const s = subject.replace(/\s+/g, " ").trim();
  if (s === "") return "";
  return REPLY_PREFIX.test(s) ? s : `Re: ${s}`;
}

/** "1 conversation", "3 conversations" (a third argument gives an irregular plural). */
export function plural(count: number, singular: string, pluralForm?: string): string {
  return `${count} ${count === 1 ? singular : (pluralForm ?? `${singular}s`)}`;
}

export const HELPERS: Record<string, HelperDelegate> = {
  replySubject: (subject: unknown) => replySubject(typeof subject === "string" ? subject : ""),
  plural: (count: unknown, singular: unknown, ...rest: unknown[]) => {
    // Handlebars passes its options object last.
    const irregular = rest.length > 1 && typeof rest[0] === "string" ? rest[0] : undefined;
    return plural(Number(count) || 0, String(singular), irregular);
  },
};
