import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPythonProject, REPO_ROOT, tempDir } from "../../support/verify/fixtureProjects.js";

// The real CLI against hostile answers: what the model wrote must never reach the terminal raw, binary content is
// refused on `apply --from` too, and a full disk is reported as a full disk.

function run(file: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, timeout: 120_000, env, encoding: "utf8" }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const CLI = [process.execPath, "--import", "tsx", path.join(REPO_ROOT, "src/cli/run.ts")];
const cli = (args: string[]) => run(CLI[0]!, [...CLI.slice(1), ...args]);

// eslint-disable-next-line no-control-regex
const RAW_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069]/;

describe("CLI hardening", () => {
  const root = tempDir("cc-cli-hard-");
  const dataDir = path.join(root, "data");
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("prints the diff of an answer full of ESC/OSC/CSI/bidi bytes with none of them raw (human and --json)", async () => {
    const py = path.join(root, "esc");
    createPythonProject(py);
    const evil = 'TITLE = "\u001b]0;pwned\u0007"  # OSC title\nCLEAR = "\u001b[2J\u001b[H"\nC1 = "\u009b31m"\nif role != "user\u202e \u2066// admin\u2069 \u2066":\n    grant()\nX\u200b = 1\n';
    const answer = path.join(root, "esc.md");
    fs.writeFileSync(answer, `\`\`\`python calc/evil.py\n${evil}\`\`\`\n`);
    const human = await cli(["apply", "--project", py, "--from", answer, "--data-dir", dataDir]);
    expect(human.stdout).toContain("CREATE    calc/evil.py");
    expect(RAW_UNSAFE.test(human.stdout)).toBe(false);
    expect(RAW_UNSAFE.test(human.stderr)).toBe(false);
    // Shown, escaped, so the reviewer sees them; and flagged by validation.
    expect(human.stdout).toContain("\\u001b]0;pwned\\u0007");
    expect(human.stdout).toContain("\\u202e");
    expect(human.stdout).toMatch(/security\/bidi-control/);
    expect(human.stdout).toMatch(/security\/zero-width/);
    const json = await cli(["apply", "--project", py, "--from", answer, "--json", "--data-dir", dataDir]);
    expect(RAW_UNSAFE.test(json.stdout)).toBe(false);
    const parsed = JSON.parse(json.stdout) as { plan: { files: Array<{ newText: string }> } };
    expect(parsed.plan.files[0]!.newText).toBe(evil); // escaping kept the JSON exact
  });

  it("refuses NUL/binary content on apply --from and writes nothing", async () => {
    const py = path.join(root, "bin");
    createPythonProject(py);
    const answer = path.join(root, "bin.md");
    fs.writeFileSync(answer, Buffer.concat([Buffer.from("```python calc/blob.py\nDATA = '"), Buffer.from([0, 0, 1, 2, 0, 0xff]), Buffer.from("'\n```\n")]));
    const r = await cli(["apply", "--project", py, "--from", answer, "--yes", "--json", "--data-dir", dataDir]);
    const files = (JSON.parse(r.stdout) as { plan?: { files: Array<{ path: string; status: string; reasons: string[] }> } }).plan?.files ?? [];
    expect(files).toEqual([expect.objectContaining({ path: "calc/blob.py", status: "rejected", reasons: [expect.stringMatching(/NUL bytes/)] })]);
    expect(fs.existsSync(path.join(py, "calc/blob.py"))).toBe(false);
  });

  it("reports a full disk as disk full, not as another apply running", async () => {
    const py = path.join(root, "full");
    createPythonProject(py);
    const answer = path.join(root, "full.md");
    fs.writeFileSync(answer, "```python calc/new.py\nX = 1\n```\n");
    const data = path.join(root, "full-data");
    const journal = path.join(data, "verify", "journal");
    fs.mkdirSync(journal, { recursive: true });
    // A private mount namespace with a tiny, filled tmpfs as the journal folder (root in CI; a user namespace otherwise).
    const script = `mount -t tmpfs -o size=128k tmpfs "$1" && (dd if=/dev/zero of="$1/fill" bs=4k 2>/dev/null; true) && shift && exec "$@"`;
    const r = await run("unshare", [...(process.getuid?.() === 0 ? [] : ["-r"]), "-m", "sh", "-c", script, "sh", journal, ...CLI, "apply", "--project", py, "--from", answer, "--yes", "--data-dir", data]);
    expect(r.stderr).toMatch(/Disk full: no space left on the device/);
    expect(r.stderr).not.toMatch(/Another apply/);
    expect(fs.existsSync(path.join(py, "calc/new.py"))).toBe(false);
  });
});
