import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { bundleCommit, isCompleteBuild, llamaPaths, nodeLlamaCppDir, type LlamaPaths } from "../../inference/embedded/binary/llamaPaths.js";
import { resolveLlamaBinary } from "../../inference/embedded/binary/resolveLlamaBinary.js";
import { checkBuildTools, type BuildTools } from "./checkBuildTools.js";

export type BuildGpu = "auto" | "cpu" | "cuda" | "vulkan";

export interface BuildLlamaOptions {
  gpu: BuildGpu;
  /** Where the compiler output goes (appended). */
  logFile: string;
  /** Rebuild even when a build of these sources is cached. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
  paths?: LlamaPaths;
  /** Injected by tests: the toolchain check. */
  tools?: () => BuildTools;
}

export interface BuildLlamaResult {
  folder: string;
  cacheDir: string;
  commit: string;
  /** False when a cached build of the same sources was reused. */
  built: boolean;
  seconds: number;
  logFile: string;
  /** Which binary embedded inference now loads. */
  binary: string;
}

/**
 * Compile node-llama-cpp's bundled llama.cpp on this machine, through its documented source-build CLI
 * (`node-llama-cpp source download|build`): cmake with GGML_NATIVE (this CPU's instruction set) and OpenMP
 * when the compiler has it, CUDA/Vulkan when asked and their toolkits are present. The result moves to
 * our cache, keyed by the llama.cpp commit, and resolveLlamaBinary links it where node-llama-cpp looks
 * first; its prebuilt binary stays the fallback. Missing tools fail at once, with the install command.
 */
export async function buildLlamaCpp(o: BuildLlamaOptions): Promise<BuildLlamaResult> {
  const paths = o.paths ?? llamaPaths();
  const tools = (o.tools ?? checkBuildTools)();
  if (!tools.ok) {
    throw new AppError(ErrorCode.Unavailable, `building llama.cpp needs ${tools.missing.join(", ")}, not found on PATH. Install: ${tools.hint}`, { details: { missing: tools.missing, hint: tools.hint } });
  }
  const commit = bundleCommit(paths.llamaDir);
  const started = performance.now();
  const gpuArg = o.gpu === "cpu" ? "false" : o.gpu;
  const cached = readCachedFolder(paths, commit, o.gpu);
  if (cached && !o.force) {
    o.onProgress?.(1, `already built: ${cached}`);
    return finish(paths, commit, cached, false, started, o);
  }
  // A build node-llama-cpp's own CLI already made here (`npx node-llama-cpp source build`): keep it.
  const own = o.force ? null : ownBuild(paths, o.gpu);
  if (own) {
    store(paths, commit, own, o.gpu);
    o.onProgress?.(1, `adopted node-llama-cpp's local build ${own}`);
    return finish(paths, commit, own, false, started, o);
  }
  fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
  const cloned = fs.existsSync(path.join(paths.llamaDir, "llama.cpp", "CMakeLists.txt"));
  const cli = path.join(nodeLlamaCppDir(), "dist", "cli", "cli.js");
  const args = [cli, "source", cloned ? "build" : "download", "--gpu", gpuArg, "--noUsageExample"];
  o.onProgress?.(0, cloned ? "configuring" : "unpacking llama.cpp sources from node-llama-cpp's bundle");
  await runLogged(process.execPath, args, o);
  const folder = lastBuildFolder(paths);
  if (!isCompleteBuild(path.join(paths.localBuilds, folder))) throw new AppError(ErrorCode.Internal, `node-llama-cpp reported success but localBuilds/${folder} holds no complete build; see ${o.logFile}`);
  store(paths, commit, folder, o.gpu);
  return finish(paths, commit, folder, true, started, o);
}

/** Move a finished build from node-llama-cpp's localBuilds into our cache (resolveLlamaBinary links it back). */
function store(paths: LlamaPaths, commit: string, folder: string, gpu: BuildGpu): void {
  const built = path.join(paths.localBuilds, folder);
  const cacheDir = path.join(paths.cacheRoot, commit.slice(0, 12), folder);
  fs.rmSync(cacheDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(cacheDir), { recursive: true });
  fs.cpSync(built, cacheDir, { recursive: true, verbatimSymlinks: true });
  fs.rmSync(built, { recursive: true, force: true });
  fs.writeFileSync(path.join(paths.cacheRoot, commit.slice(0, 12), `${gpu}.folder`), folder);
}

