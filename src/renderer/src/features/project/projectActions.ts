import type { RunInput, RunResult } from "../../../../shared/contract/methods.js";
import { parseRunResult } from "../../../../shared/rpc/runToCompletion.js";
import { call } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";
import { deriveRunState } from "./deriveRunState.js";

/** Resolve with a run's result once its events (fed into the store elsewhere) contain it; reject on error. */
function waitForRun(runId: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const st = deriveRunState(useAppStore.getState().runEvents[runId]);
      if (st.error) reject(new Error(st.error));
      else if (st.status === "cancelled") reject(new Error("Cancelled"));
      else if (st.result !== undefined) resolve(st.result);
      else return false;
      return true;
    };
    if (check()) return;
    const unsubscribe = useAppStore.subscribe(() => {
      if (check()) unsubscribe();
    });
  });
}

async function startRun<K extends "project.analyze" | "project.cursorrules" | "project.propose">(kind: K, input: RunInput<K>, slot: "analyze" | "rules" | "propose"): Promise<RunResult<K> | undefined> {
  const s = useAppStore.getState();
  s.setProjectError(null);
  try {
    const { runId } = await call("runs.start", { kind, input });
    s.setProjectRun(slot, runId);
    return parseRunResult(kind, await waitForRun(runId));
  } catch (e) {
    s.setProjectError((e as Error).message);
    return undefined;
  }
}

/** Recent projects; the first one pre-fills the folder and shows its last analysis. */
export async function loadRecentProjects(): Promise<void> {
  const s = useAppStore.getState();
  try {
    const { projects } = await call("project.recent", { limit: 10 });
    s.setRecentProjects(projects);
    if (!s.projectPath && projects[0]) {
      s.setProjectPath(projects[0].root);
      s.setSummary(await call("project.summary", { input: projects[0].outDir }));
    }
  } catch {
    // No analysis yet, or it was deleted: the view simply starts empty.
  }
}

export async function analyzeProject(): Promise<void> {
  const s = useAppStore.getState();
  const path = s.projectPath.trim();
  if (!path) return;
  const summary = await startRun("project.analyze", { path }, "analyze");
  if (summary) {
    s.setSummary(summary);
    void loadRecentProjects();
  }
}

/** Dry-run the rules: the plan with diffs is shown before anything is written. */
export async function previewRules(): Promise<void> {
  const s = useAppStore.getState();
  if (!s.summary) return;
  const r = await startRun("project.cursorrules", { input: s.summary.repoMapPath, format: s.rulesFormat, force: s.rulesForce, dryRun: true }, "rules");
  if (r) s.setRulesPlan({ files: r.files, written: false });
}

export async function writeRules(): Promise<void> {
  const s = useAppStore.getState();
  if (!s.summary) return;
  const r = await startRun("project.cursorrules", { input: s.summary.repoMapPath, format: s.rulesFormat, force: s.rulesForce }, "rules");
  if (!r) return;
  s.setRulesPlan({ files: r.files, written: true });
  const n = r.files.filter((f) => f.written).length;
  const skipped = r.files.filter((f) => f.action === "conflict").length;
  s.pushToast({ level: skipped ? "warn" : "success", title: `Rules written: ${n} file(s)`, message: skipped ? `${skipped} hand-written file(s) left alone (tick "overwrite")` : undefined });
}

export async function proposeNext(): Promise<void> {
  const s = useAppStore.getState();
  if (!s.summary) return;
  const goal = s.proposeGoal.trim();
  const r = await startRun("project.propose", { input: s.summary.repoMapPath, ...(goal ? { goal } : {}), useModel: !goal }, "propose");
  if (r) s.setProposal(r);
}

export async function cancelProjectRun(runId: string): Promise<void> {
  await call("runs.cancel", { runId });
}
