import { compileTemplate } from "../../ensemble/prompt/compileTemplate.js";
import type { Template } from "../../ensemble/prompt/TemplateStore.js";
import { estimateTokenCounter, type TokenCounter } from "../../ensemble/prompt/TokenCounter.js";
import { fenced } from "./fenced.js";
import { fixPromptSections, type FixPromptInput, type FixPromptSections } from "./fixPromptSections.js";
import { loadFixPromptTemplate } from "./loadFixPromptTemplate.js";

export type { FixPromptInput } from "./fixPromptSections.js";

export interface FixPromptOptions {
  /** Tokens the whole prompt may use (the loop passes `ensemble.promptTokenBudget`). */
  tokenBudget: number;
  /** Defaults to the shipped `resources/templates/fix_prompt.md` (`loadFixPromptTemplate(dataDir)` gives the user's copy). */
  template?: Template;
  /** Defaults to the ≈4 characters per token estimate the ensemble's prompts use. */
  counter?: TokenCounter;
}

export interface FixPrompt {
  text: string;
  /** What was shortened or dropped to fit, least important first ("test output: kept the last 40 of 400 lines"). */
  cut: string[];
  tokens: number;
  /** Still over budget with everything optional cut (task, failing test names, match failures and scope stay). */
  overBudget: boolean;
}

/** How much of each section is kept: line counts, or which form of a section. */
interface FixState {
  output: number;
  diff: number;
  findings: number;
  failures: keyof FixPromptSections["failures"];
  failing: keyof FixPromptSections["failing"];
}

const lines = (s: FixPromptSections, key: "failures" | "failing", form: string): number => (s[key] as Record<string, string[]>)[form]!.join("\n").length;

/**
 * The prompt that follows a failed attempt: the task, the failing tests (names, file:line, messages), edits that did
 * not apply (which block, why, the closest lines), validation findings, the previous diff, the trimmed test output,
 * and "The tests are correct; change only {files}." Fitted to `tokenBudget` by cutting, least important first: the
 * test output (its tail is kept), the previous diff (its head is kept), the searched/closest lines of match failures,
 * the findings, then the failing tests' messages. Every cut is reported in `cut`. Pure apart from reading the shipped
 * template when none is given.
 */
export async function buildFixPrompt(input: FixPromptInput, options: FixPromptOptions): Promise<FixPrompt> {
  const s = fixPromptSections(input);
  const render = compileTemplate(options.template ?? loadFixPromptTemplate());
  const counter = options.counter ?? estimateTokenCounter;
  const st: FixState = { output: s.output.length, diff: s.diff.length, findings: s.findings.length, failures: "full", failing: "full" };
  const text = (): string =>
    render({
      task: s.task,
      attempt: input.attempt ?? null,
      summary: s.summary,
      scope: s.scope,
      files: input.files.join(", "),
      failing: s.failing[st.failing].join("\n"),
      failures: s.failures[st.failures].join("\n"),
      findings: keepHead(s.findings, st.findings, "findings").join("\n"),
      diff: st.diff ? fenced(keepHead(s.diff, st.diff, "diff lines").join("\n"), "diff").join("\n") : "",
      output: st.output ? fenced(keepTail(s.output, st.output, s.outputDropped).join("\n"), "text").join("\n") : "",
    });
  let current = text();
  let tokens = await counter.count(current);
  const fits = async (): Promise<boolean> => {
    current = text();
    tokens = await counter.count(current);
    return tokens <= options.tokenBudget;
  };
  const cut: string[] = [];
  const lineCut = async (key: "output" | "diff" | "findings", label: string, from: "last" | "first"): Promise<void> => {
    if (tokens <= options.tokenBudget || !st[key]) return;
    const n = st[key];
    const k = await largestFitting(n, async (x) => ((st[key] = x), fits()));
    st[key] = k;
    await fits();
    cut.push(k ? `${label}: kept the ${from} ${k} of ${n} lines` : `${label}: dropped`);
  };
  // Shorter forms of a section, tried in order while over budget; a form no shorter than the current one is skipped.
  const shorten = async <K extends "failures" | "failing">(key: K, forms: Array<[FixState[K], string]>): Promise<void> => {
    for (const [form, note] of forms) {
      if (tokens <= options.tokenBudget) return;
      if (lines(s, key, form) >= lines(s, key, st[key])) continue;
      st[key] = form;
      await fits();
      cut.push(note);
    }
  };
  await lineCut("output", "test output", "last");
  await lineCut("diff", "previous diff", "first");
  await shorten("failures", [["headersOnly", "match failures: searched and closest lines dropped"]]);
  await lineCut("findings", "validation findings", "first");
  await shorten("failing", [
    ["firstLines", "failing test messages: first line only"],
    ["namesOnly", "failing test messages: dropped (names and file:line kept)"],
  ]);
  return { text: current, cut, tokens, overBudget: tokens > options.tokenBudget };
}

/** The largest k in [0, n] for which `fits(k)` holds, assuming it is monotone; 0 when even 0 does not fit. */
async function largestFitting(n: number, fits: (k: number) => Promise<boolean>): Promise<number> {
  if (!(await fits(0))) return 0;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (await fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function keepHead(lines: string[], k: number, what: string): string[] {
  return k >= lines.length ? lines : [...lines.slice(0, k), `… (${lines.length - k} more ${what} cut to fit the token budget)`];
}

function keepTail(lines: string[], k: number, droppedBefore: number): string[] {
  const cutHere = lines.length - Math.min(k, lines.length);
  const earlier = cutHere + droppedBefore;
  return earlier ? [`… (${earlier} earlier lines not shown)`, ...lines.slice(lines.length - k)] : lines;
}
