import { parseCode, type LanguageId } from "../../parsing/index.js";
import type { CodeLanguage } from "./codeLanguage.js";
import { dataflowEdges } from "./dataflowEdges.js";
import { liteTree } from "./liteTree.js";
import { ngramProfile, type NgramProfile } from "./ngramProfile.js";
import { preprocessCode, type PreprocessOptions } from "./preprocessCode.js";
import { syntaxShapes, type ShapeInterner } from "./syntaxShapes.js";

/** Everything CodeBLEU needs of one snippet, computed once per candidate and reused for every pair. */
export interface CodeFeatures {
  ngrams: NgramProfile;
  /** Subtree shape id → count; null when the language cannot be parsed. */
  shapes: Map<number, number> | null;
  /** Normalised data-flow edge → count; null when the language cannot be parsed. */
  dataflow: Map<string, number> | null;
}

const PARSEABLE = new Set<CodeLanguage>(["python", "javascript", "typescript", "tsx", "java", "go", "rust"]);

/** Preprocess, tokenise and (for parseable languages) parse one snippet. */
export async function codeFeatures(code: string, language: CodeLanguage, options: PreprocessOptions, interner: ShapeInterner): Promise<CodeFeatures> {
  const pre = preprocessCode(code, language, options);
  const ngrams = ngramProfile(pre.tokens);
  if (!PARSEABLE.has(language)) return { ngrams, shapes: null, dataflow: null };
  const tree = await parseCode(language as LanguageId, pre.source);
  let root;
  try {
    root = liteTree(tree);
  } finally {
    tree.delete();
  }
  return { ngrams, shapes: syntaxShapes(root, interner), dataflow: dataflowEdges(root, language as LanguageId, pre.source) };
}
