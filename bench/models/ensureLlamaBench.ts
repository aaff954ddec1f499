import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Spawn a command, streaming its output into `log`; resolves on exit 0. */
function step(cmd: string, args: string[], cwd: string, log: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}; see ${log.path}`))));
  });
}

const has = async (cmd: string): Promise<boolean> => run("sh", ["-c", `command -v ${cmd}`]).then(() => true, () => false);

/**
 * The llama-bench and llama-server binaries built from exactly the llama.cpp sources node-llama-cpp ships
 * (`node_modules/node-llama-cpp/llama/gitRelease.bundle`): `LLAMA_BENCH` (and `LLAMA_SERVER`) if set, else a cached build under
 * `~/.cache/codeconductor/llama-bench/<commit12>` (CPU, Release, -march=native; outside the checkout, so CI
 * and fresh clones on this machine reuse it), built once with cmake at low priority (~6 min on 2 idle cores).
 */
export async function ensureLlamaBench(repo: string, log: (msg: string) => void): Promise<{ bin: string; server: string | null; version: string; built: boolean; buildSeconds?: number }> {
  const bundle = path.join(repo, "node_modules", "node-llama-cpp", "llama", "gitRelease.bundle");
  const head = (await run("git", ["bundle", "list-heads", bundle])).stdout.trim().split(/\s+/)[0] ?? "unknown";
  const version = `llama.cpp ${head.slice(0, 12)} (node-llama-cpp's bundle)`;
  if (process.env.LLAMA_BENCH) return { bin: process.env.LLAMA_BENCH, server: process.env.LLAMA_SERVER ?? null, version: `${version}; binary from LLAMA_BENCH`, built: false };
  const cache = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "codeconductor", "llama-bench", head.slice(0, 12));
  const bin = path.join(cache, "build", "bin", "llama-bench");
  const server = path.join(cache, "build", "bin", "llama-server");
  const stamp = path.join(cache, "stamp.txt");
  if (fs.existsSync(bin) && fs.existsSync(server) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === head) return { bin, server, version, built: false };
  for (const tool of ["git", "cmake", "c++"]) if (!(await has(tool))) throw new Error(`building llama-bench needs ${tool} (apt: git cmake g++ make); or set LLAMA_BENCH`);
  fs.mkdirSync(cache, { recursive: true });
  const out = fs.createWriteStream(path.join(cache, "build.log"));
  const started = performance.now();
  const src = path.join(cache, "src");
  if (!fs.existsSync(path.join(src, "CMakeLists.txt"))) {
    fs.rmSync(src, { recursive: true, force: true });
    log("cloning llama.cpp from node-llama-cpp's git bundle…");
    await step("git", ["clone", "--quiet", bundle, src], cache, out);
  }
  const nice = (await has("nice")) ? ["nice", "-n", "10"] : [];
  const gen = (await has("ninja")) ? ["-G", "Ninja"] : [];
  log(`building llama-bench and llama-server with cmake (${os.availableParallelism()} jobs, low priority; ~8 min on 2 cores)…`);
  const cmake = (args: string[]): Promise<void> => (nice.length ? step(nice[0]!, [...nice.slice(1), "cmake", ...args], cache, out) : step("cmake", args, cache, out));
  await cmake(["-S", src, "-B", path.join(cache, "build"), ...gen, "-DCMAKE_BUILD_TYPE=Release", "-DLLAMA_CURL=OFF", "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_SERVER=ON", "-DGGML_NATIVE=ON"]);
  // llama-server is the reference for a real generation loop (sampling, streaming); llama-bench only decodes.
  await cmake(["--build", path.join(cache, "build"), "--target", "llama-bench", "llama-server", "-j", String(os.availableParallelism())]);
  out.end();
  fs.writeFileSync(stamp, head);
  return { bin, server, version, built: true, buildSeconds: Math.round((performance.now() - started) / 1000) };
}
