import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeSandbox, type SandboxProbe } from "../../../src/engine/verify/sandbox/probeSandbox.js";
import { runSandboxed, type SandboxLimits } from "../../../src/engine/verify/sandbox/runSandboxed.js";
import { startWebServer, type WebServer } from "../../../src/server/startWebServer.js";
import { createTestEngine, type TestEngine } from "../../support/createTestEngine.js";
import { REPO_ROOT, tempDir, writeTree } from "../../support/verify/fixtureProjects.js";
import { processesMatching } from "../../support/verify/processScan.js";

// Hostile code through the real bubblewrap sandbox. Every case must be contained and reported, decoys must stay
// byte-identical, and no process of the run may survive it.

const marker = `cchostile${randomBytes(4).toString("hex")}`;
const limits: SandboxLimits = { timeoutSec: 3, memoryMiB: 512, maxProcesses: 64, outputCapKiB: 64, maxFileMiB: 64, tmpMiB: 64 };
let probe: SandboxProbe;
let root: string;
let project: string;
let fakeHome: string;
let visibleDir: string;
let hostTmpDecoy: string;
let server: http.Server;
let serverHits = 0;
let unixServer: net.Server;
let appEngine: TestEngine;
let webMode: WebServer;
let unixHits = 0;
const decoys = new Map<string, Buffer>();

function decoy(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  decoys.set(file, Buffer.from(content));
}

async function run(script: string, lang: "py" | "sh" = "py", extra: Partial<SandboxLimits> = {}) {
  const file = `${marker}-${randomBytes(3).toString("hex")}.${lang}`;
  fs.writeFileSync(path.join(project, file), script);
  const r = await runSandboxed({ project, command: `${lang === "py" ? "python3" : "sh"} ${file}`, probe, unsandboxed: false, limits: { ...limits, ...extra }, readOnlyFiles: ["tests/test_app.py"], hostHome: fakeHome });
  fs.rmSync(path.join(project, file), { force: true });
  expect(processesMatching(marker)).toEqual([]);
  expect(r.leftovers).toEqual([]);
  return r;
}

