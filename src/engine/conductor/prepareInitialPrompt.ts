import type { ExploredFile, LoopStage } from "../../shared/contract/conductor.js";
import { toAppError } from "../../shared/contract/errors.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { RepoMap } from "../../shared/contract/project.js";
import { loadRepoMap } from "../project/index.js";
import type { RunContext } from "../runs/RunManager.js";
import { composeInitialPrompt } from "./composeInitialPrompt.js";
import { exploreFiles } from "./explore/exploreFiles.js";
import type { LoopDeps } from "./LoopDeps.js";

/**
 * Explore (the files the task touches, from the repo map — analysed first when there is none), analyze/plan with
 * the ensemble (skipped, with a note, when no model answers), then the first prompt.
 */
export async function prepareInitialPrompt(
  deps: LoopDeps,
  input: RunParsedInput<"conductor.loop">,
  project: string,
  run: RunContext<"conductor.loop">,
  stage: (s: LoopStage, m?: string) => void,
): Promise<{ text: string; explored: ExploredFile[]; models: string[]; cut: string[] }> {
  stage("explore");
  let map: RepoMap | undefined;
  try {
    map = await loadRepoMap(project).catch(async () => {
      await deps.child("project.analyze", { path: project }, run.signal);
      return loadRepoMap(project);
    });
  } catch (e) {
    if (run.signal.aborted) throw e;
    run.log("warn", `project analysis failed, going on without a repo map: ${toAppError(e).message}`);
  }
  const explored = map ? exploreFiles(input.task, map, { root: project }) : [];
  run.data("explore", { files: explored });
  let ensemblePrompt: string | undefined;
  let models: string[] = [];
  const cut: string[] = [];
  if (!input.skipAnalysis) {
    stage("analyze", "asking the local models");
    try {
      const { result } = await deps.child("ensemble.run", { prompt: input.task, projectDir: project, ...(input.models ? { models: input.models } : {}) }, run.signal);
      const ok = result.members.filter((m) => m.status === "ok" || m.status === "repaired");
      models = [...new Set(result.members.map((m) => m.modelId))];
      if (ok.length) ensemblePrompt = result.prompt.text;
      else run.log("warn", "no model gave a usable analysis: the prompt is built from the task and the project alone");
      cut.push(...result.prompt.cut.map((c) => `${c.section}: ${c.tokensRemoved} tokens cut (${c.kept} kept)`));
    } catch (e) {
      if (run.signal.aborted) throw e;
      run.log("warn", `analysis skipped: ${toAppError(e).message}`);
    }
  }
  stage("prompt");
  // Past solutions that passed their tests, from the pattern library (failed ones are never offered).
  const similar = await deps.call("patterns.similar", { task: input.task, k: 3, tokenBudget: 1500 }, run.signal).catch(() => null);
  if (similar?.patterns.length) run.data("similar", { patterns: similar.patterns.map((p) => ({ id: p.id, task: p.task, reward: p.reward })), tokens: similar.tokens });
  const text = composeInitialPrompt({ task: input.task, ensemblePrompt, explored, root: project, testCommand: input.testCommand ?? map?.testCommands[0]?.command, similar: similar?.patterns.length ? similar.text : undefined });
  return { text, explored, models, cut };
}
