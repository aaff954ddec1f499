import type { Finding } from "../../../shared/contract/verify.js";

type Family = "py" | "js" | "go" | "rs" | "java";

interface Rule {
  rule: string;
  re: RegExp;
  severity: Finding["severity"];
  message: string;
  /** Languages (by extension family) the rule applies to; undefined = all text files. */
  langs?: Family[];
}

const RULES: Rule[] = [
  { rule: "security/eval", re: /(?<![\w.])eval\s*\(/, severity: "error", message: "eval() runs arbitrary code", langs: ["py", "js"] },
  { rule: "security/exec", re: /(?<![\w.])exec\s*\(/, severity: "error", message: "exec() runs arbitrary code", langs: ["py"] },
  { rule: "security/new-function", re: /\bnew\s+Function\s*\(/, severity: "error", message: "new Function() compiles code from strings", langs: ["js"] },
  { rule: "security/shell-true", re: /\bshell\s*=\s*True\b/, severity: "error", message: "subprocess with shell=True invites shell injection", langs: ["py"] },
  { rule: "security/shell-true", re: /\bshell\s*:\s*true\b/, severity: "warning", message: "spawn with shell: true invites shell injection", langs: ["js"] },
  { rule: "security/os-system", re: /\bos\.(system|popen)\s*\(/, severity: "warning", message: "os.system/os.popen run a shell", langs: ["py"] },
  { rule: "security/child-process-exec", re: /\b(?:child_process|cp)\.exec(?:Sync)?\s*\(|\bexecSync\s*\(\s*`/, severity: "warning", message: "child_process.exec runs a shell", langs: ["js"] },
  { rule: "security/pickle", re: /\b(?:pickle|cPickle|dill)\.loads?\s*\(/, severity: "warning", message: "unpickling untrusted data runs code", langs: ["py"] },
  { rule: "security/yaml-load", re: /\byaml\.load\s*\((?![^)]*SafeLoader)/, severity: "warning", message: "yaml.load without SafeLoader can build arbitrary objects", langs: ["py"] },
  { rule: "security/tls-disabled", re: /\bverify\s*=\s*False\b|ssl\._create_unverified_context|CERT_NONE\b/, severity: "error", message: "TLS certificate verification is disabled", langs: ["py"] },
  { rule: "security/tls-disabled", re: /rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*["'`]?0/, severity: "error", message: "TLS certificate verification is disabled", langs: ["js"] },
  { rule: "security/tls-disabled", re: /InsecureSkipVerify\s*:\s*true/, severity: "error", message: "TLS certificate verification is disabled", langs: ["go"] },
  { rule: "security/tls-disabled", re: /danger_accept_invalid_certs\s*\(\s*true\s*\)/, severity: "error", message: "TLS certificate verification is disabled", langs: ["rs"] },
  { rule: "security/inner-html", re: /dangerouslySetInnerHTML|\.innerHTML\s*=(?!=)/, severity: "warning", message: "raw HTML injection (XSS risk)", langs: ["js"] },
  { rule: "security/secret", re: /\bAKIA[0-9A-Z]{16}\b/, severity: "error", message: "hard-coded AWS access key" },
  { rule: "security/secret", re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |PGP )?PRIVATE KEY( BLOCK)?-----/, severity: "error", message: "hard-coded private key" },
  { rule: "security/secret", re: /\b(?:ghp|gho|ghs|ghu)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/, severity: "error", message: "hard-coded GitHub token" },
  { rule: "security/secret", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/, severity: "error", message: "hard-coded Slack token" },
  { rule: "security/secret", re: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/, severity: "error", message: "hard-coded API secret key" },
  {
    rule: "security/secret",
    re: /\b\w*(?:password|passwd|secret|api[_-]?key|access[_-]?token|auth[_-]?token|private[_-]?key)\w*\s*[:=]\s*["'](?!\s*$)(?![^"']*(?:changeme|example|placeholder|your[_-]|xxx|\*\*\*|<|\$\{|\{\{))[^"'\s]{8,}["']/i,
    severity: "warning",
    message: "looks like a hard-coded credential",
  },
];

const FAMILY: Partial<Record<string, Family>> = {
  py: "py", pyi: "py", js: "js", jsx: "js", mjs: "js", cjs: "js", ts: "js", tsx: "js", mts: "js", cts: "js", go: "go", rs: "rs", java: "java",
};

/** Comment-only lines are skipped so that documentation about eval() is not a finding. */
const COMMENT_LINE = /^\s*(?:#|\/\/|\*|\/\*|--)/;

/**
 * Security lint over candidate code: code execution from strings (eval/exec/new Function), shells
 * (shell=True, os.system, child_process.exec), unsafe deserialisation, disabled TLS checks, hard-coded secrets.
 */
export function securityLint(file: string, content: string): Finding[] {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file)?.[1]?.toLowerCase() ?? "";
  const family = FAMILY[ext];
  const out: Finding[] = [];
  const lines = content.split("\n");
  lines.forEach((line, i) => {
    if (line.length > 2000) return;
    const isComment = COMMENT_LINE.test(line);
    for (const r of RULES) {
      if (r.langs && (!family || !r.langs.includes(family))) continue;
      if (isComment && r.rule !== "security/secret") continue;
      const m = r.re.exec(line);
      if (m) out.push({ rule: r.rule, category: "security", severity: r.severity, file, line: i + 1, column: m.index + 1, message: r.message });
    }
  });
  return out;
}
