import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyFixtureProject, PY_CALC } from "../../support/conductor/fixtureProject.js";
import { createVitestProject, tempDir } from "../../support/verify/fixtureProjects.js";
import { canRunDesktop, startDesktop, type Desktop } from "../../support/xvfb.js";

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../bin/codeconductor.js");
let desktop: Desktop;
const quiet = { OLLAMA_DISABLE: "1", LMSTUDIO_DISABLE: "1", DISCOVERY_DISABLE: "1" };

interface Cli {
  child: ChildProcess;
  stderr: () => string;
  stdout: () => string;
  exited: Promise<number | null>;
  waitFor: (re: RegExp, ms?: number) => Promise<void>;
}

const spawned: ChildProcess[] = [];
/** A test that fails or times out must not leave its CLI running (it would hold the clipboard and the CPU). */
function killSpawned(): void {
  for (const c of spawned.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
}

function cli(args: string[], dataDir: string): Cli {
  const child = spawn(process.execPath, [bin, ...args, "--data-dir", dataDir], { env: { ...desktop.env, ...quiet }, stdio: ["ignore", "pipe", "pipe"] });
  spawned.push(child);
  let out = "";
  let err = "";
  child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
  const waitFor = async (re: RegExp, ms = 60_000): Promise<void> => {
    const end = Date.now() + ms;
    while (!re.test(err)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${re}; stderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, stderr: () => err, stdout: () => out, exited, waitFor };
}

/** Put text on the CLIPBOARD selection as another program (Cursor) would. */
function xclip(text: string): void {
  // xclip reads stdin, then forks to serve the selection: no output pipes, or spawnSync would wait for the fork.
  const r = spawnSync("xclip", ["-selection", "clipboard", "-i"], { input: text, env: desktop.env, stdio: ["pipe", "ignore", "ignore"] });
  expect(r.status).toBe(0);
}

/** Descendant pids of a process (from /proc). */
function descendants(pid: number): number[] {
  const kids = new Map<number, number[]>();
  for (const d of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const ppid = Number(fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      kids.set(ppid, [...(kids.get(ppid) ?? []), Number(d)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number): void => {
    for (const k of kids.get(p) ?? []) {
      out.push(k);
      walk(k);
    }
  };
  walk(pid);
  return out;
}

const newDataDir = (): string => fs.mkdtempSync(path.join(os.tmpdir(), "cc-cli-loop-"));

describe.runIf(canRunDesktop())("codeconductor run --generator clipboard (Xvfb, xclip)", () => {
  beforeAll(async () => {
    desktop = await startDesktop();
  }, 30_000);
  afterAll(async () => {
    killSpawned();
    await desktop?.dispose();
  });

  it("takes Cursor's answer from the clipboard, applies it, goes green with reward 1 and exits 0 with the JSON summary", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const dataDir = newDataDir();
    const run = cli(["run", "--prompt", "Make add return the sum of a and b", "--project", project, "--generator", "clipboard", "--auto-approve", "--json"], dataDir);
    await run.waitFor(/waiting: Paste the prompt into Cursor/);
    xclip("unrelated text the user copied meanwhile");
    await run.waitFor(/ignored clipboard content/);
    xclip(PY_CALC.right);
    expect(await run.exited).toBe(0);
    const out = JSON.parse(run.stdout()) as { runId: string; status: string; iterations: number; reward: number; attempts: Array<{ iteration: number; passed: number; failed: number; files: string[] }> };
    expect(out, run.stderr()).toMatchObject({ status: "green", iterations: 1, reward: 1, attempts: [{ iteration: 1, passed: 2, failed: 0, files: ["calc.py"] }] });
    expect(fs.readFileSync(path.join(project, "calc.py"), "utf8")).toContain("return a + b");
    const runs = JSON.parse(spawnSync(process.execPath, [bin, "runs", "--json", "--data-dir", dataDir], { encoding: "utf8", env: { ...desktop.env, ...quiet } }).stdout) as Array<{ id: string; kind: string; status: string }>;
    expect(runs.find((r) => r.id === out.runId)).toMatchObject({ kind: "conductor.loop", status: "succeeded" });
  });

  it("approve by hotkey: the answer is detected, Ctrl+Alt+Shift+A approves it, the loop goes green, and the toasts reach the notification daemon", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const run = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "clipboard", "--skip-analysis", "--json"], newDataDir());
    await run.waitFor(/waiting:/);
    xclip(PY_CALC.right);
    await run.waitFor(/to apply these files: press Control\+Alt\+Shift\+A/); // stdin is a pipe: the CLI says how to approve
    expect(run.stderr()).toMatch(/^ +- +return a - b$/m); // the diff is shown before anything is applied
    expect(run.stderr()).toMatch(/^ +\+ +return a \+ b$/m);
    expect(fs.readFileSync(path.join(project, "calc.py"), "utf8")).toContain("a - b"); // not applied before approval
    spawnSync("xdotool", ["key", "ctrl+alt+shift+a"], { env: desktop.env });
    expect(await run.exited, run.stderr()).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ status: "green", iterations: 1 });
    expect(desktop.notificationDaemon).toBe(true); // dunst is in .ci/apt-packages.txt
    const shown = desktop.notifications().map((n) => n.summary);
    expect(shown).toEqual(expect.arrayContaining(["Prompt copied", "Code detected", "Awaiting approval", "Tests passed"]));
  });

  it("a TypeScript/vitest project: a two-file answer in SEARCH/REPLACE form is applied and the tests go green", { timeout: 180_000 }, async () => {
    const project = tempDir("cc-loop-vitest-");
    createVitestProject(project);
    const run = cli(["run", "--prompt", "Make whisper lower-case its input, via a shared helper", "--project", project, "--generator", "clipboard", "--auto-approve", "--skip-analysis", "--json"], newDataDir());
    await run.waitFor(/waiting:/);
    const answer = [
      "Two edits:",
      "",
      "src/case.ts",
      "```ts",
      "<<<<<<< SEARCH",
      "=======",
      "export const lower = (s: string): string => s.toLowerCase();",
      ">>>>>>> REPLACE",
      "```",
      "",
      "src/str.ts",
      "```ts",
      "<<<<<<< SEARCH",
      "export const whisper = (s: string): string => s.toUpperCase();",
      "=======",
      'import { lower } from "./case";',
      "export const whisper = (s: string): string => lower(s);",
      ">>>>>>> REPLACE",
      "```",
      "",
    ].join("\n");
    xclip(answer);
    expect(await run.exited, run.stderr()).toBe(0);
    const out = JSON.parse(run.stdout()) as { status: string; attempts: Array<{ files: string[]; passed: number; failed: number }> };
    expect(out).toMatchObject({ status: "green", attempts: [{ passed: 2, failed: 0 }] });
    expect(out.attempts[0]!.files.sort()).toEqual(["src/case.ts", "src/str.ts"]);
    expect(fs.readFileSync(path.join(project, "src/str.ts"), "utf8")).toContain("lower(s)");
  });

  it("a 50 MB clipboard and binary bytes are refused without stalling the run; the next real answer is taken", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const run = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "clipboard", "--auto-approve", "--skip-analysis", "--json"], newDataDir());
    await run.waitFor(/waiting:/);
    xclip("x".repeat(50 * 1024 * 1024));
    await run.waitFor(/ignored clipboard content: too large/, 60_000);
    spawnSync("xclip", ["-selection", "clipboard", "-i"], { input: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe]), env: desktop.env, stdio: ["pipe", "ignore", "ignore"] });
    await run.waitFor(/ignored clipboard content: (binary|not UTF-8|invalid)/i, 60_000);
    xclip(PY_CALC.right);
    expect(await run.exited, run.stderr()).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ status: "green", iterations: 1 });
  });

  it("fix loop: a wrong answer puts a fix prompt naming the failing test on the clipboard; the right one goes green in 2 iterations", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const run = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "clipboard", "--auto-approve", "--skip-analysis", "--json"], newDataDir());
    await run.waitFor(/waiting:/);
    xclip(PY_CALC.wrong);
    await run.waitFor(/\[2\] await code/);
    const clip = spawnSync("xclip", ["-selection", "clipboard", "-o"], { env: desktop.env, encoding: "utf8" }).stdout;
    expect(clip).toContain("Attempt 1 did not pass");
    expect(clip).toContain("test_add");
    expect(clip).toContain("`pytest`: 1 failed"); // the runner, not our report plumbing
    xclip(PY_CALC.right);
    expect(await run.exited).toBe(0);
    expect(run.stderr().match(/waiting:/g)).toHaveLength(2); // once per iteration, not once per watcher status
    expect(JSON.parse(run.stdout())).toMatchObject({ status: "green", iterations: 2 });
  });

  it("after kill -9 while awaiting code the run is listed as interrupted, and resume continues it to green", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const dataDir = newDataDir();
    const run = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "clipboard", "--skip-analysis"], dataDir);
    await run.waitFor(/waiting:/);
    run.child.kill("SIGKILL");
    await run.exited;
    const runs = JSON.parse(spawnSync(process.execPath, [bin, "runs", "--json", "--data-dir", dataDir], { encoding: "utf8", env: { ...desktop.env, ...quiet } }).stdout) as Array<{ id: string; kind: string; status: string }>;
    const loop = runs.find((r) => r.kind === "conductor.loop")!;
    expect(loop.status).toBe("interrupted");
    const resumed = cli(["resume", loop.id, "--auto-approve", "--json"], dataDir);
    await resumed.waitFor(/waiting:/);
    xclip(PY_CALC.right);
    expect(await resumed.exited).toBe(0);
    expect(JSON.parse(resumed.stdout())).toMatchObject({ runId: loop.id, status: "green", iterations: 1 });
  });

  it("`codeconductor stop` from another process stops a waiting loop (exit 130) and leaves no child process", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const dataDir = newDataDir();
    const run = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "command", "--command", "sleep 300; echo never", "--skip-analysis", "--json"], dataDir);
    await run.waitFor(/await code/);
    await new Promise((r) => setTimeout(r, 500));
    expect(descendants(run.child.pid!).length).toBeGreaterThan(0); // the stand-in AI CLI is running
    const stop = spawnSync(process.execPath, [bin, "stop", "--data-dir", dataDir], { encoding: "utf8", env: { ...desktop.env, ...quiet }, timeout: 30_000 });
    expect(stop.status).toBe(0);
    expect(stop.stdout).toMatch(/stopped 1 run/);
    expect(await run.exited).toBe(130);
    expect(JSON.parse(run.stdout())).toMatchObject({ status: "cancelled" });
    expect(descendants(run.child.pid!)).toEqual([]);
    expect(spawnSync("pgrep", ["-f", "sleep 300; echo never"]).status).not.toBe(0);
  });
});

