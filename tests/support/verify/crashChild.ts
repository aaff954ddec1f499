// Child process for the crash-safety test: applies (or undoes) a multi-file change and gets SIGKILLed midway —
// by itself at a chosen journal step, or by the parent at a random moment after printing READY.
import fs from "node:fs";
import { parseAnswer } from "../../../src/engine/verify/answer/parseAnswer.js";
import { applyApproved } from "../../../src/engine/verify/apply/applyApproved.js";
import { planApply } from "../../../src/engine/verify/apply/planApply.js";
import { undoLastApply } from "../../../src/engine/verify/apply/undoLastApply.js";
import { EXECUTES_GLOBS, globMatcher, PROTECTED_GLOBS } from "../../../src/engine/verify/paths/pathRules.js";

const [project, journalRoot, mode, killAtRaw] = process.argv.slice(2) as [string, string, "apply" | "undo", string];
const killAt = Number(killAtRaw); // -1: never kill ourselves (the parent does)
let step = 0;
const onStep = (): void => {
  if (step++ === killAt) process.kill(process.pid, "SIGKILL");
};
const rules = { protectedMatcher: globMatcher(PROTECTED_GLOBS), executesMatcher: globMatcher(EXECUTES_GLOBS) };

if (mode === "apply") {
  const answer = fs.readFileSync(0, "utf8");
  const plan = await planApply({ project, parsed: parseAnswer(answer), rules });
  process.stdout.write("READY\n");
  applyApproved({ plan, approve: "all", journalRoot, rules, onStep });
} else {
  process.stdout.write("READY\n");
  undoLastApply(journalRoot, project, { onStep });
}
process.stdout.write("DONE\n");
