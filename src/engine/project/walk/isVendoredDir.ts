/** Folders that hold dependencies, caches or build output in every ecosystem we know. */
const ALWAYS = new Set([
  ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages", ".pnpm-store", ".yarn",
  "__pycache__", ".venv", "venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs", "site-packages",
  ".gradle", ".idea", ".next", ".nuxt", ".svelte-kit", ".turbo", ".parcel-cache", ".angular", ".cache", ".dart_tool",
  "Pods", "DerivedData", ".terraform", "coverage", ".nyc_output", ".cargo", ".stack-work", "elm-stuff",
]);

/**
 * Whether a folder is vendored or generated. `siblings` (the names next to it) disambiguate the
 * ecosystem-specific ones: `target` only beside Cargo.toml/pom.xml, `vendor` only beside go.mod,
 * composer.json or Gemfile (otherwise `vendor` may be real code).
 */
export function isVendoredDir(name: string, siblings: readonly string[]): boolean {
  if (ALWAYS.has(name)) return true;
  if (name.endsWith(".egg-info")) return true;
  if (name === "target") return siblings.includes("Cargo.toml") || siblings.includes("pom.xml");
  if (name === "vendor") return siblings.includes("go.mod") || siblings.includes("composer.json") || siblings.includes("Gemfile");
  return false;
}
