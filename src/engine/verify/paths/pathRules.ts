import ignore, { type Ignore } from "ignore";

/**
 * Paths inside a project that can hurt beyond the project when written (VCS internals and hooks, shell rc files,
 * editor task runners, agent and MCP configs that start commands, secrets, credentials). Writing them needs a
 * separate, explicit confirmation. Cursor rules are written by `cursorrules`, never by an apply.
 */
export const PROTECTED_GLOBS = [
  ".git/", ".hg/", ".svn/", ".husky/", ".githooks/", "lefthook.yml", ".lefthook.yml", "lefthook-local.yml", ".pre-commit-config.yaml",
  ".mcp.json", ".cursor/", ".cursorrules", ".claude/", ".codex/", ".gemini/", ".windsurf/", ".continue/", ".roo/", ".clinerules",
  ".zed/", ".exrc", ".nvimrc", ".nvim.lua",
  ".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile", ".zshenv", ".zlogin", ".cshrc", ".tcshrc",
  ".kshrc", ".inputrc", "config.fish", ".envrc",
  ".vscode/", ".idea/", ".devcontainer/",
  ".env", ".env.*", ".ssh/", ".gnupg/", ".aws/", ".docker/", ".kube/",
  ".npmrc", ".yarnrc", ".yarnrc.yml", ".pypirc", ".netrc", ".gitconfig", ".gitmodules", ".gitattributes",
];

/** Files that run code when tests, builds or CI run: flagged (not blocked) so the reviewer looks twice. */
export const EXECUTES_GLOBS = [
  "package.json", "conftest.py", "pytest.ini", "tox.ini", "noxfile.py", "setup.py", "setup.cfg", "pyproject.toml", "sitecustomize.py",
  "usercustomize.py", "*.pth", "Makefile", "makefile", "GNUmakefile", "*.mk", "CMakeLists.txt", "build.rs", "Cargo.toml", "build.gradle",
  "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "pom.xml", "*.config.js", "*.config.cjs", "*.config.mjs", "*.config.ts",
  "*.config.mts", "*.config.cts", ".babelrc", "jest.setup.*", "vitest.setup.*", "setupTests.*", ".github/workflows/", ".gitlab-ci.yml",
  ".circleci/", "Jenkinsfile", "azure-pipelines.yml", ".travis.yml", ".pre-commit-config.yaml", "Dockerfile", "docker-compose*.yml",
  "*.sh", ".mocharc*", "karma.conf.js", "Rakefile", "Gemfile", "go.mod",
];

/** Windows device names, with or without an extension (`CON.ts` is still CON). */
export const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)(\..*)?$/i;

/** C0/C1 controls and DEL. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** Bidi overrides/isolates/marks and zero-width characters: they make a name read differently from what it is. */
export const INVISIBLE_CHARS = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/** Characters Windows forbids in names (":" also opens NTFS alternate streams). */
export const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

/** Build a matcher over gitignore-style globs (case-insensitive, as on macOS/Windows file systems). */
export function globMatcher(globs: string[]): Ignore {
  return ignore({ ignorecase: true }).add(globs);
}
