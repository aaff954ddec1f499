import { languageForPath, type LanguageId } from "../../parsing/index.js";

/** Plain language names for files we list and count but do not parse. */
const PLAIN: Record<string, string> = {
  md: "markdown", mdx: "markdown", rst: "restructuredtext", json: "json", jsonc: "json", yml: "yaml", yaml: "yaml",
  toml: "toml", xml: "xml", html: "html", htm: "html", css: "css", scss: "scss", sass: "sass", less: "less",
  sh: "shell", bash: "shell", zsh: "shell", ps1: "powershell", c: "c", h: "c", cc: "cpp", cpp: "cpp", cxx: "cpp",
  hpp: "cpp", hh: "cpp", cs: "csharp", rb: "ruby", php: "php", kt: "kotlin", kts: "kotlin", swift: "swift",
  scala: "scala", sql: "sql", vue: "vue", svelte: "svelte", lua: "lua", dart: "dart", r: "r", ex: "elixir",
  exs: "elixir", erl: "erlang", hs: "haskell", clj: "clojure", m: "objective-c", pl: "perl", groovy: "groovy",
  gradle: "groovy", tf: "terraform", proto: "protobuf", graphql: "graphql", gql: "graphql", zig: "zig", nim: "nim",
};

/** Extensions that are never text: skipped without reading. */
const BINARY = new Set(
  ("png jpg jpeg gif bmp ico icns webp avif tiff psd svgz pdf zip gz tgz bz2 xz zst 7z rar tar jar war ear class " +
    "so dylib dll exe bin o a lib obj wasm node pyc pyo pyd whl egg woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac " +
    "webm mov avi mkv gguf safetensors onnx pt pth ckpt npy npz pkl parquet sqlite sqlite3 db dat iso dmg deb rpm " +
    "apk ipa blend fbx glb")
    .split(" "),
);

/** Lock files: evidence for package managers, not listed as source. */
export const LOCKFILES: Record<string, string> = {
  "package-lock.json": "npm", "npm-shrinkwrap.json": "npm", "yarn.lock": "yarn", "pnpm-lock.yaml": "pnpm",
  "bun.lockb": "bun", "bun.lock": "bun", "poetry.lock": "poetry", "uv.lock": "uv", "Pipfile.lock": "pipenv",
  "Cargo.lock": "cargo", "go.sum": "go modules", "composer.lock": "composer", "Gemfile.lock": "bundler", "pdm.lock": "pdm",
};

export interface PathClass {
  /** Parser language, when tree-sitter handles the file. */
  parse: LanguageId | null;
  /** Language name for listing ("typescript", "markdown", "other"). */
  language: string;
  binary: boolean;
  lockfile: boolean;
  generatedName: boolean;
}

function extOf(base: string): string {
  const dot = base.lastIndexOf(".");
  return dot <= 0 ? "" : base.slice(dot + 1).toLowerCase();
}

/** Classify a relative path by name only (no I/O). */
export function classifyPath(rel: string): PathClass {
  const base = rel.slice(rel.lastIndexOf("/") + 1);
  const ext = extOf(base);
  const parse = languageForPath(base);
  const generatedName = /\.min\.(js|css)$|\.bundle\.js$|\.map$|_pb2\.py$|\.pb\.go$|\.generated\.\w+$/.test(base);
  return {
    parse,
    language: parse ?? PLAIN[ext] ?? (base === "Dockerfile" ? "dockerfile" : base === "Makefile" ? "makefile" : "other"),
    binary: BINARY.has(ext),
    lockfile: base in LOCKFILES,
    generatedName,
  };
}

const TEST_RE = [
  /(^|\/)(tests?|__tests__|spec|specs|e2e)\//,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
  /(^|\/)test_[^/]*\.py$/,
  /_test\.py$/,
  /_test\.go$/,
  /(^|\/)conftest\.py$/,
  /(Test|Tests|IT)\.java$/,
  /(^|\/)src\/test\//,
];

/** Whether a path looks like a test file, by the conventions of the supported ecosystems. */
export function isTestPath(rel: string): boolean {
  return TEST_RE.some((re) => re.test(rel));
}
