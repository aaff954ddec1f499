import type { AnalyzeSummary, PlannedFile } from "../../shared/contract/project.js";

/** Human summary of an analysis. */
export function formatAnalyze(s: AnalyzeSummary): string {
  const lines = [
    `Analyzed ${s.root}: ${s.stats.filesListed} files (${s.stats.filesParsed} parsed, ${s.stats.cacheHits} from cache) in ${s.stats.durationMs} ms`,
    `Languages: ${s.languages.slice(0, 6).map((l) => `${l.language} ${l.files} files/${l.lines} lines`).join(", ") || "none"}`,
  ];
  if (s.frameworks.length) lines.push(`Frameworks: ${s.frameworks.map((f) => f.name).join(", ")}`);
  if (s.packageManagers.length) lines.push(`Package managers: ${s.packageManagers.map((p) => p.name).join(", ")}`);
  lines.push(s.testCommands.length ? `Test command: ${s.testCommands.map((c) => `${c.command}${c.cwd !== "." ? ` (in ${c.cwd})` : ""}`).join("; ")}` : "Test command: none detected");
  if (s.topFiles.length) lines.push(`Top files: ${s.topFiles.slice(0, 5).map((f) => f.path).join(", ")}`);
  const sk = s.stats.skipped;
  lines.push(`Skipped: ${sk.ignored} ignored, ${sk.vendored} vendored folders, ${sk.binary} binary, ${sk.tooLarge} too large, ${sk.symlinks} symlinks`);
  lines.push(`Wrote ${s.repoMapPath}`, `Wrote ${s.statePath}`);
  if (s.gitExcluded) lines.push(`Added ${s.outDir.slice(s.root.length + 1)}/ to ${s.gitExcluded} (local; your .gitignore is untouched)`);
  return lines.join("\n");
}

const VERB: Record<PlannedFile["action"], string> = {
  create: "created", update: "updated", unchanged: "unchanged", conflict: "SKIPPED (user-written; --force to overwrite)", overwrite: "overwritten (backup .bak)",
};

/** Human list of rule files and what happened to each; diffs when `showDiff`. */
export function formatRules(files: readonly PlannedFile[], dryRun: boolean, showDiff: boolean): string {
  const lines = files.map((f) => `${dryRun && f.action !== "unchanged" && f.action !== "conflict" ? `would be ${VERB[f.action]}` : VERB[f.action]}: ${f.path}`);
  if (showDiff) for (const f of files) if (f.diff) lines.push("", f.diff.trimEnd());
  return lines.join("\n");
}
