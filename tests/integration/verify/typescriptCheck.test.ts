import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { VerifySection } from "../../../src/engine/config/sections/verify.js";
import { probeSandbox } from "../../../src/engine/verify/sandbox/probeSandbox.js";
import { validateFiles } from "../../../src/engine/verify/validate/validateFiles.js";
import { REPO_ROOT, tempDir, writeTree } from "../../support/verify/fixtureProjects.js";

describe("tsc --noEmit on candidates, in the sandbox, over a scratch copy", () => {
  const root = tempDir("cc-tsc-");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("reports type errors in candidate files only and leaves the project untouched", async () => {
    const project = path.join(root, "p");
    writeTree(project, {
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "ESNext", moduleResolution: "Bundler", types: [] }, include: ["src"] }),
      "src/lib.ts": "export const twice = (n: number): number => n * 2;\n",
      "src/legacy.ts": "export const broken: number = 'pre-existing';\n",
    });
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(project, "node_modules"));
    const before = fs.readdirSync(path.join(project, "src")).sort();
    const probe = await probeSandbox("bwrap");
    const findings = await validateFiles({
      files: [
        { path: "src/lib.ts", content: "export const twice = (n: number): number => n * 2;\nexport const bad: string = twice(2);\n" },
        { path: "src/fresh/use.ts", content: "import { twice } from '../lib';\nexport const y: number = twice('x');\n" },
      ],
      config: VerifySection.parse({}),
      project,
      sandbox: { probe, limits: { timeoutSec: 60, memoryMiB: 2048, maxProcesses: 256, outputCapKiB: 256, maxFileMiB: 64, tmpMiB: 64 } },
    });
    expect(findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}`)).toEqual([
      "src/fresh/use.ts:2 error checker/tsc-TS2345",
      "src/lib.ts:0 info checker/tsc-elsewhere",
      "src/lib.ts:2 error checker/tsc-TS2322",
    ]);
    expect(findings[1]!.message).toBe("1 type error(s) in other files of the project");
    expect(fs.readdirSync(path.join(project, "src")).sort()).toEqual(before);
    expect(fs.readFileSync(path.join(project, "src/lib.ts"), "utf8")).not.toContain("bad");
  });
});
