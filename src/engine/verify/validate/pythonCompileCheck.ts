import { execFile } from "node:child_process";
import fs from "node:fs";
import type { Finding } from "../../../shared/contract/verify.js";
import { findExecutable } from "../../util/findExecutable.js";

// Compiles without executing: compile() builds a code object only. -I (isolated) and -S (no site) keep the
// user's site-packages, PYTHON* variables and the current folder out of the interpreter.
const SCRIPT = "import sys\ntry:\n compile(sys.stdin.read(), sys.argv[1], 'exec')\nexcept SyntaxError as e:\n print(f'{e.lineno or 0}\\t{e.offset or 0}\\t{e.msg}')\n sys.exit(3)\n";

/** The interpreter used for compile checks: the system one first (a pyenv shim may not be set up). */
export function systemPython(): string | null {
  return findExecutable("python3", "/usr/bin:/usr/local/bin:/bin") ?? findExecutable("python3");
}

/** Python's own compiler as a second syntax check (catches what a grammar does not: `return` outside a function…). */
export function pythonCompileCheck(file: string, content: string, signal?: AbortSignal): Promise<Finding[]> {
  const py = systemPython();
  if (!py || !fs.existsSync(py)) return Promise.resolve([]);
  return new Promise((resolve) => {
    const child = execFile(py, ["-I", "-S", "-c", SCRIPT, file], { timeout: 10_000, signal, env: { PATH: "/usr/bin:/bin" }, maxBuffer: 1 << 16 }, (err, stdout) => {
      const m = /^(\d+)\t(\d+)\t(.*)$/m.exec(stdout);
      if (m) resolve([{ rule: "checker/python-compile", category: "checker", severity: "error", file, line: Number(m[1]), column: Number(m[2]) || undefined, message: `python: ${m[3]}` }]);
      else if (err && (err as { killed?: boolean }).killed) resolve([{ rule: "checker/python-compile", category: "checker", severity: "info", file, line: 0, message: "python compile check timed out" }]);
      else resolve([]);
    });
    child.stdin?.on("error", () => {});
    child.stdin?.end(content);
  });
}
