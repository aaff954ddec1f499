import { throwIfAborted } from "../../shared/contract/errors.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { SelectionDecision } from "../../shared/contract/learning.js";
import type { Debate, EnsembleRunResult, GeneratedPrompt, MemberResult, MemberSpec } from "../../shared/contract/ensemble.js";
import type { RunContext } from "../runs/RunManager.js";
import { analysisPhase } from "./analysisPhase.js";
import { codeConsensus } from "./codebleu/codeConsensus.js";
import { buildConsensus } from "./consensus/buildConsensus.js";
import { codeModeConsensus } from "./consensus/codeModeConsensus.js";
import { debatePhase } from "./debate/debatePhase.js";
import type { EnsembleDeps } from "./EnsembleDeps.js";
import { generatePrompt } from "./prompt/generatePrompt.js";
import { loadProjectContext, type ProjectContext } from "./prompt/loadProjectContext.js";
import { tokenCounterFor } from "./prompt/TokenCounter.js";

type Input = RunParsedInput<"ensemble.run">;

async function copyPrompt(deps: EnsembleDeps, prompt: Omit<GeneratedPrompt, "copied">, run: RunContext<"ensemble.run">): Promise<boolean> {
  try {
    await deps.ctx.ports.clipboard.writeText(prompt.text);
    deps.ctx.notify({ level: "success", title: "Prompt copied", message: `${prompt.tokens} tokens — paste it into Cursor.` });
    return true;
  } catch (e) {
    run.log("warn", `could not copy the prompt: ${(e as Error).message}`);
    return false;
  }
}

/** Members, project context and (when asked) the debate: everything before the members answer. */
async function prepare(deps: EnsembleDeps, input: Input, run: RunContext<"ensemble.run">): Promise<{ members: MemberSpec[]; project?: ProjectContext; debate?: Debate; decision?: SelectionDecision }> {
  run.progress(0.02, "choosing members");
  const models = await deps.gateway.listModels({ signal: run.signal });
  const selection = deps.select(models, deps.ctx.config, { models: input.models, samplesPerModel: input.samplesPerModel }, { task: input.prompt, runId: run.runId });
  for (const n of selection.notes) run.log("info", n);
  run.data("members", { members: selection.members });
  if (selection.decision) run.data("selection", selection.decision);
  let project: ProjectContext | undefined;
  if (input.projectDir) {
    project = await loadProjectContext(input.projectDir);
    for (const n of project.notes) run.log("info", n);
  }
  const decision = selection.decision;
  if (!input.debate) return { members: selection.members, project, decision };
  run.progress(0.05, "debate");
  const debate = await debatePhase({
    task: input.prompt,
    options: input.debate,
    config: deps.ctx.config,
    shippedPersonas: deps.shippedPersonas,
    members: selection.members,
    gateway: deps.gateway,
    signal: run.signal,
    onTurn: (t) => {
      deps.debates.save(run.runId, t);
      run.data("turn", t);
    },
  });
  return { members: selection.members, project, debate, decision };
}

/** Consensus (CodeBLEU medoid in code mode), then the prompt within its budget, copied when asked. */
async function conclude(deps: EnsembleDeps, input: Input, run: RunContext<"ensemble.run">, results: MemberResult[], project?: ProjectContext) {
  const cfg = deps.ctx.config;
  const withCode = results.filter((r) => r.status === "ok" && r.code);
  const code =
    input.mode === "code" && withCode.length
      ? await codeConsensus(withCode.map((r) => ({ label: r.label, code: r.code! })), { ...cfg.codebleu, language: input.language, signal: run.signal })
      : undefined;
  if (code) run.data("code", code);
  const consensus = input.mode === "code" ? codeModeConsensus(results, code) : buildConsensus(results, deps.weights);
  run.data("consensus", consensus);
  run.progress(0.95, "writing the prompt");
  const generated = await generatePrompt({
    task: input.prompt,
    consensus,
    code,
    members: results,
    project,
    language: input.language,
    templates: deps.templates,
    budget: input.promptTokenBudget ?? cfg.ensemble.promptTokenBudget,
    counter: tokenCounterFor(deps.gateway, input.targetModel),
  });
  // The clipboard is the user's: only when this run asks, or they chose "copy prompts automatically".
  const copy = input.copy ?? cfg.ui.copyPrompts;
  const prompt: GeneratedPrompt = { ...generated, copied: copy ? await copyPrompt(deps, generated, run) : false };
  run.data("prompt", prompt);
  run.progress(1, `confidence ${consensus.confidence.toFixed(2)}`);
  return { consensus, code, prompt };
}

/**
 * One ensemble run: select members → optional persona debate → all members analyse (or write code) in
 * parallel → consensus (CodeBLEU medoid in code mode) → Cursor prompt within the token budget → clipboard.
 */
export async function runEnsemble(deps: EnsembleDeps, input: Input, run: RunContext<"ensemble.run">): Promise<EnsembleRunResult> {
  const started = Date.now();
  const cfg = deps.ctx.config.ensemble;
  run.setTitle(`Ensemble: ${input.prompt.slice(0, 60)}`);
  const { members, project, debate, decision } = await prepare(deps, input, run);
  throwIfAborted(run.signal);
  const { results, quorumReached } = await analysisPhase(
    deps,
    {
      task: input.prompt,
      mode: input.mode ?? "analysis",
      language: input.language,
      members,
      debate,
      quorum: input.quorum ?? cfg.quorum,
      timeoutMs: (input.memberTimeoutSec ?? cfg.memberTimeoutSec) * 1000,
    },
    run,
    { from: debate ? 0.5 : 0.1, to: 0.9 },
  );
  throwIfAborted(run.signal);
  const { consensus, code, prompt } = await conclude(deps, input, run, results, project);
  return { task: input.prompt, members: results, consensus, ...(code ? { code } : {}), ...(debate ? { debate } : {}), prompt, wallMs: Date.now() - started, quorumReached, ...(decision ? { selection: decision } : {}) };
}
