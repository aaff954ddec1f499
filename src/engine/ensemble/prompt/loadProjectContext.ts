import fs from "node:fs/promises";
import path from "node:path";
import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import { loadRepoMap } from "../../project/index.js";

export interface ProjectContext {
  repoMap: string;
  testCommand: string;
  rules: string;
  /** The project's languages, largest first (from the repo map), for examples in its own language. */
  languages: string[];
  notes: string[];
}

const RULE_CHARS = 6000;

async function readIfExists(file: string): Promise<string | null> {
  return fs.readFile(file, "utf8").catch(() => null);
}

/** Cursor rules (.cursor/rules/*.mdc without frontmatter, legacy .cursorrules) and AGENTS.md, labelled by file. */
async function readRules(dir: string): Promise<string> {
  const parts: string[] = [];
  const rulesDir = path.join(dir, ".cursor", "rules");
  const mdc = (await fs.readdir(rulesDir).catch(() => [] as string[])).filter((f) => f.endsWith(".mdc")).sort();
  for (const f of mdc) {
    const text = await readIfExists(path.join(rulesDir, f));
    if (text) parts.push(`From .cursor/rules/${f}:\n${text.replace(/^---\n[\s\S]*?\n---\n?/, "").trim()}`);
  }
  for (const f of ["AGENTS.md", ".cursorrules"]) {
    const text = await readIfExists(path.join(dir, f));
    if (text?.trim()) parts.push(`From ${f}:\n${text.trim()}`);
  }
  const all = parts.join("\n\n");
  return all.length > RULE_CHARS ? `${all.slice(0, RULE_CHARS)}\n…` : all;
}

/**
 * Context for the prompt from a project folder: the repo map's text (from `codeconductor analyze`), its first
 * test command and the project's agent rules. A missing repo map is a note, not an error.
 */
export async function loadProjectContext(projectDir: string): Promise<ProjectContext> {
  const dir = path.resolve(projectDir);
  const st = await fs.stat(dir).catch(() => null);
  if (!st?.isDirectory()) throw new AppError(ErrorCode.NotFound, `Project folder ${dir} does not exist`);
  const notes: string[] = [];
  let repoMap = "";
  let testCommand = "";
  let languages: string[] = [];
  try {
    const map = await loadRepoMap(dir);
    repoMap = map.mapText;
    languages = [...map.languages].sort((a, b) => b.lines - a.lines).map((l) => l.language);
    testCommand = map.testCommands[0]?.command ?? "";
  } catch (e) {
    if (!(e instanceof AppError) || (e.code !== ErrorCode.NotFound && e.code !== ErrorCode.Corrupt)) throw e;
    notes.push(`no repo map used: ${e.message}`);
  }
  return { repoMap, testCommand, rules: await readRules(dir), languages, notes };
}