beforeAll(async () => {
  probe = await probeSandbox("bwrap");
  if (!probe.available) throw new Error(`bubblewrap must work for these tests: ${probe.detail}`);
  root = tempDir("cc-hostile-");
  project = path.join(root, "project");
  writeTree(project, { "app.py": "X = 1\n", "tests/test_app.py": "def test_x():\n    assert True\n", ".git/HEAD": "ref: refs/heads/main\n", ".git/hooks/.keep": "" });
  decoys.set(path.join(project, "tests/test_app.py"), fs.readFileSync(path.join(project, "tests/test_app.py")));
  // The fake home lives under the repository, a place the sandbox would otherwise show read-only.
  fakeHome = fs.mkdtempSync(path.join(REPO_ROOT, "tests/fixtures/verify/.home-"));
  decoy(path.join(fakeHome, ".ssh/id_rsa"), `-----BEGIN OPENSSH PRIVATE KEY-----\n${marker}-secret\n`);
  decoy(path.join(fakeHome, ".bashrc"), "# decoy bashrc\n");
  visibleDir = fs.mkdtempSync(path.join(REPO_ROOT, "tests/fixtures/verify/.visible-"));
  decoy(path.join(visibleDir, "notes.txt"), "visible but read-only\n");
  hostTmpDecoy = path.join(root, "host-tmp-decoy.txt");
  decoy(hostTmpDecoy, "host tmp decoy\n");
  server = http.createServer((_q, s) => {
    serverHits++;
    s.end("leaked");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  // The app's own web-mode server (real engine + real server on 127.0.0.1).
  appEngine = await createTestEngine();
  webMode = await startWebServer({ rpc: appEngine.server, staticDir: root });
  unixServer = net.createServer((s) => {
    unixHits++;
    s.end("leaked");
  });
  await new Promise<void>((r) => unixServer.listen(path.join(project, "host.sock"), r));
});

afterAll(async () => {
  server?.close();
  unixServer?.close();
  await webMode?.close();
  await appEngine?.dispose();
  for (const [file, bytes] of decoys) expect(fs.readFileSync(file).equals(bytes), `${file} changed`).toBe(true);
  for (const d of [fakeHome, visibleDir, root]) if (d) fs.rmSync(d, { recursive: true, force: true });
});

describe("hostile code in the sandbox", () => {
  it("contains a fork bomb (process cap), kills it at the timeout, and the host stays responsive", async () => {
    const pending = run("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n");
    await new Promise((r) => setTimeout(r, 1000));
    const t = Date.now();
    execFileSync("true");
    expect(Date.now() - t).toBeLessThan(2000);
    const r = await pending;
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe("SIGKILL");
    expect(r.sandbox.limits.processCapBy).not.toBe("none");
  });

  it("caps the number of processes", async () => {
    const r = await run("import os, time\nn = 0\ntry:\n    for _ in range(500):\n        if os.fork() == 0:\n            time.sleep(30)\n            os._exit(0)\n        n += 1\nexcept OSError as e:\n    print('REFUSED', type(e).__name__)\nprint('FORKED', n)\n", "py", { timeoutSec: 10 });
    const forked = Number(/FORKED (\d+)/.exec(r.output.text)?.[1]);
    expect(r.output.text).toContain("REFUSED");
    expect(forked).toBeLessThan(limits.maxProcesses);
    expect(r.timedOut).toBe(false);
  });

  it("kills an infinite loop at the wall-clock timeout", async () => {
    const t = Date.now();
    const r = await run("while True:\n    pass\n");
    expect(r.timedOut).toBe(true);
    expect(Date.now() - t).toBeLessThan(limits.timeoutSec * 1000 + 2000);
  });

  it("refuses a 64 GB allocation (memory cap) without timing out", async () => {
    const r = await run("try:\n    b = bytearray(64 * 1024 ** 3)\n    print('ALLOCATED')\nexcept MemoryError:\n    print('MEMORY-REFUSED')\n");
    expect(r.timedOut).toBe(false);
    expect(r.output.text).toContain("MEMORY-REFUSED");
    expect(r.output.text).not.toContain("ALLOCATED");
  });

  it("caps 1 GB of output, keeping head and tail", async () => {
    const r = await run("import sys\nsys.stdout.write('HEAD-MARK\\n')\nb = b'x' * (1 << 20)\nfor _ in range(1024):\n    sys.stdout.buffer.write(b)\nsys.stdout.write('\\nTAIL-MARK\\n')\n", "py", { timeoutSec: 20 });
    expect(r.timedOut).toBe(false);
    expect(r.output.totalBytes).toBeGreaterThan(1024 ** 3);
    expect(r.output.truncated).toBe(true);
    expect(r.output.text.length).toBeLessThan(limits.outputCapKiB * 1024 + 200);
    expect(r.output.text.startsWith("HEAD-MARK")).toBe(true);
    expect(r.output.text.trimEnd().endsWith("TAIL-MARK")).toBe(true);
    expect(r.output.text).toMatch(/bytes of output omitted/);
  });

  it("hides ~/.ssh-style secrets, both through $HOME and the real path", async () => {
    const key = path.join(fakeHome, ".ssh/id_rsa");
    const r = await run(`import os\nfor p in [os.path.expanduser('~/.ssh/id_rsa'), ${JSON.stringify(key)}, '/etc/shadow']:\n    try:\n        print('READ', p, open(p).read())\n    except Exception as e:\n        print('BLOCKED', p, type(e).__name__)\nprint('HOME', os.environ.get('HOME'), sorted(os.listdir(os.path.expanduser('~'))))\n`);
    expect(r.output.text).not.toContain(`${marker}-secret`);
    expect(r.output.text.match(/^BLOCKED /gm)?.length).toBe(3);
    expect(r.output.text).toContain("HOME");
    expect(r.output.text).toMatch(/HOME \S+ \[\]/);
    // Control: the same script unsandboxed does read the key, so the check above can fail.
    const file = path.join(project, `${marker}-control.py`);
    fs.writeFileSync(file, `print(open(${JSON.stringify(key)}).read())\n`);
    const bare = await runSandboxed({ project, command: `python3 ${path.basename(file)}`, probe, unsandboxed: true, limits });
    fs.rmSync(file);
    expect(bare.output.text).toContain(`${marker}-secret`);
  });

  it("has no network: loopback services (incl. a web-mode port), DNS, outside hosts and host Unix sockets all fail", async () => {
    const port = (server.address() as net.AddressInfo).port;
    const script = [
      "import socket",
      "def attempt(name, fn):",
      "    try:",
      "        fn()",
      "        print('CONNECTED', name)",
      "    except Exception as e:",
      "        print('BLOCKED', name, type(e).__name__)",
      `attempt('loopback', lambda: socket.create_connection(('127.0.0.1', ${port}), timeout=1).recv(10))`,
      `attempt('web-mode', lambda: socket.create_connection(('127.0.0.1', ${webMode.port}), timeout=1))`,
      `attempt('localhost', lambda: socket.create_connection(('localhost', ${port}), timeout=1))`,
      "attempt('dns', lambda: socket.getaddrinfo('example.com', 80))",
      "attempt('outside', lambda: socket.create_connection(('1.1.1.1', 80), timeout=1))",
      "def unix():",
      "    s = socket.socket(socket.AF_UNIX)",
      "    s.connect('host.sock')",
      "    s.recv(10)",
      "attempt('unix', unix)",
    ].join("\n");
    const r = await run(`${script}\n`);
    expect(r.output.text).not.toContain("CONNECTED");
    expect(r.output.text.match(/^BLOCKED /gm)?.length).toBe(6);
    const curl = await run(`curl -sS --max-time 2 http://127.0.0.1:${port}/ && echo CURL-OK || echo CURL-FAILED\ncurl -sS --max-time 2 ${webMode.url} && echo WEB-OK || echo WEB-FAILED\n`, "sh");
    expect(curl.output.text).toContain("CURL-FAILED");
    expect(curl.output.text).toContain("WEB-FAILED");
    expect(serverHits).toBe(0);
    expect(unixHits).toBe(0);
  });

  it("cannot write outside the project: ~/.bashrc, /etc, /tmp/.., the host's /tmp, visible folders", async () => {
    const targets = [path.join(fakeHome, ".bashrc"), "~/.bashrc", "/etc/cc-hostile", "/tmp/../etc/cc-hostile", hostTmpDecoy, path.join(visibleDir, "notes.txt"), path.join(visibleDir, "new.txt"), path.join(root, "sibling.txt")];
    const script = `import os\nfor p in ${JSON.stringify(targets)}:\n    p = os.path.expanduser(p)\n    try:\n        with open(p, 'w') as f:\n            f.write('PWNED')\n        print('WROTE', p)\n    except Exception as e:\n        print('BLOCKED', p, type(e).__name__)\n`;
    await run(script);
    expect(fs.existsSync("/etc/cc-hostile")).toBe(false);
    expect(fs.existsSync(path.join(visibleDir, "new.txt"))).toBe(false);
    expect(fs.existsSync(path.join(root, "sibling.txt"))).toBe(false);
    // Writes that "succeed" land in the private tmp/home of the run, which is gone now.
    for (const f of [hostTmpDecoy, path.join(fakeHome, ".bashrc"), path.join(visibleDir, "notes.txt")]) expect(fs.readFileSync(f).equals(decoys.get(f)!)).toBe(true);
  });

  it("cannot plant .git hooks or edit pinned tests (read-only even though the project is writable)", async () => {
    const r = await run(
      "import os\nfor p, data in [('.git/hooks/pre-commit', '#!/bin/sh\\necho pwned'), ('tests/test_app.py', 'def test_x():\\n    assert False\\n'), ('app.py', 'X = 2\\n')]:\n    try:\n        with open(p, 'w') as f:\n            f.write(data)\n        print('WROTE', p)\n    except Exception as e:\n        print('BLOCKED', p, type(e).__name__)\ntry:\n    os.rename('app.py', 'tests/test_app.py')\n    print('RENAMED')\nexcept Exception as e:\n    print('BLOCKED rename', type(e).__name__)\n",
    );
    expect(r.output.text).toContain("BLOCKED .git/hooks/pre-commit");
    expect(r.output.text).toContain("BLOCKED tests/test_app.py");
    expect(r.output.text).toContain("BLOCKED rename");
    expect(r.output.text).toContain("WROTE app.py"); // the project itself is writable
    expect(fs.existsSync(path.join(project, ".git/hooks/pre-commit"))).toBe(false);
    fs.writeFileSync(path.join(project, "app.py"), "X = 1\n");
  });

  it("leaves no process behind, even daemonized ones, and runs as an unprivileged user without capabilities", async () => {
    const r = await run(`setsid nohup sleep 300 >/dev/null 2>&1 &\n(sleep 300 &) \nid -u\ngrep CapEff /proc/self/status\necho started\n`, "sh");
    expect(r.timedOut).toBe(false);
    expect(r.output.text).toMatch(/^65534$/m);
    expect(r.output.text).toMatch(/CapEff:\s+0+$/m);
  });
});
