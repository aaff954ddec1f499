import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { DoctorCheck } from "../../../shared/contract/system.js";
import type { Ports } from "../../ports.js";
import { findExecutable } from "../../util/findExecutable.js";

function version(bin: string, signal: AbortSignal): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, ["--version"], { timeout: 10_000, signal }, (err, stdout) => resolve(err ? null : stdout.trim().split("\n")[0] ?? ""));
  });
}

/** Frontmatter keys Cursor reads from a `.mdc` rule; a rule without any of them applies nowhere. */
function ruleProblem(text: string): string | null {
  const m = /^---\n([\s\S]*?)\n---/.exec(text.replace(/\r\n/g, "\n"));
  if (!m) return "no frontmatter (description / globs / alwaysApply)";
  const fm = m[1]!;
  if (!/^(description|globs|alwaysApply)\s*:/m.test(fm)) return "frontmatter has none of description, globs, alwaysApply";
  return null;
}

function ruleChecks(project: string): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  const dir = path.join(project, ".cursor", "rules");
  const mdc = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".mdc")) : [];
  const bad = mdc.map((f) => [f, ruleProblem(fs.readFileSync(path.join(dir, f), "utf8"))] as const).filter(([, p]) => p);
  const agents = fs.existsSync(path.join(project, "AGENTS.md"));
  if (mdc.length || agents) {
    checks.push(
      bad.length
        ? { id: "cursor.rules", title: "Cursor rule files", status: "warn", detail: bad.map(([f, p]) => `${f}: ${p}`).join("; "), fix: "Start each .mdc with ---, description:, globs: or alwaysApply: true, then ---." }
        : { id: "cursor.rules", title: "Cursor rule files", status: "ok", detail: [...mdc.map((f) => `.cursor/rules/${f}`), ...(agents ? ["AGENTS.md"] : [])].join(", ") },
    );
  } else {
    checks.push({ id: "cursor.rules", title: "Cursor rule files", status: "warn", detail: `no .cursor/rules/*.mdc or AGENTS.md in ${project}`, fix: "Generate them: `codeconductor rules --project <dir>` (Project → Rules), so Cursor follows the project's conventions." });
  }
  if (fs.existsSync(path.join(project, ".cursorrules"))) {
    checks.push({ id: "cursor.cursorrules", title: ".cursorrules", status: "warn", detail: ".cursorrules is deprecated by Cursor", fix: "Move its content to .cursor/rules/*.mdc (or AGENTS.md) and delete .cursorrules." });
  }
  return checks;
}

/**
 * `doctor cursor`: what the Cursor workflow needs — Cursor's CLI (`cursor-agent`) on PATH and its version, the
 * project's rule files, and the shell's clipboard watching and hotkeys (from the shell's own doctor checks).
 */
export async function cursorChecks(ports: Ports, project: string, signal: AbortSignal, pathVar = process.env.PATH ?? ""): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const bin = findExecutable("cursor-agent", pathVar);
  const v = bin ? await version(bin, signal) : null;
  checks.push(
    bin
      ? v !== null
        ? { id: "cursor.cli", title: "Cursor CLI", status: "ok", detail: `${bin} (${v || "version unknown"})` }
        : { id: "cursor.cli", title: "Cursor CLI", status: "warn", detail: `${bin} did not answer --version`, fix: "Reinstall it: `curl https://cursor.com/install -fsS | bash`, then `cursor-agent login`." }
      : {
          id: "cursor.cli",
          title: "Cursor CLI",
          status: "warn",
          detail: "cursor-agent is not on PATH: the `command` generator cannot drive Cursor headless (clipboard and watch still work)",
          fix: "Install it: `curl https://cursor.com/install -fsS | bash`, then `cursor-agent login`; make sure ~/.local/bin is on PATH.",
        },
  );
  checks.push(...ruleChecks(project));
  const shell = await ports.doctor(signal);
  const related = shell.filter((c) => /clipboard|hotkey|shortcut|display|notif/i.test(`${c.id} ${c.title}`));
  checks.push(...(related.length ? related : [{ id: "cursor.shell", title: "Clipboard and hotkeys", status: "skip" as const, detail: `this shell (${ports.shell}) reports no clipboard or hotkey checks` }]));
  return checks;
}
