import type { Finding, MatchFailure, TestCase, TestRunResult } from "../../../shared/contract/verify.js";
import { fenced } from "./fenced.js";

/** What a fix prompt is built from. */
export interface FixPromptInput {
  task: string;
  /** Which attempt failed (1 = the first answer). */
  attempt?: number;
  /** Unified diff of what the previous attempt changed. */
  previousDiff?: string;
  tests?: TestRunResult;
  findings?: Finding[];
  /** Edits of the previous answer whose dry run failed (`resolveAnswer(...).failures`). */
  matchFailures?: MatchFailure[];
  /** Project-relative paths the model may change. */
  files: string[];
}

/** The prompt's parts as lines, in the forms the budget fitting can shrink them to. */
export interface FixPromptSections {
  task: string;
  summary: string;
  scope: string;
  /** Failing tests: name and file:line (never cut), with their messages at three lengths. */
  failing: { full: string[]; firstLines: string[]; namesOnly: string[] };
  failures: { full: string[]; headersOnly: string[] };
  findings: string[];
  /** The previous diff's lines (unfenced). */
  diff: string[];
  /** The tail of the test output (ANSI codes removed, unfenced). */
  output: string[];
  /** Output lines dropped before budgeting (beyond `MAX_OUTPUT_LINES`). */
  outputDropped: number;
}

/** Test output beyond this many lines (the tail is kept) is never worth the tokens. */
const MAX_OUTPUT_LINES = 400;
const MAX_LINE = 500;
const MAX_MESSAGE_LINES = 30;
// Colour codes runners print to terminals.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

const clip = (l: string): string => (l.length > MAX_LINE ? `${l.slice(0, MAX_LINE)}…` : l);

/** Render every part of the fix prompt before the budget is applied. */
export function fixPromptSections(input: FixPromptInput): FixPromptSections {
  const t = input.tests;
  const failing = (t?.tests ?? []).filter((c) => c.status === "failed" || c.status === "error");
  // Our report plumbing (pytest's "generated xml file: /tmp/cc-report/junit.xml") is not the model's business.
  const outputLines = t
    ? t.output.text
        .replace(ANSI, "")
        .replace(/\r\n?/g, "\n")
        .replace(/\n$/, "")
        .split("\n")
        .filter((l) => !/generated xml file: .*cc-report/.test(l))
    : [];
  const kept = outputLines.slice(-MAX_OUTPUT_LINES).map(clip);
  return {
    task: input.task.trim(),
    summary: summary(input),
    scope: scope(input.files),
    failing: {
      full: failing.flatMap((c) => testLines(c, MAX_MESSAGE_LINES)),
      firstLines: failing.flatMap((c) => testLines(c, 1)),
      namesOnly: failing.flatMap((c) => testLines(c, 0)),
    },
    failures: { full: (input.matchFailures ?? []).flatMap((f) => failureLines(f, true)), headersOnly: (input.matchFailures ?? []).flatMap((f) => failureLines(f, false)) },
    findings: [...(input.findings ?? [])].sort((a, b) => rank(a) - rank(b)).map((f) => `- \`${f.file}${f.line ? `:${f.line}` : ""}\` ${f.severity} (${f.category}/${f.rule}): ${clip(f.message)}`),
    diff: input.previousDiff?.trim() ? input.previousDiff.replace(/\n$/, "").split("\n").map(clip) : [],
    output: t && t.output.text.trim() ? kept : [],
    outputDropped: outputLines.length - kept.length,
  };
}

const rank = (f: Finding): number => ({ error: 0, warning: 1, info: 2 })[f.severity];

/** "The tests are correct; change only `a.py`, `b.py`." */
function scope(files: string[]): string {
  if (!files.length) return "The tests are correct; do not change them.";
  return `The tests are correct; change only ${files.map((f) => `\`${f}\``).join(", ")}.`;
}

function summary(input: FixPromptInput): string {
  const t = input.tests;
  const parts: string[] = [];
  if (!t) parts.push(input.matchFailures?.length ? "The answer could not be applied, so the tests did not run." : "The tests did not run.");
  else {
    const s = t.summary;
    // A detected runner's command carries our report plumbing (`mkdir -p "$TMPDIR/cc-report" && … --junitxml=…`):
    // the runner's name says what ran; a custom command is the user's own words.
    const ran = t.runner === "custom" ? t.command : t.runner;
    if (t.timedOut) parts.push(`The tests timed out after ${Math.round(t.durationMs / 1000)} s (\`${ran}\`).`);
    else if (!t.perTest) parts.push(`\`${ran}\` failed with exit code ${t.exitCode ?? t.signal ?? "unknown"}; no per-test results were reported (see the output).`);
    else parts.push(`\`${ran}\`: ${s.failed} failed, ${s.errors} errors, ${s.passed} passed, ${s.skipped} skipped of ${s.total}.`);
    if (t.testsTampered && !t.acceptedTestChanges) parts.push(`The previous attempt changed test files (${t.tamperedFiles.map((f) => `\`${f}\``).join(", ")}); those changes do not count.`);
  }
  const errors = (input.findings ?? []).filter((f) => f.severity === "error").length;
  if (errors) parts.push(`Validation found ${errors} error${errors > 1 ? "s" : ""}.`);
  return parts.join(" ");
}

/** `- \`name\` at \`file:line\`` and up to `messageLines` lines of its message, indented under it. */
function testLines(c: TestCase, messageLines: number): string[] {
  const name = c.suite && !c.name.startsWith(c.suite) ? `${c.suite} > ${c.name}` : c.name;
  const where = c.file ? ` at \`${c.file}${c.line ? `:${c.line}` : ""}\`` : "";
  const head = `- \`${name}\`${where} (${c.status})`;
  const msg = (c.message ?? "").replace(ANSI, "").trim().split("\n").filter((l) => l.trim());
  if (!messageLines || !msg.length) return [head];
  const shown = msg.slice(0, messageLines).map((l) => `    ${clip(l)}`);
  if (msg.length > messageLines && messageLines > 1) shown.push(`    … (${msg.length - messageLines} more lines)`);
  return [head, ...shown];
}

function failureLines(f: MatchFailure, detail: boolean): string[] {
  const out = [`- ${f.message}`];
  if (!detail) return out;
  if (f.search) out.push("  It searched for:", ...fenced(f.search).map((l) => `  ${l}`));
  if (f.closest) out.push(`  The closest lines in \`${f.path}\` (${f.closest.startLine}-${f.closest.endLine}, similarity ${f.closest.similarity}):`, ...fenced(f.closest.text).map((l) => `  ${l}`));
  return out;
}
