import fs from "node:fs";
import path from "node:path";
import type { ExploredFile } from "../../../shared/contract/conductor.js";
import type { RepoMap } from "../../../shared/contract/project.js";

const STOP = new Set("a an and are as at be by for from has have in into is it its of on or so that the this to was we with make fix use when then than should must can new all any each not only also does do".split(" "));

/** Lower-case words of a text, with camelCase and snake_case split ("addNumbers" → add, numbers, addnumbers). */
export function words(text: string): Set<string> {
  const out = new Set<string>();
  for (const raw of text.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    const whole = raw.toLowerCase().replace(/_/g, "");
    if (whole.length > 2 && !STOP.has(whole)) out.add(whole);
    for (const part of raw.split(/_|(?<=[a-z0-9])(?=[A-Z])/)) {
      const w = part.toLowerCase();
      if (w.length > 2 && !STOP.has(w)) out.add(w);
    }
  }
  return out;
}

/** Bytes of a file read for the text match; bigger files are ranked on symbols and path only. */
const TEXT_SCAN_BYTES = 64 * 1024;

/**
 * The files a task most likely touches, from the repo map: a symbol named like a task word counts most, then a
 * path segment, then occurrences in the text; tests of a matched module rank too (they say what "done" means).
 * Deterministic; the reasons say why each file ranks.
 */
export function exploreFiles(task: string, map: RepoMap, options: { root: string; limit?: number }): ExploredFile[] {
  const taskWords = words(task);
  if (!taskWords.size) return [];
  const scored: ExploredFile[] = [];
  for (const f of map.files) {
    let score = 0;
    const reasons: string[] = [];
    for (const s of f.symbols) {
      const sw = words(s.name);
      const hit = [...sw].filter((w) => taskWords.has(w));
      if (hit.length) {
        score += 3 * hit.length + (s.exported ? 1 : 0);
        reasons.push(`symbol ${s.name}`);
      }
    }
    const pathHits = [...words(f.path.replace(/\.[a-z0-9]+$/i, ""))].filter((w) => taskWords.has(w));
    if (pathHits.length) {
      score += 2 * pathHits.length;
      reasons.push(`path ${pathHits.join(", ")}`);
    }
    if (f.bytes <= TEXT_SCAN_BYTES) {
      const text = readText(path.join(options.root, f.path));
      if (text) {
        const tw = words(text);
        const hits = [...taskWords].filter((w) => tw.has(w));
        if (hits.length) {
          score += hits.length * 0.5;
          reasons.push(`mentions ${hits.slice(0, 5).join(", ")}`);
        }
      }
    }
    if (score > 0) scored.push({ path: f.path, score: Math.round(score * 10) / 10, reasons: reasons.slice(0, 6) });
  }
  scored.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  return scored.slice(0, options.limit ?? 8);
}

function readText(file: string): string | null {
  try {
    const buf = fs.readFileSync(file);
    return buf.includes(0) ? null : buf.toString("utf8");
  } catch {
    return null;
  }
}
