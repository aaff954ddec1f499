import type { Tree } from "web-tree-sitter";

/** A syntax node copied out of WASM memory: walking plain objects is far cheaper than web-tree-sitter Node calls. */
export interface LiteNode {
  type: string;
  named: boolean;
  /** The field this node fills in its parent ("left", "name"…), if any. */
  field: string | null;
  /** UTF-16 offsets into the parsed source (web-tree-sitter parses JS strings as UTF-16). */
  start: number;
  end: number;
  children: LiteNode[];
}

/** Copy a whole tree with one TreeCursor pass (no per-node wrapper objects). */
export function liteTree(tree: Tree): LiteNode {
  const cursor = tree.walk();
  // Numeric ids cross the WASM boundary cheaply; names come from the language's tables.
  const { types, fields } = tree.language;
  try {
    const make = (): LiteNode => ({
      type: types[cursor.nodeTypeId] ?? cursor.nodeType,
      named: cursor.nodeIsNamed,
      field: fields[cursor.currentFieldId] ?? null,
      start: cursor.startIndex,
      end: cursor.endIndex,
      children: [],
    });
    const root = make();
    const stack: LiteNode[] = [root];
    for (;;) {
      if (cursor.gotoFirstChild()) {
        const n = make();
        stack[stack.length - 1]!.children.push(n);
        stack.push(n);
        continue;
      }
      for (;;) {
        stack.pop();
        if (cursor.gotoNextSibling()) {
          const n = make();
          stack[stack.length - 1]!.children.push(n);
          stack.push(n);
          break;
        }
        if (!cursor.gotoParent()) return root;
      }
    }
  } finally {
    cursor.delete();
  }
}
