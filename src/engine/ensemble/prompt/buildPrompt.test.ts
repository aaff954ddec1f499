import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Consensus } from "../../../shared/contract/ensemble.js";
import { resourcesDir } from "../resourcesDir.js";
import { buildPrompt } from "./buildPrompt.js";
import { generatePrompt } from "./generatePrompt.js";
import { TemplateStore } from "./TemplateStore.js";
import { estimateTokenCounter, type TokenCounter } from "./TokenCounter.js";

// One token per whitespace-separated word: easy to reason about by hand.
const words: TokenCounter = { kind: "model", count: (t) => t.split(/\s+/).filter(Boolean).length };
const tpl = (source: string) => ({ name: "t.md", file: "/x/t.md", source });
const TEMPLATE = "{{task}}\n{{#if context.rules}}R: {{context.rules}}\n{{/if}}{{#if context.repo_map}}M: {{context.repo_map}}\n{{/if}}{{#if context.patterns}}P: {{context.patterns}}\n{{/if}}";
const lines = (prefix: string, n: number): string => Array.from({ length: n }, (_, i) => `${prefix}${i}`).join("\n");

let tmp: string | undefined;
afterEach(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

describe("buildPrompt", () => {
  it("keeps everything within budget and reports no cut", async () => {
    const r = await buildPrompt({ template: tpl(TEMPLATE), vars: { task: "do it" }, context: { rules: "r1", repo_map: "m1", patterns: "", draft: "" }, budget: 100, counter: words, fallback: false });
    expect(r).toMatchObject({ text: "do it\nR: r1\nM: m1\n", tokens: 6, cut: [], overBudget: false, tokenizer: "model" });
  });

  it("trims the lowest-priority context first, exactly to the budget, and reports the cut", async () => {
    // task 2 + "R:" 1 + 5 rule lines + "M:" 1 + 20 map lines + "P:" 1 + 30 pattern lines = 60 tokens.
    const context = { rules: lines("r", 5), repo_map: lines("m", 20), patterns: lines("p", 30), draft: "" };
    const r = await buildPrompt({ template: tpl(TEMPLATE), vars: { task: "do it" }, context, budget: 20, counter: words, fallback: false });
    // Patterns go entirely (−31 → 29 left), then the map keeps as many lines as fit:
    // 2 + 6 + 1 + k + 7 (the seven-word trim mark) ≤ 20 → k = 4; removed = 20 map tokens − (4 + 7) kept.
    expect(r.cut).toEqual([
      { section: "patterns", tokensRemoved: 30, kept: "none" },
      { section: "repo_map", tokensRemoved: 9, kept: "partial" },
    ]);
    expect(r.tokens).toBe(20);
    expect(r.overBudget).toBe(false);
    expect(r.text).toContain("m3\n… (trimmed to fit the token budget)");
    expect(r.text).not.toContain("m4");
    expect(r.text).toContain(lines("r", 5));
    expect(r.text).not.toContain("P:");
  });

  it("reports overBudget when even the core prompt does not fit, never cutting the task", async () => {
    const r = await buildPrompt({ template: tpl(TEMPLATE), vars: { task: "a b c d e f" }, context: { rules: "x", repo_map: "", patterns: "", draft: "" }, budget: 3, counter: words, fallback: false });
    expect(r.overBudget).toBe(true);
    expect(r.text).toBe("a b c d e f\n");
    expect(r.cut).toEqual([{ section: "rules", tokensRemoved: 1, kept: "none" }]);
  });

  it("names the missing variable when a template uses one that is not provided", async () => {
    const p = buildPrompt({ template: tpl("Hi {{task}}\n{{#each files}}{{path}} {{purpose}}{{/each}}\n{{test_comand}}"), vars: { task: "x", files: [] }, context: { rules: "", repo_map: "", patterns: "", draft: "" }, budget: 100, counter: words, fallback: false });
    await expect(p).rejects.toMatchObject({ code: "invalid_input", details: { variable: "test_comand", line: 3 } });
    await expect(p).rejects.toThrow('Template t.md uses the variable "test_comand" (line 3), which is not provided');
  });
});

describe("generatePrompt with the shipped templates", () => {
  const consensus: Consensus = {
    mode: "consensus",
    confidence: 0.75,
    merged: { approach: "Token bucket", requirements: ["429 on excess"], files: [{ path: "src/rl.ts", purpose: "middleware" }], dependencies: [], constraints: [], risks: ["shared proxies"], complexity: 2, test_plan: ["unit tests"] },
    fields: [],
    disagreements: [{ field: "approach", kind: "differs", value: "Sliding window", members: ["phi#2"] }],
    sources: ["phi", "qwen"],
    weights: {},
  };

  it("copies templates to the data folder once, then renders every section from the user's copy", async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cc-tpl-"));
    const store = new TemplateStore(tmp, path.join(resourcesDir(), "templates"));
    expect(store.install().sort()).toEqual(["cursor_prompt.md", "cursor_prompt_fallback.md"]);
    expect(store.install()).toEqual([]);
    const r = await generatePrompt({ task: "Add rate limiting", consensus, members: [], project: { repoMap: "src/rl.ts:\n│ export function limit()", rules: "Use pnpm.", testCommand: "npm test", languages: ["typescript", "json"] }, templates: store, budget: 6000, counter: estimateTokenCounter });
    for (const s of ["## Task\nAdd rate limiting", "## Approach\nToken bucket", "## Requirements\n- 429 on excess", "## Expected Files\n- `src/rl.ts` — middleware", "## Dependencies\n- None", "## Constraints", "## Output Format", "```ts path=", "## Test Command\nMake sure `npm test` passes.", "## Repository Map (excerpt)", "Use pnpm.", 'approach: phi#2 said "Sliding window"']) {
      expect(r.text).toContain(s);
    }
    expect(r).toMatchObject({ fallback: false, template: "cursor_prompt.md", tokenizer: "estimate", overBudget: false });
    fs.writeFileSync(path.join(store.dir, "cursor_prompt.md"), "{{task}} / {{nonexistent}}");
    await expect(generatePrompt({ task: "x", consensus, members: [], templates: store, budget: 6000, counter: estimateTokenCounter })).rejects.toThrow(/"nonexistent"/);
  });

  it("uses the fallback template when consensus failed", async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cc-tpl-"));
    const store = new TemplateStore(tmp, path.join(resourcesDir(), "templates"));
    const none: Consensus = { ...consensus, mode: "none", confidence: 0, merged: null, disagreements: [] };
    const r = await generatePrompt({ task: "Fix the bug", consensus: none, members: [], templates: store, budget: 6000, counter: estimateTokenCounter });
    expect(r.fallback).toBe(true);
    expect(r.text).toContain("## Task\nFix the bug");
    expect(r.text).toContain("The local models gave no usable analysis (0 of 0 members failed or gave unusable answers)");
    expect(r.text).toContain("Make sure the project's test suite passes.");
  });
});
