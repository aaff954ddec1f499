import fs from "node:fs";
import path from "node:path";
import { IgnoreStack } from "../../project/walk/IgnoreStack.js";
import { isVendoredDir } from "../../project/walk/isVendoredDir.js";

interface Level {
  ig: IgnoreStack;
  names: string[];
}

/**
 * The repo walk's skip rules (nested .gitignore/.ignore, vendored folders, extra root patterns) asked one path
 * at a time, for a file watcher: which events count and which folders it need not descend into. Folder rules
 * are read once and cached; `invalidate()` after an ignore file changes.
 */
export class ProjectIgnore {
  private readonly levels = new Map<string, Level>();

  constructor(
    private readonly root: string,
    private readonly exclude: readonly string[],
  ) {}

  /** Whether `abs` is outside the root or skipped by the rules. `isDir` undefined: looked up (missing → file). */
  ignores(abs: string, isDir?: boolean): boolean {
    const rel = path.relative(this.root, abs).split(path.sep).join("/");
    if (!rel) return false;
    if (rel === ".." || rel.startsWith("../") || path.isAbsolute(rel)) return true;
    const dir = isDir ?? fs.lstatSync(abs, { throwIfNoEntry: false })?.isDirectory() ?? false;
    const segs = rel.split("/");
    let level = this.level("", null);
    for (let i = 0; i < segs.length; i++) {
      const childRel = segs.slice(0, i + 1).join("/");
      const last = i === segs.length - 1;
      const childIsDir = last ? dir : true;
      if (childIsDir && isVendoredDir(segs[i]!, level.names)) return true;
      if (level.ig.ignores(childRel, childIsDir)) return true;
      if (!last) level = this.level(childRel, level);
    }
    return false;
  }

  invalidate(): void {
    this.levels.clear();
  }

  private level(relDir: string, parent: Level | null): Level {
    let l = this.levels.get(relDir);
    if (l) return l;
    const abs = relDir ? path.join(this.root, relDir) : this.root;
    let names: string[];
    try {
      names = fs.readdirSync(abs);
    } catch {
      names = [];
    }
    const ig = parent ? parent.ig.enter(abs, `${relDir}/`, names) : IgnoreStack.forRoot(abs, this.exclude, names);
    l = { ig, names };
    this.levels.set(relDir, l);
    return l;
  }
}
