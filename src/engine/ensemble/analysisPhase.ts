import type { Debate, MemberResult, MemberSpec } from "../../shared/contract/ensemble.js";
import type { RunContext } from "../runs/RunManager.js";
import { analysisJsonSchema } from "./analysis/analysisJsonSchema.js";
import { buildAnalysisMessages } from "./analysis/buildAnalysisMessages.js";
import { extractCode } from "./analysis/extractCode.js";
import { parseMemberAnswer } from "./analysis/parseMemberAnswer.js";
import { formatTranscript } from "./debate/debateMessages.js";
import { dispatchMembers, type Interpretation } from "./dispatch/dispatchMembers.js";
import type { EnsembleDeps } from "./EnsembleDeps.js";

export interface AnalysisPhaseInput {
  task: string;
  mode: "analysis" | "code";
  language?: string;
  members: MemberSpec[];
  debate?: Debate;
  quorum: number;
  timeoutMs: number;
}

function interpretCode(text: string): Interpretation {
  const code = extractCode(text);
  return code ? { status: "ok", code, repairs: [] } : { status: "invalid", repairs: [], reason: "no code in the answer" };
}

/**
 * Every member analyses the task (after a debate: synthesises it) at once; answers stream out as run data
 * (`memberStart`, `token`, `member`) and progress moves from `from` to `to` as members finish.
 */
export async function analysisPhase(
  deps: EnsembleDeps,
  i: AnalysisPhaseInput,
  run: RunContext<"ensemble.run">,
  span: { from: number; to: number },
): Promise<{ results: MemberResult[]; quorumReached: boolean }> {
  const cfg = deps.ctx.config.ensemble;
  const names = new Map(i.debate?.agents.map((a) => [a, a]) ?? []);
  const context = i.debate ? `A debate among ${i.debate.agents.join(", ")} came first. Synthesise it:\n${formatTranscript(i.debate.turns, names, 3000)}` : undefined;
  let done = 0;
  try {
    return await dispatchMembers({
      members: i.members,
      gateway: deps.gateway,
      messagesFor: () => buildAnalysisMessages({ task: i.task, context, mode: i.mode, language: i.language }),
      interpret: i.mode === "code" ? interpretCode : parseMemberAnswer,
      jsonSchema: i.mode === "analysis" ? analysisJsonSchema({ maxStringChars: cfg.maxStringChars, maxListItems: cfg.maxListItems }) : undefined,
      timeoutMs: i.timeoutMs,
      quorum: i.quorum,
      signal: run.signal,
      onStart: (memberId, startedAt) => run.data("memberStart", { memberId, startedAt }),
      onTokens: (memberId, text) => run.data("token", { memberId, text }),
      onResult: (r) => {
        run.data("member", r);
        done++;
        run.progress(span.from + ((span.to - span.from) * done) / i.members.length, `${r.label}: ${r.status}`);
        if (r.error) run.log(r.status === "skipped" ? "info" : "warn", `${r.label}: ${r.status} — ${r.error.message}`);
      },
      registerCancel: (cancel) => deps.memberCancels.set(run.runId, cancel),
    });
  } finally {
    deps.memberCancels.delete(run.runId);
  }
}


