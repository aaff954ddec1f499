import type { CodeConsensus, Consensus, GeneratedPrompt, MemberResult } from "../../../shared/contract/ensemble.js";
import { buildPrompt, type PromptContext } from "./buildPrompt.js";
import { describeDisagreement } from "./describeDisagreement.js";
import { outputExample } from "./outputExample.js";
import type { TemplateStore } from "./TemplateStore.js";
import type { TokenCounter } from "./TokenCounter.js";

export interface GeneratePromptInput {
  task: string;
  consensus: Consensus;
  code?: CodeConsensus;
  members: MemberResult[];
  project?: { repoMap: string; rules: string; testCommand: string; languages?: string[] };
  /** The run's language (code mode), preferred for the Output Format example. */
  language?: string;
  /** Past patterns (a later issue provides them). */
  patterns?: string;
  templates: TemplateStore;
  budget: number;
  counter: TokenCounter;
}

const MAX_DISAGREEMENTS = 12;

/**
 * The Cursor prompt for a finished ensemble: the main template from the merged analysis, or the fallback
 * template when there is none (no valid answer, or code mode, where the medoid draft goes into the context).
 */
export async function generatePrompt(i: GeneratePromptInput): Promise<Omit<GeneratedPrompt, "copied">> {
  const merged = i.consensus.merged;
  const winner = i.code && i.code.winner >= 0 ? i.members.find((m) => m.label === i.code!.labels[i.code!.winner]) : undefined;
  const example = outputExample([i.language, i.code?.language ?? undefined, ...(i.project?.languages ?? [])]);
  const draft = winner?.code
    ? `The CodeBLEU medoid of ${i.code!.labels.length} candidates, by ${winner.label}; a starting point, not a finished answer:\n\`\`\`${example.fence.startsWith("<") ? "" : example.fence}\n${winner.code}\n\`\`\``
    : "";
  const template = i.templates.load(merged ? "cursor_prompt.md" : "cursor_prompt_fallback.md");
  // A user's template copied before the draft had its own section: keep the draft where it used to go.
  const draftSection = template.source.includes("context.draft");
  const context: PromptContext = {
    rules: i.project?.rules ?? "",
    repo_map: i.project?.repoMap ?? "",
    draft: draftSection ? draft : "",
    patterns: [draftSection ? "" : draft, i.patterns ?? ""].filter(Boolean).join("\n\n"),
  };
  const common = { task: i.task, test_command: i.project?.testCommand ?? "", example };
  if (!merged) {
    const failed = i.members.filter((m) => m.status !== "ok" && m.status !== "repaired").length;
    const reason = i.code ? "code mode: the members answered with code, not a plan" : `${failed} of ${i.members.length} members failed or gave unusable answers`;
    return buildPrompt({
      template,
      vars: { ...common, reason },
      context,
      budget: i.budget,
      counter: i.counter,
      fallback: true,
    });
  }
  const vars = {
    ...common,
    ...merged,
    confidence: i.consensus.confidence.toFixed(2),
    mode: i.consensus.mode,
    sources: i.consensus.sources.join(", "),
    disagreements: i.consensus.disagreements.slice(0, MAX_DISAGREEMENTS).map(describeDisagreement),
  };
  return buildPrompt({ template, vars, context, budget: i.budget, counter: i.counter, fallback: false });
}
