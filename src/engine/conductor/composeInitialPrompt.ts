import fs from "node:fs";
import path from "node:path";
import type { ExploredFile } from "../../shared/contract/conductor.js";

/** Characters of each relevant file included in the prompt (the top files only). */
const FILE_CHARS = 4000;
const FILES_WITH_CONTENT = 3;

const FENCE_LANG: Record<string, string> = { ".py": "python", ".ts": "ts", ".tsx": "tsx", ".js": "js", ".go": "go", ".rs": "rust", ".java": "java" };

/**
 * The prompt for Cursor: the ensemble's prompt when the models produced one (it carries the plan, rules and repo
 * map within its budget), else the task itself; then the files the task touches, and how to answer so the loop
 * can read it back from the clipboard.
 */
export function composeInitialPrompt(o: { task: string; ensemblePrompt?: string; explored: ExploredFile[]; root: string; testCommand?: string; similar?: string }): string {
  const parts = [o.ensemblePrompt?.trim() || `# Task\n${o.task.trim()}`];
  if (o.similar) parts.push(o.similar.trim());
  if (o.explored.length) {
    const lines = ["## Relevant files", ...o.explored.map((f) => `- \`${f.path}\` (${f.reasons.join("; ")})`)];
    for (const f of o.explored.slice(0, FILES_WITH_CONTENT)) {
      const text = readSmall(path.join(o.root, f.path));
      if (text === null) continue;
      const lang = FENCE_LANG[path.extname(f.path)] ?? "";
      lines.push("", `\`${f.path}\`:`, "```" + lang, text.length > FILE_CHARS ? `${text.slice(0, FILE_CHARS)}\n… (truncated)` : text.replace(/\n$/, ""), "```");
    }
    parts.push(lines.join("\n"));
  }
  if (o.testCommand) parts.push(`## Tests\nThe project's tests (\`${o.testCommand}\`) decide whether the change is done. Do not change the tests.`);
  parts.push(answerFormat(o.explored[0]?.path));
  return parts.join("\n\n");
}

/** How to answer so the loop can read the edit back from the clipboard (Cursor's own `lang:path` fences work). */
export function answerFormat(examplePath = "src/example.py"): string {
  const lang = FENCE_LANG[path.extname(examplePath)] ?? "";
  return [
    "## Answer format",
    "Answer with the complete new content of every file you change, one fenced block per file, with the path after the language:",
    "```" + `${lang}:${examplePath}`,
    "…whole file…",
    "```",
    "SEARCH/REPLACE blocks and unified diffs are accepted too. Then copy your whole answer.",
  ].join("\n");
}

function readSmall(file: string): string | null {
  try {
    const buf = fs.readFileSync(file);
    return buf.includes(0) ? null : buf.toString("utf8");
  } catch {
    return null;
  }
}
