import path from "node:path";
import { AppError, ErrorCode, isAbortError, throwIfAborted } from "../../../shared/contract/errors.js";
import type { TestCase, TestRunResult } from "../../../shared/contract/verify.js";
import { CodebleuSection } from "../../config/sections/codebleu.js";
import { codeConsensus } from "../../ensemble/codebleu/codeConsensus.js";
import type { CodeGenerator, GeneratedCode, GeneratorRequest } from "./CodeGenerator.js";
import { dualAgreement } from "./dualAgreement.js";
import { rankCandidates, type CandidateScore } from "./rankCandidates.js";
import { ScratchProject, type CandidateFile } from "./ScratchProject.js";

/** A member-generated test file (CodeT): run against every candidate, never against the project, never in the reward. */
export interface GeneratedTest {
  label: string;
  /** File name for the test (e.g. `test_mul.py`, `mul.test.ts`); placed under `cc_generated_tests/`. */
  name: string;
  content: string;
}

export interface LocalGeneratorOptions {
  /** The ensemble in code mode: one answer text per member. */
  candidates(prompt: string, signal: AbortSignal): Promise<Array<{ label: string; text: string }>>;
  /** Parse an answer into whole files for this project (content null: delete). Empty when it holds no edits. */
  toFiles(text: string, project: string): Promise<CandidateFile[]> | CandidateFile[];
  /** The project's own tests in `dir` (a scratch copy), in the sandbox: the only tests that rank by pass count. */
  runTests(dir: string, signal: AbortSignal): Promise<TestRunResult>;
  /** Member-generated tests for the prompt. Omit to rank by project tests and CodeBLEU only. */
  generatedTests?(prompt: string, signal: AbortSignal): Promise<GeneratedTest[]>;
  /** Run only the given generated test files (paths relative to `dir`) in `dir`; per-test results. */
  runGeneratedTests?(dir: string, files: string[], signal: AbortSignal): Promise<TestCase[]>;
  /** CodeBLEU settings (config `codebleu`). Defaults to the config defaults. */
  codebleu?: { weights: readonly [number, number, number, number]; normalize: boolean; stripComments: boolean; stripDocstrings: boolean };
}

/** Folder of the scratch copy that holds generated tests, apart from the project's own tests. */
const GENERATED_DIR = "cc_generated_tests";

interface Evaluated {
  label: string;
  text: string;
  files: CandidateFile[];
  score: CandidateScore;
  /** Generated test ids (file::suite::name) this candidate passed, and all its generated run reported. */
  passes: Set<string>;
  seen: Set<string>;
}

/**
 * Full auto: ensemble members write the code. With several candidates, select by execution: each candidate in its
 * own scratch copy against the project's tests (the reward's tests), then member-generated tests kept apart for
 * CodeT dual agreement, then the CodeBLEU medoid; the best one's answer text is returned with the ranking.
 */
export class LocalGenerator implements CodeGenerator {
  readonly kind = "local" as const;
  private readonly disposer = new AbortController();

  constructor(private readonly options: LocalGeneratorOptions) {
    if (!!options.generatedTests !== !!options.runGeneratedTests) throw new AppError(ErrorCode.InvalidInput, "generatedTests and runGeneratedTests go together");
  }

  async next(req: GeneratorRequest): Promise<GeneratedCode> {
    if (this.disposer.signal.aborted) throw new AppError(ErrorCode.Unavailable, "The local generator was disposed");
    const signal = AbortSignal.any([req.signal, this.disposer.signal]);
    throwIfAborted(signal);
    req.onWaiting({ watch: "n/a", hint: "local models are writing the code" });
    const answers = (await this.options.candidates(req.prompt, signal)).filter((a) => a.text.trim());
    if (!answers.length) return { kind: "failed", source: "local", reason: "No local model produced an answer" };
    const parsed = await Promise.all(answers.map(async (a) => ({ ...a, files: await this.filesOf(a.text, req) })));
    const usable = parsed.filter((p) => p.files.length);
    if (!usable.length) return { kind: "failed", source: "local", reason: `None of the ${answers.length} answer(s) holds a file edit for this project` };
    // One usable candidate: nothing to select; the loop tests it anyway.
    if (usable.length === 1) return { kind: "answer", source: "local", text: usable[0]!.text };
    const tests = this.options.generatedTests ? await this.options.generatedTests(req.prompt, signal) : [];
    const evaluated: Evaluated[] = [];
    for (const [i, p] of parsed.entries()) {
      req.onWaiting({ watch: "n/a", hint: `testing candidate ${i + 1} of ${parsed.length} (${p.label}) in a scratch copy` });
      evaluated.push(await this.evaluate(p, tests, req, signal));
    }
    // Every generated test case any candidate's run reported (a collection error replaces a file's cases).
    const total = new Set(evaluated.flatMap((e) => [...e.seen])).size;
    const agreement = dualAgreement(evaluated.map((e) => e.passes), total);
    const codebleu = await this.codebleuScores(evaluated, signal, req);
    evaluated.forEach((e, i) => Object.assign(e.score, { agreement: agreement[i]!, codebleu: codebleu[i]! }));
    const ranking = rankCandidates(evaluated.map((e) => e.score));
    const chosen = evaluated.find((e) => e.label === ranking[0]!.label)!;
    req.log("info", `local: chose ${chosen.label} (${ranking.map((r) => `${r.label} ${r.passed}✓ ${r.failed}✗ agreement ${r.agreement}`).join("; ")})`);
    return { kind: "answer", source: "local", text: chosen.text, ranking };
  }

