import type { RunEvent } from "../../shared/contract/runs.js";
import type { MethodName, MethodOutput, RunInput, RunKindName, RunResult } from "../../shared/contract/methods.js";
import type { MethodInput } from "../../shared/rpc/types.js";
import type { EngineContext } from "../EngineContext.js";
import type { AttemptStore } from "./AttemptStore.js";
import type { GeneratorHooks } from "./generators/makeGenerator.js";
import type { CodeGenerator } from "./generators/CodeGenerator.js";
import type { RunParsedInput } from "../../shared/contract/methods.js";
import type { TestRunResult } from "../../shared/contract/verify.js";

/** What the loop needs from the engine: other capabilities are reached through the contract, never imported. */
export interface LoopDeps {
  ctx: EngineContext;
  /** Call a contract method of another capability (verify.plan, verify.apply…). */
  call<M extends MethodName>(method: M, input: MethodInput<M>, signal?: AbortSignal): Promise<MethodOutput<M>>;
  /** Run another run kind as a child (its own run record), following its events; cancelled with `signal`. */
  child<K extends RunKindName>(kind: K, input: RunInput<K>, signal: AbortSignal, onEvent?: (e: RunEvent) => void): Promise<{ runId: string; result: RunResult<K> }>;
  attempts: AttemptStore;
  /** Error memory: known failure signatures matching these failing tests, with the fixes that resolved them (prompt text). */
  knownErrors(tests: TestRunResult): string;
  /** The generator chosen by the run's input. */
  generator(input: RunParsedInput<"conductor.loop">, hooks: GeneratorHooks): CodeGenerator;
  /** A loop toast: in-app, and as an OS notification unless the user chose otherwise. */
  toast(n: { level: "info" | "success" | "warn" | "error"; title: string; message?: string; needsAction?: boolean; runId?: string }): void;
}
