import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { processesMatching } from "../../../../tests/support/verify/processScan.js";
import type { GeneratorRequest } from "./CodeGenerator.js";
import { CommandGenerator } from "./CommandGenerator.js";

// Small Node scripts stand in for the AI CLIs: each reads the prompt the way the real one does and answers in its format.
const scripts = fs.mkdtempSync(path.join(os.tmpdir(), "cc-fake-cli-"));
const node = JSON.stringify(process.execPath);
let project: string;

function script(name: string, body: string): string {
  const file = path.join(scripts, `${name}.mjs`);
  fs.writeFileSync(file, `import fs from "node:fs";\nimport { spawn } from "node:child_process";\n${body}\n`);
  return `${node} ${JSON.stringify(file)}`;
}

function request(signal = new AbortController().signal): { req: GeneratorRequest; hints: string[]; logs: string[] } {
  const hints: string[] = [];
  const logs: string[] = [];
  const req: GeneratorRequest = {
    iteration: 1,
    prompt: "Make mul multiply. It's urgent.",
    project,
    signal,
    onWaiting: (w) => hints.push(w.hint),
    onIgnored: () => {},
    log: (level, m) => logs.push(`${level} ${m}`),
  };
  return { req, hints, logs };
}

beforeEach(() => {
  project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "cc-cmd-project-")));
  fs.writeFileSync(path.join(project, "ops.py"), "def mul(a, b):\n    return a + b\n");
});
afterEach(() => fs.rmSync(project, { recursive: true, force: true }));
afterAll(() => fs.rmSync(scripts, { recursive: true, force: true }));

const STDIN = 'const prompt = fs.readFileSync(0, "utf8");';

