import fs from "node:fs";
import path from "node:path";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { AnalyzeSummary, PlannedFile } from "../../shared/contract/project.js";
import type { EngineContext } from "../EngineContext.js";
import type { ModelGateway } from "../inference/types.js";
import type { RunContext } from "../runs/RunManager.js";
import { analyzeProject } from "./analyzeProject.js";
import { excludeFromGit } from "./excludeFromGit.js";
import { loadRepoMap, repoMapCandidates } from "./loadRepoMap.js";
import type { ProjectCaches } from "./ProjectCaches.js";
import { findTemplate } from "./propose/findTemplate.js";
import { proposeNextFeature } from "./propose/proposeNextFeature.js";
import type { RecentProjects } from "./RecentProjects.js";
import { buildRules } from "./rules/buildRules.js";
import { planRules } from "./rules/planRules.js";
import type { Extractor } from "./scan/scanFiles.js";
import { summarizeAnalysis } from "./summarizeAnalysis.js";

type RunIn<K extends "project.analyze" | "project.cursorrules" | "project.propose"> = RunParsedInput<K>;

/** What the project runs need from the engine. */
export interface ProjectDeps {
  ctx: EngineContext;
  caches: ProjectCaches;
  recent: RecentProjects;
  extract: Extractor;
  models?: ModelGateway;
}

/** Where the repo map given as `input` lives (the file itself, or found in the folder). */
export function mapFile(input: string): string {
  return repoMapCandidates(input).find((c) => fs.statSync(c, { throwIfNoEntry: false })?.isFile()) ?? input;
}

/** `project.analyze`: incremental against the engine's cache, which is saved after the result. */
export async function runAnalyze(deps: ProjectDeps, input: RunIn<"project.analyze">, run: RunContext<"project.analyze">): Promise<AnalyzeSummary> {
  const cfg = deps.ctx.config.project;
  const root = path.resolve(input.path);
  run.setTitle(`Analyze ${path.basename(root)}`);
  const result = await analyzeProject({
    root, outDir: input.out, tokenBudget: input.tokenBudget ?? cfg.mapTokens, maxFileBytes: cfg.maxFileBytes, followSymlinks: cfg.followSymlinks,
    cache: input.noCache ? undefined : deps.caches.get(root), extract: deps.extract, signal: run.signal, onProgress: (p) => run.progress(p.fraction, p.message),
  });
  deps.caches.saveLater(result.cache, (e) => deps.ctx.logger.warn({ err: e.message }, "could not save the analysis cache"));
  deps.recent.touch(root, result.outDir);
  const st = result.map.stats;
  run.log("info", `Parsed ${st.filesParsed}, reused ${st.cacheHits} of ${st.filesListed} files in ${result.timings.total} ms`);
  const gitExcluded = keepOutOfGit(root, result.outDir);
  if (gitExcluded) run.log("info", `Added ${path.relative(root, result.outDir)}/ to ${gitExcluded} so git status stays clean (local to this clone, not .gitignore)`);
  return { ...summarizeAnalysis(result.map, result.outDir), ...(gitExcluded ? { gitExcluded } : {}) };
}

/** An output folder inside the project goes into its local git exclude list; failures only cost the convenience. */
function keepOutOfGit(root: string, outDir: string): string | null {
  const rel = path.relative(root, outDir);
  if (!rel || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  try {
    return excludeFromGit(root, rel);
  } catch {
    return null;
  }
}

/** `project.cursorrules`: plan (and unless dry-run, write) rule files under the project root. */
export async function runCursorrules(input: RunIn<"project.cursorrules">, run: RunContext<"project.cursorrules">): Promise<{ root: string; files: PlannedFile[] }> {
  const map = await loadRepoMap(input.input);
  const root = path.resolve(input.root ?? map.root);
  if (!fs.statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new AppError(ErrorCode.NotFound, `Project root ${root} does not exist; pass --root`);
  run.setTitle(`Rules for ${map.name}`);
  run.progress(0.3, "Deriving rules from the analysis");
  const legacy = input.out ? path.relative(root, path.resolve(input.out)).split(path.sep).join("/") : undefined;
  const files = planRules(root, buildRules(map, input.format ?? "mdc+agents", legacy), { force: input.force, dryRun: input.dryRun });
  for (const f of files.filter((x) => x.action === "conflict")) run.log("warn", `${f.path} was written by hand: left alone (use force to overwrite)`);
  return { root, files };
}

/** `project.propose`: fill the editable template from the map (and state.md), optionally asking a model. */
export async function runPropose(deps: ProjectDeps, input: RunIn<"project.propose">, run: RunContext<"project.propose">): Promise<{ path: string; text: string; usedModel?: string }> {
  const file = mapFile(input.input);
  const map = await loadRepoMap(file);
  run.setTitle(`Propose for ${map.name}`);
  const statePath = input.state ?? path.join(path.dirname(file), "state.md");
  const state = fs.existsSync(statePath) ? fs.readFileSync(statePath, "utf8") : undefined;
  const template = fs.readFileSync(findTemplate(deps.ctx.dataDir, input.template, deps.ctx.config.project.proposeTemplate), "utf8");
  run.progress(0.2, input.useModel ? "Asking a model for a goal" : "Writing the prompt");
  const out = path.resolve(input.out ?? path.join(path.dirname(file), "prompts", "next_feature.md"));
  const { text, usedModel } = await proposeNextFeature(map, { state, template, goal: input.goal, models: input.useModel ? deps.models : undefined, signal: run.signal });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  return { path: out, text, ...(usedModel ? { usedModel } : {}) };
}
