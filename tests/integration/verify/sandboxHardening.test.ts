import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findDependencyLinks } from "../../../src/engine/verify/sandbox/dependencyLinks.js";
import { probeSandbox, type SandboxProbe } from "../../../src/engine/verify/sandbox/probeSandbox.js";
import { PROTECTED_RUN_PATHS } from "../../../src/engine/verify/sandbox/protectedRunPaths.js";
import { runSandboxed, SANDBOX_HOST_UID, type RunSandboxedOptions, type SandboxLimits } from "../../../src/engine/verify/sandbox/runSandboxed.js";
import { REPO_ROOT, tempDir, writeTree } from "../../support/verify/fixtureProjects.js";

// Regression tests for the holes found by the bad-input campaign (issue 12), through the real bubblewrap sandbox.
// CI runs as root, where the worst of them (host kernel settings) applied.

const limits: SandboxLimits = { timeoutSec: 20, memoryMiB: 512, maxProcesses: 64, outputCapKiB: 64, maxFileMiB: 256, tmpMiB: 32 };
const secret = `cc-decoy-${randomBytes(6).toString("hex")}`;
const isRoot = process.getuid?.() === 0;
let probe: SandboxProbe;
let root: string;
let project: string;
let fakeHome: string;

function run(command: string, extra: Partial<RunSandboxedOptions> = {}) {
  return runSandboxed({ project, command, probe, unsandboxed: false, limits, hostHome: fakeHome, ...extra });
}

beforeAll(async () => {
  probe = await probeSandbox("bwrap");
  if (!probe.available) throw new Error(`bubblewrap must work for these tests: ${probe.detail}`);
  root = tempDir("cc-harden-");
  project = path.join(root, "project");
  writeTree(project, { "app.py": "X = 1\n" });
  // The fake home lives under the repository, a place the sandbox would otherwise show read-only.
  fakeHome = fs.mkdtempSync(path.join(REPO_ROOT, "tests/fixtures/verify/.home-"));
  writeTree(fakeHome, { ".ssh/id_ed25519": `${secret}\n` });
});