describe.runIf(canRunDesktop())("codeconductor run --generator watch | command", () => {
  beforeAll(async () => {
    desktop = await startDesktop();
  }, 30_000);
  afterAll(async () => {
    killSpawned();
    await desktop?.dispose();
  });

  it("watch: the agent's own edits are tested once they settle, and the loop goes green", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const run = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "watch", "--skip-analysis", "--json"], newDataDir());
    await run.waitFor(/waiting: waiting for edits/);
    // The "agent" edits the file in two steps; only the settled state is tested.
    fs.writeFileSync(path.join(project, "calc.py"), "def add(a, b):\n    return a +\n");
    await new Promise((r) => setTimeout(r, 100));
    fs.writeFileSync(path.join(project, "calc.py"), "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n");
    expect(await run.exited, run.stderr()).toBe(0);
    expect(JSON.parse(run.stdout())).toMatchObject({ status: "green", iterations: 1, attempts: [{ files: ["calc.py"] }] });
  });

  it("command: a CLI that exits 0 but reports is_error is not a success; a working one goes green", { timeout: 180_000 }, async () => {
    const project = copyFixtureProject("py-calc");
    const dataDir = newDataDir();
    const liar = path.join(dataDir, "liar.sh");
    fs.writeFileSync(liar, `#!/bin/sh\ncat > /dev/null\nprintf 'def add(a, b):\\n    return 0\\n' > calc.py\necho '{"type":"result","subtype":"error_during_execution","is_error":true,"result":"rate limited"}'\nexit 0\n`, { mode: 0o755 });
    const bad = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "command", "--command", liar, "--max-iterations", "1", "--skip-analysis", "--json"], dataDir);
    expect(await bad.exited, bad.stderr()).toBe(1);
    expect(JSON.parse(bad.stdout())).toMatchObject({ status: "iterations_exhausted" });
    const good = path.join(dataDir, "good.sh");
    fs.writeFileSync(good, `#!/bin/sh\ngrep -q "sum" {promptFile} 2>/dev/null; cat > /dev/null\nprintf 'def add(a, b):\\n    return a + b\\n\\n\\ndef mul(a, b):\\n    return a * b\\n' > calc.py\necho '{"type":"result","subtype":"success","is_error":false,"result":"done"}'\n`, { mode: 0o755 });
    const ok = cli(["run", "--prompt", "Make add return the sum", "--project", project, "--generator", "command", "--command", `${good} {promptFile}`, "--skip-analysis", "--json"], dataDir);
    expect(await ok.exited, ok.stderr()).toBe(0);
    expect(JSON.parse(ok.stdout())).toMatchObject({ status: "green", iterations: 1 });
  });
});
