import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/**
 * The shipped `resources/` folder: found by walking up from this module (works from src/ under tsx and
 * from the bundled out/main), else Electron's `process.resourcesPath`. Env CODECONDUCTOR_RESOURCES overrides.
 */
export function resourcesDir(): string {
  if (process.env.CODECONDUCTOR_RESOURCES) return process.env.CODECONDUCTOR_RESOURCES;
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, "resources");
    if (fs.existsSync(path.join(candidate, "personas.yaml"))) return (cached = candidate);
    dir = path.dirname(dir);
  }
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  return (cached = packaged ? path.join(packaged, "resources") : path.resolve("resources"));
}
