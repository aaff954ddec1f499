import type { ChatMessage } from "../../inference/types.js";

export interface AnalysisPromptInput {
  task: string;
  /** Persona instructions prepended to the system prompt. */
  persona?: string;
  /** Extra context (debate transcript, project notes); kept short for small models. */
  context?: string;
  mode: "analysis" | "code";
  language?: string;
}

// Short on purpose: tiny local models have small contexts, and the JSON schema itself constrains the shape.
const ANALYSIS_SYSTEM =
  "Analyse the coding task. Reply with one JSON object only: approach, requirements[], files[{path,purpose}], dependencies[], constraints[], risks[], complexity (1-5), test_plan[].";

/** Chat messages asking one member for a structured analysis (or, in code mode, for code). */
export function buildAnalysisMessages(input: AnalysisPromptInput): ChatMessage[] {
  const codeSystem = `Write the code for the task. Reply with one fenced code block${input.language ? ` of ${input.language}` : ""} and nothing else.`;
  const system = [input.persona?.trim(), input.mode === "code" ? codeSystem : ANALYSIS_SYSTEM].filter(Boolean).join("\n\n");
  const user = input.context?.trim() ? `Task: ${input.task}\n\nContext:\n${input.context.trim()}` : `Task: ${input.task}`;
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}
