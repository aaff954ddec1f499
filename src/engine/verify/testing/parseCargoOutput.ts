import type { TestCase } from "../../../shared/contract/verify.js";

/**
 * `cargo test` (libtest's human format) → test cases: `test a::b ... ok|FAILED|ignored` lines, failure output from
 * the `---- a::b stdout ----` sections (file:line from the panic location), compile errors as one `error` case.
 */
export function parseCargoOutput(text: string): TestCase[] {
  const cases = new Map<string, TestCase>();
  for (const m of text.matchAll(/^test (\S+) \.\.\. (ok|FAILED|ignored)(?:, .*)?$/gm)) {
    const status = m[2] === "ok" ? "passed" : m[2] === "FAILED" ? "failed" : "skipped";
    cases.set(m[1]!, { name: m[1]!, status });
  }
  for (const m of text.matchAll(/^---- (\S+) stdout ----\n([\s\S]*?)(?=^---- \S+ stdout ----|^failures:|^test result:|(?![\s\S]))/gm)) {
    const c = cases.get(m[1]!);
    if (!c) continue;
    c.message = m[2]!.trim().slice(0, 4000);
    const loc = /panicked at ([\w./-]+\.rs):(\d+):\d+/.exec(m[2]!);
    if (loc) Object.assign(c, { file: loc[1]!, line: Number(loc[2]) });
  }
  if (!cases.size && /^error(\[E\d+\])?:/m.test(text)) {
    const first = /^error(\[E\d+\])?:[\s\S]*?(?=\n\n|(?![\s\S]))/m.exec(text)?.[0] ?? "compilation failed";
    return [{ name: "(compile)", status: "error", message: first.slice(0, 4000) }];
  }
  return [...cases.values()];
}
