import type { Node } from "web-tree-sitter";
import type { RepoSymbol } from "../../../shared/contract/project.js";
import type { LanguageId } from "../../parsing/index.js";
import type { NodeScopes } from "./NodeScopes.js";

type Kind = RepoSymbol["kind"];

function isExported(lang: LanguageId, def: Node, name: string, container: Node | undefined, exportedNames: Set<string>, scopes: NodeScopes): boolean {
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
      const decl = container ?? (def.type === "variable_declarator" ? scopes.parent(def) : def);
      const declName = container ? (container.childForFieldName("name")?.text ?? "") : name;
      const above = decl && scopes.parent(decl);
      return above?.type === "export_statement" || exportedNames.has(declName);
    }
  }
}

function collapse(text: string, lang: LanguageId): string {
  let s = text.replace(/\s+/g, " ").trim();
  s = lang === "python" ? s.replace(/:$/, "") : s.replace(/\s*[{;]$/, "");
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

function signatureOf(def: Node, source: string, lang: LanguageId, scopes: NodeScopes): string {
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
    const decl = scopes.parent(def);
    prefix = `${decl?.firstChild?.text ?? "const"} `;
    if (decl && scopes.parent(decl)?.type === "export_statement") prefix = `export ${prefix}`;
    const value = def.childForFieldName("value");
    body = value?.childForFieldName("body") ?? (value && value.startPosition.row !== value.endPosition.row ? value : null);
  } else if (lang === "typescript" || lang === "tsx" || lang === "javascript") {
    const above = scopes.parent(def);
    if (above?.type === "export_statement") start = above.startIndex;
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
export function describeSymbol(lang: LanguageId, def: Node, nameNode: Node, rawKind: string, source: string, exportedNames: Set<string>, scopes: NodeScopes): RepoSymbol | null {
  const scope = { ...scopes.scopeOf(def) };
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
    signature: signatureOf(def, source, lang, scopes),
    startLine: anchor.startPosition.row + 1,
    endLine: def.endPosition.row + 1,
    exported: isExported(lang, def, name, scope.parentNode, exportedNames, scopes),
    ...(scope.parent ? { parent: scope.parent } : {}),
  };
}
