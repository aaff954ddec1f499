#!/usr/bin/env node
// `npm run build:cli` (part of `npm run build`): bundle the CLI and the web server into out/cli/ as plain
// JavaScript, so `codeconductor` starts without compiling TypeScript (tsx) at every launch.
// npm packages stay external (native addons among them); local modules are bundled. Dynamic imports stay
// separate chunks, so heavy parts (the server, the engine's analysis, node-llama-cpp) load only when a
// command needs them. All files sit flat in out/cli/: code that finds a sibling by `import.meta.url`
// (ExtractorPool → extractWorker.js, resolveWorkerEntry → inferenceWorker.js) finds it there.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "out", "cli");
const started = Date.now();
fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: {
    run: "src/cli/run.ts",
    extractWorker: "src/engine/project/scan/extractWorker.ts",
    inferenceWorker: "src/engine/inference/embedded/inferenceWorker.ts",
  },
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  chunkNames: "chunk-[hash]",
  sourcemap: "linked",
  logLevel: "warning",
  // Bundled ESM has no require; a few modules use createRequire(import.meta.url), which stays valid.
  banner: { js: "// Built by scripts/build-cli.mjs from src/; edit the sources, then `npm run build:cli`." },
});
fs.writeFileSync(path.join(outdir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
process.stdout.write(`out/cli built in ${Math.round(Date.now() - started)} ms\n`);
