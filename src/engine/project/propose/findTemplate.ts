import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const NAME = "next_feature.md";

/** The shipped template: walking up from this module finds resources/ under src/ (tsx) and out/ (bundled). */
export function shippedTemplate(): string {
  if (process.env.CODECONDUCTOR_RESOURCES) return path.join(process.env.CODECONDUCTOR_RESOURCES, "templates", NAME);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, "resources", "templates", NAME);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  return path.join(packaged ?? path.resolve("."), "resources", "templates", NAME);
}

/**
 * The template to use: `explicit` (the command's `--template`), else the configured one, else the user's
 * editable copy in `<dataDir>/templates/next_feature.md` — copied from the shipped one on first use, never
 * overwritten afterwards.
 */
export function findTemplate(dataDir: string, explicit?: string | null, configured?: string | null): string {
  if (explicit) return path.resolve(explicit);
  if (configured) return path.resolve(configured);
  const user = path.join(dataDir, "templates", NAME);
  if (!fs.existsSync(user)) {
    try {
      fs.mkdirSync(path.dirname(user), { recursive: true });
      fs.copyFileSync(shippedTemplate(), user);
    } catch {
      return shippedTemplate();
    }
  }
  return user;
}
