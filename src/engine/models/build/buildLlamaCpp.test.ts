import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "../../../shared/contract/errors.js";
import { buildFolderName, type LlamaPaths } from "../../inference/embedded/binary/llamaPaths.js";
import { buildLlamaCpp } from "./buildLlamaCpp.js";
import { checkBuildTools } from "./checkBuildTools.js";

const COMMIT = "89abcdef0123456789abcdef0123456789abcdef";
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function setup(): LlamaPaths & { root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "cc-llama-build-"));
  dirs.push(root);
  const llamaDir = path.join(root, "llama");
  fs.mkdirSync(llamaDir, { recursive: true });
  fs.writeFileSync(path.join(llamaDir, "gitRelease.bundle"), `# v2 git bundle\n${COMMIT} refs/tags/b1\n\n`);
  return { root, llamaDir, localBuilds: path.join(llamaDir, "localBuilds"), cacheRoot: path.join(root, "cache") };
}

/** A PATH lookup that finds only `have`. */
const only = (...have: string[]) => (name: string): string | null => (have.includes(name) ? `/usr/bin/${name}` : null);

describe("checkBuildTools", () => {
  it("names each missing tool and the install command for the platform", () => {
    const t = checkBuildTools(only("g++", "gcc", "git", "make", "apt-get"), "linux");
    expect(t).toMatchObject({ ok: false, missing: ["cmake"], hint: "sudo apt-get install -y cmake g++ make git" });
    expect(checkBuildTools(only("cmake", "clang++", "clang", "git", "ninja"), "linux")).toMatchObject({ ok: true, missing: [] });
    expect(checkBuildTools(only(), "darwin").hint).toContain("xcode-select --install");
  });
});

describe("buildLlamaCpp", () => {
  it("fails at once when cmake is missing, with the install hint, before starting anything", async () => {
    const paths = setup();
    const logFile = path.join(paths.root, "logs", "build.log");
    const err = await buildLlamaCpp({ gpu: "cpu", logFile, paths, tools: () => checkBuildTools(only("g++", "gcc", "git", "make", "apt-get"), "linux") }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("unavailable");
    expect((err as AppError).message).toMatch(/needs cmake.*sudo apt-get install -y cmake/);
    expect(fs.existsSync(logFile)).toBe(false);
  });

  it("adopts a finished build that node-llama-cpp's own CLI made, moving it to the cache and linking it back", async () => {
    const paths = setup();
    const folder = buildFolderName(false);
    const own = path.join(paths.localBuilds, folder);
    fs.mkdirSync(path.join(own, "Release"), { recursive: true });
    fs.writeFileSync(path.join(own, "buildDone.status"), "");
    fs.writeFileSync(path.join(own, "Release", "llama-addon.node"), "addon");
    fs.writeFileSync(path.join(own, "Release", "_nlcBuildMetadata.json"), JSON.stringify({ buildOptions: { gpu: false } }));
    fs.writeFileSync(path.join(paths.llamaDir, "lastBuild.json"), JSON.stringify({ folderName: folder }));
    const ok = () => checkBuildTools(only("cmake", "g++", "gcc", "git", "make"), "linux");
    const r = await buildLlamaCpp({ gpu: "cpu", logFile: path.join(paths.root, "b.log"), paths, tools: ok });
    expect(r).toMatchObject({ folder, built: false, commit: COMMIT, cacheDir: path.join(paths.cacheRoot, COMMIT.slice(0, 12), folder) });
    expect(r.binary).toContain("local build");
    expect(fs.readFileSync(path.join(r.cacheDir, "Release", "llama-addon.node"), "utf8")).toBe("addon");
    expect(fs.lstatSync(own).isSymbolicLink()).toBe(true);
    // Asked again: the cached build of the same sources is reused, nothing is rebuilt.
    const again = await buildLlamaCpp({ gpu: "cpu", logFile: path.join(paths.root, "b.log"), paths, tools: ok });
    expect(again).toMatchObject({ folder, built: false });
    expect(fs.existsSync(path.join(paths.root, "b.log"))).toBe(false);
  });
});
