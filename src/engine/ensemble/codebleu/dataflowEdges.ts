import type { LanguageId } from "../../parsing/index.js";
import type { LiteNode } from "./liteTree.js";

type Pair = readonly [def: string, value: string];
const JS_ASSIGN: Record<string, Pair> = {
  variable_declarator: ["name", "value"],
  assignment_expression: ["left", "right"],
  augmented_assignment_expression: ["left", "right"],
  for_in_statement: ["left", "right"],
};
const ASSIGN: Record<LanguageId, Record<string, Pair>> = {
  python: {
    assignment: ["left", "right"],
    augmented_assignment: ["left", "right"],
    for_statement: ["left", "right"],
    named_expression: ["name", "value"],
    for_in_clause: ["left", "right"],
  },
  javascript: JS_ASSIGN,
  typescript: JS_ASSIGN,
  tsx: JS_ASSIGN,
  java: { variable_declarator: ["name", "value"], assignment_expression: ["left", "right"], enhanced_for_statement: ["name", "value"] },
  go: {
    short_var_declaration: ["left", "right"],
    assignment_statement: ["left", "right"],
    var_spec: ["name", "value"],
    const_spec: ["name", "value"],
    range_clause: ["left", "right"],
  },
  rust: {
    let_declaration: ["pattern", "value"],
    assignment_expression: ["left", "right"],
    compound_assignment_expr: ["left", "right"],
    for_expression: ["pattern", "value"],
  },
};
const AUGMENTED = new Set(["augmented_assignment", "augmented_assignment_expression", "compound_assignment_expr"]);
const PARAMS = new Set(["parameters", "lambda_parameters", "formal_parameters", "parameter_list", "closure_parameters"]);
const SKIP_SUBTREE = /(^|_)type($|_annotation|_arguments|_parameters)|import|^dotted_name$|^package_clause$|^use_declaration$/;
const NAMED_DECL = /function|method|class|struct|interface|enum|trait|module|impl|keyword_argument|method_invocation/;

interface Edge {
  name: string;
  idx: number;
  rel: "comesFrom" | "computedFrom";
  parents: string[];
  parentIdx: number[];
}

function isVariable(node: LiteNode, parentType: string): boolean {
  if (node.type !== "identifier") return false;
  if (node.field === "attribute" || node.field === "field") return false;
  return !(node.field === "name" && NAMED_DECL.test(parentType));
}

/** Variable identifiers under `node` (type annotations, attribute names and declaration names excluded). */
function variablesIn(node: LiteNode | undefined, parentType = "", out: LiteNode[] = []): LiteNode[] {
  if (!node || SKIP_SUBTREE.test(node.type)) return out;
  if (isVariable(node, parentType)) out.push(node);
  else for (const c of node.children) variablesIn(c, node.type, out);
  return out;
}

function collect(root: LiteNode, language: LanguageId, source: string): Edge[] {
  const edges: Edge[] = [];
  const state = new Map<string, number[]>();
  const text = (n: LiteNode): string => source.slice(n.start, n.end);
  const define = (v: LiteNode, rel: Edge["rel"], parents: LiteNode[]): void => {
    edges.push({ name: text(v), idx: v.start, rel, parents: parents.map(text), parentIdx: parents.map((p) => p.start) });
    state.set(text(v), [v.start]);
  };
  const walk = (node: LiteNode, parentType: string): void => {
    if (SKIP_SUBTREE.test(node.type)) return;
    const pair = ASSIGN[language][node.type];
    if (pair) {
      const def = node.children.find((c) => c.field === pair[0]);
      const value = node.children.find((c) => c.field === pair[1]);
      if (value) walk(value, node.type);
      const sources = variablesIn(value);
      for (const v of variablesIn(def)) {
        const prior = AUGMENTED.has(node.type) && state.has(text(v)) ? [v] : [];
        define(v, "computedFrom", [...prior, ...sources]);
      }
      for (const c of node.children) if (c !== def && c !== value) walk(c, node.type);
      return;
    }
    if (PARAMS.has(node.type)) {
      for (const v of variablesIn(node)) define(v, "comesFrom", []);
      return;
    }
    if (isVariable(node, parentType)) {
      const prev = state.get(text(node));
      if (prev) edges.push({ name: text(node), idx: node.start, rel: "comesFrom", parents: [text(node)], parentIdx: prev });
      else define(node, "comesFrom", []);
      return;
    }
    for (const c of node.children) walk(c, node.type);
  };
  walk(root, "");
  return edges;
}

/**
 * Data-flow edges of a program, as CodeBLEU compares them: (variable, relation, parent variables) with
 * variables renamed var_0, var_1… in order of appearance, so renaming keeps the score. Relations:
 * "computedFrom" (assignment from the right side's variables) and "comesFrom" (a use of the last definition).
 * Edges that relate to nothing are dropped, as in the reference implementation. Control flow is read in
 * source order (branches are not merged): an approximation that treats both candidates alike.
 */
export function dataflowEdges(root: LiteNode, language: LanguageId, source: string): Map<string, number> {
  const edges = collect(root, language, source);
  const referenced = new Set(edges.flatMap((e) => e.parentIdx));
  const kept = edges.filter((e) => e.parents.length > 0 || referenced.has(e.idx));
  const names = new Map<string, string>();
  const norm = (n: string): string => {
    let v = names.get(n);
    if (v === undefined) names.set(n, (v = `var_${names.size}`));
    return v;
  };
  const out = new Map<string, number>();
  for (const e of kept) {
    const key = `${norm(e.name)} ${e.rel} [${e.parents.map(norm).join(",")}]`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}
