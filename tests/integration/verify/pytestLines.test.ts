import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseJUnitXml } from "../../../src/engine/verify/testing/parseJUnitXml.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pytest-lines-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("pytest line numbers (real pytest)", () => {
  it("point at the line of the test function, not the one above", () => {
    fs.writeFileSync(path.join(dir, "test_calc.py"), "import math\n\ndef test_add():\n    assert 1 + 1 == 2\n\n\ndef test_fails():\n    assert math.floor(1.5) == 2\n");
    try {
      execFileSync("python3", ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "junit_family=xunit1", "--junitxml=report.xml"], { cwd: dir, stdio: "ignore" });
    } catch {
      // One test fails on purpose; pytest exits 1. (xunit1, as detectRunner asks, is the family that writes file and line.)
    }
    const cases = parseJUnitXml(fs.readFileSync(path.join(dir, "report.xml"), "utf8"));
    expect(cases.map((c) => [c.name, c.status, c.line])).toEqual([
      ["test_add", "passed", 3],
      ["test_fails", "failed", 7],
    ]);
  });
});
