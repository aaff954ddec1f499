import fs from "node:fs";

/** Entries sorted by name (stable tree order), or null when the folder cannot be read. */
export function readDirSorted(dir: string): fs.Dirent[] | null {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return null;
  }
}
