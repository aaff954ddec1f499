import type { LanguageId } from "./LanguageId.js";

const BY_EXTENSION: Record<string, LanguageId> = {
  ".py": "python",
  ".pyi": "python",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  // The JavaScript grammar parses JSX natively.
  ".jsx": "javascript",
  ".go": "go",
  ".rs": "rust",
  ".java": "java",
};

/**
 * The tree-sitter language for a file, from its extension (case-insensitive), or `null` when unsupported.
 * `.d.ts` files are TypeScript; `.jsx` uses the JavaScript grammar (it includes JSX).
 */
export function languageForPath(filePath: string): LanguageId | null {
  const base = filePath.slice(Math.max(filePath.lastIndexOf("/"), filePath.lastIndexOf("\\")) + 1);
  const dot = base.lastIndexOf(".");
  if (dot <= 0) return null;
  return BY_EXTENSION[base.slice(dot).toLowerCase()] ?? null;
}
