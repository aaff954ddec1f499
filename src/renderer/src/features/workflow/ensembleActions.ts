import type { EnsembleRunInput } from "../../../../shared/contract/ensemble.js";
import { parseRunResult } from "../../../../shared/rpc/runToCompletion.js";
import { getClient } from "../../api/client.js";
import { useAppStore } from "../../store/useAppStore.js";

/** Start an ensemble run from the form; its events arrive through the store's run.event feed. */
export async function startEnsembleRun(): Promise<void> {
  const s = useAppStore.getState();
  const f = s.ensembleForm;
  const input: EnsembleRunInput = {
    prompt: f.task.trim(),
    mode: f.mode,
    // No `copy`: the clipboard is written by the Copy button, or by the engine when the user turned on
    // "copy prompts automatically" (config ui.copyPrompts).
    ...(f.projectDir.trim() ? { projectDir: f.projectDir.trim() } : {}),
    ...(f.debate ? { debate: { agents: f.agents, rounds: f.rounds } } : {}),
  };
  try {
    const { runId } = await (await getClient()).call("runs.start", { kind: "ensemble.run", input });
    s.setEnsembleRun(runId);
  } catch (e) {
    s.setEnsembleError((e as Error).message);
  }
}

export async function cancelEnsembleRun(runId: string): Promise<void> {
  await (await getClient()).call("runs.cancel", { runId });
}

export async function cancelEnsembleMember(runId: string, memberId: string): Promise<void> {
  await (await getClient()).call("ensemble.cancelMember", { runId, memberId });
}

/** Fetch the stored result of a finished run (complete even when live events were capped). */
export async function fetchEnsembleResult(runId: string): Promise<void> {
  const r = await (await getClient()).call("runs.get", { runId });
  const result = parseRunResult("ensemble.run", r.result);
  if (result) useAppStore.getState().setEnsembleResult(runId, result);
}

/** Copy through the engine's clipboard port (a toast announces it); the browser clipboard is the fallback. */
export async function copyPromptText(text: string): Promise<void> {
  try {
    await (await getClient()).call("ensemble.copyPrompt", { text });
  } catch {
    await navigator.clipboard.writeText(text);
    useAppStore.getState().pushToast({ level: "success", title: "Prompt copied" });
  }
}

/** Save the prompt as a Markdown file in the data folder, to open in an editor. */
export async function savePromptFile(text: string, runId?: string): Promise<string> {
  const { path } = await (await getClient()).call("ensemble.savePrompt", { text, ...(runId ? { runId } : {}) });
  useAppStore.getState().pushToast({ level: "info", title: "Prompt saved", message: path });
  return path;
}
