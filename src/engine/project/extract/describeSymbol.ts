import type { Node } from "web-tree-sitter";
import type { RepoSymbol } from "../../../shared/contract/project.js";
import type { LanguageId } from "../../parsing/index.js";

type Kind = RepoSymbol["kind"];

const CONTAINERS = new Set([
  "class_declaration", "abstract_class_declaration", "class_definition", "class", "interface_declaration",
  "impl_item", "trait_item", "enum_declaration", "record_declaration", "object_type",
]);
const FUNCTION_SCOPES = new Set([
  "function_declaration", "function_definition", "function_item", "method_definition", "method_declaration",
  "arrow_function", "function_expression", "generator_function_declaration", "constructor_declaration", "func_literal", "closure_expression",
]);

/** The enclosing container (class, impl, trait…) name, and whether the node sits inside a function body. */
function scopeOf(def: Node): { parent?: string; parentNode?: Node; inFunction: boolean } {
  for (let n = def.parent; n; n = n.parent) {
    if (FUNCTION_SCOPES.has(n.type)) return { inFunction: true };
    if (CONTAINERS.has(n.type)) {
      const name = n.type === "impl_item" ? n.childForFieldName("type") : n.childForFieldName("name");
      return { parent: name?.text, parentNode: n, inFunction: false };
    }
  }
  return { inFunction: false };
}

function isExported(lang: LanguageId, def: Node, name: string, container: Node | undefined, exportedNames: Set<string>): boolean {
  switch (lang) {
    case "python":
      return !name.startsWith("_") || (name.startsWith("__") && name.endsWith("__"));
    case "go":
      return /^[A-Z]/.test(name);
    case "rust": {
      const item = container?.type === "trait_item" ? container : def;
      return item.children.some((c) => c?.type === "visibility_modifier");
    }
    case "java": {
      if (container?.type === "interface_declaration") return true;
      const mods = def.children.find((c) => c?.type === "modifiers");
      return !!mods && /\bpublic\b/.test(mods.text);
    }
    default: {
      // Members follow their class: exported by `export class` or by an `export { Class }` clause.
      const decl = container ?? (def.type === "variable_declarator" ? def.parent : def);
      const declName = container ? (container.childForFieldName("name")?.text ?? "") : name;
      return decl?.parent?.type === "export_statement" || exportedNames.has(declName);
    }
  }
}

function collapse(text: string, lang: LanguageId): string {
  let s = text.replace(/\s+/g, " ").trim();
  s = lang === "python" ? s.replace(/:$/, "") : s.replace(/\s*[{;]$/, "");
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

function signatureOf(def: Node, source: string, lang: LanguageId): string {
  if (def.type === "type_spec") {
    const t = def.childForFieldName("type");
    const head = t?.type === "struct_type" ? "struct" : t?.type === "interface_type" ? "interface" : (t?.text.split("\n")[0] ?? "");
    return collapse(`type ${def.childForFieldName("name")?.text ?? ""} ${head}`, lang);
  }
  let start = def.startIndex;
  let end = def.endIndex;
  let prefix = def.type === "const_spec" ? "const " : "";
  let body = def.childForFieldName("body");
  if (def.type === "variable_declarator") {
    const decl = def.parent;
    prefix = `${decl?.firstChild?.text ?? "const"} `;
    if (decl?.parent?.type === "export_statement") prefix = `export ${prefix}`;
    const value = def.childForFieldName("value");
    body = value?.childForFieldName("body") ?? (value && value.startPosition.row !== value.endPosition.row ? value : null);
  } else if (def.parent?.type === "export_statement" && (lang === "typescript" || lang === "tsx" || lang === "javascript")) {
    start = def.parent.startIndex;
  }
  if (body) end = body.startIndex;
  let text = source.slice(start, end);
  if (!body) text = text.split("\n", 1)[0]!;
  return collapse(prefix + text, lang).replace(/\s*=>?$/, (m) => (m.includes(">") ? " =>" : ""));
}

/**
 * Turn a `@def.<kind>` capture into a symbol, or `null` for declarations not worth listing (locals inside
 * function bodies, non-top-level variables, Rust impl blocks).
 */
export function describeSymbol(lang: LanguageId, def: Node, nameNode: Node, rawKind: string, source: string, exportedNames: Set<string>): RepoSymbol | null {
  const scope = scopeOf(def);
  if (scope.inFunction) return null;
  let kind = rawKind as Kind;
  if ((kind === "variable" || kind === "constant") && scope.parent) return null;
  if (kind === "function" && scope.parent) kind = "method";
  if (lang === "go" && kind === "method") {
    const recv = def.childForFieldName("receiver")?.text.match(/\*?\s*([A-Za-z_]\w*)\s*(?:\[[^\]]*\])?\s*\)$/);
    scope.parent = recv?.[1];
  }
  if (def.type === "variable_declarator" && /^require\s*\(/.test(def.childForFieldName("value")?.text ?? "")) return null;
  if (lang === "python" && kind === "variable" && !/^[A-Z][A-Z0-9_]*$/.test(nameNode.text)) return null;
  if (lang === "python" && kind === "variable") kind = "constant";
  const name = nameNode.text;
  const anchor = def.type === "variable_declarator" ? (def.parent ?? def) : def;
  return {
    name,
    kind,
    signature: signatureOf(def, source, lang),
    startLine: anchor.startPosition.row + 1,
    endLine: def.endPosition.row + 1,
    exported: isExported(lang, def, name, scope.parentNode, exportedNames),
    ...(scope.parent ? { parent: scope.parent } : {}),
  };
}
