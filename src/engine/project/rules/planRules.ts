import fs from "node:fs";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import type { PlannedFile } from "../../../shared/contract/project.js";
import type { RuleDoc } from "./buildRules.js";
import { frontmatterHash, MANAGED_NOTE, markers, mergeManaged } from "./mergeManaged.js";

/** Lines of new content shown as a preview. */
const PREVIEW_LINES = 20;

function frontmatterOf(doc: RuleDoc): string | undefined {
  const fm = doc.frontmatter;
  return fm && `---\ndescription: ${fm.description}\nglobs: ${fm.globs}\nalwaysApply: ${fm.alwaysApply}\n---\n`;
}

function freshText(doc: RuleDoc): string {
  const fm = frontmatterOf(doc);
  const { begin, end } = markers(doc.id, fm && frontmatterHash(fm));
  return `${fm ?? ""}${begin}\n${MANAGED_NOTE}\n${doc.body.trim()}\n${end}\n`;
}

export function headOf(text: string, lines = PREVIEW_LINES): string {
  return text.split("\n").slice(0, lines).join("\n");
}

/**
 * Decide what happens to each rule file under `root` and, unless `dryRun`, write it: created, managed
 * section updated, left alone when unchanged; user-written files are a `conflict` unless `force`, which
 * overwrites them after saving `<file>.bak`. Every entry carries a unified diff and a preview.
 */
export function planRules(root: string, docs: readonly RuleDoc[], options: { force?: boolean; dryRun?: boolean } = {}): PlannedFile[] {
  return docs.map((doc) => {
    const abs = path.resolve(root, doc.path);
    let current: string | null = null;
    try {
      current = fs.readFileSync(abs, "utf8");
    } catch {
      current = null;
    }
    const managedBody = `${MANAGED_NOTE}\n${doc.body.trim()}`;
    const merged = mergeManaged(current, doc.id, managedBody, freshText(doc), frontmatterOf(doc));
    let action: PlannedFile["action"] = merged.kind;
    if (merged.kind === "conflict" && options.force) action = "overwrite";
    const next = merged.text;
    const changes = action !== "unchanged" && action !== "conflict";
    const diff = action === "unchanged" ? "" : createTwoFilesPatch(current === null ? "/dev/null" : `a/${doc.path}`, `b/${doc.path}`, current ?? "", next, "", "", { context: 3 });
    let written = false;
    if (changes && !options.dryRun) {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      if (action === "overwrite" && current !== null) fs.writeFileSync(`${abs}.bak`, current);
      fs.writeFileSync(abs, next);
      written = true;
    }
    return { path: abs, action, diff, head: headOf(next), written };
  });
}
