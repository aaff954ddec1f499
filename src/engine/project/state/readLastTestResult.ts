import fs from "node:fs";
import path from "node:path";

export interface LastTestResult {
  /** Where it came from (file path relative to the root, or the artifacts file). */
  source: string;
  summary: string;
  passed: boolean | null;
  at?: string;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function mtimeIso(file: string): string | undefined {
  try {
    return fs.statSync(file).mtime.toISOString();
  } catch {
    return undefined;
  }
}

/**
 * The last test result we can find without running anything: `<outDir>/last_test_result.json` (written by
 * CodeConductor's verify step or by hand: `{ "command", "passed", "failed", "at" }`), pytest's
 * `.pytest_cache` last-failed list, Vitest's results cache, or Maven surefire reports. Null when none.
 */
export function readLastTestResult(root: string, outDir: string): LastTestResult | null {
  const own = readJson(path.join(outDir, "last_test_result.json")) as { command?: string; passed?: number; failed?: number; at?: string } | undefined;
  if (own && typeof own === "object") {
    const failed = own.failed ?? 0;
    return { source: "last_test_result.json", summary: `${own.command ?? "tests"}: ${own.passed ?? "?"} passed, ${failed} failed`, passed: failed === 0, at: own.at };
  }
  const pytest = path.join(root, ".pytest_cache", "v", "cache", "lastfailed");
  const lastFailed = readJson(pytest);
  if (lastFailed && typeof lastFailed === "object") {
    const n = Object.keys(lastFailed).length;
    return { source: ".pytest_cache/v/cache/lastfailed", summary: n ? `pytest: ${n} test(s) failed last run` : "pytest: no failures recorded in the last run", passed: n === 0, at: mtimeIso(pytest) };
  }
  for (const rel of ["node_modules/.vite/vitest/results.json", ...vitestHashed(root)]) {
    const data = readJson(path.join(root, rel)) as { results?: Record<string, { failed?: boolean }> | Array<[string, { failed?: boolean }]> } | undefined;
    if (!data?.results) continue;
    // Vitest ≤3 stores an object keyed by file, Vitest 4 an array of [file, result] pairs.
    const files = Array.isArray(data.results) ? data.results.map((r) => r[1]) : Object.values(data.results);
    const failed = files.filter((r) => r?.failed).length;
    return { source: rel, summary: `vitest: ${files.length - failed} file(s) passed, ${failed} failed last run`, passed: failed === 0, at: mtimeIso(path.join(root, rel)) };
  }
  return surefire(root);
}

function vitestHashed(root: string): string[] {
  try {
    return fs.readdirSync(path.join(root, "node_modules/.vite/vitest")).map((d) => `node_modules/.vite/vitest/${d}/results.json`);
  } catch {
    return [];
  }
}

function surefire(root: string): LastTestResult | null {
  const dir = path.join(root, "target", "surefire-reports");
  let tests = 0;
  let bad = 0;
  let files: string[];
  try {
    files = fs.readdirSync(dir).filter((f) => f.endsWith(".xml"));
  } catch {
    return null;
  }
  for (const f of files) {
    const head = fs.readFileSync(path.join(dir, f), "utf8").slice(0, 2000);
    tests += Number(head.match(/tests="(\d+)"/)?.[1] ?? 0);
    bad += Number(head.match(/failures="(\d+)"/)?.[1] ?? 0) + Number(head.match(/errors="(\d+)"/)?.[1] ?? 0);
  }
  return files.length ? { source: "target/surefire-reports", summary: `maven: ${tests - bad} passed, ${bad} failed`, passed: bad === 0, at: mtimeIso(dir) } : null;
}
