import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { detectRunner } from "./detectRunner.js";

describe("detectRunner", () => {
  const dirs: string[] = [];
  const project = (files: Record<string, string>): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "cc-detect-"));
    dirs.push(d);
    for (const [f, c] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
      fs.writeFileSync(path.join(d, f), c);
    }
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it("recognises each stack from its files", () => {
    expect(detectRunner(project({ "package.json": '{"devDependencies":{"vitest":"^4"}}' }))?.runner).toBe("vitest");
    expect(detectRunner(project({ "package.json": '{"scripts":{"test":"jest --ci"}}' }))?.runner).toBe("jest");
    expect(detectRunner(project({ "pyproject.toml": "[tool.pytest.ini_options]\n" }))?.runner).toBe("pytest");
    expect(detectRunner(project({ "pkg/sub/test_x.py": "" }))?.runner).toBe("pytest");
    expect(detectRunner(project({ "go.mod": "module x\n" }))?.runner).toBe("go");
    expect(detectRunner(project({ "Cargo.toml": "[package]\n" }))?.runner).toBe("cargo");
    expect(detectRunner(project({ "package.json": '{"scripts":{"test":"node test.js"}}' }))).toMatchObject({ runner: "npm", report: null });
    expect(detectRunner(project({ "package.json": '{"scripts":{"test":"echo \\"Error: no test specified\\" && exit 1"}}' }))).toBeNull();
    expect(detectRunner(project({ "README.md": "" }))).toBeNull();
  });

  it("prefers an explicit command, then a forced runner; uses a project virtualenv for pytest", () => {
    const d = project({ "package.json": '{"devDependencies":{"vitest":"1"}}', ".venv/bin/python": "", "test_a.py": "" });
    expect(detectRunner(d, { command: "make check" })).toMatchObject({ runner: "custom", command: "make check", report: null });
    const py = detectRunner(d, { runner: "pytest" });
    expect(py?.command).toContain(`${d}/.venv/bin/python -m pytest`);
    expect(py?.report).toEqual({ file: "junit.xml", format: "junit" });
  });
});
