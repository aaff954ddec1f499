import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

/** Where node-llama-cpp keeps its llama.cpp sources and builds, and where we cache our local builds. */
export interface LlamaPaths {
  /** node-llama-cpp's `llama/` folder (gitRelease.bundle, localBuilds/, llama.cpp/ once cloned). */
  llamaDir: string;
  /** node-llama-cpp's local builds: it loads `<localBuilds>/<folder>/Release/llama-addon.node` before its prebuilt. */
  localBuilds: string;
  /** Our builds, outside node_modules so that `npm ci` keeps them: `<cacheRoot>/<commit12>/<folder>`. */
  cacheRoot: string;
}

/** The default paths: node-llama-cpp as resolved from here; the cache under CC_LLAMA_BUILD_CACHE or ~/.cache. */
export function llamaPaths(): LlamaPaths {
  const pkg = nodeLlamaCppDir();
  const llamaDir = path.join(pkg, "llama");
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return { llamaDir, localBuilds: path.join(llamaDir, "localBuilds"), cacheRoot: process.env.CC_LLAMA_BUILD_CACHE || path.join(cacheHome, "codeconductor", "llama-builds") };
}

/** node-llama-cpp's package folder (its exports map hides package.json: go up from dist/index.js). */
export function nodeLlamaCppDir(): string {
  return path.resolve(path.dirname(createRequire(import.meta.url).resolve("node-llama-cpp")), "..");
}

/**
 * The llama.cpp commit node-llama-cpp ships, read from the header of its git bundle ("# v2 git bundle",
 * then "<sha> <ref>" lines) without spawning git; "unknown" when the bundle is missing.
 */
export function bundleCommit(llamaDir: string): string {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.join(llamaDir, "gitRelease.bundle"), "r");
    const head = Buffer.alloc(512);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return /^[0-9a-f]{40}/m.exec(head.subarray(0, n).toString("latin1"))?.[0] ?? "unknown";
  } catch {
    return "unknown";
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** node-llama-cpp's folder name for a build without custom cmake options: "linux-x64", "linux-x64-cuda"… */
export function buildFolderName(gpu: false | "cuda" | "vulkan" | "metal", platform = nodeLlamaPlatform(), arch = process.arch): string {
  return [platform, arch, ...(gpu ? [gpu] : [])].join("-");
}

/** node-llama-cpp's platform names ("mac" for darwin, "win" for win32). */
function nodeLlamaPlatform(): string {
  return process.platform === "darwin" ? "mac" : process.platform === "win32" ? "win" : process.platform;
}

/** A finished local build in `dir` (what node-llama-cpp itself checks before loading one). */
export function isCompleteBuild(dir: string): boolean {
  return ["buildDone.status", "Release/llama-addon.node", "Release/_nlcBuildMetadata.json"].every((f) => fs.existsSync(path.join(dir, f)));
}
