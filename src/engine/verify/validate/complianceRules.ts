import type { Finding } from "../../../shared/contract/verify.js";

export interface ComplianceConfig {
  /** 0 turns the rule off. */
  maxLineLength: number;
  naming: boolean;
  /** Regular expressions that must not match any line. */
  forbiddenApis: string[];
}

const SNAKE = /^_{0,2}[a-z][a-z0-9_]*_{0,2}$/;
const CAMEL = /^[a-z$_][A-Za-z0-9$_]*$/;
const PASCAL = /^_?[A-Z][A-Za-z0-9]*$/;
const MAX_PER_RULE = 20;

/**
 * Line-based compliance rules: maximum line length, naming conventions (Python snake_case functions, TS/JS
 * camelCase functions — PascalCase allowed for components — and PascalCase classes everywhere), forbidden APIs.
 * Type hints and docstrings need the syntax tree (treeRules).
 */
export function complianceRules(file: string, content: string, cfg: ComplianceConfig): Finding[] {
  const out: Finding[] = [];
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase() ?? "";
  const py = ext === "py" || ext === "pyi";
  const js = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"].includes(ext);
  const forbidden = compile(cfg.forbiddenApis);
  const counts = new Map<string, number>();
  const add = (f: Finding): void => {
    const n = (counts.get(f.rule) ?? 0) + 1;
    counts.set(f.rule, n);
    if (n <= MAX_PER_RULE) out.push(f);
  };
  content.split("\n").forEach((line, i) => {
    const at = { file, line: i + 1, category: "compliance" as const };
    const width = [...line.replace(/\r$/, "")].length;
    if (cfg.maxLineLength > 0 && width > cfg.maxLineLength) add({ ...at, rule: "style/max-line-length", severity: "warning", message: `line is ${width} characters (max ${cfg.maxLineLength})` });
    for (const { re, src } of forbidden) if (re.test(line)) add({ ...at, rule: "policy/forbidden-api", severity: "error", message: `forbidden API: matches /${src}/` });
    if (!cfg.naming) return;
    const fn = py ? /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)/.exec(line) : js ? /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/.exec(line) : null;
    if (fn && !(py ? SNAKE.test(fn[1]!) : CAMEL.test(fn[1]!) || PASCAL.test(fn[1]!))) add({ ...at, rule: "naming/function", severity: "warning", message: `function "${fn[1]}" should be ${py ? "snake_case" : "camelCase"}` });
    const cls = py || js ? /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/.exec(line) : null;
    if (cls && !PASCAL.test(cls[1]!)) add({ ...at, rule: "naming/class", severity: "warning", message: `class "${cls[1]}" should be PascalCase` });
  });
  for (const [rule, n] of counts) if (n > MAX_PER_RULE) out.push({ rule, category: "compliance", severity: "info", file, line: 0, message: `${n - MAX_PER_RULE} more ${rule} findings not listed` });
  return out;
}

function compile(patterns: string[]): Array<{ re: RegExp; src: string }> {
  const out: Array<{ re: RegExp; src: string }> = [];
  for (const src of patterns) {
    try {
      out.push({ re: new RegExp(src), src });
    } catch {
      // invalid patterns are reported by the config loader's schema user; skip here
    }
  }
  return out;
}
