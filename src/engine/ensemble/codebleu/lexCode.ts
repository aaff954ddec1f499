import type { CodeLanguage } from "./codeLanguage.js";

export interface CodeToken {
  kind: "ident" | "number" | "string" | "punct" | "comment";
  text: string;
  start: number;
  end: number;
  /** Doc comments (/** … *\/, ///, //!) and Python docstrings. */
  doc?: boolean;
}

// Longest operators first so "===" is one token, not "==" + "=".
const OPS = String.raw`>>>=|===|!==|\*\*=|<<=|>>=|>>>|\.\.\.|\.\.=|=>|->|==|!=|<=|>=|&&|\|\||\+\+|--|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|<<|>>|\*\*|::|:=|\?\?|\?\.|\/\/=`;
const PY_STRING = String.raw`[rRbBuUfF]{0,2}(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:\\.|[^"\\\n])*"?|'(?:\\.|[^'\\\n])*'?)`;
const C_STRING = String.raw`"(?:\\.|[^"\\\n])*"?|\x60(?:\\.|[^\x60\\])*\x60?`;
// JS/TS single-quoted strings; Java/Go/Rust use '' for short char literals (and Rust for lifetimes: 'a).
const JS_SINGLE = String.raw`'(?:\\.|[^'\\\n])*'?`;
const CHAR_LITERAL = String.raw`'(?:\\.|[^'\\\n]){1,4}'`;
const HASH_COMMENT = String.raw`#[^\n]*`;
const SLASH_COMMENT = String.raw`\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)`;

function pattern(language: CodeLanguage): RegExp {
  const py = language === "python";
  const comment = py ? HASH_COMMENT : language === "generic" ? `${SLASH_COMMENT}|${HASH_COMMENT}` : SLASH_COMMENT;
  const js = language === "javascript" || language === "typescript" || language === "tsx";
  const str = py ? PY_STRING : language === "generic" ? `${PY_STRING}|${C_STRING}` : `${C_STRING}|${js ? JS_SINGLE : CHAR_LITERAL}`;
  const src = [
    String.raw`(?<ws>\s+)`,
    `(?<comment>${comment})`,
    `(?<string>${str})`,
    String.raw`(?<number>0[xXbBoO][0-9a-fA-F_]+|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?[a-zA-Z]*|\.\d+)`,
    String.raw`(?<ident>[\p{L}_$][\p{L}\p{N}_$]*)`,
    `(?<op>${OPS})`,
    String.raw`(?<punct>[^\s])`,
  ].join("|");
  return new RegExp(src, "uy");
}

const cache = new Map<CodeLanguage, RegExp>();

/** True for a Python string standing alone at the start of a line after a ":" line or the file start: a docstring. */
function isPyDocstring(source: string, start: number, prev: CodeToken | undefined): boolean {
  const lineStart = source.lastIndexOf("\n", start - 1) + 1;
  if (source.slice(lineStart, start).trim() !== "") return false;
  return !prev || prev.text === ":";
}

/**
 * Split source code into tokens (identifiers, numbers, whole string literals, operators, punctuation,
 * comments). Language-aware only where it matters for CodeBLEU: comment and string syntax, docstrings.
 */
export function lexCode(source: string, language: CodeLanguage): CodeToken[] {
  let re = cache.get(language);
  if (!re) cache.set(language, (re = pattern(language)));
  re.lastIndex = 0;
  const out: CodeToken[] = [];
  let prev: CodeToken | undefined;
  while (re.lastIndex < source.length) {
    const start = re.lastIndex;
    const m = re.exec(source);
    if (!m) break;
    const g = m.groups!;
    if (g.ws !== undefined) continue;
    const text = m[0];
    const end = start + text.length;
    let tok: CodeToken;
    if (g.comment !== undefined) tok = { kind: "comment", text, start, end, doc: /^(\/\*\*[^/]|\/\/\/|\/\/!)/.test(text) };
    else if (g.string !== undefined) {
      tok = { kind: "string", text, start, end };
      if (language === "python" && /^[rRuU]?("""|''')/.test(text) && isPyDocstring(source, start, prev)) tok.doc = true;
    } else if (g.number !== undefined) tok = { kind: "number", text, start, end };
    else if (g.ident !== undefined) tok = { kind: "ident", text, start, end };
    else tok = { kind: "punct", text, start, end };
    out.push(tok);
    if (tok.kind !== "comment") prev = tok;
  }
  return out;
}
