/** Languages CodeBLEU knows keywords and comment syntax for; anything else is scored as "generic". */
export type CodeLanguage = "python" | "javascript" | "typescript" | "tsx" | "java" | "go" | "rust" | "generic";

const ALIASES: Record<string, CodeLanguage> = {
  python: "python",
  py: "python",
  javascript: "javascript",
  js: "javascript",
  jsx: "javascript",
  mjs: "javascript",
  cjs: "javascript",
  typescript: "typescript",
  ts: "typescript",
  tsx: "tsx",
  java: "java",
  go: "go",
  golang: "go",
  rust: "rust",
  rs: "rust",
};

/** Map a language name, alias or file extension ("py", "ts", "golang") to a CodeLanguage; unknown → "generic". */
export function codeLanguage(name: string | null | undefined): CodeLanguage {
  if (!name) return "generic";
  return ALIASES[name.trim().toLowerCase().replace(/^\./, "")] ?? "generic";
}
