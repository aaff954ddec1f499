import ignore from "ignore";

/** Test files across the supported stacks (gitignore syntax). */
export const TEST_FILE_GLOBS = [
  "test_*.py", "*_test.py", "tests/**/*.py", "test/**/*.py",
  "*.test.ts", "*.test.tsx", "*.test.js", "*.test.jsx", "*.test.mjs", "*.test.cjs", "*.test.mts", "*.test.cts",
  "*.spec.ts", "*.spec.tsx", "*.spec.js", "*.spec.jsx", "*.spec.mjs", "*.spec.cjs",
  "__tests__/**", "*_test.go", "/tests/**/*.rs", "src/test/**/*.java", "*Test.java",
];

/** Files that shape how tests run or what they see; changing or adding one counts as changing the tests. */
export const TEST_INFRA_GLOBS = [
  "conftest.py", "pytest.ini", "tox.ini", "vitest.config.*", "vitest.workspace.*", "jest.config.*", "jest.setup.*", "vitest.setup.*",
  "setupTests.*", ".mocharc*", "karma.conf.*",
];

/** Folders never scanned for tests (dependencies, build output, VCS). */
export const SKIP_DIRS = new Set(["node_modules", ".git", ".hg", ".svn", "target", "dist", "build", ".venv", "venv", "env", "__pycache__", ".tox", ".next", "coverage", ".pytest_cache", ".mypy_cache", "vendor"]);

const matcher = ignore({ ignorecase: true }).add([...TEST_FILE_GLOBS, ...TEST_INFRA_GLOBS]);

/** Whether a project-relative path (forward slashes) is a test file or test configuration. */
export function isTestFile(rel: string): boolean {
  if (rel.split("/").some((s) => SKIP_DIRS.has(s))) return false;
  return matcher.ignores(rel);
}
