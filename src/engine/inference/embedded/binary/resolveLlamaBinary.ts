import fs from "node:fs";
import path from "node:path";
import type { GpuChoice } from "../protocol.js";
import { buildFolderName, bundleCommit, isCompleteBuild, llamaPaths, type LlamaPaths } from "./llamaPaths.js";

/** Which llama.cpp binary embedded inference will load. */
export interface LlamaBinary {
  kind: "local" | "prebuilt";
  /** llama.cpp commit of node-llama-cpp's sources (the cache key of local builds). */
  commit: string;
  /** Local build folders node-llama-cpp will find ("linux-x64", "linux-x64-cuda"…); empty for prebuilt. */
  folders: string[];
  /** One line for doctor, `models --json` and logs. */
  detail: string;
}

export interface ResolveLlamaBinaryOptions {
  paths?: LlamaPaths;
  /** "prebuilt" hides our local builds from node-llama-cpp; default from CC_LLAMA_BINARY, else "auto". */
  prefer?: "auto" | "prebuilt";
}

const GPU_FOLDERS: ReadonlyArray<false | "cuda" | "vulkan" | "metal"> = [false, "cuda", "vulkan", "metal"];

/**
 * Make node-llama-cpp see exactly the local builds it should, and say which binary will run.
 * `codeconductor models build` keeps its builds outside node_modules, in `<cacheRoot>/<commit12>/<folder>`
 * (so `npm ci` keeps them, and a build of other llama.cpp sources is never used); node-llama-cpp loads a
 * local build from its own `llama/localBuilds/<folder>` before its prebuilt binary, so a symlink there
 * selects ours. Links to other commits' builds are removed; `prefer: "prebuilt"` removes ours. Anything
 * else in localBuilds (a user's own `npx node-llama-cpp source build`) is left alone and reported.
 * Cheap (a few stat calls) and never throws: on a read-only install it reports what it finds.
 */
export function resolveLlamaBinary(gpu: GpuChoice, options: ResolveLlamaBinaryOptions = {}): LlamaBinary {
  const paths = options.paths ?? llamaPaths();
  const prefer = options.prefer ?? (process.env.CC_LLAMA_BINARY === "prebuilt" ? "prebuilt" : "auto");
  const commit = bundleCommit(paths.llamaDir);
  const candidates = gpu === "auto" ? GPU_FOLDERS : [gpu];
  const folders: string[] = [];
  const notes: string[] = [];
  for (const g of candidates) {
    const folder = buildFolderName(g);
    const link = path.join(paths.localBuilds, folder);
    const cached = path.join(paths.cacheRoot, commit.slice(0, 12), folder);
    try {
      syncLink(link, prefer === "auto" && isCompleteBuild(cached) ? cached : null, paths.cacheRoot);
    } catch (e) {
      notes.push(`could not link ${folder}: ${(e as Error).message}`);
    }
    if (isCompleteBuild(link)) folders.push(folder);
  }
  const where = folders.map((f) => (isOurs(path.join(paths.localBuilds, f), paths.cacheRoot) ? `${f} (${paths.cacheRoot})` : `${f} (node-llama-cpp's own localBuilds)`));
  const detail = folders.length
    ? `local build of llama.cpp ${commit.slice(0, 12)}: ${where.join(", ")}; prebuilt is the fallback`
    : `prebuilt binary (llama.cpp ${commit.slice(0, 12)})${prefer === "prebuilt" ? ", chosen by CC_LLAMA_BINARY=prebuilt" : "; `codeconductor models build` compiles a faster local one"}`;
  return { kind: folders.length ? "local" : "prebuilt", commit, folders, detail: notes.length ? `${detail} (${notes.join("; ")})` : detail };
}

/** Whether `link` is a symlink into our cache (ours to replace or remove). */
function isOurs(link: string, cacheRoot: string): boolean {
  try {
    return fs.lstatSync(link).isSymbolicLink() && path.resolve(path.dirname(link), fs.readlinkSync(link)).startsWith(path.resolve(cacheRoot) + path.sep);
  } catch {
    return false;
  }
}

/** Point `link` at `target` (null: remove it), touching only our own symlinks and empty places. */
function syncLink(link: string, target: string | null, cacheRoot: string): void {
  const exists = fs.existsSync(link) || isOurs(link, cacheRoot);
  if (exists && !isOurs(link, cacheRoot)) return;
  if (exists && target && path.resolve(path.dirname(link), fs.readlinkSync(link)) === target) return;
  if (exists) fs.unlinkSync(link);
  if (!target) return;
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(target, link, "dir");
}
