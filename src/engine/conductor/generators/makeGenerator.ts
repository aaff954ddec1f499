import { AppError, ErrorCode } from "../../../shared/contract/errors.js";
import type { RunParsedInput } from "../../../shared/contract/methods.js";
import { parseAnswer } from "../../verify/answer/parseAnswer.js";
import { probeSandbox } from "../../verify/sandbox/probeSandbox.js";
import { sandboxLimits } from "../../verify/sandbox/sandboxLimits.js";
import type { LoopDeps } from "../LoopDeps.js";
import { ClipboardGenerator } from "./ClipboardGenerator.js";
import type { CodeGenerator } from "./CodeGenerator.js";
import { CommandGenerator } from "./CommandGenerator.js";
import { createSandboxTestRunners } from "./createSandboxTestRunners.js";
import { LocalGenerator } from "./LocalGenerator.js";
import { WatchGenerator } from "./WatchGenerator.js";

/** Hooks a generator may report through while it works. */
export interface GeneratorHooks {
  /** A chunk of a CLI generator's output, for the live log. */
  output(chunk: string): void;
}

/** The generator a loop run asked for, configured from its input and the `conductor` settings. */
export function makeGenerator(deps: Pick<LoopDeps, "ctx" | "call" | "child">, input: RunParsedInput<"conductor.loop">, hooks: GeneratorHooks): CodeGenerator {
  const cfg = deps.ctx.config.conductor;
  const timeoutSec = input.awaitTimeoutSec ?? cfg.awaitTimeoutSec;
  switch (input.generator ?? "clipboard") {
    case "clipboard":
      return new ClipboardGenerator({
        clipboard: deps.ctx.ports.clipboard,
        maxBytes: cfg.clipboardMaxBytes,
        warnBytes: cfg.clipboardWarnBytes,
        recognise: (text) => {
          const parsed = parseAnswer(text, {});
          if (parsed.files.length) return { ok: true };
          if (parsed.unmapped.length && parsed.unmapped.every((u) => u.kind === "citation")) return { ok: false, reason: "a citation of existing code (```12:15:path```), never an edit" };
          return { ok: false, reason: parsed.unmapped.length ? `no file path found in ${parsed.unmapped.length} code block(s)` : "no code block with a file path" };
        },
      });
    case "watch":
      return new WatchGenerator({ settleMs: input.settleMs ?? cfg.settleMs, timeoutSec });
    case "command": {
      const command = input.command ?? cfg.command;
      if (!command) throw new AppError(ErrorCode.InvalidInput, "The command generator needs a command (--command or conductor.command)");
      return new CommandGenerator({ command, timeoutSec, onOutput: hooks.output });
    }
    case "local": {
      const s = deps.ctx.config.sandbox;
      const runners = createSandboxTestRunners({
        probe: () => probeSandbox(s.bwrapPath),
        limits: sandboxLimits(s),
        ...(input.testCommand ? { command: input.testCommand } : {}),
      });
      return new LocalGenerator({
        // Ensemble members answer in code mode; each answer is one candidate.
        candidates: async (prompt, signal) => {
          const { result } = await deps.child("ensemble.run", { prompt, mode: "code", projectDir: input.project, ...(input.models ? { models: input.models } : {}) }, signal);
          return result.members.filter((m) => m.status === "ok" || m.status === "repaired").map((m) => ({ label: m.label, text: m.rawText }));
        },
        toFiles: async (text, project) =>
          (await deps.call("verify.plan", { project, text })).files
            .filter((f) => f.status === "ok" && f.action !== "none")
            .map((f) => ({ path: f.path, content: f.action === "delete" ? null : f.newText })),
        runTests: runners.runTests,
        codebleu: deps.ctx.config.codebleu,
      });
    }
  }
}
