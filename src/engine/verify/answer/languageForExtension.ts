const BY_EXT: Record<string, string> = {
  py: "python", pyi: "python", ts: "typescript", mts: "typescript", cts: "typescript", tsx: "tsx", js: "javascript", mjs: "javascript",
  cjs: "javascript", jsx: "javascript", go: "go", rs: "rust", java: "java", json: "json", md: "markdown", yml: "yaml", yaml: "yaml",
  toml: "toml", sh: "shell", bash: "shell", css: "css", html: "html", sql: "sql", c: "c", h: "c", cpp: "cpp", hpp: "cpp", rb: "ruby",
};

/** A language name for a file path by its extension; undefined when unknown. */
export function languageForExtension(filePath: string): string | undefined {
  const m = /\.([A-Za-z0-9]+)$/.exec(filePath);
  return m ? BY_EXT[m[1]!.toLowerCase()] : undefined;
}
