/** Languages the shared tree-sitter parser understands. */
export type LanguageId = "python" | "typescript" | "tsx" | "javascript" | "go" | "rust" | "java";

/** Every supported language, in a stable order. */
export const LANGUAGE_IDS: readonly LanguageId[] = ["python", "typescript", "tsx", "javascript", "go", "rust", "java"];
