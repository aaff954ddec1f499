import fs from "node:fs";
import path from "node:path";
import type { DoctorCheck } from "../../shared/contract/system.js";
import type { Handlers } from "../../shared/rpc/types.js";
import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import type { ModelGateway } from "../inference/types.js";
import { codeConsensus } from "./codebleu/codeConsensus.js";
import { uniformWeights, type MemberWeights } from "./consensus/MemberWeights.js";
import { DebateStore } from "./debate/DebateStore.js";
import { loadPersonas } from "./debate/loadPersonas.js";
import { personaFiles } from "./debate/debatePhase.js";
import type { EnsembleDeps, SelectFn } from "./EnsembleDeps.js";
import { compileTemplate } from "./prompt/compileTemplate.js";
import { TemplateStore } from "./prompt/TemplateStore.js";
import { resourcesDir } from "./resourcesDir.js";
import { runEnsemble } from "./runEnsemble.js";
import { selectMembers } from "./selection/selectMembers.js";

function doctorChecks(deps: EnsembleDeps): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  try {
    const n = loadPersonas(personaFiles(deps.shippedPersonas, deps.ctx.config)).length;
    checks.push({ id: "ensemble.personas", title: "Debate personas", status: "ok", detail: `${n} personas` });
  } catch (e) {
    checks.push({ id: "ensemble.personas", title: "Debate personas", status: "fail", detail: (e as Error).message, fix: "Fix the YAML named above or unset ensemble.personasFile." });
  }
  for (const name of ["cursor_prompt.md", "cursor_prompt_fallback.md"]) {
    try {
      compileTemplate(deps.templates.load(name));
      checks.push({ id: `ensemble.template.${name}`, title: `Prompt template ${name}`, status: "ok", detail: path.join(deps.templates.dir, name) });
    } catch (e) {
      checks.push({ id: `ensemble.template.${name}`, title: `Prompt template ${name}`, status: "fail", detail: (e as Error).message, fix: `Fix or delete ${path.join(deps.templates.dir, name)} (it is recreated from the shipped copy).` });
    }
  }
  return checks;
}

function handlers(deps: EnsembleDeps): Partial<Handlers> {
  const { ctx } = deps;
  return {
    "ensemble.members": async (input, { signal }) => deps.select(await deps.gateway.listModels({ signal }), ctx.config, input, {}),
    "ensemble.personas": async ({ file }) => ({
      file: file ?? ctx.config.ensemble.personasFile ?? deps.shippedPersonas,
      personas: loadPersonas(personaFiles(deps.shippedPersonas, ctx.config, file)),
    }),
    "ensemble.codebleu": async ({ candidates, language }, { signal }) =>
      codeConsensus(
        candidates.map((c, i) => ({ label: c.label ?? `c${i + 1}`, code: c.code })),
        { ...ctx.config.codebleu, language, signal },
      ),
    "ensemble.cancelMember": async ({ runId, memberId }) => ({ cancelled: deps.memberCancels.get(runId)?.(memberId) ?? false }),
    "ensemble.copyPrompt": async ({ text }) => {
      await ctx.ports.clipboard.writeText(text);
      ctx.notify({ level: "success", title: "Prompt copied", message: "Paste it into Cursor." });
      return { copied: true as const };
    },
    "ensemble.savePrompt": async ({ text, runId }) => {
      const dir = path.join(ctx.dataDir, "prompts");
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${runId ?? new Date().toISOString().replace(/[:.]/g, "-")}.md`);
      fs.writeFileSync(file, text);
      return { path: file };
    },
    "ensemble.transcript": async ({ runId }) => ({ turns: deps.debates.list(runId) }),
  };
}

/**
 * Ensemble dispatch, consensus, CodeBLEU, persona debate and prompt generation. `weights` and `select`
 * let the learning capability plug in reputations and its selector; uniform / selectMembers by default.
 */
export function createEnsembleFeature(ctx: EngineContext, deps: { models: ModelGateway; weights?: MemberWeights; select?: SelectFn }): Feature {
  const resources = resourcesDir();
  const full: EnsembleDeps = {
    ctx,
    gateway: deps.models,
    templates: new TemplateStore(ctx.dataDir, path.join(resources, "templates")),
    debates: new DebateStore(ctx.db, ctx.dbReadOnly),
    weights: deps.weights ?? uniformWeights,
    select: deps.select ?? ((models, cfg, overrides) => selectMembers(models, cfg, overrides)),
    shippedPersonas: path.join(resources, "personas.yaml"),
    memberCancels: new Map(),
  };
  try {
    full.templates.install();
  } catch (e) {
    ctx.logger.warn({ err: (e as Error).message }, "could not copy prompt templates to the data folder");
  }
  return {
    handlers: handlers(full),
    runs: { "ensemble.run": (input, run) => runEnsemble(full, input, run) },
    doctor: async () => doctorChecks(full),
    dispose: () => full.memberCancels.clear(),
  };
}
