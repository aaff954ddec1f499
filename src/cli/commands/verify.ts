import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { ApplyPlan, RunnerId } from "../../shared/contract/verify.js";
import { globalOptions } from "../globalOptions.js";
import { runToCompletion } from "../../shared/rpc/runToCompletion.js";
import { confirm } from "../verify/confirm.js";
import { formatPlan } from "../verify/formatPlan.js";
import { formatTestRun } from "../verify/formatTestRun.js";
import { output, withEngine } from "../withEngine.js";
import { terminalSafe } from "../terminalSafe.js";

/** CLI commands of the verify capability: `test`, `apply`, `undo`. */
export function registerVerifyCommands(program: Command): void {
  program
    .command("test")
    .description("detect the project's test runner, run the tests in the sandbox, print per-test results and the reward")
    .requiredOption("--project <dir>", "project folder")
    .option("--command <cmd>", "custom test command (sh -c), instead of detection")
    .option("--runner <name>", "force a runner: pytest, vitest, jest, go, cargo, npm")
    .option("--timeout <sec>", "wall-clock limit in seconds", Number)
    .option("--accept-test-changes", "accept that the applied candidate changed pinned tests (reward not zeroed)")
    .option("--allow-unsandboxed", "when no sandbox is available, consent (for this project) to run without one")
    .action(async (opts: { project: string; command?: string; runner?: string; timeout?: number; acceptTestChanges?: boolean; allowUnsandboxed?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const project = path.resolve(opts.project);
        const status = await client.call("verify.sandboxStatus", { project }, { signal });
        if (!status.available && !status.consented) {
          process.stderr.write(terminalSafe(`WARNING: no sandbox: ${status.detail}.\nThe tests would run with your full user rights, network and files. Run \`codeconductor doctor\` for how to get bubblewrap.\n`));
          if (opts.allowUnsandboxed || (await confirm("Run this project's tests WITHOUT a sandbox (remembered for this project)?", signal))) {
            await client.call("verify.consent", { project, grant: true }, { signal });
          }
        }
        const input = { project, command: opts.command, runner: opts.runner as RunnerId | undefined, timeoutSec: opts.timeout, acceptTestChanges: opts.acceptTestChanges };
        const r = await runToCompletion(client, "verify.test", input, {
          signal,
          onEvent: (e) => {
            if (!g.json && e.type === "progress" && e.message) process.stderr.write(terminalSafe(`… ${e.message}\n`));
          },
        });
        output(g, r, () => formatTestRun(r));
        if (r.summary.failed + r.summary.errors > 0 || r.reward.zeroReason) process.exitCode = 1;
      });
    });

  program
    .command("apply")
    .description("read an AI answer, show per-file diffs and findings, and write the approved files atomically (undoable)")
    .requiredOption("--project <dir>", "project folder")
    .option("--from <file>", "file holding the AI answer")
    .option("--clipboard", "read the AI answer from the clipboard")
    .option("--expected-file <path>", "map a single untagged code block to this project path")
    .option("--yes", "approve every file that needs no separate confirmation")
    .option("--allow-protected", "also write protected paths (.git, .env, .vscode, shell rc files…)")
    .action(async (opts: { project: string; from?: string; clipboard?: boolean; expectedFile?: string; yes?: boolean; allowProtected?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      if (!opts.from === !opts.clipboard) throw new AppError(ErrorCode.InvalidInput, "Give exactly one of --from FILE or --clipboard");
      const text = opts.from ? fs.readFileSync(opts.from === "-" ? 0 : opts.from, "utf8") : undefined;
      await withEngine(g, async (client, _engine, signal) => {
        const project = path.resolve(opts.project);
        const plan = await client.call("verify.plan", { project, text, fromClipboard: !!opts.clipboard, expectedFile: opts.expectedFile }, { signal });
        if (!g.json) process.stdout.write(terminalSafe(`${formatPlan(plan)}\n\n`));
        const decision = await decide(plan, opts, client, signal);
        if (!decision) {
          output(g, { applied: false, plan }, () => "Nothing written. Re-run with --yes to apply (add --allow-protected for protected paths).");
          return;
        }
        const r = await client.call("verify.apply", { planId: plan.planId, approve: "all", confirmProtected: decision.protected }, { signal });
        output(g, { applied: true, ...r, plan }, () =>
          [`Applied ${r.applyId}: ${r.written.length} file(s) written`, ...r.written.map((w) => `  ${w}`), ...r.skipped.map((s) => `  skipped ${s.path}: ${s.reason}`), "Undo with: codeconductor undo --project " + project].join("\n"),
        );
      });
    });

  program
    .command("undo")
    .description("restore the exact bytes from before the last apply")
    .requiredOption("--project <dir>", "project folder")
    .option("--apply-id <id>", "the apply to undo (must be the latest)")
    .option("--force", "undo even if files changed after the apply (those changes are lost)")
    .action(async (opts: { project: string; applyId?: string; force?: boolean }, cmd: Command) => {
      const g = globalOptions(cmd);
      await withEngine(g, async (client, _engine, signal) => {
        const r = await client.call("verify.undo", { project: path.resolve(opts.project), applyId: opts.applyId, force: opts.force }, { signal });
        output(g, r, () => [`Undid ${r.applyId}: ${r.restored.length} file(s) restored`, ...r.restored.map((x) => `  ${x}`)].join("\n"));
      });
    });
}

type Client = Parameters<Parameters<typeof withEngine>[1]>[0];

/** Whether to write, and which protected paths were confirmed: --yes / config autoApprove, or a TTY prompt. */
async function decide(plan: ApplyPlan, opts: { yes?: boolean; allowProtected?: boolean }, client: Client, signal: AbortSignal): Promise<{ protected: string[] } | null> {
  const writable = plan.files.filter((f) => f.status !== "rejected" && f.action !== "none");
  if (!writable.length) return null;
  const prot = writable.filter((f) => f.status === "protected").map((f) => f.path);
  const cfg = await client.call("config.get", {}, { signal });
  const auto = (cfg.config.verify as { autoApprove?: boolean } | undefined)?.autoApprove === true;
  if (opts.yes || auto) return { protected: opts.allowProtected ? prot : [] };
  if (!(await confirm(`Write ${writable.length - prot.length} file(s)?`, signal))) return null;
  const confirmed: string[] = [];
  for (const p of prot) if (await confirm(`  ${p} is PROTECTED. Write it anyway?`, signal)) confirmed.push(p);
  return { protected: confirmed };
}
