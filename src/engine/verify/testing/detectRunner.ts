import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RunnerId } from "../../../shared/contract/verify.js";
import { SKIP_DIRS } from "./testFilePatterns.js";

export type ReportFormat = "junit" | "jest" | "go" | "cargo";

/** How to run one project's tests and where its machine-readable report lands. */
export interface RunnerSpec {
  runner: RunnerId;
  /** Shell command line, run in the project folder; `$TMPDIR` is the run's private temp folder. */
  command: string;
  reason: string;
  /** Report file under `$TMPDIR` and its format; null when only the exit code counts. */
  report: { file: string; format: ReportFormat } | null;
  extraPath: string[];
  readOnlyPaths: string[];
  env: Record<string, string>;
}

const REPORT_DIR = 'mkdir -p "$TMPDIR/cc-report" && ';
const NPM_PLACEHOLDER = /no test specified/;

/**
 * Pick the runner from the project's files: an explicit command wins, then vitest / jest (package.json, config
 * files), pytest (config or test_*.py files), go (go.mod), cargo (Cargo.toml), and finally `npm test`
 * (exit code only). Null when nothing looks like a test suite.
 */
export function detectRunner(project: string, options: { command?: string; runner?: RunnerId; home?: string } = {}): RunnerSpec | null {
  const home = options.home ?? os.homedir();
  if (options.command) return spec("custom", options.command, "custom command", null);
  const pkg = readJson(path.join(project, "package.json"));
  const deps = { ...(pkg?.dependencies as object | undefined), ...(pkg?.devDependencies as object | undefined) } as Record<string, string>;
  const testScript = typeof (pkg?.scripts as Record<string, unknown> | undefined)?.test === "string" ? ((pkg!.scripts as Record<string, string>).test as string) : "";
  const has = (re: RegExp): boolean => safeReaddir(project).some((n) => re.test(n));
  const want = options.runner;

  if (want === "vitest" || (!want && ("vitest" in deps || /\bvitest\b/.test(testScript) || has(/^vitest\.(config|workspace)\./)))) {
    return spec("vitest", `${REPORT_DIR}${bin(project, "vitest")} run --reporter=default --reporter=json --outputFile.json="$TMPDIR/cc-report/report.json"`, "vitest in package.json or a vitest config", { file: "report.json", format: "jest" });
  }
  if (want === "jest" || (!want && ("jest" in deps || /\bjest\b/.test(testScript) || has(/^jest\.config\./)))) {
    return spec("jest", `${REPORT_DIR}${bin(project, "jest")} --ci --json --outputFile="$TMPDIR/cc-report/report.json"`, "jest in package.json or a jest config", { file: "report.json", format: "jest" });
  }
  if (want === "pytest" || (!want && looksLikePytest(project))) {
    const py = ["venv", ".venv"].map((v) => path.join(project, v, "bin", "python")).find((p) => fs.existsSync(p)) ?? "python3";
    return spec("pytest", `${REPORT_DIR}${quote(py)} -m pytest -q -p no:cacheprovider -o junit_family=xunit1 --junitxml="$TMPDIR/cc-report/junit.xml"`, "pytest configuration or test_*.py files", { file: "junit.xml", format: "junit" });
  }
  if (want === "go" || (!want && fs.existsSync(path.join(project, "go.mod")))) {
    const modCache = path.join(home, "go", "pkg", "mod");
    const s = spec("go", `${REPORT_DIR}go test -json ./... > "$TMPDIR/cc-report/go.json"; c=$?; grep -v '^{' "$TMPDIR/cc-report/go.json"; exit $c`, "go.mod", { file: "go.json", format: "go" });
    s.extraPath.push("/usr/local/go/bin");
    s.env = { GOFLAGS: "-mod=mod", GOPROXY: "off", GOCACHE: "/tmp/go-cache", ...(fs.existsSync(modCache) ? { GOMODCACHE: modCache } : {}) };
    if (fs.existsSync(modCache)) s.readOnlyPaths.push(modCache);
    return s;
  }
  if (want === "cargo" || (!want && fs.existsSync(path.join(project, "Cargo.toml")))) {
    const s = spec("cargo", `${REPORT_DIR}cargo test --no-fail-fast > "$TMPDIR/cc-report/cargo.txt" 2>&1; c=$?; cat "$TMPDIR/cc-report/cargo.txt"; exit $c`, "Cargo.toml", { file: "cargo.txt", format: "cargo" });
    const cargoHome = path.join(home, ".cargo");
    s.extraPath.push(path.join(cargoHome, "bin"));
    s.readOnlyPaths.push(cargoHome, path.join(home, ".rustup"));
    s.env = { CARGO_HOME: cargoHome, RUSTUP_HOME: path.join(home, ".rustup"), CARGO_NET_OFFLINE: "true" };
    return s;
  }
  if (want === "npm" || (!want && testScript && !NPM_PLACEHOLDER.test(testScript))) {
    const s = spec("npm", "npm test --silent", "a test script in package.json (exit code only)", null);
    s.env = { npm_config_cache: "/tmp/npm-cache", npm_config_update_notifier: "false", npm_config_offline: "true" };
    return s;
  }
  return null;
}

function spec(runner: RunnerId, command: string, reason: string, report: RunnerSpec["report"]): RunnerSpec {
  return { runner, command, reason, report, extraPath: [], readOnlyPaths: [], env: {} };
}

function bin(project: string, name: string): string {
  const local = path.join("node_modules", ".bin", name);
  return fs.existsSync(path.join(project, local)) ? local : `npx --no-install ${name}`;
}

const quote = (s: string): string => (/^[\w./-]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

function looksLikePytest(project: string): boolean {
  if (["pytest.ini", "conftest.py"].some((f) => fs.existsSync(path.join(project, f)))) return true;
  const cfg = ["pyproject.toml", "setup.cfg", "tox.ini"].map((f) => readText(path.join(project, f))).join("\n");
  if (/\[tool\.pytest|\[tool:pytest\]|\[pytest\]/.test(cfg)) return true;
  return hasPythonTests(project, 0);
}

function hasPythonTests(dir: string, depth: number): boolean {
  if (depth > 4) return false;
  for (const e of safeReaddir(dir, true)) {
    if (e.isFile() && /^(test_.*|.*_test)\.py$/.test(e.name)) return true;
    if (e.isDirectory() && !SKIP_DIRS.has(e.name) && !e.name.startsWith(".") && hasPythonTests(path.join(dir, e.name), depth + 1)) return true;
  }
  return false;
}

function safeReaddir(dir: string): string[];
function safeReaddir(dir: string, withTypes: true): fs.Dirent[];
function safeReaddir(dir: string, withTypes?: true): string[] | fs.Dirent[] {
  try {
    return withTypes ? fs.readdirSync(dir, { withFileTypes: true }) : fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function readText(p: string): string {
  try {
    return fs.readFileSync(p, "utf8");
  } catch {
    return "";
  }
}

function readJson(p: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(p, "utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}
