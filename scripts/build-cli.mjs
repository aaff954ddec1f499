#!/usr/bin/env node
// `npm run build:cli` (part of `npm run build`): bundle the CLI and the web server into out/cli/ as plain
// JavaScript, so `codeconductor` starts without compiling TypeScript (tsx) at every launch.
// Local modules and pure-JavaScript npm packages are bundled: resolving and loading hundreds of small files
// from node_modules was a third of `serve`'s start-up (issue 13). Packages in EXTERNAL stay in node_modules:
// native addons, packages that find their own files at run time (wasm, worker scripts, vendored helper
// binaries, plugin loading), build tools, and big ones that only some commands load. Dynamic imports stay
// separate chunks, so heavy parts (the server, the engine's analysis, node-llama-cpp) load only when a
// command needs them. All files sit flat in out/cli/: code that finds a sibling by `import.meta.url`
// (ExtractorPool → extractWorker.js, resolveWorkerEntry → inferenceWorker.js) finds it there.
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "out", "cli");
const EXTERNAL = [
  // native addons
  "better-sqlite3", "node-llama-cpp", "uiohook-napi", "clipboard-event", "electron",
  // find files beside themselves at run time: wasm grammars, worker/transport scripts, vendored binaries
  "web-tree-sitter", "@vscode/tree-sitter-wasm", "pino", "node-notifier", "@secretlint/*",
  // loaded by a few commands only, or tools
  "openai", "prom-client", "handlebars", "rotating-file-stream", "esbuild", "tsx",
];
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
  external: EXTERNAL,
  chunkNames: "chunk-[hash]",
  sourcemap: "linked",
  logLevel: "warning",
  // Bundled CommonJS packages call require() for Node's built-ins, which ESM lacks: give each chunk one.
  banner: {
    js: [
      "// Built by scripts/build-cli.mjs from src/; edit the sources, then `npm run build:cli`.",
      'import { createRequire as __ccCreateRequire } from "node:module";',
      "const require = __ccCreateRequire(import.meta.url);",
    ].join("\n"),
  },
});
fs.writeFileSync(path.join(outdir, "package.json"), `${JSON.stringify({ type: "module", private: true }, null, 2)}\n`);
process.stdout.write(`out/cli built in ${Math.round(Date.now() - started)} ms\n`);
