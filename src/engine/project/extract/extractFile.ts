import { Query, type QueryMatch } from "web-tree-sitter";
import type { RepoSymbol } from "../../../shared/contract/project.js";
import { loadLanguage, parseCode, type LanguageId } from "../../parsing/index.js";
import { describeSymbol } from "./describeSymbol.js";
import { NodeScopes } from "./NodeScopes.js";
import type { FileFacts } from "./FileFacts.js";
import { QUERIES } from "./queries.js";
import { countLines, detectIndent, findTodos, generatedNote } from "./scanText.js";

const compiled = new Map<LanguageId, Promise<Query>>();
/** Distinct referenced names kept per file. */
const MAX_REFS = 400;
/** Among several defs of one name node (e.g. arrow function and variable), the more specific wins. */
const KIND_PRIORITY: Record<string, number> = { variable: 0, constant: 1, type: 1 };

function queryFor(lang: LanguageId): Promise<Query> {
  let q = compiled.get(lang);
  if (!q) {
    q = loadLanguage(lang).then((l) => new Query(l, QUERIES[lang]));
    compiled.set(lang, q);
  }
  return q;
}

const MAIN_RE: Partial<Record<LanguageId, RegExp>> = {
  python: /^if\s+__name__\s*==\s*["']__main__["']\s*:/m,
};

/**
 * Parse one source file with tree-sitter and collect its symbols, imports, references, TODOs and style
 * hints. Never throws on bad syntax: tree-sitter recovers and the declarations it still sees are kept.
 */
export async function extractFile(lang: LanguageId, source: string): Promise<FileFacts> {
  const lines = countLines(source);
  const facts: FileFacts = {
    language: lang, lines, symbols: [], imports: [], refs: [], hasMain: false,
    todos: findTodos(source), indent: detectIndent(source), quotes: { single: 0, double: 0 },
  };
  const note = generatedNote(source, lines);
  if (note) return { ...facts, note };
  const query = await queryFor(lang);
  const tree = await parseCode(lang, source);
  try {
    collect(lang, query.matches(tree.rootNode), source, facts);
    if (tree.rootNode.hasError && facts.symbols.length === 0) facts.note = "parse error";
  } finally {
    tree.delete();
  }
  facts.hasMain = detectMain(lang, source, facts);
  return facts;
}

function collect(lang: LanguageId, matches: QueryMatch[], source: string, facts: FileFacts): void {
  const refs = new Set<string>();
  const exportedNames = new Set<string>();
  const defs: Array<{ def: QueryMatch["captures"][number]["node"]; name: QueryMatch["captures"][number]["node"]; kind: string }> = [];
  for (const m of matches) {
    let def;
    let name;
    let kind = "";
    for (const c of m.captures) {
      if (c.name === "name") name = c.node;
      else if (c.name.startsWith("def.")) {
        def = c.node;
        kind = c.name.slice(4);
      } else if (c.name === "ref") {
        if (refs.size < MAX_REFS) refs.add(c.node.text);
      } else if (c.name === "import") addImport(lang, c.node.text, c.node.startIndex, source, facts);
      else if (c.name === "modfile") facts.imports.push(`mod:${c.node.text}`);
      else if (c.name === "package") facts.pkg = c.node.text;
      else if (c.name === "export") exportedNames.add(c.node.text);
    }
    if (def && name) defs.push({ def, name, kind });
  }
  const byNameNode = new Map<number, RepoSymbol>();
  const scopes = new NodeScopes();
  for (const { def, name, kind } of defs) {
    const prev = byNameNode.get(name.id);
    if (prev && (KIND_PRIORITY[kind] ?? 2) <= (KIND_PRIORITY[prev.kind] ?? 2)) continue;
    const sym = describeSymbol(lang, def, name, kind, source, exportedNames, scopes);
    if (sym) byNameNode.set(name.id, sym);
    else if (prev) byNameNode.delete(name.id);
  }
  facts.symbols = [...byNameNode.values()].sort((a, b) => a.startLine - b.startLine);
  const own = new Set(facts.symbols.map((s) => s.name));
  facts.refs = [...refs].filter((r) => !own.has(r) && r.length > 1);
  facts.imports = [...new Set(facts.imports)];
}

function addImport(lang: LanguageId, text: string, at: number, source: string, facts: FileFacts): void {
  if (lang === "go") text = text.replace(/^"|"$/g, "");
  if (lang === "typescript" || lang === "tsx" || lang === "javascript") {
    const q = source[at - 1];
    if (q === "'") facts.quotes.single++;
    else if (q === '"') facts.quotes.double++;
  }
  facts.imports.push(text);
}

function detectMain(lang: LanguageId, source: string, facts: FileFacts): boolean {
  const re = MAIN_RE[lang];
  if (re) return re.test(source);
  const main = facts.symbols.find((s) => s.name === "main" && !s.parent);
  if (lang === "go") return facts.pkg === "main" && !!main;
  if (lang === "rust") return !!main;
  if (lang === "java") return facts.symbols.some((s) => s.name === "main" && /\bstatic\b/.test(s.signature) && s.kind === "method");
  return false;
}
