/**
 * Text as compared for agreement: lower case, accents and punctuation removed, whitespace collapsed.
 * "Use a REST API!" and "use a rest api" normalise to the same string.
 */
export function normalizeText(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
