/** Names without an extension that are still files people name in answers. */
const BARE_FILES = new Set([
  "Dockerfile", "Makefile", "Rakefile", "Gemfile", "Procfile", "Jenkinsfile", "Vagrantfile", "LICENSE", "README", "CODEOWNERS",
  ".gitignore", ".env", ".bashrc", ".zshrc", ".profile", ".npmrc", ".editorconfig", ".dockerignore", ".prettierrc", ".eslintrc",
]);

/** Language tags that are never file paths even though they contain a dot or slash. */
const NOT_PATHS = new Set(["c++", "objective-c", "node.js", "vue.js", "next.js", "asp.net", "c#", "f#", "shell-session"]);

/**
 * Whether a token reads as a file path (`src/x.ts`, `main.py`, `../../etc/passwd`, `C:\x`, `Dockerfile`).
 * Permissive on purpose: unsafe paths are recognised here so that planning can reject them with a reason.
 */
export function looksLikePath(token: string): boolean {
  const t = token.trim();
  if (!t || t.length > 400 || /\s/.test(t) || NOT_PATHS.has(t.toLowerCase())) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return false; // URLs
  if (/^[{(<[]/.test(t) || /[)}>\]]$/.test(t)) return false;
  const base = t.split(/[\\/]/).pop() ?? "";
  if (BARE_FILES.has(base)) return true;
  if (/[\\/]/.test(t) && base.length > 0) return true;
  return /^[^.].*\.[A-Za-z0-9_-]{1,12}$/.test(base) || /^\.[A-Za-z0-9_-][^.]*\.[A-Za-z0-9]{1,12}$/.test(base);
}

const clean = (s: string): string => s.trim().replace(/^["'`]+|["'`]+$/g, "");

/** Path in a fence info string: `ts src/x.ts`, `python:app/x.py`, `src/x.ts`, `ts title="src/x.ts"`. */
export function pathFromInfo(info: string): string | null {
  const attr = /\b(?:title|file|filename|path|name)\s*=\s*("([^"]+)"|'([^']+)'|(\S+))/i.exec(info);
  if (attr) {
    const v = attr[2] ?? attr[3] ?? attr[4] ?? "";
    if (looksLikePath(v)) return v;
  }
  const words = info.split(/\s+/).filter(Boolean);
  const first = words[0] ?? "";
  const colon = first.indexOf(":");
  // `python:app/x.py` — but not `C:\x` (a drive letter is a single character).
  if (colon > 1) {
    const rest = first.slice(colon + 1);
    if (looksLikePath(rest)) return rest;
  }
  if (words.length === 1 && looksLikePath(first) && !/^[a-z0-9+#-]+$/i.test(first)) return first;
  for (const w of words.slice(1)) {
    const v = clean(w);
    if (!/^\{/.test(w) && looksLikePath(v)) return v;
  }
  return null;
}

const COMMENT = /^\s*(?:\/\/+|#+|--|;+|\/\*+|<!--|%|\*)\s*(.*?)\s*(?:\*\/|-->)?\s*$/;
const LABEL = /^(?:file(?:\s*name|\s*path)?|path|filename|location)\s*[:=]\s*(.+)$/i;

/** Path in the first line of a block: `// File: src/x.ts`, `# app/x.py`, `<!-- index.html -->`. */
export function pathFromFirstLine(line: string): string | null {
  if (/^\s*#!/.test(line)) return null;
  const m = COMMENT.exec(line);
  if (!m) return null;
  const body = m[1]!.trim();
  const labelled = LABEL.exec(body);
  if (labelled) {
    const v = clean(labelled[1]!);
    return looksLikePath(v) ? v : null;
  }
  const v = clean(body);
  // A bare comment must say something path-shaped with a directory or a known extension.
  return looksLikePath(v) && (/[\\/]/.test(v) || /\.[A-Za-z0-9]{1,12}$/.test(v)) ? v : null;
}

/**
 * Path named in the line just before a fence: `**src/x.ts**`, `### app/x.py`, `File: x.py`, `` `src/x.ts`: ``,
 * "Update `app/main.py` as follows:". Several different backticked paths in the line are ambiguous → null.
 */
export function pathFromPrecedingLine(line: string): string | null {
  let s = line.trim().replace(/^(?:[#>*+-]+|\d+[.)])\s*/, "");
  s = s.replace(/^\*\*(.*)\*\*:?$/, "$1").replace(/^__(.*)__:?$/, "$1").trim();
  const labelled = LABEL.exec(s);
  if (labelled) s = labelled[1]!.trim();
  const bare = clean(s.replace(/:$/, "").replace(/^\*\*|\*\*$/g, ""));
  if (looksLikePath(bare) && (/[\\/]/.test(bare) || /\.[A-Za-z0-9]{1,12}$/.test(bare) || !/^[a-z]+$/.test(bare))) return bare;
  const spans = [...s.matchAll(/`([^`]+)`/g)].map((x) => x[1]!.trim()).filter((x) => looksLikePath(x) && (/[\\/]/.test(x) || /\.[A-Za-z0-9]{1,12}$/.test(x)));
  const distinct = [...new Set(spans)];
  return distinct.length === 1 ? distinct[0]! : null;
}
