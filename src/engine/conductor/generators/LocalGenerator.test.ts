import fs from "node:fs";
import os from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPythonProject, tempDir } from "../../../../tests/support/verify/fixtureProjects.js";
import { parseAnswer } from "../../verify/answer/parseAnswer.js";
import { probeSandbox, type SandboxProbe } from "../../verify/sandbox/probeSandbox.js";
import type { GeneratorRequest } from "./CodeGenerator.js";
import { createSandboxTestRunners } from "./createSandboxTestRunners.js";
import { LocalGenerator, type GeneratedTest, type LocalGeneratorOptions } from "./LocalGenerator.js";

// A tiny pytest project (calc/ops.py: `mul` is wrong; tests/test_ops.py: test_add passes, test_mul fails), real
// pytest in the real bubblewrap sandbox, scripted member answers in place of the ensemble.
let project: string;
let probe: SandboxProbe;
const limits = { timeoutSec: 60, memoryMiB: 512, maxProcesses: 64, outputCapKiB: 256, maxFileMiB: 16, tmpMiB: 256 };

const ops = (mul: string): string => `def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return ${mul}\n`;
const answer = (mul: string, note = ""): string => `${note}\n\n\`\`\`python calc/ops.py\n${ops(mul)}\`\`\`\n`;
const RIGHT = answer("a * b", "Multiply.");
const WRONG = answer("a + b + 0", "Add instead.");
const PROSE = "I would multiply the numbers, but I will not show code.";

// Generated tests that a wrong candidate satisfies better than the right one (two of three are bogus).
const BIASED: GeneratedTest[] = [
  { label: "m1", name: "test_gen.py", content: "from calc.ops import mul\n\n\ndef test_two():\n    assert mul(2, 2) == 4\n" },
  { label: "m2", name: "test_gen.py", content: "from calc.ops import mul\n\n\ndef test_bogus_a():\n    assert mul(3, 4) == 7\n\n\ndef test_bogus_b():\n    assert mul(1, 5) == 6\n" },
];

function request(): GeneratorRequest {
  return { iteration: 1, prompt: "make mul multiply", project, signal: new AbortController().signal, onWaiting: () => {}, onIgnored: () => {}, log: () => {} };
}

function generator(candidates: Array<{ label: string; text: string }>, extra: Partial<LocalGeneratorOptions> = {}): LocalGenerator {
  const runners = createSandboxTestRunners({ probe, limits });
  return new LocalGenerator({
    candidates: async () => candidates,
    toFiles: (text) => parseAnswer(text).files.filter((f) => f.kind === "write").map((f) => ({ path: f.path, content: f.content! })),
    runTests: runners.runTests,
    ...extra,
  });
}

function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(`${project}/${rel}`, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else out[r] = fs.readFileSync(`${project}/${r}`, "utf8");
    }
  };
  walk("");
  return out;
}

beforeAll(async () => {
  probe = await probeSandbox("bwrap");
  if (!probe.available) throw new Error(`bubblewrap must work for these tests: ${probe.detail}`);
  project = tempDir("cc-local-");
  createPythonProject(project);
});
afterAll(() => fs.rmSync(project, { recursive: true, force: true }));

