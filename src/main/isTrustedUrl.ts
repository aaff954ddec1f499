import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Whether a page URL is the app's own renderer: under `devUrl`'s origin in development, else a `file:` URL whose
 * resolved path lies inside `rendererDir` — compared as paths, so `out/renderer-x/…` or `…/renderer/../x` never pass.
 */
export function isTrustedUrl(url: string, rendererDir: string, devUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (devUrl) {
    try {
      return u.origin === new URL(devUrl).origin;
    } catch {
      return false;
    }
  }
  if (u.protocol !== "file:" || (u.host !== "" && u.host !== "localhost")) return false;
  let file: string;
  try {
    file = path.resolve(fileURLToPath(u));
  } catch {
    return false;
  }
  const rel = path.relative(path.resolve(rendererDir), file);
  return rel !== "" && !rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel);
}
