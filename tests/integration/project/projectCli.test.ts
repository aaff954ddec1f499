import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../../src/cli/main.js";
import { pytestRepo } from "../../support/project/fixtureRepos.js";
import { tempTree } from "../../support/project/writeTree.js";

const exec = promisify(execFile);
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..", "..");
let project: string;
let dataDir: string;

async function cli(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, [path.join(repo, "bin", "codeconductor.js"), ...args, "--data-dir", dataDir], { cwd: repo, timeout: 200_000, env: { ...process.env, NO_COLOR: "1" } });
}

beforeAll(() => {
  project = tempTree({ ...pytestRepo, ".gitignore": "__pycache__/\n" }, "cc-project-cli-");
  execFileSync("git", ["init", "-q"], { cwd: project });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-project-cli-data-"));
});
afterAll(() => {
  for (const d of [project, dataDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("project commands (CLI)", () => {
  it("analyze --project keeps artifacts/ out of git status through .git/info/exclude (never .gitignore) and says so", async () => {
    const { stdout } = await cli("analyze", "--project", project);
    const exclude = path.join(project, ".git", "info", "exclude");
    expect(stdout).toContain(`Added artifacts/ to ${exclude} (local; your .gitignore is untouched)`);
    expect(fs.readFileSync(exclude, "utf8")).toMatch(/^\/artifacts\/$/m);
    expect(fs.readFileSync(path.join(project, ".gitignore"), "utf8")).toBe("__pycache__/\n");
    expect(execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: project, encoding: "utf8" })).not.toContain("artifacts/");
    // Once is enough: a second analysis adds nothing and says nothing about it.
    const again = await cli("analyze", "--path", project);
    expect(again.stdout).not.toContain("Added artifacts/");
    expect(fs.readFileSync(exclude, "utf8").match(/\/artifacts\//g)).toHaveLength(1);
  }, 240_000);

  it("cursorrules --project writes .mdc rules and AGENTS.md by default, the legacy .cursorrules only on request", async () => {
    const { stdout } = await cli("cursorrules", "--project", project);
    expect(stdout).toContain(`created: ${path.join(project, ".cursor", "rules", "project-core.mdc")}`);
    expect(stdout).toContain(`created: ${path.join(project, "AGENTS.md")}`);
    expect(fs.existsSync(path.join(project, ".cursorrules"))).toBe(false);
    await cli("cursorrules", "--input", project, "--format", "legacy");
    expect(fs.existsSync(path.join(project, ".cursorrules"))).toBe(true);
  }, 240_000);

  it("propose takes --project (and the old --input/--path); help shows only --project", async () => {
    const { stdout } = await cli("propose", "--project", project, "--goal", "Add a subtract function");
    expect(stdout).toContain("Add a subtract function");
    await expect(cli("propose", "--path", project, "--goal", "x")).resolves.toMatchObject({ stdout: expect.stringContaining("Wrote ") });
    // Help, in-process (the same commander program the binary builds).
    const program = buildProgram();
    for (const command of ["analyze", "cursorrules", "propose"]) {
      const help = program.commands.find((c) => c.name() === command)!.helpInformation();
      expect(help).toContain("--project <dir>");
      expect(help).not.toMatch(/--path|--input/);
    }
  }, 240_000);

  it("--verbose logs the engine's work to stderr, readable; without it stderr has no log lines", async () => {
    const verbose = await cli("analyze", "--project", project, "--verbose", "--json");
    expect(verbose.stderr).toMatch(/^\[debug\] run project\.analyze started {2}runId=/m);
    expect(verbose.stderr).toMatch(/^\[info\] Parsed \d+, reused \d+ of \d+ files/m);
    expect(verbose.stderr).toMatch(/^\[debug\] run project\.analyze succeeded in \d+ ms/m);
    const quiet = await cli("analyze", "--project", project, "--json");
    expect(quiet.stderr).not.toMatch(/^\[(debug|info)\]/m);
  }, 240_000);
});
