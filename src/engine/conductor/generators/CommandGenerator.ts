import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { AppError, ErrorCode, throwIfAborted } from "../../../shared/contract/errors.js";
import type { ChangedFile, CodeGenerator, GeneratedCode, GeneratorRequest } from "./CodeGenerator.js";
import { judgeCliOutput } from "./judgeCliOutput.js";
import { ProjectSnapshot } from "./ProjectSnapshot.js";
import { runCliCommand, type CliRun } from "./runCliCommand.js";

export interface CommandGeneratorOptions {
  /** Shell command line run in the project (loop input `command`); `{promptFile}` becomes the prompt file's quoted path. */
  command: string;
  /** Kill the command's whole process tree after this many seconds (loop input `awaitTimeoutSec`). */
  timeoutSec: number;
  /** Bytes of stdout kept (head + tail); stderr keeps a quarter. Defaults to 1 MiB. */
  outputCapBytes?: number;
  /** Extra environment on top of the app's (the CLI needs its own credentials, so the environment is inherited). */
  env?: Record<string, string>;
  /** Live stdout/stderr chunks, for the run's output channel. */
  onOutput?: (chunk: string) => void;
  /** Files above this size are not read for the change list. Defaults to 1 MB. */
  maxTextBytes?: number;
}

const PLACEHOLDER = /\{promptFile\}/g;

/** POSIX shell single-quoting. */
const shellQuote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/**
 * Code from an AI CLI run non-interactively in the project (cursor-agent, claude, codex, aider…): the prompt goes
 * on stdin and into a private temp file (`{promptFile}`). Success is judged from the tool's own final event and
 * the files that really changed, never from the exit code alone: changed files → `files`; none but an answer on
 * stdout → `answer`; a reported error (even with exit 0), a timeout or a non-zero exit → `failed`.
 */
export class CommandGenerator implements CodeGenerator {
  readonly kind = "command" as const;
  private readonly disposer = new AbortController();

  constructor(private readonly options: CommandGeneratorOptions) {
    if (!options.command.trim()) throw new AppError(ErrorCode.InvalidInput, "The command generator needs a command (e.g. claude -p --output-format json < {promptFile})");
    if (!(options.timeoutSec > 0)) throw new AppError(ErrorCode.InvalidInput, `timeoutSec must be > 0 (got ${options.timeoutSec})`);
  }

  async next(req: GeneratorRequest): Promise<GeneratedCode> {
    if (this.disposer.signal.aborted) throw new AppError(ErrorCode.Unavailable, "The command generator was disposed");
    const signal = AbortSignal.any([req.signal, this.disposer.signal]);
    throwIfAborted(signal);
    const project = fs.realpathSync(req.project);
    const snapshot = await ProjectSnapshot.take(project, { signal, maxTextBytes: this.options.maxTextBytes });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-prompt-"));
    try {
      const promptFile = path.join(dir, "prompt.md");
      fs.writeFileSync(promptFile, req.prompt, { mode: 0o600 });
      const command = this.options.command.replace(PLACEHOLDER, shellQuote(promptFile));
      req.onWaiting({ watch: "n/a", hint: `running \`${this.options.command}\` in ${project} (timeout ${this.options.timeoutSec} s)` });
      const run = await runCliCommand({
        command,
        cwd: project,
        stdin: req.prompt,
        env: { ...process.env, ...this.options.env },
        timeoutMs: this.options.timeoutSec * 1000,
        capBytes: this.options.outputCapBytes ?? 1024 * 1024,
        signal,
        onOutput: this.options.onOutput,
      });
      const diff = await snapshot.changes(signal);
      for (const s of diff.skipped) req.log("warn", `${s.path} changed but is not part of the answer: ${s.reason}`);
      return this.decide(run, diff.files, req);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  dispose(): void {
    this.disposer.abort(new AppError(ErrorCode.Cancelled, "The command generator was disposed"));
  }

  private decide(run: CliRun, files: ChangedFile[], req: GeneratorRequest): GeneratedCode {
    const output = combinedOutput(run);
    const verdict = judgeCliOutput(run.stdout.text, run.stderr.text);
    const exit = run.signal ? `was killed by ${run.signal}` : `exited with code ${run.exitCode}`;
    req.log("info", `command ${exit} after ${run.durationMs} ms; output ${verdict.format}, status ${verdict.status}; ${files.length} file(s) changed`);
    const failed = (reason: string): GeneratedCode => ({ kind: "failed", source: "command", reason, output, ...(files.length ? { files } : {}) });
    if (run.timedOut) return failed(`The command timed out after ${this.options.timeoutSec} s; its process tree was killed`);
    if (verdict.status === "error") return failed(`The command reported an error (${exit}): ${verdict.reason}`);
    if (run.exitCode !== 0) return failed(`The command ${exit}${run.stderr.text.trim() ? `: ${lastLines(run.stderr.text)}` : ""}`);
    if (files.length) return { kind: "files", source: "command", files, output };
    if (verdict.answer.trim()) return { kind: "answer", source: "command", text: verdict.answer };
    return failed("The command changed no files and printed no answer");
  }
}

function combinedOutput(run: CliRun): string {
  const err = run.stderr.text.trim();
  return err ? `${run.stdout.text}${run.stdout.text.endsWith("\n") || !run.stdout.text ? "" : "\n"}[stderr]\n${run.stderr.text}` : run.stdout.text;
}

function lastLines(text: string, n = 5): string {
  return text.trim().split("\n").slice(-n).join("\n").slice(0, 1000);
}
