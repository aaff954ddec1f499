export type { LanguageId } from "./LanguageId.js";
export { LANGUAGE_IDS } from "./LanguageId.js";
export { languageForPath } from "./languageForPath.js";
export { parseCode, loadLanguage } from "./parseCode.js";
export type { Tree, Node as SyntaxNode, Language } from "web-tree-sitter";
