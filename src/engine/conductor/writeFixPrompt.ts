import type { Candidate } from "../../shared/contract/conductor.js";
import type { TestRunResult } from "../../shared/contract/verify.js";

const OUTPUT_CHARS = 3000;

/**
 * The prompt after a failed attempt: what failed (test names, messages, file:line, trimmed output), what the last
 * attempt changed, and which files may change — the tests are the specification and stay as they are.
 */
export function writeFixPrompt(o: { task: string; project: string; tokenBudget: number; failure: string | null; testResult: TestRunResult | null; candidate: Candidate | null }): { text: string; cut: string[] } {
  const parts = [`# Fix the previous attempt\nTask: ${o.task.trim()}`];
  const cut: string[] = [];
  if (o.failure) parts.push(`## The code generator failed\n${o.failure}`);
  const t = o.testResult;
  if (t) {
    const failing = t.tests.filter((x) => x.status === "failed" || x.status === "error");
    parts.push(
      [
        `## Failing tests (${t.summary.failed + t.summary.errors} of ${t.summary.total}, runner ${t.runner})`,
        ...failing.slice(0, 20).map((x) => `- ${x.name}${x.file ? ` (${x.file}${x.line ? `:${x.line}` : ""})` : ""}${x.message ? `: ${x.message.split("\n").slice(0, 6).join("\n  ")}` : ""}`),
      ].join("\n"),
    );
    if (t.reward.zeroReason) parts.push(`Reward 0: ${t.reward.zeroReason}.`);
    const out = t.output.text;
    parts.push(`## Test output (trimmed)\n\`\`\`\n${out.length > OUTPUT_CHARS ? `…\n${out.slice(-OUTPUT_CHARS)}` : out}\n\`\`\``);
  }
  const files = o.candidate?.plan.files.filter((f) => f.action !== "none") ?? [];
  if (files.length) parts.push(`## Your previous change\n\`\`\`diff\n${files.map((f) => f.diff).join("\n")}\n\`\`\``);
  const failures = o.candidate?.failures ?? [];
  if (failures.length) parts.push(`## Edits that could not be applied\n${failures.map((f) => `- ${f.path ? `${f.path}: ` : ""}${f.reason}`).join("\n")}`);
  const touched = files.map((f) => f.path);
  parts.push(`The tests are correct; change only ${touched.length ? touched.map((p) => `\`${p}\``).join(", ") : "the code under test"}. Answer in the same format as before: one fenced block per changed file with its path.`);
  let text = parts.join("\n\n");
  const maxChars = o.tokenBudget * 4;
  if (text.length > maxChars) {
    cut.push("diff and output trimmed to the token budget");
    text = `${text.slice(0, maxChars - 200)}\n…\n\n${parts.at(-1)}`;
  }
  return { text, cut };
}
