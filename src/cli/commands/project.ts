import { Option, type Command } from "commander";
import path from "node:path";
import type { RulesFormat } from "../../shared/contract/project.js";
import { globalOptions } from "../globalOptions.js";
import { followProgress } from "../project/followProgress.js";
import { formatAnalyze, formatRules } from "../project/formatProject.js";
import { runToCompletion } from "../../shared/rpc/runToCompletion.js";
import { output, withEngine } from "../withEngine.js";

const FORMATS = ["mdc+agents", "mdc", "agents", "legacy", "all"];

/** `--project` names the project everywhere; the old spellings still work but are not advertised. */
const hiddenAlias = (flag: string): Option => new Option(`${flag} <dir>`, "old name of --project").hideHelp();
const projectOf = (o: { project?: string; path?: string; input?: string }): string => path.resolve(o.project ?? o.path ?? o.input ?? ".");

/** CLI of the project capability: `analyze`, `cursorrules`, `propose`. */
export function registerProjectCommands(program: Command): void {
  program
    .command("analyze")
    .description("analyze a repository: <out>/repo_map.json (symbols, graph, ranking, stack, test commands) and <out>/state.md")
    .option("--project <dir>", "project folder (default: the current folder)")
    .addOption(hiddenAlias("--path"))
    .option("--out <dir>", "output folder (default: <project>/artifacts, kept out of git status via .git/info/exclude)")
    .option("--tokens <n>", "token budget of the map text (default: config project.mapTokens)", (v) => Number.parseInt(v, 10))
    .option("--no-cache", "ignore the incremental cache")
    .action(async (opts: { project?: string; path?: string; out?: string; tokens?: number; cache: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      const progress = followProgress(g.json);
      await withEngine(g, async (client, _engine, signal) => {
        try {
          const input = { path: projectOf(opts), ...(opts.out ? { out: path.resolve(opts.out) } : {}), ...(opts.tokens ? { tokenBudget: opts.tokens } : {}), noCache: !opts.cache };
          const result = await runToCompletion(client, "project.analyze", input, { signal, onEvent: progress.onEvent });
          progress.stop();
          output(g, result, () => formatAnalyze(result));
        } finally {
          progress.stop();
        }
      });
    });

  program
    .command("cursorrules")
    .description("generate Cursor rules from a repo map: .cursor/rules/*.mdc, AGENTS.md and/or legacy .cursorrules (managed sections; user text kept)")
    .option("--project <dir>", "project folder, its artifacts folder, or repo_map.json (default: the current folder)")
    .addOption(hiddenAlias("--input"))
    .option("--out <file>", "legacy .cursorrules path; implies --format all unless --format is given")
    .option("--format <format>", `${FORMATS.join("|")} (default: mdc+agents, or all with --out)`)
    .option("--root <dir>", "project root to write into (default: the root recorded in the repo map)")
    .option("--force", "overwrite user-written files (a .bak copy is kept)")
    .option("--dry-run", "show what would change, write nothing")
    .option("--diff", "print unified diffs")
    .action(async (opts: { project?: string; input?: string; out?: string; format?: string; root?: string; force?: boolean; dryRun?: boolean; diff?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      if (opts.format && !FORMATS.includes(opts.format)) cmd.error(`--format must be one of ${FORMATS.join(", ")}`);
      const format = (opts.format ?? (opts.out ? "all" : "mdc+agents")) as RulesFormat;
      await withEngine(g, async (client, _engine, signal) => {
        const input = {
          input: projectOf(opts), format, force: !!opts.force, dryRun: !!opts.dryRun,
          ...(opts.root ? { root: path.resolve(opts.root) } : {}), ...(opts.out ? { out: path.resolve(opts.out) } : {}),
        };
        const progress = followProgress(g.json);
        const result = await runToCompletion(client, "project.cursorrules", input, { signal, onEvent: progress.onEvent });
        progress.stop();
        output(g, result, () => formatRules(result.files, !!opts.dryRun, !!opts.diff || !!opts.dryRun));
        if (result.files.some((f) => f.action === "conflict")) process.exitCode = 1;
      });
    });

  program
    .command("propose")
    .description("write a structured next-feature prompt (goal, context files, constraints, acceptance, test command) from the analysis")
    .option("--project <dir>", "project folder, its artifacts folder, or repo_map.json (default: the current folder)")
    .addOption(hiddenAlias("--input"))
    .addOption(hiddenAlias("--path"))
    .option("--state <file>", "state.md (default: next to the repo map)")
    .option("--out <file>", "output file (default: <artifacts>/prompts/next_feature.md)")
    .option("--template <file>", "template (default: config project.proposeTemplate, else <data-dir>/templates/next_feature.md)")
    .option("--goal <text>", "what you want next (default: suggested from the analysis)")
    .option("--use-model", "ask an available local model to suggest the goal")
    .action(async (opts: { project?: string; input?: string; path?: string; state?: string; out?: string; template?: string; goal?: string; useModel?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const input = {
          input: projectOf(opts), useModel: !!opts.useModel,
          ...(opts.state ? { state: path.resolve(opts.state) } : {}), ...(opts.out ? { out: path.resolve(opts.out) } : {}),
          ...(opts.template ? { template: path.resolve(opts.template) } : {}), ...(opts.goal ? { goal: opts.goal } : {}),
        };
        const result = await runToCompletion(client, "project.propose", input, { signal });
        output(g, result, () => `${result.text.trimEnd()}\n\nWrote ${result.path}${result.usedModel ? ` (goal from ${result.usedModel})` : ""}`);
      });
    });
}
