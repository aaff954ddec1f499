import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeSandbox } from "../../../src/engine/verify/sandbox/probeSandbox.js";
import { runSandboxed } from "../../../src/engine/verify/sandbox/runSandboxed.js";
import { tempDir, writeTree } from "../../support/verify/fixtureProjects.js";

describe("scratch-copy mode", () => {
  const root = tempDir("cc-scratch-test-");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("runs in a throw-away copy: writes vanish, dependencies are shared read-only, .git is not copied", async () => {
    const project = path.join(root, "p");
    writeTree(project, { "app.py": "X = 1\n", "node_modules/dep/index.js": "module.exports = 1;\n", ".git/HEAD": "ref\n" });
    const probe = await probeSandbox("bwrap");
    const r = await runSandboxed({
      project,
      command: "echo changed > app.py && cat app.py && (echo x > node_modules/dep/index.js || echo DEPS-RO) && cat node_modules/dep/index.js && touch new.txt && ls -a",
      probe,
      unsandboxed: false,
      scratchCopy: true,
      limits: { timeoutSec: 10, memoryMiB: 256, maxProcesses: 64, outputCapKiB: 64, maxFileMiB: 16, tmpMiB: 64 },
    });
    expect(r.exitCode).toBe(0);
    expect(r.output.text).toContain("changed");
    expect(r.output.text).toContain("DEPS-RO");
    expect(r.output.text).toContain("module.exports = 1;");
    expect(r.sandbox.notes.join(" ")).toContain("scratch copy");
    expect(fs.readFileSync(path.join(project, "app.py"), "utf8")).toBe("X = 1\n");
    expect(fs.existsSync(path.join(project, "new.txt"))).toBe(false);
    expect(fs.readdirSync(root)).toEqual(["p"]);
  });
});
