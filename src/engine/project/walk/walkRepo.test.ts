import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { WalkMemo } from "./WalkMemo.js";
import { walkRepo } from "./walkRepo.js";

let root: string;
function tree(files: Record<string, string>): string {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-walk-"));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const list = async (dir: string, opts = {}) => (await walkRepo(dir, opts)).files.map((f) => f.rel).sort();

describe("walkRepo ignore rules", () => {
  it("walks a git worktree, whose .git is a file (no .git/info/exclude to stat), with and without a memo", async () => {
    tree({ ".git": "gitdir: /elsewhere/.git/worktrees/x\n", "a.ts": "", "src/b.py": "" });
    const memo = new WalkMemo();
    expect(await list(root, { memo })).toEqual(expect.arrayContaining(["a.ts", "src/b.py"]));
    expect(await list(root, { memo })).toEqual(expect.arrayContaining(["a.ts", "src/b.py"]));
  });

  it("honours nested .gitignore with negation, directory-only patterns and anchored patterns", async () => {
    tree({
      ".gitignore": "*.log\nbuild/\n/only-root.txt\n",
      "keep.ts": "",
      "debug.log": "",
      "only-root.txt": "",
      "build/out.js": "",
      "src/build": "a file named build is not a directory: kept",
      "src/only-root.txt": "anchored pattern does not apply here",
      "src/.gitignore": "!important.log\ngenerated/\n",
      "src/important.log": "",
      "src/other.log": "",
      "src/generated/x.ts": "",
      "src/deep/.ignore": "*.tmp\n",
      "src/deep/a.tmp": "",
      "src/deep/a.ts": "",
      "src/sibling.tmp": "the .ignore in deep/ does not apply here",
    });
    expect(await list(root)).toEqual([
      ".gitignore",
      "keep.ts",
      "src/.gitignore",
      "src/build",
      "src/deep/.ignore",
      "src/deep/a.ts",
      "src/important.log",
      "src/only-root.txt",
      "src/sibling.tmp",
    ]);
  });

  it("skips VCS and vendored folders, Rust target only beside Cargo.toml, plus extra excludes", async () => {
    tree({
      ".git/config": "",
      "node_modules/x/index.js": "",
      "a/__pycache__/m.pyc": "",
      "crate/Cargo.toml": "",
      "crate/target/debug/x.rs": "",
      "crate/src/lib.rs": "",
      "docs/target/page.md": "a folder called target without Cargo.toml is real content",
      "artifacts/repo_map.json": "",
    });
    const { files, stats } = await walkRepo(root, { exclude: ["/artifacts/"] });
    expect(files.map((f) => f.rel).sort()).toEqual(["crate/Cargo.toml", "crate/src/lib.rs", "docs/target/page.md"]);
    expect(stats.vendored).toBe(4);
    expect(stats.ignored).toBe(1);
  });

  it("reports sizes and mtimes from stat", async () => {
    tree({ "a.txt": "12345" });
    const { files } = await walkRepo(root);
    expect(files[0]).toMatchObject({ rel: "a.txt", size: 5 });
    expect(files[0]!.mtimeMs).toBeGreaterThan(0);
  });
});

describe("walkRepo symlinks", () => {
  it("terminates on a symlink loop and counts the links it skipped", async () => {
    tree({ "a/file.ts": "" });
    fs.symlinkSync("..", path.join(root, "a", "loop"));
    fs.symlinkSync("self", path.join(root, "self"));
    for (const followSymlinks of [false, true]) {
      const { files, stats } = await walkRepo(root, { followSymlinks });
      expect(files.map((f) => f.rel)).toEqual(["a/file.ts"]);
      expect(stats.symlinks).toBe(2);
    }
  });

  it("follows a link to an outside folder once when asked, never when not", async () => {
    tree({ "in.ts": "" });
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "cc-walk-out-"));
    try {
      fs.writeFileSync(path.join(outside, "lib.ts"), "");
      fs.symlinkSync(outside, path.join(root, "ext"));
      fs.symlinkSync(outside, path.join(root, "ext2"));
      expect(await list(root)).toEqual(["in.ts"]);
      const followed = await list(root, { followSymlinks: true });
      expect(followed.filter((p) => p.endsWith("lib.ts"))).toHaveLength(1);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it("stops when cancelled", async () => {
    tree({ "a.ts": "" });
    const ac = new AbortController();
    ac.abort(new Error("stop"));
    await expect(walkRepo(root, { signal: ac.signal })).rejects.toThrow("stop");
  });
});
