import fs from "node:fs";
import path from "node:path";
import type { Finding } from "../../../shared/contract/verify.js";
import type { RunSandboxedOptions } from "../sandbox/runSandboxed.js";
import { findDependencyLinks } from "../sandbox/dependencyLinks.js";
import { runSandboxed } from "../sandbox/runSandboxed.js";

export interface TypeScriptCheckOptions {
  project: string;
  files: Array<{ path: string; content: string }>;
  sandbox: Pick<RunSandboxedOptions, "probe" | "limits" | "hostHome">;
  signal?: AbortSignal;
}

/** Whether a project can be type-checked with its own compiler: tsconfig.json and node_modules/typescript. */
export function canTypeCheck(project: string): boolean {
  return fs.existsSync(path.join(project, "tsconfig.json")) && fs.existsSync(path.join(project, "node_modules", "typescript", "bin", "tsc"));
}

/**
 * `tsc --noEmit` with the candidate files laid over a scratch copy of the project, inside the sandbox (the
 * compiler and its plugins are the project's own code, so they are untrusted too). Reports errors in the
 * candidate files; errors elsewhere are summarised in one info finding.
 */
export async function typescriptCheck(o: TypeScriptCheckOptions): Promise<Finding[]> {
  const tsFiles = o.files.filter((f) => /\.(c|m)?tsx?$/.test(f.path));
  if (!tsFiles.length || !o.sandbox.probe.available) return [];
  const r = await runSandboxed({
    project: o.project,
    command: "node node_modules/typescript/bin/tsc --noEmit --pretty false",
    probe: o.sandbox.probe,
    unsandboxed: false,
    limits: { ...o.sandbox.limits, timeoutSec: Math.min(o.sandbox.limits.timeoutSec, 120) },
    overlay: tsFiles,
    // The compiler comes from the project's (often linked) node_modules: show the link's safe target read-only,
    // as test runs do (it is hidden otherwise when it lives under the host's /tmp, e.g. a checkout there).
    readOnlyPaths: findDependencyLinks(o.project).map((l) => l.target),
    hostHome: o.sandbox.hostHome,
    signal: o.signal,
  });
  if (r.timedOut) return [{ rule: "checker/tsc", category: "checker", severity: "info", file: tsFiles[0]!.path, line: 0, message: "tsc timed out" }];
  const wanted = new Set(tsFiles.map((f) => f.path));
  const out: Finding[] = [];
  let elsewhere = 0;
  for (const m of r.output.text.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/gm)) {
    const file = m[1]!.replace(/\\/g, "/").replace(/^\.\//, "");
    if (wanted.has(file)) out.push({ rule: `checker/tsc-${m[4]}`, category: "checker", severity: "error", file, line: Number(m[2]), column: Number(m[3]), message: m[5]! });
    else elsewhere++;
  }
  if (elsewhere) out.push({ rule: "checker/tsc-elsewhere", category: "checker", severity: "info", file: tsFiles[0]!.path, line: 0, message: `${elsewhere} type error(s) in other files of the project` });
  return out;
}
