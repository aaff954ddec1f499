import { detectGo, detectRust } from "./detectGoRust.js";
import { detectJava } from "./detectJava.js";
import { detectNode } from "./detectNode.js";
import { detectPython } from "./detectPython.js";
import { ciEvidence, detectTooling } from "./detectTooling.js";
import { addNamed, emptyStack, type DetectInput, type StackInfo } from "./StackInfo.js";

/**
 * Frameworks, package managers, test frameworks and exact test commands (with how each was found), entry
 * points and tooling, from manifests and parsed facts. Root-level commands come first.
 */
export function detectStack(input: DetectInput): StackInfo {
  const out = emptyStack();
  for (const part of [detectNode(input), detectPython(input), detectGo(input), detectRust(input), detectJava(input), detectTooling(input)]) {
    for (const f of part.frameworks) addNamed(out.frameworks, f);
    for (const p of part.packageManagers) addNamed(out.packageManagers, p);
    for (const t of part.testFrameworks) addNamed(out.testFrameworks, t);
    for (const c of part.testCommands) if (!out.testCommands.some((x) => x.command === c.command && x.cwd === c.cwd)) out.testCommands.push(c);
    for (const e of part.entryPoints) if (!out.entryPoints.some((x) => x.path === e.path)) out.entryPoints.push(e);
    out.tooling.push(...part.tooling);
  }
  // Stable order: root first, then shallower folders; within a folder, detection order.
  out.testCommands = out.testCommands
    .map((c, i) => ({ c, i }))
    .sort((a, b) => depth(a.c.cwd) - depth(b.c.cwd) || a.i - b.i)
    .map((x) => x.c);
  ciEvidence(input, out.testCommands);
  out.entryPoints = out.entryPoints.slice(0, 50);
  return out;
}

function depth(dir: string): number {
  return dir === "." ? 0 : dir.split("/").length;
}
