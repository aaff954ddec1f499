import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";

let compiled: Promise<string> | undefined;

/**
 * The script the inference worker runs: `CC_INFERENCE_WORKER`, else the built `inferenceWorker.js` next
 * to this file, else (running from TypeScript sources: dev, tests, CLI via tsx) the `.ts` source compiled
 * once with esbuild into the temp folder. Not `node --import tsx`: its loader hooks would sit on every one
 * of node-llama-cpp's imports and triple the worker's start time.
 */
export async function resolveWorkerEntry(): Promise<string> {
  if (process.env.CC_INFERENCE_WORKER) return process.env.CC_INFERENCE_WORKER;
  const here = path.dirname(fileURLToPath(import.meta.url));
  const js = path.join(here, "inferenceWorker.js");
  if (fs.existsSync(js)) return js;
  return (compiled ??= compile(path.join(here, "inferenceWorker.ts")));
}

async function compile(source: string): Promise<string> {
  const { build } = await import("esbuild");
  // Local helpers are bundled in; node-llama-cpp stays external, pinned to our copy.
  const out = await build({ entryPoints: [source], bundle: true, external: ["node-llama-cpp"], format: "esm", platform: "node", target: "node20", write: false, logLevel: "silent" });
  const llamaUrl = pathToFileURL(createRequire(import.meta.url).resolve("node-llama-cpp")).href;
  const code = out.outputFiles[0]!.text.replace(/from\s+["']node-llama-cpp["']/g, `from ${JSON.stringify(llamaUrl)}`);
  if (/from\s+["']\.\.?\//.test(code)) throw new AppError(ErrorCode.Internal, "inferenceWorker.ts: a local import was left unbundled");
  const file = path.join(os.tmpdir(), `codeconductor-inference-worker-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.mjs`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.promises.writeFile(tmp, code);
    await fs.promises.rename(tmp, file);
  }
  return file;
}
