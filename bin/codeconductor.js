#!/usr/bin/env node
// Runs the built CLI (out/cli, made by `npm run build`): plain JavaScript, so start-up compiles nothing.
// From a checkout that was not built yet, it says so and falls back to the TypeScript sources through tsx
// (slower start; `npm run cli` always runs the sources, for development).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const built = path.join(root, "out", "cli", "run.js");
if (fs.existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  process.stderr.write("codeconductor: the CLI is not built (out/cli/run.js is missing); running the sources through tsx. Run `npm run build` for a fast start.\n");
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(path.join(root, "src", "cli", "run.ts")).href);
}
