import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCargoOutput } from "./parseCargoOutput.js";
import { parseGoTestJson } from "./parseGoTestJson.js";
import { parseJestJson } from "./parseJestJson.js";
import { parseJUnitXml } from "./parseJUnitXml.js";

const REPORTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../tests/fixtures/verify/reports");
const read = (f: string): string => fs.readFileSync(path.join(REPORTS, f), "utf8");
const brief = (cases: Array<{ name: string; status: string; file?: string; line?: number }>) => cases.map((c) => [c.name, c.status, c.file, c.line]);

describe("runner report parsers (recorded outputs)", () => {
  it("pytest JUnit XML: pass, fail (entities decoded), skip, setup error, class tests; pytest's 0-based lines made 1-based", () => {
    const cases = parseJUnitXml(read("pytest-junit.xml"));
    expect(brief(cases)).toEqual([
      ["test_pass", "passed", "tests/test_mix.py", 4],
      ["test_fail", "failed", "tests/test_mix.py", 8],
      ["test_skip", "skipped", "tests/test_mix.py", 12],
      ["test_error", "error", "tests/test_mix.py", 22],
      ["test_in_class", "passed", "tests/test_mix.py", 27],
    ]);
    expect(cases[1]!.message).toContain("AssertionError: compare <markup> & entities");
    expect(cases[1]!.message).toContain('>       assert "a<b>" == "a&b"');
    expect(cases[3]!.message).toContain('failed on setup with "RuntimeError: fixture exploded"');
    expect(cases[4]!.suite).toBe("tests.test_mix.TestGroup");
  });

  it("JUnit XML from other producers keeps its (1-based) line numbers", () => {
    expect(parseJUnitXml(`<testsuite name="jest tests"><testcase name="x" file="a.test.js" line="5"/></testsuite>`)[0]!.line).toBe(5);
  });

  it("JUnit XML with CDATA and self-closing results", () => {
    const xml = `<testsuite><testcase name="a" classname="S" time="0.5"><failure><![CDATA[x < y & z]]></failure></testcase><testcase name="b"><skipped/></testcase></testsuite>`;
    expect(parseJUnitXml(xml)).toEqual([
      { name: "a", suite: "S", status: "failed", durationMs: 500, message: "x < y & z" },
      { name: "b", status: "skipped" },
    ]);
  });

  it("vitest JSON: per-test results, a file that failed to import, file:line from the stack", () => {
    const cases = parseJestJson(read("vitest.json"), "/tmp/rec/vt");
    expect(brief(cases)).toEqual([
      ["test/broken.test.ts", "error", "test/broken.test.ts", undefined],
      ["math adds", "passed", "test/mix.test.ts", undefined],
      ["math fails", "failed", "test/mix.test.ts", 8],
      ["math skipped", "skipped", "test/mix.test.ts", undefined],
      ["math later", "skipped", "test/mix.test.ts", undefined],
    ]);
    expect(cases[0]!.message).toBe("import-time boom");
    expect(cases[2]!.message).toMatch(/^AssertionError: expected 4 to be 5/);
  });

  it("jest JSON: nested suites, pending/todo, ANSI stripped, suite that failed to run", () => {
    const cases = parseJestJson(read("jest.json"), "/home/dev/shop");
    expect(brief(cases)).toEqual([
      ["cart totals sums items", "passed", "src/cart.test.js", 4],
      ["cart totals applies discounts", "failed", "src/cart.test.js", 8],
      ["cart handles currency", "skipped", "src/cart.test.js", 13],
      ["cart taxes", "skipped", "src/cart.test.js", 16],
      ["top level works", "passed", "src/cart.test.js", undefined],
      ["src/api.test.js", "error", "src/api.test.js", undefined],
    ]);
    expect(cases[1]!.suite).toBe("cart > totals");
    expect(cases[1]!.message).toContain("Expected: 90\nReceived: 100");
    expect(cases[1]!.message).not.toContain("\u001b[");
    expect(cases[5]!.message).toContain("Cannot find module './missing'");
  });

  it("go test -json: pass, fail with file:line, skip, and a package that failed to build", () => {
    const cases = parseGoTestJson(read("go-test.jsonl"));
    expect(brief(cases)).toEqual([
      ["TestAdd", "passed", undefined, undefined],
      ["TestMul", "failed", "calc_test.go", 14],
      ["TestSlow", "skipped", "calc_test.go", 20],
      ["example.com/broken (build)", "error", undefined, undefined],
    ]);
    expect(cases[1]!.message).toContain("Mul(3, 4) = 7, want 12");
    expect(cases[3]!.message).toContain("undefined: missingFn");
  });

  it("cargo test output: ok, FAILED with panic location, ignored; compile errors", () => {
    const cases = parseCargoOutput(read("cargo-test.txt"));
    expect(brief(cases)).toEqual([
      ["tests::adds", "passed", undefined, undefined],
      ["tests::ignored", "skipped", undefined, undefined],
      ["tests::fails", "failed", "src/lib.rs", 9],
    ]);
    expect(cases[2]!.message).toContain("math is hard");
    const broken = parseCargoOutput("   Compiling x v0.1.0\nerror[E0425]: cannot find function `nope` in this scope\n --> src/lib.rs:1:13\n\nerror: could not compile `x`\n");
    expect(broken).toEqual([{ name: "(compile)", status: "error", message: "error[E0425]: cannot find function `nope` in this scope\n --> src/lib.rs:1:13" }]);
  });
});

describe("message trimming", () => {
  it("drops runner-internal stack frames from jest/vitest failure messages", () => {
    const cases = parseJestJson(read("vitest.json"), "/tmp/rec/vt");
    expect(cases[2]!.message).toBe("AssertionError: expected 4 to be 5 // Object.is equality\n    at /tmp/rec/vt/test/mix.test.ts:8:19");
  });
});
