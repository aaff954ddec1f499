import type { LiteNode } from "./liteTree.js";

/** Maps subtree shape strings to small ids so equal shapes compare as equal numbers across candidates. */
export class ShapeInterner {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) this.ids.set(key, (v = this.ids.size));
    return v;
  }
}

/**
 * Every non-leaf subtree of a syntax tree as a shape id → count. A shape is the node type with the shapes
 * of its named children (what tree-sitter's S-expression shows, without field names): identifier names and
 * literal values do not take part, so renaming variables keeps the AST score. Leaves are left out, as in CodeBLEU.
 */
export function syntaxShapes(root: LiteNode, interner: ShapeInterner): Map<number, number> {
  const counts = new Map<number, number>();
  const visit = (node: LiteNode): number => {
    const n = node.children.length;
    const childIds: number[] = [];
    for (const c of node.children) {
      const id = visit(c);
      if (c.named) childIds.push(id);
    }
    const id = interner.id(n === 0 ? node.type : `${node.type}(${childIds.join(",")})`);
    if (n > 0) counts.set(id, (counts.get(id) ?? 0) + 1);
    return id;
  };
  visit(root);
  return counts;
}
