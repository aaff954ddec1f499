import type { FileFacts } from "./FileFacts.js";
import { countLines, detectIndent, findTodos } from "./scanText.js";

/** Plain-text languages whose comments may hold TODOs. */
const NO_TODO = new Set(["markdown", "json", "restructuredtext", "other", "xml", "html"]);

/** Facts of a file that is listed but not parsed: lines, TODOs and indentation only. */
export function plainFacts(language: string, text: string): FileFacts {
  return {
    language, lines: countLines(text), symbols: [], imports: [], refs: [], hasMain: false,
    todos: NO_TODO.has(language) ? [] : findTodos(text), indent: NO_TODO.has(language) ? "" : detectIndent(text),
    quotes: { single: 0, double: 0 },
  };
}
