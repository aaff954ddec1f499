import type { CodeLanguage } from "./codeLanguage.js";
import { lexCode, type CodeToken } from "./lexCode.js";

export interface PreprocessOptions {
  /** Unify line endings and string quote styles ('x' and "x" compare equal). */
  normalize: boolean;
  stripComments: boolean;
  /** Python docstrings and doc comments (/** … *\/, ///, //!). */
  stripDocstrings: boolean;
}

export interface PreprocessedCode {
  /** Source with stripped parts blanked (newlines kept, so positions and lines stay meaningful) — for parsing. */
  source: string;
  /** Tokens for the n-gram parts; comments kept are split into words. */
  tokens: string[];
}

function dropped(t: CodeToken, o: PreprocessOptions): boolean {
  if (t.kind === "comment") return o.stripComments || (o.stripDocstrings && !!t.doc);
  return t.kind === "string" && !!t.doc && o.stripDocstrings;
}

function unifyQuotes(text: string): string {
  const m = /^([a-zA-Z]{0,2})('''|"""|'|")([\s\S]*?)\2$/.exec(text);
  return m ? `${m[1]}"${m[3]}"` : text;
}

/** Apply CODEBLEU_NORMALIZE / _STRIP_COMMENTS / _STRIP_DOCSTRINGS and tokenise. */
export function preprocessCode(code: string, language: CodeLanguage, options: PreprocessOptions): PreprocessedCode {
  const text = options.normalize ? code.replace(/\r\n?/g, "\n") : code;
  const lexed = lexCode(text, language);
  const tokens: string[] = [];
  let source = "";
  let at = 0;
  for (const t of lexed) {
    if (dropped(t, options)) {
      source += text.slice(at, t.start) + t.text.replace(/[^\n]/g, " ");
      at = t.end;
      continue;
    }
    if (t.kind === "comment") tokens.push(...t.text.split(/\s+/).filter(Boolean));
    else tokens.push(options.normalize && t.kind === "string" ? unifyQuotes(t.text) : t.text);
  }
  source += text.slice(at);
  return { source, tokens };
}
