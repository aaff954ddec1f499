import type { LoopRunInput } from "../../../../../shared/contract/conductor.js";
import { getClient } from "../../../api/client.js";
import { useAppStore } from "../../../store/useAppStore.js";

/** Start the conductor loop from the Workflow form (task and project are shared with the ensemble form). */
export async function startLoop(): Promise<void> {
  const s = useAppStore.getState();
  const f = s.loopForm;
  const task = s.ensembleForm.task.trim();
  const project = s.ensembleForm.projectDir.trim();
  if (!project) return s.setLoopError("The loop needs a project folder: its tests decide when the code is done.");
  const input: LoopRunInput = {
    task,
    project,
    generator: f.generator,
    maxIterations: f.maxIterations,
    ...(f.autoApprove ? { autoApprove: true } : {}),
    ...(f.skipAnalysis ? { skipAnalysis: true } : {}),
    ...(f.generator === "command" && f.command.trim() ? { command: f.command.trim() } : {}),
  };
  try {
    const { runId } = await (await getClient()).call("runs.start", { kind: "conductor.loop", input });
    s.setLoopRun(runId);
  } catch (e) {
    s.setLoopError((e as Error).message);
  }
}

/** The loop's buttons mirror its hotkeys; each reports failures as a toast rather than throwing into React. */
async function act(title: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    useAppStore.getState().pushToast({ level: "error", title, message: (e as Error).message });
  }
}

/** Approve the ticked files (and the protected ones confirmed separately); the loop applies exactly those. */
export const approveLoop = (runId: string, selection: { approve: string[]; confirmProtected: string[] }): Promise<void> =>
  act("Could not approve", async () => (await getClient()).call("conductor.approve", { runId, by: "user", ...selection }));
export const rejectLoop = (runId: string): Promise<void> => act("Could not reject", async () => (await getClient()).call("conductor.reject", { runId, reason: "rejected in the app" }));
export const copyLoopPrompt = (runId: string): Promise<void> => act("Could not copy", async () => (await getClient()).call("conductor.copyPrompt", { runId }));
export const testLoopNow = (runId: string): Promise<void> => act("Could not test now", async () => (await getClient()).call("conductor.runTests", { runId }));
export const stopEverything = (): Promise<void> => act("Could not stop", async () => (await getClient()).call("conductor.stopAll", {}));
export const cancelLoop = (runId: string): Promise<void> => act("Could not cancel", async () => (await getClient()).call("runs.cancel", { runId }));

/** Hand an answer over from the paste box (or the clipboard, when empty). */
export async function captureAnswer(runId: string, text: string): Promise<void> {
  await act("Answer not taken", async () => {
    const r = await (await getClient()).call("conductor.capture", { runId, ...(text.trim() ? { text } : {}), by: "paste" });
    if (!r.accepted) throw new Error(r.reason ?? "refused");
  });
}
