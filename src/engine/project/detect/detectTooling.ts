import type { RepoMap } from "../../../shared/contract/project.js";
import { emptyStack, readRepoFile, type DetectInput, type StackInfo } from "./StackInfo.js";

type Purpose = RepoMap["tooling"][number]["purpose"];

/** Config files that name a tool, matched on the basename at the root or one level down. */
const CONFIGS: Array<[RegExp, string, Purpose]> = [
  [/^eslint\.config\.[cm]?[jt]s$|^\.eslintrc(\.\w+)?$/, "ESLint", "lint"],
  [/^\.prettierrc(\.\w+)?$|^prettier\.config\.[cm]?js$/, "Prettier", "format"],
  [/^biome\.jsonc?$/, "Biome", "lint"],
  [/^tsconfig(\.[\w-]+)?\.json$/, "TypeScript compiler", "types"],
  [/^\.dependency-cruiser\.c?js$/, "dependency-cruiser", "lint"],
  [/^ruff\.toml$|^\.ruff\.toml$/, "Ruff", "lint"],
  [/^\.flake8$/, "flake8", "lint"],
  [/^mypy\.ini$|^\.mypy\.ini$/, "mypy", "types"],
  [/^\.pylintrc$/, "Pylint", "lint"],
  [/^\.pre-commit-config\.yaml$/, "pre-commit", "lint"],
  [/^rustfmt\.toml$|^\.rustfmt\.toml$/, "rustfmt", "format"],
  [/^clippy\.toml$/, "Clippy", "lint"],
  [/^\.golangci\.ya?ml$/, "golangci-lint", "lint"],
  [/^checkstyle\.xml$/, "Checkstyle", "lint"],
  [/^\.editorconfig$/, "EditorConfig", "editor"],
  [/^Makefile$/, "make", "build"],
  [/^justfile$/, "just", "build"],
  [/^Dockerfile$/, "Docker", "build"],
];

/** Lint/format/type tools, build helpers and CI, plus `make test` / `just test` targets. */
export function detectTooling(input: DetectInput): StackInfo {
  const out = emptyStack();
  for (const p of input.paths) {
    const slash = p.indexOf("/");
    // Only the root and one level down; most paths are deeper and skipped without regex work.
    if (slash >= 0 && p.indexOf("/", slash + 1) >= 0) {
      if (p.startsWith(".github/workflows/") && /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) out.tooling.push({ tool: "GitHub Actions", purpose: "ci", config: p });
      continue;
    }
    const base = p.slice(slash + 1);
    for (const [re, tool, purpose] of CONFIGS) if (re.test(base)) out.tooling.push({ tool, purpose, config: p });
    if (p === ".gitlab-ci.yml") out.tooling.push({ tool: "GitLab CI", purpose: "ci", config: p });
  }
  const pyproject = readRepoFile(input, "pyproject.toml") ?? "";
  for (const [section, tool, purpose] of [["ruff", "Ruff", "lint"], ["black", "Black", "format"], ["mypy", "mypy", "types"], ["isort", "isort", "format"]] as const)
    if (new RegExp(`^\\[tool\\.${section}\\b`, "m").test(pyproject)) out.tooling.push({ tool, purpose, config: `pyproject.toml [tool.${section}]` });
  const makefile = input.pathSet.has("Makefile") ? (readRepoFile(input, "Makefile") ?? "") : "";
  if (/^test\s*:/m.test(makefile)) out.testCommands.push({ command: "make test", cwd: ".", source: "Makefile target `test`" });
  const justfile = input.pathSet.has("justfile") ? (readRepoFile(input, "justfile") ?? "") : "";
  if (/^test\b[^:\n]*:/m.test(justfile)) out.testCommands.push({ command: "just test", cwd: ".", source: "justfile recipe `test`" });
  return out;
}

/** CI workflow lines that run a known test command: evidence that the command is the real one. */
export function ciEvidence(input: DetectInput, commands: StackInfo["testCommands"]): void {
  for (const wf of input.paths.filter((p) => /^\.github\/workflows\/[^/]+\.ya?ml$/.test(p) || p === ".gitlab-ci.yml")) {
    const text = readRepoFile(input, wf) ?? "";
    for (const c of commands) if (text.includes(c.command) && !c.source.includes(wf)) c.source += `; also run in CI (${wf})`;
  }
}
