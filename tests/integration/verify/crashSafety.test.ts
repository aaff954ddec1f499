import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { recoverJournals } from "../../../src/engine/verify/apply/recoverJournals.js";
import { undoLastApply } from "../../../src/engine/verify/apply/undoLastApply.js";
import { projectJournalDir, withProjectLock } from "../../../src/engine/verify/apply/withProjectLock.js";
import { tempDir, writeTree } from "../../support/verify/fixtureProjects.js";

// A multi-file apply (modify, create in new folders, delete, CRLF + BOM file) killed with SIGKILL at every journal
// step and at random moments; after "restart" (recovery) every file must be all-old or all-new, and undo must
// restore the exact original bytes.

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../support/verify/crashChild.ts");
const FILES = 6;
const OLD: Record<string, string> = { "doomed.py": "DOOMED = True\n", "win.txt": "\ufeffline1\r\nline2\r\n" };
for (let i = 0; i < FILES; i++) OLD[`src/m${i}.py`] = `VALUE_${i} = ${i}\n`.repeat(50);
const NEW: Record<string, string | null> = { "doomed.py": null, "win.txt": "\ufeffline1\r\nline2 changed\r\n" };
for (let i = 0; i < FILES; i++) NEW[`src/m${i}.py`] = `VALUE_${i} = ${i * 10}\n`.repeat(60);
for (let i = 0; i < 4; i++) NEW[`pkg/new${i}/f${i}.py`] = `NEW_${i} = True\n`;

const ANSWER = [
  ...Object.entries(NEW)
    .filter(([, v]) => v !== null && !v.startsWith("\ufeff"))
    .map(([p, v]) => `\`\`\`python ${p}\n${v}\`\`\`\n`),
  "```text win.txt\nline1\nline2 changed\n```\n",
  "--- a/doomed.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-DOOMED = True\n",
].join("\n");
// Journal steps of this apply: prepared, temp:0..n-1, committing, rename:0..n-1, committed.
const CHANGES = Object.keys(NEW).length;
const STEPS = 3 + 2 * CHANGES;

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

function setup(): { project: string; journalRoot: string } {
  const root = tempDir("cc-crash-");
  roots.push(root);
  const project = path.join(root, "project");
  writeTree(project, OLD);
  fs.chmodSync(path.join(project, "src/m0.py"), 0o750);
  return { project, journalRoot: path.join(root, "journal") };
}

function runChild(args: string[], input: string, killAfterReadyMs: number | null): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (killAfterReadyMs !== null && out.includes("READY")) setTimeout(() => child.kill("SIGKILL"), killAfterReadyMs);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, out }));
    child.stdin.end(input);
  });
}

type State = "old" | "new" | "mixed";

function stateOf(project: string): State {
  let olds = 0;
  let news = 0;
  for (const p of new Set([...Object.keys(OLD), ...Object.keys(NEW)])) {
    const f = path.join(project, p);
    const cur = fs.existsSync(f) ? fs.readFileSync(f, "utf8") : null;
    const o = OLD[p] ?? null;
    const n = p in NEW ? NEW[p]! : o;
    if (cur === o && cur === n) continue;
    if (cur === o) olds++;
    else if (cur === n) news++;
    else throw new Error(`${p} is neither old nor new: ${JSON.stringify(cur?.slice(0, 40))}`);
  }
  return olds && news ? "mixed" : news ? "new" : "old";
}

function strayFiles(project: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (/\.cc-[0-9a-f]+\.tmp$/.test(e.name)) out.push(e.name);
    }
  };
  walk(project);
  return out;
}

function restartAndCheck(project: string, journalRoot: string): State {
  const dir = projectJournalDir(journalRoot, project);
  withProjectLock(dir, () => recoverJournals(dir));
  const state = stateOf(project);
  expect(state).not.toBe("mixed");
  expect(strayFiles(project)).toEqual([]);
  if (state === "old") expect(fs.existsSync(path.join(project, "pkg"))).toBe(false);
  return state;
}

function expectOriginals(project: string): void {
  expect(stateOf(project)).toBe("old");
  expect(fs.statSync(path.join(project, "src/m0.py")).mode & 0o777).toBe(0o750);
  expect(fs.readFileSync(path.join(project, "win.txt")).equals(Buffer.from(OLD["win.txt"]!))).toBe(true);
  expect(fs.existsSync(path.join(project, "pkg"))).toBe(false);
}

describe("crash safety of apply and undo under SIGKILL", () => {
  it("an uninterrupted apply writes everything, keeps CRLF/BOM/mode, and undo restores the exact bytes", async () => {
    const { project, journalRoot } = setup();
    const r = await runChild([project, journalRoot, "apply", "-1"], ANSWER, null);
    expect(r.out).toContain("DONE");
    expect(stateOf(project)).toBe("new");
    expect(fs.statSync(path.join(project, "src/m0.py")).mode & 0o777).toBe(0o750);
    undoLastApply(journalRoot, project);
    expectOriginals(project);
  });

  it(`is all-old or all-new after a kill at each of the ${STEPS} journal steps`, async () => {
    const seen = new Set<State>();
    for (let k = 0; k < STEPS; k++) {
      const { project, journalRoot } = setup();
      const r = await runChild([project, journalRoot, "apply", String(k)], ANSWER, null);
      expect(r.signal).toBe("SIGKILL");
      const state = restartAndCheck(project, journalRoot);
      // Up to the "committed" step the apply is rolled back; the kill after it leaves it committed.
      expect(state).toBe(k === STEPS - 1 ? "new" : "old");
      seen.add(state);
      if (state === "new") undoLastApply(journalRoot, project);
      expectOriginals(project);
    }
    expect(seen).toEqual(new Set(["old", "new"]));
  });

  it("is all-old or all-new after kills at random moments", async () => {
    for (let i = 0; i < 12; i++) {
      const { project, journalRoot } = setup();
      await runChild([project, journalRoot, "apply", "-1"], ANSWER, Math.floor(Math.random() * 12));
      if (restartAndCheck(project, journalRoot) === "new") undoLastApply(journalRoot, project);
      expectOriginals(project);
    }
  });

  it("finishes an undo that was killed midway", async () => {
    for (let k = 0; k < 6; k++) {
      const { project, journalRoot } = setup();
      await runChild([project, journalRoot, "apply", "-1"], ANSWER, null);
      expect(stateOf(project)).toBe("new");
      const r = await runChild([project, journalRoot, "undo", String(k % 2)], "", k >= 2 ? k : null);
      expect(r.signal === "SIGKILL" || r.out.includes("DONE")).toBe(true);
      // Killed before the undo began: still all-new, and a new undo works; otherwise recovery finishes it.
      if (restartAndCheck(project, journalRoot) === "new") undoLastApply(journalRoot, project);
      expectOriginals(project);
    }
  });
});