describe("LocalGenerator", () => {
  it("chooses the candidate that passes the project's tests, returns its answer and the ranking, and leaves the project untouched", async () => {
    const before = snapshot();
    const out = await generator([
      { label: "wrong", text: WRONG },
      { label: "prose", text: PROSE },
      { label: "right", text: RIGHT },
    ]).next(request());
    expect(out).toMatchObject({ kind: "answer", source: "local", text: RIGHT });
    if (out.kind !== "answer") return;
    expect(out.ranking!.map((r) => [r.label, r.passed, r.failed, r.chosen])).toEqual([
      ["right", 2, 0, true],
      ["wrong", 1, 1, false],
      ["prose", 0, 0, false],
    ]);
    expect(out.ranking![0]!.codebleu).not.toBeNull();
    expect(out.ranking![2]!.codebleu).toBeNull();
    expect(snapshot()).toEqual(before);
  });

  it("generated tests shape agreement only: they never change pass counts, and never outrank the project's tests", async () => {
    const runners = createSandboxTestRunners({ probe, limits });
    const candidates = [
      { label: "wrong", text: WRONG },
      { label: "right", text: RIGHT },
    ];
    const plain = await generator(candidates).next(request());
    const withGenerated = await generator(candidates, { generatedTests: async () => BIASED, runGeneratedTests: runners.runGeneratedTests }).next(request());
    if (plain.kind !== "answer" || withGenerated.kind !== "answer") throw new Error("expected answers");
    const counts = (r: typeof plain.ranking): unknown => r!.map((c) => [c.label, c.passed, c.failed]).sort();
    expect(counts(withGenerated.ranking)).toEqual(counts(plain.ranking));
    expect(withGenerated.text).toBe(RIGHT);
    const agreement = Object.fromEntries(withGenerated.ranking!.map((c) => [c.label, c.agreement]));
    // 3 generated tests; wrong passes all 3 alone (3/3 × 1/2), right passes test_two only (1/3 × 1/2).
    expect(agreement).toEqual({ wrong: 0.5, right: 0.1667 });
    expect(plain.ranking!.every((c) => c.agreement === 0)).toBe(true);
    expect(fs.existsSync(`${project}/cc_generated_tests`)).toBe(false);
  });

  it("breaks a tie on project tests by dual agreement", async () => {
    const runners = createSandboxTestRunners({ probe, limits });
    const slow = answer("sum(a for _ in range(b))", "Loop."); // right for the project's tests, wrong for b < 0 or float b
    const tests: GeneratedTest[] = [{ label: "m1", name: "test_neg.py", content: "from calc.ops import mul\n\n\ndef test_neg():\n    assert mul(3, -2) == -6\n\n\ndef test_float():\n    assert mul(4, 0.5) == 2\n" }];
    const out = await generator([{ label: "loop", text: slow }, { label: "right", text: RIGHT }], { generatedTests: async () => tests, runGeneratedTests: runners.runGeneratedTests }).next(request());
    if (out.kind !== "answer") throw new Error("expected an answer");
    expect(out.ranking!.map((r) => [r.label, r.passed])).toEqual([["right", 2], ["loop", 2]]);
    expect(out.ranking!.map((r) => r.agreement)).toEqual([0.5, 0]);
    expect(out.text).toBe(RIGHT);
  });

  it("fails clearly when no answer holds a file edit, and passes a single usable answer through", async () => {
    const none = await generator([{ label: "a", text: PROSE }, { label: "b", text: "" }]).next(request());
    expect(none).toEqual({ kind: "failed", source: "local", reason: "None of the 1 answer(s) holds a file edit for this project" });
    const one = await generator([{ label: "a", text: PROSE }, { label: "b", text: RIGHT }]).next(request());
    expect(one).toEqual({ kind: "answer", source: "local", text: RIGHT });
  });

  it("abort while candidates are tested rejects with cancelled and removes every scratch copy", async () => {
    const scratchDirs = (): string[] => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("cc-candidate-"));
    const before = new Set(scratchDirs());
    const ac = new AbortController();
    const runners = createSandboxTestRunners({ probe, limits });
    const gen = generator([{ label: "wrong", text: WRONG }, { label: "right", text: RIGHT }], {
      runTests: (dir, signal) => {
        setTimeout(() => ac.abort(), 200); // mid-run: pytest is running in the sandbox
        return runners.runTests(dir, signal);
      },
    });
    await expect(gen.next({ ...request(), signal: ac.signal })).rejects.toMatchObject({ code: "cancelled" });
    expect(scratchDirs().filter((n) => !before.has(n))).toEqual([]);
    gen.dispose();
    gen.dispose();
    await expect(gen.next(request())).rejects.toMatchObject({ code: "unavailable" });
  });
});