  dispose(): void {
    this.disposer.abort(new AppError(ErrorCode.Cancelled, "The local generator was disposed"));
  }

  private async filesOf(text: string, req: GeneratorRequest): Promise<CandidateFile[]> {
    try {
      return await this.options.toFiles(text, req.project);
    } catch (e) {
      req.log("warn", `local: an answer could not be parsed: ${(e as Error).message}`);
      return [];
    }
  }

  /** Project tests first (the reward's), generated tests after, in the same scratch copy. */
  private async evaluate(p: { label: string; text: string; files: CandidateFile[] }, tests: GeneratedTest[], req: GeneratorRequest, signal: AbortSignal): Promise<Evaluated> {
    const out: Evaluated = { ...p, score: { label: p.label, hasFiles: p.files.length > 0, passed: 0, failed: 0, agreement: 0, codebleu: null }, passes: new Set(), seen: new Set() };
    if (!p.files.length) return out;
    const scratch = await ScratchProject.create(req.project, signal);
    try {
      scratch.write(p.files);
      const run = await this.options.runTests(scratch.dir, signal);
      out.score.passed = run.summary.passed;
      out.score.failed = run.summary.failed + run.summary.errors;
      req.log("info", `local: ${p.label}: ${out.score.passed} passed, ${out.score.failed} failed (${run.runner})`);
      if (tests.length && this.options.runGeneratedTests) {
        const names = uniqueNames(tests.map((t) => t.name));
        scratch.write(tests.map((t, i) => ({ path: `${GENERATED_DIR}/${names[i]}`, content: t.content })));
        const cases = await this.options.runGeneratedTests(scratch.dir, names.map((n) => `${GENERATED_DIR}/${n}`), signal);
        for (const c of cases) {
          const id = `${c.file ?? ""}::${c.suite ?? ""}::${c.name}`;
          out.seen.add(id);
          if (c.status === "passed") out.passes.add(id);
        }
      }
    } catch (e) {
      if (isAbortError(e) || signal.aborted) throw e;
      req.log("warn", `local: ${p.label} could not be tested: ${(e as Error).message}`);
    } finally {
      scratch.dispose();
    }
    return out;
  }

  /** Each candidate's mean CodeBLEU against the others (null without files or with fewer than two). */
  private async codebleuScores(evaluated: Evaluated[], signal: AbortSignal, req: GeneratorRequest): Promise<Array<number | null>> {
    const withFiles = evaluated.map((e, i) => ({ e, i })).filter(({ e }) => e.files.length);
    const out: Array<number | null> = evaluated.map(() => null);
    if (withFiles.length < 2) return out;
    const code = (files: CandidateFile[]): string => [...files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => f.content ?? "").join("\n");
    const ext = path.extname(withFiles[0]!.e.files[0]!.path).slice(1);
    try {
      const c = await codeConsensus(withFiles.map(({ e }) => ({ label: e.label, code: code(e.files) })), { ...(this.options.codebleu ?? CodebleuSection.parse({})), language: ext, signal });
      withFiles.forEach(({ i }, k) => (out[i] = c.meanScores[k]!));
    } catch (e) {
      if (isAbortError(e)) throw e;
      req.log("warn", `local: CodeBLEU not computed: ${(e as Error).message}`);
    }
    return out;
  }
}

/** Keep names unique in one folder: `test_a.py`, `test_a_2.py` (suffix before the first dot, so runner patterns still match). */
function uniqueNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw) => {
    const base = path.basename(raw.replace(/\\/g, "/")) || "test_generated.py";
    let name = base;
    for (let n = 2; used.has(name); n++) {
      const dot = base.indexOf(".", 1);
      name = dot === -1 ? `${base}_${n}` : `${base.slice(0, dot)}_${n}${base.slice(dot)}`;
    }
    used.add(name);
    return name;
  });
}