afterAll(() => {
  for (const d of [fakeHome, root]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("sandbox hardening", () => {
  it("refuses writes to host kernel settings (/proc/sys) and sysrq, as root too", async () => {
    const script = [
      "for p in /proc/sys/kernel/core_pattern /proc/sys/kernel/hostname /proc/sys/vm/drop_caches /proc/sysrq-trigger; do",
      '  if [ -e "$p" ]; then (printf "" > "$p") 2>/dev/null && echo "WROTE $p" || echo "REFUSED $p"; fi',
      "done",
      "grep ' /proc/sys ' /proc/self/mountinfo | grep -q ' ro,' && echo PROC-SYS-RO",
    ].join("\n");
    const r = await run(script);
    expect(r.output.text).not.toContain("WROTE");
    expect(r.output.text).toContain("REFUSED /proc/sys/kernel/core_pattern");
    expect(r.output.text).toContain("PROC-SYS-RO");
  });

  it("runs the tests as a real unprivileged host uid: files it writes belong to that uid on the host", async () => {
    let owner = -1;
    const r = await run('echo x > /tmp/cc-report/owner.txt; id -u; cat /proc/self/uid_map', {
      collect: (tmp) => {
        owner = fs.statSync(path.join(tmp, "cc-report/owner.txt")).uid;
      },
    });
    // The host sees the writer's uid: root must never be root on the host.
    expect(owner).toBe(isRoot ? SANDBOX_HOST_UID : process.getuid!());
    expect(owner).not.toBe(0);
    expect(r.output.text).toMatch(/^65534$/m);
    if (isRoot) expect(r.sandbox.notes.join("\n")).toMatch(/not as root/);
  });

  it("caps the private /tmp at sandbox.tmpMiB (a 100 MiB write fails with no space)", async () => {
    const r = await run("dd if=/dev/zero of=/tmp/big bs=1M count=100 2>&1; ls -l /tmp/big | awk '{print \"SIZE\", $5}'");
    expect(r.output.text).toMatch(/No space left on device/);
    const size = Number(/SIZE (\d+)/.exec(r.output.text)?.[1]);
    expect(size).toBeLessThanOrEqual(limits.tmpMiB * 1024 * 1024);
  });

  it("a dependency symlink planted by one run does not expose its target to the next run (two-step)", async () => {
    // Step 1, as a test running as the user would: plant links (as root the run works in a scratch copy, so the
    // planting is done from the host side to model the non-root case).
    const trustedBefore = findDependencyLinks(project, [fakeHome]);
    expect(trustedBefore).toEqual([]);
    const step1 = await run(`ln -s ${JSON.stringify(path.join(fakeHome, ".ssh"))} node_modules; ln -s / rootfs; echo planted`);
    expect(step1.output.text).toContain("planted");
    if (!fs.existsSync(path.join(project, "node_modules"))) {
      fs.symlinkSync(path.join(fakeHome, ".ssh"), path.join(project, "node_modules"));
      fs.symlinkSync("/", path.join(project, "rootfs"));
    }
    try {
      // Step 2: the next run, given the links trusted before any test ran, cannot read the key; /dev still works.
      const step2 = await run("cat node_modules/id_ed25519 2>&1 || echo NO-KEY; echo ok > /dev/null && echo DEV-OK", { dependencyLinks: trustedBefore });
      expect(step2.output.text).not.toContain(secret);
      expect(step2.output.text).toContain("NO-KEY");
      expect(step2.output.text).toContain("DEV-OK");
      expect(step2.sandbox.notes.join("\n")).toMatch(/node_modules is a symlink that was not there before/);
      // Even if the caller trusted the planted link, a link into a home's secrets is never shown.
      const trustedAfter = findDependencyLinks(project, [fakeHome]);
      expect(trustedAfter).toEqual([]);
      const step3 = await run("cat node_modules/id_ed25519 2>&1 || echo NO-KEY", { dependencyLinks: [{ name: "node_modules", target: path.join(fakeHome, ".ssh") }] });
      expect(step3.output.text).not.toContain(secret);
    } finally {
      fs.rmSync(path.join(project, "node_modules"), { force: true });
      fs.rmSync(path.join(project, "rootfs"), { force: true });
    }
  });

  it("shows the target of a dependency link that existed before any test ran (even in the hidden home), read-only", async () => {
    // In a hidden place (the home), so the run sees it only through the trusted link.
    const deps = path.join(fakeHome, "code/shared-deps");
    writeTree(deps, { "pkg/index.js": "module.exports = 42;\n" });
    fs.symlinkSync(deps, path.join(project, "node_modules"));
    try {
      const trusted = findDependencyLinks(project, [fakeHome]);
      expect(trusted).toEqual([{ name: "node_modules", target: deps }]);
      const r = await run("cat node_modules/pkg/index.js; (echo x > node_modules/pkg/evil.js) 2>/dev/null && echo WROTE || echo READ-ONLY", { dependencyLinks: trusted });
      expect(r.output.text).toContain("module.exports = 42");
      expect(r.output.text).toContain("READ-ONLY");
      expect(fs.existsSync(path.join(deps, "pkg/evil.js"))).toBe(false);
    } finally {
      fs.rmSync(path.join(project, "node_modules"), { force: true });
    }
  });

  it("a test run cannot create editor, agent or VCS configs (.mcp.json, .vscode/tasks.json, .claude/, .envrc, .git/hooks …)", async () => {
    const planted = [".mcp.json", ".vscode/tasks.json", ".cursor/mcp.json", ".claude/settings.json", ".codex/config.toml", ".envrc", ".idea/workspace.xml", ".git/hooks/pre-commit"];
    for (const p of planted) expect(PROTECTED_RUN_PATHS).toContain(p.split("/")[0]);
    const script = planted.map((p) => `mkdir -p "$(dirname ${p})" && echo '{"cmd":"pwned"}' > ${p} && echo "WROTE ${p}"`).join("\n");
    const r = await run(script);
    for (const p of planted) expect(fs.existsSync(path.join(project, p)), p).toBe(false);
    for (const top of new Set(planted.map((p) => p.split("/")[0]!))) expect(fs.existsSync(path.join(project, top)), top).toBe(false);
    // In place (non-root) the writes succeed inside the run and are rolled back and reported.
    if (!isRoot) expect(r.sandbox.notes.join("\n")).toMatch(/created protected path/);
  });

  it("keeps existing agent configs read-only during a run", async () => {
    writeTree(project, { ".mcp.json": '{"servers":{}}\n', ".claude/settings.json": "{}\n" });
    try {
      const r = await run("(echo pwned > .mcp.json) 2>/dev/null && echo WROTE-MCP || echo RO-MCP; (echo pwned > .claude/settings.json) 2>/dev/null && echo WROTE-CLAUDE || echo RO-CLAUDE");
      expect(r.output.text).toContain("RO-MCP");
      expect(r.output.text).toContain("RO-CLAUDE");
      expect(fs.readFileSync(path.join(project, ".mcp.json"), "utf8")).toBe('{"servers":{}}\n');
    } finally {
      fs.rmSync(path.join(project, ".mcp.json"), { force: true });
      fs.rmSync(path.join(project, ".claude"), { recursive: true, force: true });
    }
  });
});

describe("rollBackCreated", () => {
  it("removes protected paths that appeared during a run (a planted symlink itself, never its target) and reports them", async () => {
    const { rollBackCreated, splitProtected } = await import("../../../src/engine/verify/sandbox/protectedRunPaths.js");
    const dir = tempDir("cc-rollback-");
    const outside = tempDir("cc-rollback-target-");
    try {
      writeTree(dir, { ".vscode/settings.json": "{}\n", "src/a.py": "x\n" });
      writeTree(outside, { "keep.txt": "keep\n" });
      const { existing, missing } = splitProtected(dir);
      expect(existing).toEqual([path.join(dir, ".vscode")]);
      expect(missing).toContain(".mcp.json");
      writeTree(dir, { ".mcp.json": "{}\n", ".claude/settings.json": "{}\n" });
      fs.symlinkSync(outside, path.join(dir, ".codex"));
      const notes: string[] = [];
      expect(rollBackCreated(dir, missing, notes).sort()).toEqual([".claude", ".codex", ".mcp.json"]);
      expect(notes[0]).toMatch(/created protected path/);
      expect(fs.existsSync(path.join(dir, ".vscode/settings.json"))).toBe(true);
      expect(fs.readFileSync(path.join(outside, "keep.txt"), "utf8")).toBe("keep\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
