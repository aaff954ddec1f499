import type { ProposedFile, SearchReplaceEdit } from "../../../shared/contract/verify.js";
import { languageForExtension } from "./languageForExtension.js";

export interface V4AParse {
  files: ProposedFile[];
  problems: string[];
}

const OP = /^\*\*\* (Add|Delete|Update) File: (.+?)\s*$/;

/**
 * A V4A patch (`*** Begin Patch` … `*** End Patch`, as Codex and Aider write them): `*** Add File:` with `+` lines,
 * `*** Delete File:`, `*** Update File:` (optionally `*** Move to:`) with `@@ context` hunks of ` `/`-`/`+` lines and
 * `*** End of File`. Each update hunk becomes one search/replace step: context and removed lines → context and added
 * lines. `lines` are the patch's lines between the Begin and End markers.
 */
export function parseV4APatch(lines: string[], block: number): V4AParse {
  const out: V4AParse = { files: [], problems: [] };
  let k = 0;
  while (k < lines.length) {
    const m = OP.exec(lines[k]!);
    if (!m) {
      if (lines[k]!.trim()) out.problems.push(`block ${block}: unexpected line in the V4A patch: ${lines[k]!.slice(0, 80)}`);
      k++;
      continue;
    }
    const [, op, path] = m as unknown as [string, "Add" | "Delete" | "Update", string];
    let end = k + 1;
    while (end < lines.length && !OP.test(lines[end]!)) end++;
    const body = lines.slice(k + 1, end);
    const base = { path, source: "patch-header" as const, format: "v4a" as const, block, ...(languageForExtension(path) ? { language: languageForExtension(path) } : {}) };
    if (op === "Delete") out.files.push({ ...base, kind: "delete" });
    else if (op === "Add") {
      const bad = body.find((l) => l && !l.startsWith("+"));
      if (bad !== undefined) out.problems.push(`block ${block}: *** Add File: ${path} has a line without "+": ${bad.slice(0, 80)}`);
      else out.files.push({ ...base, kind: "write", content: addedContent(body) });
    } else {
      const u = updateHunks(body);
      if (u.problem) out.problems.push(`block ${block}: *** Update File: ${path}: ${u.problem}`);
      else out.files.push({ ...base, kind: "edit", edits: u.edits, ...(u.moveTo ? { moveTo: u.moveTo } : {}) });
    }
    k = end;
  }
  return out;
}

function addedContent(body: string[]): string {
  const lines = body.slice();
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines.length ? `${lines.map((l) => l.slice(1)).join("\n")}\n` : "";
}

function updateHunks(body: string[]): { edits: SearchReplaceEdit[]; moveTo?: string; problem?: string } {
  const edits: SearchReplaceEdit[] = [];
  let moveTo: string | undefined;
  let cur: { search: string[]; replace: string[]; anchor?: string; eof?: boolean; touched: boolean } | null = null;
  const flush = (): void => {
    if (cur && cur.touched) edits.push({ search: join(cur.search), replace: join(cur.replace), ...(cur.anchor ? { anchor: cur.anchor } : {}), ...(cur.eof ? { eof: true } : {}) });
    cur = null;
  };
  for (const [i, l] of body.entries()) {
    const move = /^\*\*\* Move to: (.+?)\s*$/.exec(l);
    if (move && i === 0) moveTo = move[1];
    else if (l.startsWith("@@")) {
      flush();
      const anchor = l.slice(2).trim();
      cur = { search: [], replace: [], ...(anchor ? { anchor } : {}), touched: false };
    } else if (l === "*** End of File") {
      if (cur) cur.eof = true;
    } else {
      cur ??= { search: [], replace: [], touched: false };
      const tag = l[0] ?? " ";
      const text = l.slice(1);
      if (tag !== " " && tag !== "-" && tag !== "+") return { edits, problem: `a hunk line must start with " ", "-" or "+": ${l.slice(0, 80)}` };
      if (tag !== "+") cur.search.push(text);
      if (tag !== "-") cur.replace.push(text);
      if (tag !== " ") cur.touched = true;
    }
  }
  flush();
  if (!edits.length && !moveTo) return { edits, problem: "no hunk changes anything" };
  return { edits, ...(moveTo ? { moveTo } : {}) };
}

const join = (lines: string[]): string => (lines.length ? `${lines.join("\n")}\n` : "");
