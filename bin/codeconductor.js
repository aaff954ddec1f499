#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx's loader, so there is no separate build step to forget.
import { register } from "tsx/esm/api";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(path.join(here, "..", "src", "cli", "main.ts")).href);
await main(process.argv);
