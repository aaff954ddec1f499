import path from "node:path";
import type { DoctorCheck } from "../../shared/contract/system.js";
import type { EngineContext } from "../EngineContext.js";
import type { Feature } from "../Feature.js";
import type { ModelGateway } from "../inference/types.js";
import { LANGUAGE_IDS, parseCode } from "../parsing/index.js";
import { loadRepoMap } from "./loadRepoMap.js";
import { ProjectCaches } from "./ProjectCaches.js";
import { mapFile, runAnalyze, runCursorrules, runPropose, type ProjectDeps } from "./projectRuns.js";
import { RecentProjects } from "./RecentProjects.js";
import { createExtractor } from "./scan/createExtractor.js";
import { summarizeAnalysis } from "./summarizeAnalysis.js";
import { disposeOnce } from "../util/disposeOnce.js";

/**
 * Project analysis (`project.analyze`), Cursor rules (`project.cursorrules`) and next-feature prompts
 * (`project.propose`). `models` is optional: with it, `propose` may ask a model for the goal.
 */
export function createProjectFeature(ctx: EngineContext, options: { models?: ModelGateway } = {}): Feature {
  const extractor = createExtractor(ctx.config.project.workers, ctx.logger);
  const deps: ProjectDeps = {
    ctx,
    caches: new ProjectCaches(path.join(ctx.dataDir, "project-cache")),
    recent: new RecentProjects(ctx.db, ctx.dbReadOnly),
    extract: extractor.extract,
    models: options.models,
  };
  return {
    handlers: {
      "project.summary": async ({ input }) => {
        const file = mapFile(input);
        return summarizeAnalysis(await loadRepoMap(file), path.dirname(file));
      },
      "project.recent": async ({ limit }) => ({ projects: deps.recent.list(limit ?? 20) }),
    },
    runs: {
      "project.analyze": (input, run) => runAnalyze(deps, input, run),
      "project.cursorrules": (input, run) => runCursorrules(input, run),
      "project.propose": (input, run) => runPropose(deps, input, run),
    },
    doctor: async () => [await grammarCheck()],
    dispose: disposeOnce(async () => {
      await deps.caches.dispose();
      await extractor.dispose();
    }),
  };
}

async function grammarCheck(): Promise<DoctorCheck> {
  const failed: string[] = [];
  for (const lang of LANGUAGE_IDS) {
    try {
      (await parseCode(lang, "x")).delete();
    } catch {
      failed.push(lang);
    }
  }
  return failed.length
    ? { id: "project.grammars", title: "Tree-sitter grammars", status: "fail", detail: `Could not load: ${failed.join(", ")}`, fix: "Reinstall dependencies (npm install) so @vscode/tree-sitter-wasm and web-tree-sitter are present." }
    : { id: "project.grammars", title: "Tree-sitter grammars", status: "ok", detail: `${LANGUAGE_IDS.length} languages load (WASM)` };
}
