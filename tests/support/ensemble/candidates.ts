import type { TaskAnalysis } from "../../../src/shared/contract/ensemble.js";

/** One Python function of about ten lines; `k` varies names and constants so candidates differ like real answers. */
function fn(i: number, k: number): string[] {
  const v = ["total", "acc", "result", "sum_", "agg", "out"][k % 6]!;
  const it = ["item", "x", "value", "entry", "el", "row"][k % 6]!;
  return [
    `def step_${i}(items, limit=${10 + ((i * k) % 7)}):`,
    `    """Process batch ${i}."""`,
    `    ${v} = 0`,
    `    for ${it} in items:`,
    `        if ${it} > limit:`,
    `            ${v} += ${it} * ${1 + (i % 3)}`,
    `        else:`,
    `            ${v} -= ${it}`,
    `    return ${v}`,
    "",
  ];
}

/**
 * Six ~`lines`-line Python candidates: the same twenty functions with renamed variables, a few reordered
 * (candidate k rotates its functions by k) and different constants — what six models asked for the same code return.
 */
export function sixCandidates(lines = 200): Array<{ label: string; code: string }> {
  const n = Math.ceil(lines / 10);
  return Array.from({ length: 6 }, (_, k) => {
    const order = Array.from({ length: n }, (_, i) => (i + k) % n);
    const body = order.flatMap((i) => fn(i, k)).slice(0, lines);
    return { label: `cand${k + 1}`, code: body.join("\n") };
  });
}

/** Six analyses that partly agree (approach wording, a shared requirement, varying extras). */
export function sixAnalyses(): TaskAnalysis[] {
  return Array.from({ length: 6 }, (_, k) => ({
    approach: k % 3 === 0 ? "Add a token bucket rate limiter middleware" : k % 3 === 1 ? "add a token-bucket rate limiter middleware" : "Use a sliding window counter in Redis",
    requirements: ["limit requests per client", k % 2 ? "return 429 with Retry-After" : "return 429 when exceeded", `config option ${k}`],
    files: [{ path: "src/rateLimit.ts", purpose: "middleware" }, ...(k % 2 ? [{ path: "src/config.ts", purpose: "limits" }] : [])],
    dependencies: k === 5 ? ["ioredis"] : [],
    constraints: ["no external services"],
    risks: ["clients behind one proxy share a limit", ...(k > 3 ? ["clock skew"] : [])],
    complexity: k % 2 ? 2 : 3,
    test_plan: ["unit test refill and rejection", `integration test ${k}`],
  }));
}
