import type { ProposedFile, UnmappedBlock } from "../../../shared/contract/verify.js";
import { hasLazyMarkers } from "./lazyMarkers.js";
import { languageForExtension } from "./languageForExtension.js";
import { parseV4APatch } from "./parseV4APatch.js";
import { searchReplaceFiles } from "./searchReplaceFiles.js";

export interface Regions {
  files: ProposedFile[];
  unmapped: UnmappedBlock[];
  /** Next free block index. */
  next: number;
}

const TAG = /^\s*<(replace_in_file|apply_diff|write_to_file)>\s*$/;
const FENCE = /^\s*(?:`{3,}|~{3,})/;

/**
 * Cut the regions that carry their own structure out of `lines` (blanking them in place, so fence scanning does not
 * trip over fences inside them): Cline/Roo tool tags (`<replace_in_file>`, `<apply_diff>`, `<write_to_file>` with
 * `<path>` and `<diff>`/`<content>`), and V4A patches (`*** Begin Patch` … `*** End Patch`). A fence wrapping such a
 * region directly is cut with it. Blocks are numbered from `first`.
 */
export function extractRegions(lines: string[], first: number): Regions {
  const out: Regions = { files: [], unmapped: [], next: first };
  for (let k = 0; k < lines.length; k++) {
    const tag = TAG.exec(lines[k]!);
    const v4a = /^\s*\*\*\* Begin Patch\s*$/.test(lines[k]!);
    if (!tag && !v4a) continue;
    const close = tag ? new RegExp(`^\\s*</${tag[1]}>\\s*$`) : /^\s*\*\*\* End Patch\s*$/;
    let end = k + 1;
    while (end < lines.length && !close.test(lines[end]!)) end++;
    const block = out.next++;
    const body = lines.slice(k + 1, end);
    if (end >= lines.length) {
      out.unmapped.push({ block, kind: "truncated", reason: `${tag ? `<${tag[1]}>` : "*** Begin Patch"} is not closed (the answer looks truncated)`, preview: preview(body) });
    } else if (tag) {
      readTag(body, block, out);
    } else {
      const p = parseV4APatch(body, block);
      out.files.push(...p.files);
      for (const reason of p.problems) out.unmapped.push({ block, kind: "invalid", reason, preview: preview(body) });
    }
    blank(lines, k, Math.min(end, lines.length - 1));
    k = end;
  }
  return out;
}

/** Blank `[from, to]`, and the fence lines around it (blank lines between allowed) when the region was fenced. */
function blank(lines: string[], from: number, to: number): void {
  let a = from - 1;
  while (a >= 0 && !lines[a]!.trim()) a--;
  let b = to + 1;
  while (b < lines.length && !lines[b]!.trim()) b++;
  if (a >= 0 && FENCE.test(lines[a]!) && b < lines.length && FENCE.test(lines[b]!)) [from, to] = [a, b];
  for (let i = from; i <= to; i++) lines[i] = "";
}

function readTag(body: string[], block: number, out: Regions): void {
  const text = body.join("\n");
  const path = /<path>\s*([^<\n]+?)\s*<\/path>/.exec(text)?.[1];
  const part = /<(diff|content)>\n?([\s\S]*?)\n?<\/\1>/.exec(text);
  if (!path || !part) {
    out.unmapped.push({ block, kind: "invalid", reason: `block ${block}: a tool tag without <path> and <diff>/<content>`, preview: preview(body) });
    return;
  }
  if (part[1] === "content") {
    const content = part[2]!.length ? `${part[2]!.replace(/\n$/, "")}\n` : "";
    const lang = languageForExtension(path);
    out.files.push({ path, kind: hasLazyMarkers(content) ? "merge" : "write", content, source: "tag", format: "cline", block, ...(lang ? { language: lang } : {}) });
    return;
  }
  const diffLines = part[2]!.split("\n");
  const r = searchReplaceFiles(diffLines, 0, diffLines.length, { block, regionPath: { path, source: "tag" }, lastPath: null, cline: true });
  out.files.push(...r.files);
  for (const reason of r.problems) out.unmapped.push({ block, kind: "invalid", reason, preview: preview(body) });
}

const preview = (body: string[]): string => body.slice(0, 3).join("\n").slice(0, 200);
