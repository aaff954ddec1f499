import { Command, CommanderError, InvalidArgumentError } from "commander";
import { AppError } from "../shared/contract/errors.js";
import { APP_VERSION } from "../engine/version.js";
import { registerConfigCommand } from "./commands/config.js";
import { registerDoctorCommand } from "./commands/doctor.js";
import { registerEnsembleCommands } from "./commands/ensemble.js";
import { registerLoopCommands } from "./commands/loop.js";
import { registerLearnCommands } from "./commands/learn.js";
import { registerInsightCommands } from "./commands/insight.js";
import { registerModelsCommands } from "./commands/models.js";
import { registerPatternsCommands } from "./commands/patterns.js";
import { registerProjectCommands } from "./commands/project.js";
import { registerRunsShowCommand } from "./commands/runsShow.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerVerifyCommands } from "./commands/verify.js";
import { terminalSafe } from "./terminalSafe.js";

/** Exit codes: 0 ok, 1 failure, 2 usage error, 130 cancelled. */
export function buildProgram(): Command {
  const program = new Command()
    .name("codeconductor")
    .description("Local-first conductor for AI code generation: local LLM ensemble → Cursor prompt → safe apply → sandboxed tests.")
    .version(APP_VERSION)
    .option("--json", "machine-readable output")
    .option("--verbose", "mirror logs to stderr")
    .option("--data-dir <dir>", "user-data folder (default: CODECONDUCTOR_HOME or the platform's app-data folder)")
    .showHelpAfterError();
  registerServeCommand(program);
  registerConfigCommand(program);
  registerDoctorCommand(program);
  registerModelsCommands(program);
  registerProjectCommands(program);
  registerEnsembleCommands(program);
  registerVerifyCommands(program);
  registerLoopCommands(program);
  registerPatternsCommands(program);
  registerLearnCommands(program);
  registerInsightCommands(program);
  // After any other `runs` registration: it adds `show` to the existing group.
  registerRunsShowCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram().exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander prints its own parse errors; an InvalidArgumentError thrown by one of our actions it does not.
      if (err instanceof InvalidArgumentError) process.stderr.write(terminalSafe(`error: ${err.message}\n`));
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    const json = program.opts<{ json?: boolean }>().json;
    if (err instanceof AppError) {
      if (json) process.stdout.write(terminalSafe(`${JSON.stringify({ error: err.toWire() }, null, 2)}\n`));
      else process.stderr.write(terminalSafe(`error (${err.code}): ${err.message}\n`));
      process.exitCode = err.code === "cancelled" ? 130 : 1;
      return;
    }
    process.stderr.write(terminalSafe(`error: ${(err as Error).stack ?? String(err)}\n`));
    process.exitCode = 1;
  }
}
