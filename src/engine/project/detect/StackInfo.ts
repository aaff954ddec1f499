import fs from "node:fs";
import path from "node:path";
import type { RepoMap } from "../../../shared/contract/project.js";
import type { FileFacts } from "../extract/FileFacts.js";

export type StackInfo = Pick<RepoMap, "frameworks" | "packageManagers" | "testFrameworks" | "testCommands" | "entryPoints" | "tooling">;

/** What every detector sees: every non-ignored path (lockfiles included) and parsed facts by path. */
export interface DetectInput {
  root: string;
  paths: readonly string[];
  pathSet: ReadonlySet<string>;
  facts: ReadonlyMap<string, FileFacts>;
}

export function emptyStack(): StackInfo {
  return { frameworks: [], packageManagers: [], testFrameworks: [], testCommands: [], entryPoints: [], tooling: [] };
}

/** Read a small repository file as text; null when missing or unreadable. */
export function readRepoFile(input: DetectInput, rel: string): string | null {
  try {
    return fs.readFileSync(path.join(input.root, rel), "utf8");
  } catch {
    return null;
  }
}

const byBase = new WeakMap<readonly string[], Map<string, string[]>>();

/** Paths grouped by file name, built once per path list. */
function pathsNamed(input: DetectInput, name: string): string[] {
  let index = byBase.get(input.paths);
  if (!index) {
    index = new Map();
    for (const p of input.paths) {
      const base = p.slice(p.lastIndexOf("/") + 1);
      const list = index.get(base);
      if (list) list.push(p);
      else index.set(base, [p]);
    }
    byBase.set(input.paths, index);
  }
  return index.get(name) ?? [];
}

/** Manifests named `name` at most `maxDepth` folders deep, shallowest first (monorepos have several). */
export function findManifests(input: DetectInput, name: string, maxDepth = 3): string[] {
  return pathsNamed(input, name)
    .filter((p) => p.split("/").length - 1 <= maxDepth)
    .sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b))
    .slice(0, 20);
}

/** Folder of a manifest, "." for the root. */
export function dirOf(rel: string): string {
  const i = rel.lastIndexOf("/");
  return i < 0 ? "." : rel.slice(0, i);
}

/** `rel` joined to a manifest folder. */
export function inDir(dir: string, rel: string): string {
  return dir === "." ? rel : `${dir}/${rel}`;
}

/** Add a named item, merging evidence with an existing one of the same name. */
export function addNamed<T extends { name: string; evidence: string[] }>(list: T[], item: T): void {
  const prev = list.find((x) => x.name === item.name);
  if (prev) {
    for (const e of item.evidence) if (!prev.evidence.includes(e)) prev.evidence.push(e);
  } else list.push(item);
}
