import type { TestCase } from "../../../shared/contract/verify.js";

interface JestAssertion {
  ancestorTitles?: string[];
  title?: string;
  fullName?: string;
  status?: string;
  duration?: number | null;
  failureMessages?: string[];
  location?: { line?: number; column?: number } | null;
}
interface JestFileResult {
  name?: string;
  status?: string;
  message?: string;
  assertionResults?: JestAssertion[];
}

const STATUS: Record<string, TestCase["status"]> = { passed: "passed", failed: "failed", pending: "skipped", skipped: "skipped", todo: "skipped", disabled: "skipped" };

/** Strip ANSI colour codes runners put in messages. */
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string): string => s.replace(/\u001b\[[0-9;]*m/g, "");

/** Drop stack frames inside the runner itself (node_modules, node internals): they only bury the useful lines. */
const trimStack = (s: string): string =>
  s
    .split("\n")
    .filter((l) => !/^\s+at .*(?:node_modules[\\/]|node:internal|\(<anonymous>\))/.test(l) && !/^\s+at new Promise/.test(l))
    .join("\n");

/**
 * Jest's `--json` report (vitest's JSON reporter writes the same shape) → test cases. A test file that failed
 * to run at all (syntax error, import failure) becomes one `error` case named after the file.
 */
export function parseJestJson(json: string, projectRoot: string): TestCase[] {
  const report = JSON.parse(json) as { testResults?: JestFileResult[] };
  const cases: TestCase[] = [];
  for (const file of report.testResults ?? []) {
    const rel = file.name ? relativeTo(projectRoot, file.name) : undefined;
    const assertions = file.assertionResults ?? [];
    if (!assertions.length && file.status === "failed") {
      cases.push({ name: rel ?? "(test file)", ...(rel ? { file: rel } : {}), status: "error", message: stripAnsi(file.message ?? "test file failed to run").slice(0, 4000) });
      continue;
    }
    for (const a of assertions) {
      const msg = (a.failureMessages ?? []).map((m) => trimStack(stripAnsi(m))).join("\n").slice(0, 4000);
      cases.push({
        name: a.fullName || [...(a.ancestorTitles ?? []), a.title ?? ""].join(" > "),
        ...(a.ancestorTitles?.length ? { suite: a.ancestorTitles.join(" > ") } : {}),
        ...(rel ? { file: rel } : {}),
        ...(lineOf(a, file.name) ? { line: lineOf(a, file.name)! } : {}),
        status: STATUS[a.status ?? ""] ?? "error",
        ...(typeof a.duration === "number" ? { durationMs: Math.round(a.duration) } : {}),
        ...(msg ? { message: msg } : {}),
      });
    }
  }
  return cases;
}

function relativeTo(root: string, p: string): string {
  const prefix = root.endsWith("/") ? root : `${root}/`;
  return p.startsWith(prefix) ? p.slice(prefix.length) : p;
}

/** The test's line: the reporter's location when it has one, else the first stack frame in the test file. */
function lineOf(a: JestAssertion, fileName: string | undefined): number | undefined {
  if (a.location?.line) return a.location.line;
  if (!fileName) return undefined;
  const esc = fileName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const m = new RegExp(`${esc}:(\\d+):\\d+`).exec((a.failureMessages ?? []).join("\n"));
  return m ? Number(m[1]) : undefined;
}
