import type { GeneratedPrompt } from "../../../shared/contract/ensemble.js";
import { compileTemplate } from "./compileTemplate.js";
import type { Template } from "./TemplateStore.js";
import type { TokenCounter } from "./TokenCounter.js";

/** Optional context, trimmed in this order when over budget: past patterns first, project rules last. */
export const CONTEXT_PRIORITY = ["patterns", "repo_map", "draft", "rules"] as const;
export type ContextSection = (typeof CONTEXT_PRIORITY)[number];
export type PromptContext = Record<ContextSection, string>;

export interface BuildPromptOptions {
  template: Template;
  /** Every variable of the template except `context`. */
  vars: Record<string, unknown>;
  context: PromptContext;
  /** Tokens the whole prompt may use. */
  budget: number;
  counter: TokenCounter;
  fallback: boolean;
}

const TRIM_MARK = "… (trimmed to fit the token budget)";

function keepLines(lines: string[], k: number): string {
  if (k <= 0) return "";
  return k >= lines.length ? lines.join("\n") : `${lines.slice(0, k).join("\n")}\n${TRIM_MARK}`;
}

/**
 * Render the prompt within `budget` tokens as counted by `counter`: when over, the lowest-priority context
 * section is cut to as many leading lines as fit (binary search on the rendered prompt), or dropped, before
 * the next one is touched. Every cut is reported; `overBudget` says the prompt is still too long without any
 * optional context (the core sections are never cut).
 */
export async function buildPrompt(o: BuildPromptOptions): Promise<Omit<GeneratedPrompt, "copied">> {
  const render = compileTemplate(o.template);
  const ctx: PromptContext = { ...o.context };
  const measure = async (): Promise<{ text: string; tokens: number }> => {
    const text = render({ ...o.vars, context: ctx });
    return { text, tokens: await o.counter.count(text) };
  };
  let current = await measure();
  const cut: GeneratedPrompt["cut"] = [];
  for (const section of CONTEXT_PRIORITY) {
    if (current.tokens <= o.budget) break;
    const original = ctx[section];
    if (!original) continue;
    const lines = original.split("\n");
    const fits = async (k: number): Promise<{ text: string; tokens: number } | null> => {
      ctx[section] = keepLines(lines, k);
      const m = await measure();
      return m.tokens <= o.budget ? m : null;
    };
    let best = await fits(0);
    let bestK = 0;
    if (best) {
      let lo = 1;
      let hi = lines.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const m = await fits(mid);
        if (m) [best, bestK, lo] = [m, mid, mid + 1];
        else hi = mid - 1;
      }
    }
    ctx[section] = keepLines(lines, bestK);
    current = best ?? (await measure());
    const removed = (await o.counter.count(original)) - (await o.counter.count(ctx[section]));
    cut.push({ section, tokensRemoved: Math.max(0, removed), kept: bestK > 0 ? "partial" : "none" });
  }
  return {
    text: current.text,
    template: o.template.name,
    fallback: o.fallback,
    tokens: current.tokens,
    budget: o.budget,
    tokenizer: o.counter.kind,
    cut,
    overBudget: current.tokens > o.budget,
  };
}
