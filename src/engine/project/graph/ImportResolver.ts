import path from "node:path";
import type { LanguageId } from "../../parsing/index.js";

export interface ResolvableFile {
  rel: string;
  lang: LanguageId;
  imports: readonly string[];
  pkg?: string;
}

const JS_EXT = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".d.ts"];
const JS_INDEX = JS_EXT.map((e) => `/index${e}`);
const p = path.posix;

/**
 * Resolves import specifiers to files of the repository, per language: relative JS/TS paths (with
 * NodeNext `.js`→`.ts` mapping, index files, `@/`/`~/` → `src/`), Python modules (relative dots, any
 * package root), Go packages under the module path of their go.mod, Rust `mod x;` / `crate::` / `super::`
 * paths, Java fully-qualified classes and wildcards. External packages resolve to nothing.
 */
export class ImportResolver {
  private readonly all: Set<string>;
  private readonly pyModules = new Map<string, string[]>();
  private readonly goDirs = new Map<string, string[]>();
  private readonly javaFqn = new Map<string, string>();
  private readonly javaPkg = new Map<string, string[]>();

  constructor(
    files: readonly ResolvableFile[],
    /** go.mod folder (relative, "" for the root) → module path. */
    private readonly goModules: ReadonlyMap<string, string>,
    /** Folders holding a Cargo.toml (relative). */
    private readonly cargoRoots: readonly string[],
  ) {
    this.all = new Set(files.map((f) => f.rel));
    for (const f of files) this.index(f);
    for (const list of this.pyModules.values()) list.sort((a, b) => a.length - b.length);
  }

  private index(f: ResolvableFile): void {
    if (f.lang === "python") {
      const mod = f.rel.replace(/\.pyi?$/, "").replace(/\/__init__$/, "").split("/");
      for (let i = 0; i < mod.length; i++) push(this.pyModules, mod.slice(i).join("."), f.rel);
    } else if (f.lang === "go" && !f.rel.endsWith("_test.go")) {
      push(this.goDirs, p.dirname(f.rel), f.rel);
    } else if (f.lang === "java") {
      const cls = p.basename(f.rel, ".java");
      const pkg = f.pkg ?? "";
      this.javaFqn.set(pkg ? `${pkg}.${cls}` : cls, f.rel);
      push(this.javaPkg, pkg, f.rel);
    }
  }

  /** Files `file` imports, deduplicated, never itself. */
  resolve(file: ResolvableFile): string[] {
    const out = new Set<string>();
    for (const spec of file.imports) for (const r of this.resolveOne(file, spec)) if (r !== file.rel) out.add(r);
    return [...out];
  }

  private resolveOne(file: ResolvableFile, spec: string): string[] {
    switch (file.lang) {
      case "python":
        return this.python(file.rel, spec);
      case "go":
        return this.go(spec);
      case "rust":
        return this.rust(file.rel, spec);
      case "java":
        return this.java(spec);
      default:
        return this.js(file.rel, spec);
    }
  }

  private js(from: string, spec: string): string[] {
    let base: string;
    if (spec.startsWith(".")) base = p.normalize(p.join(p.dirname(from), spec));
    else if (/^[@~]\//.test(spec)) base = `src/${spec.slice(2)}`;
    else return [];
    if (this.all.has(base)) return [base];
    // Candidates in order, built one at a time: most imports resolve on the first or second.
    const stem = base.replace(/\.(js|jsx|mjs|cjs|ts|tsx)$/, "");
    for (const e of JS_EXT) if (this.all.has(stem + e)) return [stem + e];
    for (const e of JS_INDEX) if (this.all.has(base + e)) return [base + e];
    return [];
  }

  private python(from: string, spec: string): string[] {
    const dots = spec.match(/^\.*/)![0].length;
    let name = spec.slice(dots);
    if (dots) {
      let dir = p.dirname(from);
      for (let i = 1; i < dots; i++) dir = p.dirname(dir);
      const prefix = dir === "." ? "" : `${dir}/`;
      const stem = prefix + name.replaceAll(".", "/");
      for (const c of name ? [`${stem}.py`, `${stem}/__init__.py`] : [`${prefix}__init__.py`]) if (this.all.has(c)) return [c];
      return [];
    }
    // `import a.b.C` may name a class: drop trailing parts until a module matches.
    while (name) {
      const hit = this.pyModules.get(name);
      if (hit) return [hit[0]!];
      name = name.includes(".") ? name.slice(0, name.lastIndexOf(".")) : "";
    }
    return [];
  }

  private go(spec: string): string[] {
    for (const [dir, mod] of this.goModules) {
      if (spec !== mod && !spec.startsWith(`${mod}/`)) continue;
      const sub = spec.slice(mod.length + 1);
      const target = p.join(dir || ".", sub || ".").replace(/^\.\/?/, "") || ".";
      return this.goDirs.get(target) ?? [];
    }
    return [];
  }

  private rust(from: string, spec: string): string[] {
    const dir = p.dirname(from);
    const base = p.basename(from);
    const modDir = ["main.rs", "lib.rs", "mod.rs"].includes(base) ? dir : `${dir}/${base.replace(/\.rs$/, "")}`;
    if (spec.startsWith("mod:")) return this.rustFile(modDir, [spec.slice(4)]);
    const parts = spec.replace(/\{.*$/, "").split("::").filter(Boolean);
    if (parts[0] === "crate") {
      const crate = this.cargoRoots.filter((c) => from.startsWith(c ? `${c}/` : "")).sort((a, b) => b.length - a.length)[0];
      return this.rustFile(crate === undefined ? "src" : p.join(crate, "src"), parts.slice(1));
    }
    if (parts[0] === "super") return this.rustFile(p.dirname(modDir), parts.slice(1));
    if (parts[0] === "self") return this.rustFile(modDir, parts.slice(1));
    return [];
  }

  private rustFile(dir: string, parts: string[]): string[] {
    for (let n = parts.length; n > 0; n--) {
      const stem = p.join(dir, ...parts.slice(0, n));
      for (const c of [`${stem}.rs`, `${stem}/mod.rs`]) if (this.all.has(c)) return [c];
    }
    return [];
  }

  private java(spec: string): string[] {
    const clean = spec.replace(/^static\s+/, "");
    if (clean.endsWith(".*")) return this.javaPkg.get(clean.slice(0, -2)) ?? [];
    let name = clean;
    while (name.includes(".")) {
      const hit = this.javaFqn.get(name);
      if (hit) return [hit];
      name = name.slice(0, name.lastIndexOf("."));
    }
    // `import a.b.*;` reaches us as `a.b` (the asterisk is a separate node).
    return this.javaPkg.get(clean) ?? [];
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
