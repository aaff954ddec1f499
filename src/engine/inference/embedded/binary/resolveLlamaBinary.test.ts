import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildFolderName, type LlamaPaths } from "./llamaPaths.js";
import { resolveLlamaBinary } from "./resolveLlamaBinary.js";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** A fake node-llama-cpp llama/ folder (git bundle header only) and an empty build cache. */
function setup(commit = COMMIT): LlamaPaths {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-llama-bin-"));
  dirs.push(root);
  const llamaDir = path.join(root, "node-llama-cpp", "llama");
  fs.mkdirSync(llamaDir, { recursive: true });
  fs.writeFileSync(path.join(llamaDir, "gitRelease.bundle"), `# v2 git bundle\n${commit} refs/tags/b1234\n\nPACK…`);
  return { llamaDir, localBuilds: path.join(llamaDir, "localBuilds"), cacheRoot: path.join(root, "cache") };
}

/** What node-llama-cpp leaves after a successful local build. */
function completeBuild(dir: string): void {
  fs.mkdirSync(path.join(dir, "Release"), { recursive: true });
  for (const f of ["buildDone.status", "Release/llama-addon.node", "Release/_nlcBuildMetadata.json"]) fs.writeFileSync(path.join(dir, f), "x");
}

const cpu = buildFolderName(false);

describe("resolveLlamaBinary", () => {
  it("picks the prebuilt binary when no local build exists", () => {
    const paths = setup();
    const b = resolveLlamaBinary(false, { paths });
    expect(b).toMatchObject({ kind: "prebuilt", commit: COMMIT, folders: [] });
    expect(b.detail).toContain("models build");
    expect(fs.existsSync(path.join(paths.localBuilds, cpu))).toBe(false);
  });

  it("picks a cached local build of the same llama.cpp commit and links it where node-llama-cpp looks first", () => {
    const paths = setup();
    completeBuild(path.join(paths.cacheRoot, COMMIT.slice(0, 12), cpu));
    const b = resolveLlamaBinary(false, { paths });
    expect(b).toMatchObject({ kind: "local", folders: [cpu] });
    const link = path.join(paths.localBuilds, cpu);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.existsSync(path.join(link, "Release", "llama-addon.node"))).toBe(true);
    // Idempotent: a second call keeps the same link.
    expect(resolveLlamaBinary(false, { paths }).kind).toBe("local");
  });

  it("ignores an unfinished build and a build of other llama.cpp sources", () => {
    const paths = setup();
    fs.mkdirSync(path.join(paths.cacheRoot, COMMIT.slice(0, 12), cpu, "Release"), { recursive: true });
    expect(resolveLlamaBinary(false, { paths }).kind).toBe("prebuilt");
    // A link left by an older commit's build is removed once node-llama-cpp's sources change.
    const old = path.join(paths.cacheRoot, "ffffffffffff", cpu);
    completeBuild(old);
    fs.mkdirSync(paths.localBuilds, { recursive: true });
    fs.symlinkSync(old, path.join(paths.localBuilds, cpu), "dir");
    expect(resolveLlamaBinary(false, { paths }).kind).toBe("prebuilt");
    expect(fs.existsSync(path.join(paths.localBuilds, cpu))).toBe(false);
  });

  it("forcing the prebuilt binary unlinks our build but leaves it cached", () => {
    const paths = setup();
    const cached = path.join(paths.cacheRoot, COMMIT.slice(0, 12), cpu);
    completeBuild(cached);
    expect(resolveLlamaBinary(false, { paths }).kind).toBe("local");
    const b = resolveLlamaBinary(false, { paths, prefer: "prebuilt" });
    expect(b.kind).toBe("prebuilt");
    expect(b.detail).toContain("CC_LLAMA_BINARY=prebuilt");
    expect(fs.existsSync(path.join(paths.localBuilds, cpu))).toBe(false);
    expect(fs.existsSync(path.join(cached, "Release", "llama-addon.node"))).toBe(true);
  });

  it("reports a build node-llama-cpp made by itself, and leaves it alone", () => {
    const paths = setup();
    completeBuild(path.join(paths.localBuilds, cpu));
    const b = resolveLlamaBinary("auto", { paths, prefer: "prebuilt" });
    expect(b).toMatchObject({ kind: "local", folders: [cpu] });
    expect(b.detail).toContain("node-llama-cpp's own localBuilds");
    expect(fs.lstatSync(path.join(paths.localBuilds, cpu)).isDirectory()).toBe(true);
  });
});
