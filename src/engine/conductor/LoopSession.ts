import { AppError, ErrorCode } from "../../shared/contract/errors.js";
import type { LoopStage } from "../../shared/contract/conductor.js";
import type { CodeGenerator } from "./generators/CodeGenerator.js";

export type ApprovalDecision =
  | { approved: true; approve: "all" | string[]; confirmProtected: string[]; by: "auto" | "user" | "hotkey" | "terminal" }
  | { approved: false; reason: string; by: "user" | "hotkey" | "terminal" };

/**
 * The live, in-memory side of one loop run: its stage, current prompt and generator, and the approval it may be
 * waiting on. Contract methods (approve, capture, copy prompt, test now) and hotkeys reach the loop through it.
 */
export class LoopSession {
  stage: LoopStage = "describe";
  iteration = 0;
  prompt = "";
  generator: CodeGenerator | undefined;
  private pending: { resolve: (d: ApprovalDecision) => void } | undefined;

  constructor(
    readonly runId: string,
    readonly title: string,
  ) {}

  /** Wait for the user (or a hotkey, or the terminal) to approve or reject; cancelled with the run. */
  awaitApproval(signal: AbortSignal): Promise<ApprovalDecision> {
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        this.pending = undefined;
        reject(signal.reason ?? new AppError(ErrorCode.Cancelled, "Cancelled"));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      this.pending = {
        resolve: (d) => {
          signal.removeEventListener("abort", onAbort);
          this.pending = undefined;
          resolve(d);
        },
      };
    });
  }

  get awaitingApproval(): boolean {
    return this.pending !== undefined;
  }

  decide(d: ApprovalDecision): void {
    if (!this.pending) throw new AppError(ErrorCode.Conflict, `The loop is not waiting for approval (stage: ${this.stage})`);
    this.pending.resolve(d);
  }
}

/** Active loop sessions of this process, newest last. */
export class LoopSessions {
  private readonly sessions = new Map<string, LoopSession>();

  add(s: LoopSession): void {
    this.sessions.set(s.runId, s);
  }

  remove(runId: string): void {
    this.sessions.delete(runId);
  }

  all(): LoopSession[] {
    return [...this.sessions.values()];
  }

  /** The given run, or the newest active loop when no id is given. */
  pick(runId?: string): LoopSession {
    const s = runId ? this.sessions.get(runId) : this.all().at(-1);
    if (!s) throw new AppError(ErrorCode.NotFound, runId ? `No active loop ${runId} in this process` : "No loop is running");
    return s;
  }
}