describe("CommandGenerator", () => {
  it("claude-style: the prompt on stdin, a file edited and a success result event → the changed files", async () => {
    const cmd = script(
      "claude-ok",
      `${STDIN}\nfs.writeFileSync("ops.py", "# " + prompt + "\\ndef mul(a, b):\\n    return a * b\\n");\nconsole.log(JSON.stringify({ type: "result", subtype: "success", is_error: false, result: "Fixed mul." }));`,
    );
    const { req, hints } = request();
    const out = await new CommandGenerator({ command: cmd, timeoutSec: 30 }).next(req);
    expect(hints[0]).toContain("running");
    expect(out).toMatchObject({ kind: "files", source: "command" });
    if (out.kind !== "files") return;
    expect(out.files).toEqual([{ path: "ops.py", before: "def mul(a, b):\n    return a + b\n", after: "# Make mul multiply. It's urgent.\ndef mul(a, b):\n    return a * b\n" }]);
    expect(out.output).toContain('"result":"Fixed mul."');
  });

  it("cursor-agent-style: {promptFile} becomes the quoted path of a private file holding the prompt, removed afterwards", async () => {
    const cmd = script(
      "cursor-ok",
      `const [, , prompt, file] = process.argv;\nfs.writeFileSync("seen.txt", prompt + "|" + (fs.statSync(file).mode & 0o777).toString(8) + "|" + file);\nconsole.log(JSON.stringify({ type: "result", subtype: "success", is_error: false, result: "ok" }));`,
    );
    const out = await new CommandGenerator({ command: `${cmd} "$(cat {promptFile})" {promptFile}`, timeoutSec: 30 }).next(request().req);
    expect(out.kind).toBe("files");
    if (out.kind !== "files") return;
    const [prompt, mode, file] = out.files[0]!.after!.split("|");
    expect(out.files[0]!.path).toBe("seen.txt");
    expect(prompt).toBe("Make mul multiply. It's urgent.");
    expect(mode).toBe("600");
    expect(fs.existsSync(file!)).toBe(false);
  });

  it("exit 0 with a result event saying is_error: true is a failure, and the files it still changed are reported", async () => {
    const cmd = script(
      "claude-error",
      `fs.writeFileSync("half.py", "x = (\\n");\nconsole.log(JSON.stringify({ type: "result", subtype: "error_during_execution", is_error: true, result: "API overloaded" }));\nprocess.exit(0);`,
    );
    const out = await new CommandGenerator({ command: cmd, timeoutSec: 30 }).next(request().req);
    expect(out).toMatchObject({ kind: "failed", source: "command" });
    if (out.kind !== "failed") return;
    expect(out.reason).toContain("error_during_execution: API overloaded");
    expect(out.reason).toContain("exited with code 0");
    expect(out.files).toEqual([{ path: "half.py", before: null, after: "x = (\n" }]);
  });

  it("codex-style JSONL with turn.failed (exit 0) is a failure naming the error", async () => {
    const events = [
      { type: "thread.started", thread_id: "t1" },
      { type: "turn.started" },
      { type: "item.completed", item: { id: "i0", type: "agent_message", text: "Working on it" } },
      { type: "turn.failed", error: { message: "stream disconnected before completion" } },
    ];
    const cmd = script("codex-failed", `${STDIN}\nfor (const e of ${JSON.stringify(events)}) console.log(JSON.stringify(e));`);
    const out = await new CommandGenerator({ command: cmd, timeoutSec: 30 }).next(request().req);
    expect(out).toMatchObject({ kind: "failed", reason: expect.stringContaining("turn.failed: stream disconnected before completion") });
  });

  it("aider-style exit 0 with 'Failed to apply edit' in its output is a failure", async () => {
    const cmd = script("aider-failed", `console.log("Applied edit to nothing");\nconsole.log("Failed to apply edit to ops.py");\nconsole.error("SearchReplaceNoExactMatch: the SEARCH block did not match");`);
    const out = await new CommandGenerator({ command: cmd, timeoutSec: 30 }).next(request().req);
    expect(out).toMatchObject({ kind: "failed", reason: expect.stringContaining("Failed to apply edit to ops.py") });
  });

  it("an answer on stdout without touching files is returned as answer text (codex's last agent message, or plain text)", async () => {
    const answer = "Change `ops.py`:\n\n```python ops.py\ndef mul(a, b):\n    return a * b\n```\n";
    const plain = await new CommandGenerator({ command: script("plain", `${STDIN}\nprocess.stdout.write(${JSON.stringify(answer)});`), timeoutSec: 30 }).next(request().req);
    expect(plain).toEqual({ kind: "answer", source: "command", text: answer });
    const events = [{ type: "turn.started" }, { type: "item.completed", item: { type: "agent_message", text: answer } }, { type: "turn.completed", usage: {} }];
    const codex = await new CommandGenerator({ command: script("codex-answer", `for (const e of ${JSON.stringify(events)}) console.log(JSON.stringify(e));`), timeoutSec: 30 }).next(request().req);
    expect(codex).toEqual({ kind: "answer", source: "command", text: answer });
  });

  it("a non-zero exit, or no files and no answer, is a failure", async () => {
    const bad = await new CommandGenerator({ command: script("exit3", `console.error("no API key");\nprocess.exit(3);`), timeoutSec: 30 }).next(request().req);
    expect(bad).toMatchObject({ kind: "failed", reason: "The command exited with code 3: no API key" });
    const silent = await new CommandGenerator({ command: "true", timeoutSec: 30 }).next(request().req);
    expect(silent).toMatchObject({ kind: "failed", reason: "The command changed no files and printed no answer" });
  });

  it("a hanging command times out and its whole tree is killed, including a child that left the process group", async () => {
    const marker = `cc-hang-${process.pid}-${Date.now()}`;
    const keep = `"setInterval(() => {}, 1000)"`;
    const cmd = script(
      "hang",
      `spawn(process.execPath, ["-e", ${keep}, "${marker}-grp"], { stdio: "ignore" });\nspawn(process.execPath, ["-e", ${keep}, "${marker}-sid"], { stdio: "ignore", detached: true });\nconsole.log("started");\nsetInterval(() => {}, 1000);`,
    );
    const started = Date.now();
    const out = await new CommandGenerator({ command: `${cmd} ${marker}`, timeoutSec: 2 }).next(request().req);
    expect(out).toMatchObject({ kind: "failed", reason: expect.stringContaining("timed out after 2 s"), output: expect.stringContaining("started") });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    let left = processesMatching(marker);
    for (let i = 0; i < 40 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = processesMatching(marker);
    }
    expect(left).toEqual([]);
  });

  it("abort kills the tree and rejects with cancelled", async () => {
    const marker = `cc-abort-${process.pid}-${Date.now()}`;
    const cmd = script("abortable", `spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)", "${marker}"], { stdio: "ignore" });\nconsole.log("ready");\nsetInterval(() => {}, 1000);`);
    const ac = new AbortController();
    const gen = new CommandGenerator({ command: cmd, timeoutSec: 60, onOutput: (c) => c.includes("ready") && ac.abort() });
    await expect(gen.next(request(ac.signal).req)).rejects.toMatchObject({ code: "cancelled" });
    let left = processesMatching(marker);
    for (let i = 0; i < 40 && left.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = processesMatching(marker);
    }
    expect(left).toEqual([]);
    gen.dispose();
    gen.dispose();
    await expect(gen.next(request().req)).rejects.toMatchObject({ code: "unavailable" });
  });

  it("refuses an empty command with a clear error", () => {
    expect(() => new CommandGenerator({ command: "  ", timeoutSec: 5 })).toThrow(/needs a command/);
  });
});
