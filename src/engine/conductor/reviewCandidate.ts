import type { Candidate } from "../../shared/contract/conductor.js";
import { toAppError } from "../../shared/contract/errors.js";
import type { LoopDeps } from "./LoopDeps.js";

const DIFF_CHARS = 12_000;

const SCHEMA = {
  type: "object",
  properties: {
    findings: {
      type: "array",
      maxItems: 8,
      items: {
        type: "object",
        properties: { severity: { type: "string", enum: ["error", "warning", "info"] }, message: { type: "string", maxLength: 300 } },
        required: ["severity", "message"],
      },
    },
  },
  required: ["findings"],
};

export type ReviewFinding = { severity: "error" | "warning" | "info"; message: string };

/**
 * The optional reviewer persona: one local model reads the requirements and the candidate's diff like a pull
 * request and lists where the change misses them (schema-constrained JSON). Advisory only — shown beside the diff;
 * the tests decide. Null when no model is available or it gave no usable answer (the loop goes on without it).
 */
export async function reviewCandidate(deps: Pick<LoopDeps, "call" | "child">, task: string, candidate: Candidate, signal: AbortSignal, log: (m: string) => void): Promise<{ by: string; findings: ReviewFinding[] } | null> {
  try {
    const { members } = await deps.call("ensemble.members", {}, signal);
    const model = members[0]?.modelId;
    if (!model) {
      log("review skipped: no local model available");
      return null;
    }
    const diff = candidate.plan.files.map((f) => f.diff).join("\n").slice(0, DIFF_CHARS);
    const { result } = await deps.child(
      "models.chat",
      {
        modelId: model,
        system: "You are the Reviewer: you review a change like a pull request. Be specific; list only real problems where the change does not meet the requirements, misses error handling, or breaks something. An empty list is fine.",
        prompt: `Requirements:\n${task}\n\nThe change (unified diff):\n${diff}\n\nAnswer as JSON: {"findings":[{"severity":"error|warning|info","message":"…"}]}`,
        jsonSchema: SCHEMA,
        sampling: { temperature: 0.2, maxTokens: 600 },
      },
      signal,
    );
    const parsed = JSON.parse(result.text) as { findings?: unknown };
    const findings = (Array.isArray(parsed.findings) ? parsed.findings : [])
      .filter((f): f is ReviewFinding => typeof f === "object" && f !== null && ["error", "warning", "info"].includes((f as ReviewFinding).severity) && typeof (f as ReviewFinding).message === "string")
      .slice(0, 8);
    return { by: `reviewer (${model})`, findings };
  } catch (e) {
    if (signal.aborted) throw e;
    log(`review skipped: ${toAppError(e).message}`);
    return null;
  }
}
