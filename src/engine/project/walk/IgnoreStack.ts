import fs from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

/** Files whose patterns apply to their own folder and below, in git's order (later wins). */
const IGNORE_FILES = [".gitignore", ".ignore"];

interface Level {
  /** Folder the rules belong to, relative to the root, "" for the root, else ending in "/". */
  base: string;
  ig: Ignore;
}

/**
 * Parsed rules by file contents: reusing the same `Ignore` across walks keeps its per-path result cache,
 * which makes re-walks several times cheaper. Bounded to the most recent 2000 rule sets.
 */
const PARSED = new Map<string, Ignore>();

function parsed(text: string): Ignore {
  let ig = PARSED.get(text);
  if (!ig) {
    ig = ignore().add(text);
    PARSED.set(text, ig);
    if (PARSED.size > 2000) PARSED.delete(PARSED.keys().next().value!);
  }
  return ig;
}

/**
 * Nested ignore rules, git style: each folder's `.gitignore` / `.ignore` applies below it; a deeper rule
 * (including a `!negation`) overrides a shallower one. Immutable: `enter` returns a new stack sharing levels.
 */
export class IgnoreStack {
  private constructor(private readonly levels: readonly Level[]) {}

  /** Root rules: built-in patterns, `.git/info/exclude`, then the root's own ignore files. */
  static forRoot(root: string, builtin: readonly string[], names: readonly string[]): IgnoreStack {
    const exclude = readText(path.join(root, ".git", "info", "exclude")) ?? "";
    const ig = parsed(`${builtin.join("\n")}\n${exclude}`);
    return new IgnoreStack([{ base: "", ig }]).enter(root, "", names);
  }

  /**
   * The stack for a folder (`relDir` "" or "a/b/"), adding its ignore files when `names` lists any.
   * `names` is the folder's directory listing, so no extra syscalls are spent on folders without rules.
   */
  enter(absDir: string, relDir: string, names: readonly string[]): IgnoreStack {
    let text = "";
    for (const file of IGNORE_FILES) if (names.includes(file)) text += `${readText(path.join(absDir, file)) ?? ""}\n`;
    return text.trim() ? new IgnoreStack([...this.levels, { base: relDir, ig: parsed(text) }]) : this;
  }

  /** Same rules as `other` (rule texts are parsed once and shared, so identity of each level's matcher says it). */
  sameRules(other: IgnoreStack): boolean {
    return this.levels.length === other.levels.length && this.levels.every((l, i) => l.base === other.levels[i]!.base && l.ig === other.levels[i]!.ig);
  }

  /** Whether `rel` (relative to the root; no trailing slash) is ignored. */
  ignores(rel: string, isDir: boolean): boolean {
    let ignored = false;
    for (const { base, ig } of this.levels) {
      if (base && !rel.startsWith(base)) continue;
      const local = rel.slice(base.length) + (isDir ? "/" : "");
      const r = ig.test(local);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
}
