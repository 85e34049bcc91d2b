/**
 * Word boundaries for text in any language. JavaScript's `\b` only knows ASCII letters, so "qué", "où" or
 * "échanger" never start or end a word for it; `words()` rewrites a pattern's `\b` into a boundary between
 * Unicode letters or digits and anything else, and adds the `u` flag.
 */
const BOUNDARY = String.raw`(?:(?<=[\p{L}\p{N}])(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?=[\p{L}\p{N}]))`;

export function words(pattern: RegExp): RegExp {
  const flags = pattern.flags.includes("u") ? pattern.flags : `${pattern.flags}u`;
  return new RegExp(pattern.source.replace(/\\b/g, BOUNDARY), flags);
}
