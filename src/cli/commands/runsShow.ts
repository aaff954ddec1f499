import type { Command } from "commander";
import { globalOptions } from "../globalOptions.js";
import { formatRunDetail } from "../insight/formatRunDetail.js";
import { output, withEngine } from "../withEngine.js";

/**
 * `codeconductor runs show RUN_ID`: registered under the `runs` group, created here when no other file has
 * (the run list, resume and stop live in their own file; register this one after it).
 */
export function registerRunsShowCommand(program: Command): void {
  const runs = program.commands.find((c) => c.name() === "runs") ?? program.command("runs").description("stored runs");
  runs
    .command("show <runId>")
    .description("one run: its timeline from the event log (applies and undos included) and its KPIs")
    .option("--case", "the id is an imported case's (codeconductor import-case)")
    .action(async (runId: string, opts: { case?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const d = opts.case ? await client.call("insight.openCase", { caseId: runId }, { signal }) : await client.call("insight.runShow", { runId }, { signal });
        output(g, d, () => formatRunDetail(d));
      });
    });
}
