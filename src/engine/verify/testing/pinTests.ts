import fs from "node:fs";
import path from "node:path";
import { sha256 } from "../apply/sha256.js";
import { isTestFile, SKIP_DIRS } from "./testFilePatterns.js";

/** Project-relative test file → sha256 of its bytes. */
export type TestPin = Record<string, string>;

/**
 * Hash every test file and test configuration file of a project (dependency and build folders skipped, symlinks
 * not followed). Taken before a candidate is applied; compared after (comparePin). At most `maxFiles` files.
 */
export function pinTests(project: string, maxFiles = 5000): TestPin {
  const pin: TestPin = {};
  let count = 0;
  const walk = (dir: string, rel: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (count >= maxFiles) return;
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(path.join(dir, e.name), r);
      else if (e.isFile() && isTestFile(r)) {
        pin[r] = sha256(fs.readFileSync(path.join(dir, e.name)));
        count++;
      }
    }
  };
  walk(project, "");
  return pin;
}

/** Files of `before` that changed or disappeared in `after`, plus test configuration files that appeared. */
export function comparePin(before: TestPin, after: TestPin): string[] {
  const out: string[] = [];
  for (const [f, h] of Object.entries(before)) if (after[f] !== h) out.push(f);
  for (const f of Object.keys(after)) if (!(f in before) && /(^|\/)(conftest\.py|pytest\.ini|tox\.ini|(vitest|jest)\.(config|setup|workspace)\.[\w.]+|setupTests\.[\w.]+)$/.test(f)) out.push(f);
  return out.sort();
}
