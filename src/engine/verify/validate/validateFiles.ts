import type { Finding } from "../../../shared/contract/verify.js";
import type { RunSandboxedOptions } from "../sandbox/runSandboxed.js";
import { complianceRules, type ComplianceConfig } from "./complianceRules.js";
import { pythonCompileCheck } from "./pythonCompileCheck.js";
import { securityLint } from "./securityLint.js";
import { unicodeLint } from "./unicodeLint.js";
import { treeRules, type TreeRulesConfig } from "./treeRules.js";
import { canTypeCheck, typescriptCheck } from "./typescriptCheck.js";

export interface ValidateConfig extends ComplianceConfig, TreeRulesConfig {
  languageCheckers: boolean;
}

export interface ValidateFilesOptions {
  files: Array<{ path: string; content: string }>;
  config: ValidateConfig;
  /** The project, for checkers that need it (tsc); omit to skip them. */
  project?: string;
  /** Sandbox for project-run checkers; omit to skip them. */
  sandbox?: Pick<RunSandboxedOptions, "probe" | "limits" | "hostHome">;
  signal?: AbortSignal;
}

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Validate candidate files before anything is written: syntax (tree-sitter + the language's own checker),
 * compliance rules and the security lint. Findings are sorted by file, then line.
 */
export async function validateFiles(o: ValidateFilesOptions): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const f of o.files) {
    out.push(...(await treeRules(f.path, f.content, o.config)));
    out.push(...complianceRules(f.path, f.content, o.config));
    out.push(...securityLint(f.path, f.content));
    out.push(...unicodeLint(f.path, f.content));
    if (o.config.languageCheckers && /\.pyi?$/.test(f.path) && !out.some((x) => x.file === f.path && x.category === "syntax" && x.severity === "error")) {
      out.push(...(await pythonCompileCheck(f.path, f.content, o.signal)));
    }
  }
  if (o.config.languageCheckers && o.project && o.sandbox && canTypeCheck(o.project)) {
    out.push(...(await typescriptCheck({ project: o.project, files: o.files, sandbox: o.sandbox, signal: o.signal })));
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || ORDER[a.severity] - ORDER[b.severity]);
}
