import type { Node } from "web-tree-sitter";

/** Where a declaration sits: its enclosing container (class, impl, trait…), or inside a function body. */
export interface Scope {
  parent?: string;
  parentNode?: Node;
  inFunction: boolean;
}

const CONTAINERS = new Set([
  "class_declaration", "abstract_class_declaration", "class_definition", "class", "interface_declaration",
  "impl_item", "trait_item", "enum_declaration", "record_declaration", "object_type",
]);
const FUNCTION_SCOPES = new Set([
  "function_declaration", "function_definition", "function_item", "method_definition", "method_declaration",
  "arrow_function", "function_expression", "generator_function_declaration", "constructor_declaration", "func_literal", "closure_expression",
]);
const TOP: Scope = Object.freeze({ inFunction: false });

/**
 * Parents and scopes of one tree's nodes, memoized by node id. web-tree-sitter nodes carry no parent
 * pointer: `node.parent` re-descends from the root and marshals a new Node on every call, so walking up
 * from each declaration cost O(depth²) WASM calls per symbol. With the memo, each ancestor is looked at
 * once per file (a class's methods share their class body's answer). Valid for one tree only.
 */
export class NodeScopes {
  private readonly parents = new Map<number, Node | null>();
  private readonly scopes = new Map<number, Scope>();

  parent(n: Node): Node | null {
    let p = this.parents.get(n.id);
    if (p === undefined) {
      p = n.parent;
      this.parents.set(n.id, p);
    }
    return p;
  }

  /** The nearest function or container above `def` (not `def` itself). Shared: copy before changing. */
  scopeOf(def: Node): Scope {
    const p = this.parent(def);
    return p ? this.scopeAt(p) : TOP;
  }

  private scopeAt(n: Node): Scope {
    let s = this.scopes.get(n.id);
    if (s) return s;
    const type = n.type;
    if (FUNCTION_SCOPES.has(type)) s = { inFunction: true };
    else if (CONTAINERS.has(type)) {
      const name = type === "impl_item" ? n.childForFieldName("type") : n.childForFieldName("name");
      s = { parent: name?.text, parentNode: n, inFunction: false };
    } else {
      const p = this.parent(n);
      s = p ? this.scopeAt(p) : TOP;
    }
    this.scopes.set(n.id, s);
    return s;
  }
}
