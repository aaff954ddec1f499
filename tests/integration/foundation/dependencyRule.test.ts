import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..", "..", "..");

describe("dependency rule: ESLint", () => {
  const eslint = new ESLint({ cwd: root });
  async function restricted(filePath: string, code: string): Promise<string[]> {
    const [r] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
    return r!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
  }

  it("fails when an engine file imports electron or a shell", async () => {
    expect(await restricted("src/engine/__fixture__.ts", 'import { app } from "electron";\nvoid app;\n')).toHaveLength(1);
    expect(await restricted("src/engine/__fixture__.ts", 'import { x } from "../server/x.js";\nvoid x;\n')).toHaveLength(1);
    expect(await restricted("src/engine/__fixture__.ts", 'import fs from "node:fs";\nvoid fs;\n')).toHaveLength(0);
  });

  it("fails when the renderer imports engine code or Node built-ins", async () => {
    expect(await restricted("src/renderer/src/__fixture__.ts", 'import { createEngine } from "../../engine/index.js";\nvoid createEngine;\n')).toHaveLength(1);
    expect(await restricted("src/renderer/src/__fixture__.ts", 'import fs from "node:fs";\nvoid fs;\n')).toHaveLength(1);
    expect(await restricted("src/renderer/src/__fixture__.ts", 'import { methods } from "../../shared/contract/methods.js";\nvoid methods;\n')).toHaveLength(0);
  });

  it("keeps src/shared free of Node and of other areas", async () => {
    expect(await restricted("src/shared/__fixture__.ts", 'import path from "path";\nvoid path;\n')).toHaveLength(1);
    expect(await restricted("src/shared/__fixture__.ts", 'import { z } from "zod";\nvoid z;\n')).toHaveLength(0);
  });
});

describe("dependency rule: dependency-cruiser on a fixture tree", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-depcruise-"));
    const w = (rel: string, text: string): void => {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    };
    for (const f of ["tsconfig.base.json", "tsconfig.node.json", ".dependency-cruiser.cjs", "package.json"]) fs.copyFileSync(path.join(root, f), path.join(dir, f));
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
    w("src/engine/leak.ts", 'import { app } from "electron";\nexport const x = app;\n');
    w("src/engine/a.ts", 'import { b } from "./b.js";\nexport const a = (): number => b() + 1;\n');
    w("src/engine/b.ts", 'import { a } from "./a.js";\nexport const b = (): number => (a ? 1 : 0);\n');
    w("src/renderer/src/view.ts", 'import { a } from "../../engine/a.js";\nexport const v = a;\n');
    w("src/shared/ok.ts", "export const ok = 1;\n");
    w("src/server/headers.ts", "export const csp = 'x';\n");
    w("src/main/window.ts", 'import { csp } from "../server/headers.js";\nexport const w = csp;\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reports an engine→electron import, a renderer→engine import, a main→server import and a cycle", () => {
    const r = spawnSync(process.execPath, [path.join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs"), "src", "--config", ".dependency-cruiser.cjs"], { cwd: dir, encoding: "utf8" });
    const out = `${r.stdout}${r.stderr}`;
    expect(r.status).not.toBe(0);
    expect(out).toMatch(/electron-only-in-electron-shell: src\/engine\/leak\.ts/);
    expect(out).toMatch(/renderer-only-contract: src\/renderer\/src\/view\.ts/);
    expect(out).toMatch(/no-circular/);
    expect(out).toMatch(/main-not-web-or-cli: src\/main\/window\.ts/);
  });

  it("passes on the real source tree", () => {
    expect(() => execFileSync(process.execPath, [path.join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs"), "src", "--config", ".dependency-cruiser.cjs"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });
});
