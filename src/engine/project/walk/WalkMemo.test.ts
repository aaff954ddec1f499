import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { walkRepo } from "./walkRepo.js";
import { WalkMemo } from "./WalkMemo.js";

let root = "";
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(root, { recursive: true, force: true });
});

function write(rel: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
}

/** Age every folder and file by a minute, so that no listing counts as racy. */
function age(dir = root): void {
  const past = new Date(Date.now() - 60_000);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) age(path.join(dir, e.name));
    else fs.utimesSync(path.join(dir, e.name), past, past);
  }
  fs.utimesSync(dir, past, past);
}

describe("WalkMemo", () => {
  it("reuses unchanged folders and always equals a fresh walk", async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-walkmemo-"));
    for (const [rel, text] of Object.entries({ ".gitignore": "*.log\n", "a.ts": "1", "src/b.ts": "2", "src/c.log": "", "src/deep/d.ts": "3", "src/deep/.ignore": "*.tmp\n", "src/deep/e.tmp": "", "node_modules/x.js": "" })) write(rel, text);
    age();
    const memo = new WalkMemo();
    const same = async () => {
      const fresh = await walkRepo(root, { exclude: ["/out/"] });
      const memoed = await walkRepo(root, { exclude: ["/out/"], memo });
      expect(memoed).toEqual(fresh);
      return memoed.files;
    };
    await same();
    const readdir = vi.spyOn(fs, "readdirSync");
    await walkRepo(root, { exclude: ["/out/"], memo });
    expect(readdir).not.toHaveBeenCalled();
    readdir.mockRestore();

    // Content edits do not touch the folder: sizes still come from stat.
    fs.writeFileSync(path.join(root, "src/b.ts"), "22222");
    expect((await same()).find((f) => f.rel === "src/b.ts")!.size).toBe(5);
    // New, removed and renamed entries; then an ignore file edited in place (folder mtime unchanged).
    write("src/deep/new.ts", "");
    fs.rmSync(path.join(root, "a.ts"));
    age();
    await same();
    const gi = path.join(root, "src/deep/.ignore");
    const dirTime = fs.statSync(path.dirname(gi)).mtime;
    fs.writeFileSync(gi, "*.tmp\nnew.ts\n");
    fs.utimesSync(path.dirname(gi), dirTime, dirTime);
    expect((await same()).map((f) => f.rel)).not.toContain("src/deep/new.ts");
    fs.writeFileSync(path.join(root, ".gitignore"), "*.log\n*.ts\n");
    expect((await same()).map((f) => f.rel)).toEqual([".gitignore", "src/deep/.ignore"]);
    // Other options start over.
    expect((await walkRepo(root, { exclude: ["/src/"], memo })).files.map((f) => f.rel)).toEqual([".gitignore"]);
  });
});