/** node-llama-cpp's last local build, when it is a complete real folder (not our link) built for `gpu`. */
function ownBuild(paths: LlamaPaths, gpu: BuildGpu): string | null {
  try {
    const folder = lastBuildFolder(paths);
    const dir = path.join(paths.localBuilds, folder);
    if (fs.lstatSync(dir).isSymbolicLink() || !isCompleteBuild(dir)) return null;
    const meta = JSON.parse(fs.readFileSync(path.join(dir, "Release", "_nlcBuildMetadata.json"), "utf8")) as { buildOptions?: { gpu?: string | false } };
    const builtFor = meta.buildOptions?.gpu === false ? "cpu" : meta.buildOptions?.gpu;
    return gpu === "auto" || builtFor === gpu ? folder : null;
  } catch {
    return null;
  }
}

function finish(paths: LlamaPaths, commit: string, folder: string, built: boolean, started: number, o: BuildLlamaOptions): BuildLlamaResult {
  const binary = resolveLlamaBinary(o.gpu === "cpu" ? false : o.gpu, { paths, prefer: "auto" });
  return { folder, cacheDir: path.join(paths.cacheRoot, commit.slice(0, 12), folder), commit, built, seconds: Math.round((performance.now() - started) / 100) / 10, logFile: o.logFile, binary: binary.detail };
}

/** The folder a previous build for this `gpu` choice produced, if it is still complete. */
function readCachedFolder(paths: LlamaPaths, commit: string, gpu: BuildGpu): string | null {
  const dir = path.join(paths.cacheRoot, commit.slice(0, 12));
  try {
    const folder = fs.readFileSync(path.join(dir, `${gpu}.folder`), "utf8").trim();
    return isCompleteBuild(path.join(dir, folder)) ? folder : null;
  } catch {
    return null;
  }
}

/** node-llama-cpp records the folder it just built in llama/lastBuild.json. */
function lastBuildFolder(paths: LlamaPaths): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(paths.llamaDir, "lastBuild.json"), "utf8")) as { folderName: string }).folderName;
  } catch (cause) {
    throw new AppError(ErrorCode.Internal, "node-llama-cpp did not record which build it made (llama/lastBuild.json)", { cause });
  }
}

/** Run the build, its output appended to the log; "[12/277]" lines of ninja/make drive the progress. */
function runLogged(cmd: string, args: string[], o: BuildLlamaOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = fs.createWriteStream(o.logFile, { flags: "a" });
    log.write(`\n$ ${cmd} ${args.join(" ")}\n`);
    // Own process group, so that cancelling stops cmake and the compilers too.
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], detached: process.platform !== "win32", env: { ...process.env, FORCE_COLOR: "0" } });
    const onAbort = (): void => void (child.pid && process.kill(process.platform === "win32" ? child.pid : -child.pid, "SIGTERM"));
    o.signal?.addEventListener("abort", onAbort, { once: true });
    let tail = "";
    const onData = (b: Buffer): void => {
      log.write(b);
      tail = (tail + b.toString("utf8")).slice(-4000);
      const steps = [...tail.matchAll(/\[(\d+)\/(\d+)\]/g)].at(-1);
      if (steps) o.onProgress?.(Number(steps[1]) / Number(steps[2]), `compiling ${steps[1]}/${steps[2]}`);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", (e) => reject(new AppError(ErrorCode.Internal, `could not start the build: ${e.message}`, { cause: e })));
    child.on("close", (code) => {
      o.signal?.removeEventListener("abort", onAbort);
      log.end();
      if (o.signal?.aborted) reject(new AppError(ErrorCode.Cancelled, "llama.cpp build cancelled"));
      else if (code === 0) resolve();
      else reject(new AppError(ErrorCode.Internal, `llama.cpp build failed (exit ${code}); log: ${o.logFile}`, { details: { tail: tail.slice(-1500) } }));
    });
  });
}
