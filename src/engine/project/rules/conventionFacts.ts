import type { RepoMap } from "../../../shared/contract/project.js";

const LANG_LABEL: Record<string, string> = {
  typescript: "TypeScript", tsx: "TSX", javascript: "JavaScript", python: "Python", go: "Go", rust: "Rust", java: "Java",
};

export function languageLabel(id: string): string {
  return LANG_LABEL[id] ?? id.charAt(0).toUpperCase() + id.slice(1);
}

/** Rule groups: one rule file per family; TSX joins TypeScript. */
export const FAMILIES: Record<string, { label: string; languages: string[]; exts: string[] }> = {
  typescript: { label: "TypeScript", languages: ["typescript", "tsx"], exts: ["ts", "tsx", "mts", "cts"] },
  javascript: { label: "JavaScript", languages: ["javascript"], exts: ["js", "jsx", "mjs", "cjs"] },
  python: { label: "Python", languages: ["python"], exts: ["py"] },
  go: { label: "Go", languages: ["go"], exts: ["go"] },
  rust: { label: "Rust", languages: ["rust"], exts: ["rs"] },
  java: { label: "Java", languages: ["java"], exts: ["java"] },
};

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/**
 * Globs for a set of files that are valid plain YAML and Cursor-style comma lists: `dir/**\/*.ext` for
 * each top-level folder holding such files, plus root-level files by name (a glob may not start with `*`
 * in YAML). Capped at 12 entries.
 */
export function globsFor(paths: readonly string[], exts: readonly string[]): string {
  const dirs = new Set<string>();
  const rootFiles: string[] = [];
  const extSeen = new Map<string, Set<string>>();
  for (const p of paths) {
    const ext = p.slice(p.lastIndexOf(".") + 1);
    if (!exts.includes(ext)) continue;
    if (!p.includes("/")) rootFiles.push(p);
    else {
      const top = p.slice(0, p.indexOf("/"));
      dirs.add(top);
      (extSeen.get(top) ?? extSeen.set(top, new Set()).get(top)!).add(ext);
    }
  }
  const globs = [...dirs].sort().flatMap((d) => [...extSeen.get(d)!].sort().map((e) => `${d}/**/*.${e}`));
  return [...globs, ...rootFiles.sort()].slice(0, 12).join(",");
}

/** Human lines about naming, indentation and quotes for one language family, from the analysis. */
export function styleLines(map: RepoMap, family: string): string[] {
  const { languages } = FAMILIES[family]!;
  const lines: string[] = [];
  const primary = languages[0]!;
  for (const subject of ["functions", "types", "files"] as const) {
    const n = map.conventions.naming.find((x) => x.language === primary && x.subject === subject) ?? map.conventions.naming.find((x) => languages.includes(x.language) && x.subject === subject);
    if (n) lines.push(`${subject === "files" ? "File names" : subject === "types" ? "Type / class names" : "Function and method names"} are ${n.style} (${pct(n.share)} of those seen).`);
  }
  const ind = map.conventions.indentation.find((x) => languages.includes(x.language));
  if (ind) lines.push(`Indent with ${ind.style}.`);
  const q = map.conventions.quotes.find((x) => languages.includes(x.language));
  if (q) lines.push(`Import specifiers use ${q.style} quotes (${pct(q.share)}).`);
  return lines;
}

/** Extra, language-specific conventions measured from symbols and imports. */
export function measuredLines(map: RepoMap, family: string): string[] {
  const { languages } = FAMILIES[family]!;
  const files = map.files.filter((f) => languages.includes(f.language) && !f.isTest);
  const lines: string[] = [];
  if (family === "typescript" || family === "javascript") {
    const rel = files.flatMap((f) => f.imports.filter((i) => i.startsWith(".")));
    const withJs = rel.filter((i) => /\.(js|mjs|cjs|jsx)$/.test(i)).length;
    if (rel.length >= 5 && withJs / rel.length >= 0.8) lines.push(`Relative imports carry the \`.js\` extension (${pct(withJs / rel.length)}), as ESM/NodeNext resolution requires.`);
    else if (rel.length >= 5 && withJs / rel.length <= 0.2) lines.push("Relative imports omit the file extension.");
    const exportsPerFile = files.map((f) => f.symbols.filter((s) => s.exported && !s.parent).length).filter((n) => n > 0);
    const single = exportsPerFile.filter((n) => n === 1).length;
    if (exportsPerFile.length >= 5 && single / exportsPerFile.length >= 0.6) lines.push(`Most modules export exactly one thing (${pct(single / exportsPerFile.length)}), named like the file.`);
  }
  if (family === "python") {
    const fns = files.flatMap((f) => f.symbols.filter((s) => s.kind === "function" || s.kind === "method"));
    const annotated = fns.filter((s) => s.signature.includes("->")).length;
    if (fns.length >= 5) lines.push(annotated / fns.length >= 0.6 ? `Annotate return types (done on ${pct(annotated / fns.length)} of functions).` : `Type hints are used sparingly (${pct(annotated / fns.length)} of functions annotate returns).`);
  }
  if (family === "go") lines.push("Format with gofmt (tabs); exported identifiers start with a capital letter.");
  if (family === "rust") {
    const pub = files.flatMap((f) => f.symbols).filter((s) => !s.parent);
    if (pub.length >= 5) lines.push(`Top-level items are \`pub\` in ${pct(pub.filter((s) => s.exported).length / pub.length)} of cases; keep visibility as narrow as it is today.`);
  }
  return lines;
}
