import type { Finding } from "../../../shared/contract/verify.js";
import { languageForPath, parseCode, type SyntaxNode } from "../../parsing/index.js";

export interface TreeRulesConfig {
  requireTypeHints: boolean;
  requireDocstrings: boolean;
}

const MAX_SYNTAX = 10;

/**
 * Rules that need the syntax tree (tree-sitter): syntax errors (ERROR and MISSING nodes), Python type hints and
 * docstrings, JSDoc on exported TS/JS functions. Files in languages without a grammar get no findings here.
 */
export async function treeRules(file: string, content: string, cfg: TreeRulesConfig): Promise<Finding[]> {
  const lang = languageForPath(file);
  if (!lang) return [];
  let tree;
  try {
    tree = await parseCode(lang, content);
  } catch (e) {
    return [{ rule: "syntax/unavailable", category: "syntax", severity: "info", file, line: 0, message: `syntax check unavailable: ${(e as Error).message}` }];
  }
  try {
    const out: Finding[] = [];
    if (tree.rootNode.hasError) collectSyntaxErrors(tree.rootNode, file, out);
    if (lang === "python") pythonRules(tree.rootNode, file, cfg, out);
    else if (cfg.requireDocstrings && (lang === "typescript" || lang === "tsx" || lang === "javascript")) jsDocRules(tree.rootNode, file, out);
    return out;
  } finally {
    tree.delete();
  }
}

function collectSyntaxErrors(node: SyntaxNode, file: string, out: Finding[]): void {
  for (const child of node.children) {
    if (!child || out.length >= MAX_SYNTAX) return;
    if (child.isMissing) {
      out.push({ rule: "syntax/missing", category: "syntax", severity: "error", file, line: child.startPosition.row + 1, column: child.startPosition.column + 1, message: `syntax error: missing ${child.type}` });
    } else if (child.type === "ERROR") {
      const text = child.text.split("\n")[0]!.slice(0, 40);
      out.push({ rule: "syntax/error", category: "syntax", severity: "error", file, line: child.startPosition.row + 1, column: child.startPosition.column + 1, message: `syntax error near "${text}"` });
    } else if (child.hasError) {
      collectSyntaxErrors(child, file, out);
    }
  }
}

function pythonRules(root: SyntaxNode, file: string, cfg: TreeRulesConfig, out: Finding[]): void {
  if (!cfg.requireTypeHints && !cfg.requireDocstrings) return;
  for (const def of root.descendantsOfType(["function_definition", "class_definition"])) {
    if (!def) continue;
    const name = def.childForFieldName("name")?.text ?? "?";
    const line = def.startPosition.row + 1;
    const at = { file, line, category: "compliance" as const, severity: "warning" as const };
    if (cfg.requireDocstrings && !name.startsWith("_") && !hasDocstring(def)) {
      out.push({ ...at, rule: "docs/docstring", message: `${def.type === "class_definition" ? "class" : "function"} "${name}" has no docstring` });
    }
    if (cfg.requireTypeHints && def.type === "function_definition") {
      const params = def.childForFieldName("parameters")?.namedChildren ?? [];
      const bare = params.filter((p) => p && (p.type === "identifier" || p.type === "default_parameter") && !["self", "cls"].includes(p.type === "identifier" ? p.text : (p.childForFieldName("name")?.text ?? "")));
      if (bare.length) out.push({ ...at, rule: "types/parameter-hint", message: `"${name}": parameters without type hints: ${bare.map((p) => (p!.type === "identifier" ? p!.text : p!.childForFieldName("name")?.text)).join(", ")}` });
      if (!def.childForFieldName("return_type") && name !== "__init__") out.push({ ...at, rule: "types/return-hint", message: `"${name}" has no return type hint` });
    }
  }
}

function hasDocstring(def: SyntaxNode): boolean {
  const first = def.childForFieldName("body")?.namedChildren[0];
  return !!first && first.type === "expression_statement" && first.namedChildren[0]?.type === "string";
}

function jsDocRules(root: SyntaxNode, file: string, out: Finding[]): void {
  for (const stmt of root.namedChildren) {
    if (!stmt || stmt.type !== "export_statement") continue;
    const decl = stmt.childForFieldName("declaration");
    if (!decl || !["function_declaration", "generator_function_declaration", "class_declaration"].includes(decl.type)) continue;
    const prev = stmt.previousNamedSibling;
    const documented = prev?.type === "comment" && prev.text.startsWith("/**") && prev.endPosition.row >= stmt.startPosition.row - 1;
    if (!documented) {
      const name = decl.childForFieldName("name")?.text ?? "?";
      out.push({ rule: "docs/jsdoc", category: "compliance", severity: "warning", file, line: stmt.startPosition.row + 1, message: `exported "${name}" has no JSDoc comment` });
    }
  }
}
