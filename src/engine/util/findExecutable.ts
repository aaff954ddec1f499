import fs from "node:fs";
import path from "node:path";

/** Resolve a command name on `PATH` (or check an absolute path); null when not found or not executable. */
export function findExecutable(name: string, pathVar: string = process.env.PATH ?? ""): string | null {
  const candidates = name.includes("/") ? [name] : pathVar.split(path.delimiter).filter(Boolean).map((d) => path.join(d, name));
  for (const c of candidates) {
    try {
      fs.accessSync(c, fs.constants.X_OK);
      if (fs.statSync(c).isFile()) return c;
    } catch {
      // next
    }
  }
  return null;
}
