import fs from "node:fs";
import path from "node:path";

/** Second and later parts of split models ("-00002-of-00004.gguf") load through the first part. */
const SPLIT_PART = /-(\d+)-of-\d+\.gguf$/i;
const isLaterPart = (name: string): boolean => Number(SPLIT_PART.exec(name)?.[1] ?? 1) > 1;

/**
 * `.gguf` files under `root` (depth-limited, symlinks followed, unreadable folders skipped).
 * Skips vision projectors (`mmproj*`) and later parts of split models. Defaults to depth `5`.
 */
export async function findGgufFiles(root: string, maxDepth = 5): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    await Promise.all(
      entries.map(async (e) => {
        const full = path.join(dir, e.name);
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          const st = await fs.promises.stat(full).catch(() => null);
          isDir = !!st?.isDirectory();
          isFile = !!st?.isFile();
        }
        if (isDir && depth < maxDepth && !e.name.startsWith(".")) return walk(full, depth + 1);
        if (isFile && /\.gguf$/i.test(e.name) && !/^mmproj/i.test(e.name) && !isLaterPart(e.name)) out.push(full);
      }),
    );
  };
  await walk(root, 0);
  return out.sort();
}
